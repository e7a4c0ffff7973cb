package org.stripejdbc.vault;

import java.util.Objects;

/**
 * A secret value (an API key, a vault secret). {@link #toString()} never shows it: it prints the masked form
 * ({@code sk_test_...abcd}). Only code that must send the secret calls {@link #reveal()}.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** Security: the plain value. Call only where the secret leaves the process (HTTP header) or is encrypted. */
    public String reveal() {
        return value;
    }

    /** The masked form: a Stripe key keeps its prefix and last four characters; anything else is {@code ****}. */
    public String masked() {
        return mask(value);
    }

    /**
     * Masks a secret for display: {@code sk_test_51Habc...wxyz} becomes {@code sk_test_...wxyz}; a value of 12
     * characters or fewer, or with no recognisable prefix, becomes {@code ****} plus nothing of the value.
     */
    public static String mask(String value) {
        if (value == null) {
            return null;
        }
        int prefixEnd = -1;
        for (String prefix : new String[] {"sk_test_", "sk_live_", "rk_test_", "rk_live_", "pk_test_", "pk_live_"}) {
            if (value.startsWith(prefix)) {
                prefixEnd = prefix.length();
            }
        }
        if (prefixEnd < 0 || value.length() <= prefixEnd + 8) {
            return "****";
        }
        return value.substring(0, prefixEnd) + "..." + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
