package org.stripejdbc.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.UUID;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * Checks of plain server option values, run on CREATE and ALTER SERVER. Upstream checks these only when a query
 * runs; failing at DDL time points at the statement at fault. Same texts as upstream where it has one:
 * <ul>
 *   <li>{@code api_url}: an absolute http(s) URL, else {@code 22023 parse url failed: ...};</li>
 *   <li>{@code max_response_size}: a non-negative integer, else {@code 22023 option `max_response_size` cannot be
 *       parsed as usize};</li>
 *   <li>{@code api_key_id}: a UUID, else {@code 22P02 invalid input syntax for type uuid: "..."};</li>
 *   <li>no value may look like a Stripe secret key ({@link SensitiveOptions#requireNoKey}).</li>
 * </ul>
 * Unknown options are accepted silently, as upstream does.
 */
final class ServerRules {
    private ServerRules() {}

    static void checkPlainOption(String server, String option, String value) {
        String owner = "server " + server;
        SensitiveOptions.requireNoKey(option, value, owner);
        switch (option) {
            case "api_url" -> {
                String reason = urlProblem(value);
                if (reason != null) {
                    throw new StripeJdbcException(
                            SqlState.INVALID_PARAMETER_VALUE,
                            "parse url failed: " + reason + " (option api_url of " + owner + ": '" + value + "')");
                }
            }
            case "max_response_size" -> {
                boolean valid;
                try {
                    valid = Long.parseLong(value.strip()) >= 0;
                } catch (NumberFormatException e) {
                    valid = false;
                }
                if (!valid) {
                    throw new StripeJdbcException(
                            SqlState.INVALID_PARAMETER_VALUE,
                            "option `max_response_size` cannot be parsed as usize: '" + value + "' (" + owner + ")");
                }
            }
            case "api_key_id" -> {
                try {
                    UUID.fromString(value.strip());
                } catch (IllegalArgumentException e) {
                    throw new StripeJdbcException(
                            SqlState.INVALID_TEXT_REPRESENTATION,
                            "invalid input syntax for type uuid: \"" + value + "\" (option api_key_id of " + owner
                                    + "; it takes the id returned by insert into vault.secrets ... returning key_id)");
                }
            }
            default -> {
                // accepted as written
            }
        }
    }

    /** Why {@code value} is not a usable base URL, or null when it is. */
    static String urlProblem(String value) {
        try {
            URI uri = new URI(value.strip());
            if (uri.getScheme() == null) {
                return "relative URL without a base";
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "scheme " + scheme + " is not http or https";
            }
            if (uri.getHost() == null) {
                return "empty host";
            }
            return null;
        } catch (URISyntaxException e) {
            return e.getMessage();
        }
    }
}
