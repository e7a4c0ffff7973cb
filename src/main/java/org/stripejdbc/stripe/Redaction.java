package org.stripejdbc.stripe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stripejdbc.vault.Secret;

/**
 * Security: removes Stripe credentials from text that is about to become part of an exception message or a
 * log line (Stripe error messages, excerpts of response bodies, I/O error texts).
 *
 * <p>Every token that looks like a Stripe key ({@code sk_live_…}, {@code sk_test_…}, {@code rk_…},
 * {@code pk_…}, {@code whsec_…}) is replaced by its masked form ({@code sk_test_...abcd}, or {@code ****} for a
 * short one), and so is the client's own API key wherever it appears, whatever its shape (emulator keys have no
 * Stripe prefix). Example: {@code "bad key sk_test_51HxYzAbCdEfGh1234"} → {@code "bad key sk_test_...1234"}.
 */
final class Redaction {
    private static final Pattern STRIPE_KEY =
            Pattern.compile("\\b(?:(?:sk|rk|pk)_(?:live|test)|whsec)_[A-Za-z0-9]+");

    private Redaction() {
    }

    /** The text with every Stripe-key-shaped token masked; {@code null} stays {@code null}. */
    static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher matcher = STRIPE_KEY.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            matcher.appendReplacement(out, Matcher.quoteReplacement(Secret.mask(matcher.group())));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    /** {@link #redact(String)}, and also masks every occurrence of {@code apiKey}'s exact value. */
    static String redact(String text, Secret apiKey) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        if (apiKey != null && !apiKey.reveal().isEmpty()) {
            result = result.replace(apiKey.reveal(), apiKey.masked());
        }
        return redact(result);
    }
}
