package org.stripejdbc.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.modify.ModifySettings;

/**
 * {@code SET}/{@code SHOW}/{@code RESET} of session settings. {@code search_path} changes name resolution;
 * {@code TimeZone} accepts only UTC (the engine computes in UTC); the write guards {@code stripe.safe_updates}
 * ({@code on}/{@code off}) and {@code stripe.max_write_rows} (a row count, 0 = no cap) are validated and start from
 * the connection properties {@code safe_updates} and {@code max_write_rows} (RESET goes back to them); other
 * settings tools send ({@code application_name}, {@code client_encoding}, {@code extra_float_digits},
 * {@code statement_timeout}...) are remembered and shown back.
 * <pre>
 *   set stripe.safe_updates = off      show stripe.safe_updates  → off
 *   set stripe.max_write_rows to 5000  show stripe.max_write_rows → 5000
 *   set stripe.max_write_rows = -1     → 22023 invalid value for parameter "stripe.max_write_rows": "-1"
 * </pre>
 */
final class SessionVariables {
    private final SearchPath searchPath;
    private final ModifySettings modifyDefaults;
    private final Map<String, String> values = new LinkedHashMap<>();
    private volatile ModifySettings modifySettings;

    SessionVariables(SearchPath searchPath) {
        this(searchPath, ModifySettings.DEFAULT);
    }

    SessionVariables(SearchPath searchPath, ModifySettings modifyDefaults) {
        this.searchPath = searchPath;
        this.modifyDefaults = modifyDefaults;
        defaults();
    }

    /** The write guards now in force. */
    ModifySettings modifySettings() {
        return modifySettings;
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
        setModifySettings(modifyDefaults);
    }

    private void setModifySettings(ModifySettings settings) {
        modifySettings = settings;
        values.put(ModifySettings.SAFE_UPDATES, settings.safeUpdates() ? "on" : "off");
        values.put(ModifySettings.MAX_WRITE_ROWS, Long.toString(settings.maxWriteRows()));
    }

    void set(String name, List<String> newValues) {
        String key = normalise(name);
        if (key.equals("search_path")) {
            searchPath.set(newValues);
            return;
        }
        String value = String.join(", ", newValues);
        if (key.equals(ModifySettings.SAFE_UPDATES)) {
            setModifySettings(new ModifySettings(bool(key, value), modifySettings.maxWriteRows()));
            return;
        }
        if (key.equals(ModifySettings.MAX_WRITE_ROWS)) {
            setModifySettings(new ModifySettings(modifySettings.safeUpdates(), rows(key, value)));
            return;
        }
        if (key.equals("timezone") || key.equals("time zone")) {
            String zone = value.replace("'", "").trim();
            if (!zone.equalsIgnoreCase("utc")
                    && !zone.equalsIgnoreCase("gmt")
                    && !zone.equals("0")
                    && !zone.equalsIgnoreCase("etc/utc")
                    && !zone.equalsIgnoreCase("default")) {
                throw new StripeJdbcException(
                        SqlState.FEATURE_NOT_SUPPORTED,
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
        if (key.equals(ModifySettings.SAFE_UPDATES)) {
            setModifySettings(new ModifySettings(modifyDefaults.safeUpdates(), modifySettings.maxWriteRows()));
            return;
        }
        if (key.equals(ModifySettings.MAX_WRITE_ROWS)) {
            setModifySettings(new ModifySettings(modifySettings.safeUpdates(), modifyDefaults.maxWriteRows()));
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
            throw new StripeJdbcException(
                    SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
        }
        return value;
    }

    private static boolean bool(String name, String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "on":
            case "true":
            case "yes":
            case "1":
            case "t":
                return true;
            case "off":
            case "false":
            case "no":
            case "0":
            case "f":
                return false;
            default:
                throw invalid(name, value, "on or off");
        }
    }

    private static long rows(String name, String value) {
        try {
            long rows = Long.parseLong(value.trim());
            if (rows >= 0) {
                return rows;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, value, "a number of rows, 0 for no cap");
    }

    private static StripeJdbcException invalid(String name, String value, String expected) {
        return new StripeJdbcException(
                SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"" + name + "\": \"" + value + "\" (expected " + expected + ")");
    }

    private static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
