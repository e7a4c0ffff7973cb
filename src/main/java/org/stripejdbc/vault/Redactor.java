package org.stripejdbc.vault;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Security: removes secrets from text that may reach a user or a log: error messages echoing SQL, a server's
 * answer or an I/O error, EXPLAIN output. The one redactor of the driver; it masks
 * <ul>
 *   <li>anything shaped like a Stripe key: {@code sk_live_…}, {@code sk_test_…}, {@code rk_live_…},
 *       {@code rk_test_…}, {@code pk_live_…}, {@code pk_test_…} keep their prefix and last four characters
 *       ({@code sk_test_...wxyz}; {@code ****} when 8 characters or fewer follow the prefix); {@code whsec_…}
 *       becomes {@code whsec_****};</li>
 *   <li>values registered with {@link #register} (vault secrets, API keys the catalog decrypted) and the value
 *       given to {@link #redactShapes(String, Secret)} (a client's own key, whatever its shape), wherever they
 *       appear;</li>
 *   <li>the value after a secret name ({@link SecretNames}), as the original FDW's {@code sanitize_error_message}
 *       does: {@code api_key=…}, {@code password: …}, {@code client_secret=…}, {@code token=…}, and the SQL option
 *       form {@code api_key '…'};</li>
 *   <li>HTTP credentials: {@code Bearer …}, {@code Basic …}.</li>
 * </ul>
 * Example: {@code redact("invalid api_key 'sk_test_51Habcdefwxyz' for acct")} is
 * {@code "invalid api_key '****' for acct"}.
 *
 * <p>The static {@link #redactShapes} methods mask everything recognisable without knowing a value (for code that
 * holds no catalog, such as the HTTP client); an instance adds the values registered with it (each catalog location
 * has one). Thread-safe; registration is cumulative.
 */
public final class Redactor {
    /** Every Stripe key shape; publishable keys ({@code pk_}) are masked too, but are not secret keys. */
    private static final Pattern KEY_SHAPE =
            Pattern.compile("\\b(?:(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z_]+|whsec_[0-9A-Za-z_+/=]+)");
    /** {@code name = value}, {@code name: value}; masked when the name is secret. */
    private static final Pattern NAMED_VALUE =
            Pattern.compile("\\b([A-Za-z][A-Za-z0-9_]*)(\\s*[=:]\\s*)(['\"]?)([^\\s'\"&,;)]+)");
    /** The SQL option form {@code name 'value'}; masked when the name is secret. */
    private static final Pattern SQL_OPTION = Pattern.compile("\\b([A-Za-z][A-Za-z0-9_]*)(\\s+)'((?:[^']|'')*)'");
    /** HTTP credentials: {@code Authorization: Bearer sk_...}, {@code Basic dXNlcjpwYXNz}. */
    private static final Pattern CREDENTIALS =
            Pattern.compile("(?i)(\\bbearer\\s+|\\bauthorization\\s*[:=]\\s*basic\\s+)([^\\s'\",;]+)");
    /** Shorter values are not registered: masking every occurrence of a three-letter word would ruin messages. */
    static final int MINIMUM_REGISTERED_LENGTH = 5;

    private static final String MASK = SecretNames.MASK;

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /**
     * Whether {@code text} contains a Stripe secret key or webhook secret ({@code sk_}, {@code rk_},
     * {@code whsec_}); a publishable key ({@code pk_}) is public and does not count.
     */
    public static boolean containsSecretKey(String text) {
        if (text == null) {
            return false;
        }
        Matcher m = KEY_SHAPE.matcher(text);
        while (m.find()) {
            if (!m.group().startsWith("pk_")) {
                return true;
            }
        }
        return false;
    }

    /** The text with everything recognisable by its shape masked (keys, secret-named values, credentials). */
    public static String redactShapes(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = replace(KEY_SHAPE, text, m -> maskKey(m.group()));
        out = replace(
                SQL_OPTION,
                out,
                m -> SecretNames.isSecret(m.group(1)) ? m.group(1) + m.group(2) + "'" + MASK + "'" : m.group());
        out = replace(CREDENTIALS, out, m -> m.group(1) + MASK);
        out = replace(
                NAMED_VALUE,
                out,
                m -> SecretNames.isSecret(m.group(1))
                        ? m.group(1) + m.group(2) + m.group(3) + maskNamed(m.group(4))
                        : m.group());
        return out;
    }

    /**
     * {@link #redactShapes(String)}, after masking every occurrence of {@code secret}'s value whatever its shape
     * (emulator keys have no Stripe prefix). Example: {@code redactShapes("key my-emulator-key used",
     * Secret.of("my-emulator-key"))} is {@code "key **** used"}.
     */
    public static String redactShapes(String text, Secret secret) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (secret != null && !secret.reveal().isEmpty()) {
            out = out.replace(secret.reveal(), secret.masked());
        }
        return redactShapes(out);
    }

    /** Masks {@code secret}'s value wherever it appears in later {@link #redact} calls. */
    public void register(Secret secret) {
        Objects.requireNonNull(secret, "secret");
        String value = secret.reveal();
        if (value.length() >= MINIMUM_REGISTERED_LENGTH) {
            known.add(value);
        }
    }

    /** The text with the registered values masked, then {@link #redactShapes(String)}; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (!known.isEmpty()) {
            List<String> longestFirst = known.stream()
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    .toList();
            for (String value : longestFirst) {
                if (out.contains(value)) {
                    out = out.replace(value, Secret.mask(value));
                }
            }
        }
        return redactShapes(out);
    }

    private static String maskKey(String key) {
        if (key.startsWith("whsec_")) {
            return "whsec_" + MASK;
        }
        return Secret.mask(key);
    }

    private static String maskNamed(String value) {
        // Already masked by an earlier step: keep the informative masked form.
        if (value.equals(MASK) || value.contains("...") || value.endsWith(MASK)) {
            return value;
        }
        return MASK;
    }

    private static String replace(Pattern pattern, String text, Function<Matcher, String> replacement) {
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
