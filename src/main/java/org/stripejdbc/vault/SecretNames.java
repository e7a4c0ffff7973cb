package org.stripejdbc.vault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Security: the one rule for which names hold secrets, whatever names them: a server or table option
 * ({@code api_key}), a connection property the driver does not know ({@code stripeApiKey}), a {@code name=value}
 * pair in a message ({@code password: hunter2}). The catalog seals the server options it names, statement records
 * and {@link Redactor} mask their values, {@code DatabaseMetaData.getURL()} leaves out the URL properties it names.
 *
 * <p>A name is secret when, lower-cased and with {@code _ - .} and spaces removed, it ends with one of
 * {@link #SECRET_ENDINGS}, except {@code key} alone (too common a word: "primary key", "jsonb key"). So
 * <pre>
 *   secret:      api_key, apiKey, stripe_api_key, client_secret, secret, password, passwd, token, access_token,
 *                refresh_token, vault_key
 *   not secret:  api_key_id, api_key_name (they name a vault secret; they are not one), key, api_url, object
 * </pre>
 */
public final class SecretNames {
    /** The endings that make a name secret (see the class comment for {@code key}). */
    public static final List<String> SECRET_ENDINGS = List.of("key", "secret", "password", "passwd", "token");
    /** What a secret value shows as. */
    public static final String MASK = "****";

    private SecretNames() {}

    /** Whether values under {@code name} are secrets; null is not a name. */
    public static boolean isSecret(String name) {
        if (name == null) {
            return false;
        }
        String compact = name.toLowerCase(Locale.ROOT).replaceAll("[_\\-. ]", "");
        if (compact.equals("key")) {
            return false;
        }
        for (String ending : SECRET_ENDINGS) {
            if (compact.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    /** {@code value}, or {@link #MASK} when {@code name} is secret; null stays null. */
    public static String maskValue(String name, String value) {
        return value != null && isSecret(name) ? MASK : value;
    }

    /** A copy of {@code options} (order kept) with every secret value masked, for printing. */
    public static Map<String, String> mask(Map<String, String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        options.forEach((name, value) -> out.put(name, maskValue(name, value)));
        return out;
    }
}
