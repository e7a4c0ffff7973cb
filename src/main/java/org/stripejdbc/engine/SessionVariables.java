package org.stripejdbc.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * {@code SET}/{@code SHOW}/{@code RESET} of session settings. {@code search_path} changes name resolution;
 * {@code TimeZone} accepts only UTC (the engine computes in UTC); other settings tools send
 * ({@code application_name}, {@code client_encoding}, {@code extra_float_digits}, {@code statement_timeout}...)
 * are remembered and shown back.
 */
final class SessionVariables {
    private final SearchPath searchPath;
    private final Map<String, String> values = new LinkedHashMap<>();

    SessionVariables(SearchPath searchPath) {
        this.searchPath = searchPath;
        defaults();
    }

    private void defaults() {
        values.clear();
        values.put("timezone", "UTC");
        values.put("datestyle", "ISO, MDY");
        values.put("client_encoding", "UTF8");
        values.put("server_version", "15.0 (stripe-jdbc)");
        values.put("standard_conforming_strings", "on");
        values.put("transaction_isolation", "read committed");
        values.put("intervalstyle", "postgres");
    }

    void set(String name, List<String> newValues) {
        String key = normalise(name);
        if (key.equals("search_path")) {
            searchPath.set(newValues);
            return;
        }
        String value = String.join(", ", newValues);
        if (key.equals("timezone") || key.equals("time zone")) {
            String zone = value.replace("'", "").trim();
            if (!zone.equalsIgnoreCase("utc") && !zone.equalsIgnoreCase("gmt") && !zone.equals("0")
                    && !zone.equalsIgnoreCase("etc/utc") && !zone.equalsIgnoreCase("default")) {
                throw new StripeJdbcException(SqlState.FEATURE_NOT_SUPPORTED,
                        "SET TimeZone to '" + zone + "' is not supported: stripe-jdbc computes timestamps in UTC");
            }
            values.put("timezone", "UTC");
            return;
        }
        values.put(key, value);
    }

    void reset(String name) {
        String key = normalise(name);
        if (key.equals("all")) {
            defaults();
            return;
        }
        values.remove(key);
    }

    String show(String name) {
        String key = normalise(name);
        if (key.equals("search_path")) {
            return searchPath.show();
        }
        if (key.equals("time zone")) {
            key = "timezone";
        }
        String value = values.get(key);
        if (value == null) {
            throw new StripeJdbcException(SqlState.UNDEFINED_OBJECT,
                    "unrecognized configuration parameter \"" + name + "\"");
        }
        return value;
    }

    private static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
