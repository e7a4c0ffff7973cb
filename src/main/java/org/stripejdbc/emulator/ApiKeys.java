package org.stripejdbc.emulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Security: masking of API keys for the request log and error messages. A key keeps its kind prefix and last
 * four characters, nothing else: {@code sk_test_51Abc...wxyz} → {@code sk_test_...wxyz}; a short or unknown key
 * becomes {@code sk_test_...} or {@code ***}.
 */
final class ApiKeys {
    private static final Pattern PREFIX = Pattern.compile("^((?:sk|rk|pk)_(?:test|live)_)(.*)$");

    private ApiKeys() {}

    static String mask(String key) {
        if (key == null || key.isEmpty()) {
            return "***";
        }
        Matcher matcher = PREFIX.matcher(key);
        if (!matcher.matches()) {
            return "***";
        }
        String rest = matcher.group(2);
        return matcher.group(1) + "..." + (rest.length() >= 12 ? rest.substring(rest.length() - 4) : "");
    }

    /** Masks an {@code Authorization} header value, keeping its scheme: {@code Bearer sk_test_...wxyz}. */
    static String maskAuthorization(String value) {
        if (value == null) {
            return null;
        }
        int space = value.indexOf(' ');
        if (space < 0) {
            return "***";
        }
        String scheme = value.substring(0, space);
        if (scheme.equalsIgnoreCase("Bearer")) {
            return scheme + " " + mask(value.substring(space + 1).trim());
        }
        return scheme + " ***";
    }
}
