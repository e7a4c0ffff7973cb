package org.stripejdbc.vault;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that may reach a user or a log: error messages echoing SQL or a server's answer,
 * EXPLAIN output. It masks
 * <ul>
 *   <li>anything shaped like a Stripe secret: {@code sk_live_…}, {@code sk_test_…}, {@code rk_live_…},
 *       {@code rk_test_…} keep their prefix and last four characters ({@code sk_test_...wxyz}),
 *       {@code whsec_…} becomes {@code whsec_****};</li>
 *   <li>values registered with {@link #register} (vault secrets, API keys the catalog decrypted), wherever they
 *       appear;</li>
 *   <li>the value after a sensitive name, as the original FDW's {@code sanitize_error_message} does:
 *       {@code api_key=…}, {@code password: …}, {@code client_secret=…}, {@code token=…}, and the SQL option form
 *       {@code api_key '…'};</li>
 *   <li>HTTP credentials: {@code Bearer …}, {@code Basic …}.</li>
 * </ul>
 * Example: {@code redact("invalid api_key 'sk_test_51Habcdefwxyz' for acct")} is
 * {@code "invalid api_key '****' for acct"}.
 *
 * <p>Thread-safe; registration is cumulative.
 */
public final class Redactor {
    private static final Pattern STRIPE_KEY =
            Pattern.compile("\\b(?:(?:sk|rk)_(?:live|test)_[0-9A-Za-z]+|whsec_[0-9A-Za-z+/=]+)");
    private static final Pattern NAMED_VALUE = Pattern.compile(
            "(?i)\\b(api_key|client_secret|secret|password|passwd|token|access_token|refresh_token)"
                    + "(\\s*[=:]\\s*)(['\"]?)([^\\s'\"&,;)]+)");
    private static final Pattern SQL_OPTION = Pattern.compile("(?i)\\b(api_key|client_secret|password)(\\s+)'((?:[^']|'')*)'");
    /** HTTP credentials: {@code Authorization: Bearer sk_...}, {@code Basic dXNlcjpwYXNz}. */
    private static final Pattern CREDENTIALS = Pattern.compile(
            "(?i)(\\bbearer\\s+|\\bauthorization\\s*[:=]\\s*basic\\s+)([^\\s'\",;]+)");
    /** Shorter values are not registered: masking every occurrence of a three-letter word would ruin messages. */
    static final int MINIMUM_REGISTERED_LENGTH = 5;
    private static final String MASK = "****";

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /** Whether {@code text} contains something shaped like a Stripe secret key or webhook secret. */
    public static boolean containsStripeKey(String text) {
        return text != null && STRIPE_KEY.matcher(text).find();
    }

    /** Masks {@code secret}'s value wherever it appears in later {@link #redact} calls. */
    public void register(Secret secret) {
        Objects.requireNonNull(secret, "secret");
        String value = secret.reveal();
        if (value.length() >= MINIMUM_REGISTERED_LENGTH) {
            known.add(value);
        }
    }

    /** The text with every secret masked; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (!known.isEmpty()) {
            List<String> longestFirst = known.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
            for (String value : longestFirst) {
                if (out.contains(value)) {
                    out = out.replace(value, maskKnown(value));
                }
            }
        }
        out = replace(STRIPE_KEY, out, m -> mask(m.group()));
        out = replace(SQL_OPTION, out, m -> m.group(1) + m.group(2) + "'" + MASK + "'");
        out = replace(CREDENTIALS, out, m -> m.group(1) + MASK);
        out = replace(NAMED_VALUE, out, m -> m.group(1) + m.group(2) + m.group(3) + maskNamed(m.group(4)));
        return out;
    }

    private static String maskKnown(String value) {
        String masked = Secret.mask(value);
        return masked.equals(MASK) ? MASK : masked;
    }

    private static String mask(String stripeSecret) {
        if (stripeSecret.startsWith("whsec_")) {
            return "whsec_" + MASK;
        }
        return Secret.mask(stripeSecret);
    }

    private static String maskNamed(String value) {
        // Already masked by an earlier step: keep the informative masked form.
        if (value.equals(MASK) || value.contains("...") || value.endsWith(MASK)) {
            return value;
        }
        return MASK;
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
