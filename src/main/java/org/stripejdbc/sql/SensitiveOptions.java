package org.stripejdbc.sql;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Security: which OPTIONS carry secrets, and how statement records print them ({@code ****}). */
final class SensitiveOptions {
    private static final Set<String> SECRET_OPTIONS = Set.of("api_key", "client_secret", "password", "secret");

    private SensitiveOptions() {
    }

    static String maskValue(String option, String value) {
        return value != null && SECRET_OPTIONS.contains(option.toLowerCase(Locale.ROOT)) ? "****" : value;
    }

    static Map<String, String> mask(Map<String, String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        options.forEach((k, v) -> out.put(k, maskValue(k, v)));
        return out;
    }
}
