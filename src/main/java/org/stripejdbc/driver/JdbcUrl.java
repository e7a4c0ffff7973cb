package org.stripejdbc.driver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.stripejdbc.config.ConnectionProperty;
import org.stripejdbc.config.PropertyCheck;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.SecretNames;

/**
 * A parsed {@code jdbc:stripe:} URL.
 * <pre>
 *   jdbc:stripe:                         default on-disk catalog (~/.stripe-jdbc/default)
 *   jdbc:stripe:mem:demo                 in-memory catalog "demo", shared by this JVM's connections
 *   jdbc:stripe:file:/data/catalog       catalog directory
 *   jdbc:stripe:/data/catalog            the same
 *   jdbc:stripe:mem:demo?api_key=sk_test_...&amp;schema=stripe   properties after '?', '&amp;'-separated
 * </pre>
 * Properties given through {@code java.util.Properties} win over the URL's.
 */
record JdbcUrl(String catalogSpec, Map<String, String> properties) {
    static final String PREFIX = "jdbc:stripe:";

    JdbcUrl {
        Objects.requireNonNull(catalogSpec, "catalogSpec");
        properties = Map.copyOf(properties);
    }

    static boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    static JdbcUrl parse(String url, Properties info) {
        if (!accepts(url)) {
            throw new StripeJdbcException(
                    SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
                    "not a stripe-jdbc URL (expected jdbc:stripe:...)");
        }
        String rest = url.substring(PREFIX.length());
        Map<String, String> properties = new LinkedHashMap<>();
        int question = rest.indexOf('?');
        if (question >= 0) {
            parseQuery(rest.substring(question + 1), properties);
            rest = rest.substring(0, question);
        }
        if (info != null) {
            for (String name : info.stringPropertyNames()) {
                String key = ConnectionProperty.byKey(name)
                        .map(ConnectionProperty::key)
                        .orElse(name);
                String value = info.getProperty(name);
                if (value.isEmpty() && properties.containsKey(key)) {
                    continue; // an empty password field must not hide the URL's key
                }
                properties.put(key, value);
            }
        }
        return new JdbcUrl(rest.trim(), properties);
    }

    private static void parseQuery(String query, Map<String, String> into) {
        for (String pair : query.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            String key =
                    ConnectionProperty.byKey(name).map(ConnectionProperty::key).orElse(name);
            into.put(key, value);
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new StripeJdbcException(
                    SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
                    "malformed percent-encoding in the connection URL's properties");
        }
    }

    /**
     * Checks the properties when the connection opens: a bad value of a known property fails now (22023 naming it),
     * and a misspelt name ({@code read_timout}) gives a warning naming the closest property. Avatica's own
     * properties ({@code timeZone}, {@code fetchSize}...) and every other unknown name are accepted silently.
     */
    List<String> checkProperties() {
        return PropertyCheck.check(properties, AVATICA_PROPERTIES);
    }

    private static final Set<String> AVATICA_PROPERTIES = avaticaProperties();

    private static Set<String> avaticaProperties() {
        Set<String> names = new HashSet<>();
        for (BuiltInConnectionProperty p : BuiltInConnectionProperty.values()) {
            names.add(p.camelName());
        }
        return Set.copyOf(names);
    }

    /**
     * Security: the URL as {@code DatabaseMetaData.getURL()} shows it: the catalog part and the names of the
     * non-secret properties with their values; secret values are never shown.
     */
    String display() {
        StringBuilder out = new StringBuilder(PREFIX).append(catalogSpec);
        String separator = "?";
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            boolean secret = ConnectionProperty.byKey(e.getKey())
                    .map(ConnectionProperty::isSecret)
                    .orElse(SecretNames.isSecret(e.getKey()));
            if (secret) {
                continue;
            }
            out.append(separator).append(e.getKey()).append('=').append(e.getValue());
            separator = "&";
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return display();
    }
}
