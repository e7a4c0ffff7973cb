package org.stripejdbc.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;

/**
 * The Postgres text form of runtime values (what {@code psql} prints and what {@code ::text} and the input
 * functions use), for every runtime class listed in {@link SqlType}.
 *
 * <p>Examples: {@code format(1700000000L)} is {@code 1700000000}; {@code format(LocalDateTime.of(2023,11,14,22,13,20))}
 * is {@code 2023-11-14 22:13:20}; {@code format(true)} is {@code t} (while {@code true::text} is {@code true}, see
 * {@link #castToText}); {@code format(1e20)} is {@code 1e+20}; {@code format(List.of("a", "b c"))} is
 * {@code {a,"b c"}}. {@code parse("42", BIGINT, now)} is {@code 42L}; {@code parse("abc", BIGINT, now)} throws
 * {@code 22P02 invalid input syntax for type bigint: "abc"}.
 */
public final class PostgresText {
    /** Decimal text as Postgres' numeric and floating-point input read it: {@code 12}, {@code -1.5}, {@code .5e3}. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private PostgresText() {}

    // ---------------------------------------------------------------- output

    /** The output text of a value as Postgres prints it; {@code null} for SQL NULL. jsonb text for Json. */
    public static String format(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b ? "t" : "f";
        }
        return formatNonBoolean(value, false);
    }

    /**
     * The text of a value of {@code type}: as {@link #format(Object)}, except that {@code json} keeps its compact
     * form rather than the normalised jsonb form.
     */
    public static String format(Object value, SqlType type) {
        if (value instanceof Json json && type == SqlType.JSON) {
            return json.toCompactString();
        }
        return format(value);
    }

    /** What {@code value::text} gives: as {@link #format(Object, SqlType)} but booleans are {@code true}/{@code false}.
     * */
    public static String castToText(Object value, SqlType type) {
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        return format(value, type);
    }

    private static String formatNonBoolean(Object value, boolean inArray) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double d) {
            return formatDouble(d);
        }
        if (value instanceof Float f) {
            return formatFloat(f);
        }
        if (value instanceof LocalDateTime t) {
            return DateTimeOutput.formatTimestamp(t);
        }
        if (value instanceof OffsetDateTime t) {
            return DateTimeOutput.formatTimestampTz(t);
        }
        if (value instanceof LocalDate d) {
            return DateTimeOutput.formatDate(d);
        }
        if (value instanceof LocalTime t) {
            return DateTimeOutput.formatTime(t);
        }
        if (value instanceof Interval i) {
            return DateTimeOutput.formatInterval(i);
        }
        if (value instanceof List<?> list) {
            return formatArray(list);
        }
        if (value instanceof Boolean b) {
            return b ? "t" : "f";
        }
        return value.toString();
    }

    /** {@code {1,2,NULL,"a b"}}: elements quoted when empty, containing special characters, or spelled NULL. */
    public static String formatArray(List<?> list) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object element = list.get(i);
            if (element == null) {
                out.append("NULL");
            } else if (element instanceof List<?> inner) {
                out.append(formatArray(inner));
            } else {
                String text = element instanceof String s ? s : formatNonBoolean(element, true);
                if (needsQuotes(text)) {
                    out.append('"');
                    for (int c = 0; c < text.length(); c++) {
                        char ch = text.charAt(c);
                        if (ch == '"' || ch == '\\') {
                            out.append('\\');
                        }
                        out.append(ch);
                    }
                    out.append('"');
                } else {
                    out.append(text);
                }
            }
        }
        return out.append('}').toString();
    }

    private static boolean needsQuotes(String text) {
        if (text.isEmpty() || text.equalsIgnoreCase("NULL")) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }

    /** {@code double precision} output: shortest exact digits, exponent form below 1e-4 and from 1e15. */
    public static String formatDouble(double value) {
        return formatFloating(value, false, 15);
    }

    /** {@code real} output: shortest exact digits, exponent form below 1e-4 and from 1e6. */
    public static String formatFloat(float value) {
        return formatFloating(value, true, 6);
    }

    /** The shortest decimal that reads back as the same double (or float), as Postgres 12+ prints. */
    private static BigDecimal shortest(double value, boolean single) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            boolean same = single ? candidate.floatValue() == (float) value : candidate.doubleValue() == value;
            if (same) {
                return candidate;
            }
        }
        return exact;
    }

    private static String formatFloating(double value, boolean single, int digits) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        BigDecimal exact = shortest(value, single).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent < -4 || exponent >= digits) {
            String unscaled = exact.unscaledValue().abs().toString();
            StringBuilder out = new StringBuilder();
            if (exact.signum() < 0) {
                out.append('-');
            }
            out.append(unscaled.charAt(0));
            if (unscaled.length() > 1) {
                out.append('.').append(unscaled, 1, unscaled.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int magnitude = Math.abs(exponent);
            if (magnitude < 10) {
                out.append('0');
            }
            out.append(magnitude);
            return out.toString();
        }
        return exact.toPlainString();
    }

    // ---------------------------------------------------------------- input

    /**
     * Parses text as a value of {@code type} with the Postgres input function of that type. {@code now} resolves
     * the special date/time words ({@code 'now'}, {@code 'today'}). Arrays parse as lists of text elements.
     * Errors: {@code 22P02} (numbers, booleans, json, uuid), {@code 22007}/{@code 22008} (date/time),
     * {@code 22003} (number out of range).
     */
    public static Object parse(String text, SqlType type, Instant now) {
        Objects.requireNonNull(text, "text");
        switch (type) {
            case TEXT:
            case UNKNOWN:
                return text;
            case SMALLINT:
                return (short) parseIntegral(text, type, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER:
                return (int) parseIntegral(text, type, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT:
                return parseIntegral(text, type, Long.MIN_VALUE, Long.MAX_VALUE);
            case NUMERIC:
                return parseNumeric(text);
            case REAL:
                return (float) parseDouble(text, type);
            case DOUBLE:
                return parseDouble(text, type);
            case BOOLEAN:
                return parseBoolean(text);
            case TIMESTAMP:
                return DateTimeInput.parseTimestamp(text, now);
            case TIMESTAMPTZ:
                return DateTimeInput.parseTimestampTz(text, now);
            case DATE:
                return DateTimeInput.parseDate(text, now);
            case TIME:
                return DateTimeInput.parseTime(text);
            case INTERVAL:
                return DateTimeInput.parseInterval(text);
            case JSONB:
            case JSON:
                return Json.parse(text);
            case UUID:
                return parseUuid(text);
            case ARRAY:
                return parseArray(text);
            default:
                throw new IllegalArgumentException("no input function for " + type);
        }
    }

    private static long parseIntegral(String text, SqlType type, long min, long max) {
        String s = text.trim();
        if (!s.matches("[+-]?\\d+")) {
            throw invalid(type, text);
        }
        BigInteger value = new BigInteger(s.startsWith("+") ? s.substring(1) : s);
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new StripeJdbcException(
                    SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value \"" + text + "\" is out of range for type " + type.postgresName());
        }
        return value.longValue();
    }

    private static BigDecimal parseNumeric(String text) {
        String s = text.trim();
        if (!DECIMAL.matcher(s).matches()) {
            if (specialDouble(s) != null) {
                throw StripeJdbcException.unsupported("numeric value \"" + text + "\" (NaN/Infinity) is not supported");
            }
            throw invalid(SqlType.NUMERIC, text);
        }
        BigDecimal value = new BigDecimal(s);
        if (value.scale() < 0) {
            value = value.setScale(0);
        }
        return value;
    }

    /**
     * The value of Postgres' special floating-point input, in any case: {@code NaN}, and {@code Infinity} or
     * {@code inf} with an optional sign ({@code specialDouble("-Infinity")} is negative infinity); null for any other
     * text, such as {@code 1.5} or {@code +NaN}.
     */
    public static Double specialDouble(String trimmed) {
        switch (trimmed.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "infinity":
            case "+infinity":
            case "inf":
            case "+inf":
                return Double.POSITIVE_INFINITY;
            case "-infinity":
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return null;
        }
    }

    private static double parseDouble(String text, SqlType type) {
        String s = text.trim();
        Double special = specialDouble(s);
        if (special != null) {
            return special;
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw invalid(type, text);
        }
        double value = Double.parseDouble(s);
        if (Double.isInfinite(value)) {
            throw new StripeJdbcException(
                    SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + text + "\" is out of range for type " + type.postgresName());
        }
        if (type == SqlType.REAL && Float.isInfinite((float) value)) {
            throw new StripeJdbcException(
                    SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "\"" + text + "\" is out of range for type real");
        }
        return value;
    }

    /**
     * Postgres boolean input: {@code t/true/y/yes/on/1} and {@code f/false/n/no/off/0}, case-insensitive, any
     * unambiguous prefix of the words, surrounding blanks ignored.
     */
    public static boolean parseBoolean(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (!s.isEmpty()) {
            if ("true".startsWith(s) || "yes".startsWith(s) || s.equals("1")) {
                return true;
            }
            if ("false".startsWith(s) || "no".startsWith(s) || s.equals("0")) {
                return false;
            }
            if (s.length() >= 2 && "on".startsWith(s)) {
                return true;
            }
            if (s.length() >= 2 && "off".startsWith(s)) {
                return false;
            }
        }
        throw invalid(SqlType.BOOLEAN, text);
    }

    private static UUID parseUuid(String text) {
        String hex = text.trim().replace("-", "");
        if (hex.startsWith("{") && hex.endsWith("}")) {
            hex = hex.substring(1, hex.length() - 1);
        }
        if (!hex.matches("[0-9a-fA-F]{32}")) {
            throw invalid(SqlType.UUID, text);
        }
        return new UUID(
                Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    /**
     * Parses an array literal ({@code {a,"b c",NULL}}, nested braces for several dimensions) into a list of text
     * elements (null for an unquoted NULL).
     */
    public static List<Object> parseArray(String text) {
        String s = text.trim();
        if (!s.startsWith("{")) {
            throw new StripeJdbcException(
                    SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + text + "\"");
        }
        int[] position = {0};
        List<Object> result = parseArrayLevel(s, position, text);
        skipBlanks(s, position);
        if (position[0] != s.length()) {
            throw new StripeJdbcException(
                    SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + text + "\"");
        }
        return result;
    }

    private static List<Object> parseArrayLevel(String s, int[] position, String text) {
        List<Object> out = new ArrayList<>();
        position[0]++; // '{'
        skipBlanks(s, position);
        if (position[0] < s.length() && s.charAt(position[0]) == '}') {
            position[0]++;
            return out;
        }
        while (true) {
            skipBlanks(s, position);
            if (position[0] >= s.length()) {
                throw malformed(text);
            }
            char c = s.charAt(position[0]);
            if (c == '{') {
                out.add(parseArrayLevel(s, position, text));
            } else if (c == '"') {
                StringBuilder element = new StringBuilder();
                position[0]++;
                while (true) {
                    if (position[0] >= s.length()) {
                        throw malformed(text);
                    }
                    char ch = s.charAt(position[0]++);
                    if (ch == '\\') {
                        if (position[0] >= s.length()) {
                            throw malformed(text);
                        }
                        element.append(s.charAt(position[0]++));
                    } else if (ch == '"') {
                        break;
                    } else {
                        element.append(ch);
                    }
                }
                out.add(element.toString());
            } else {
                StringBuilder element = new StringBuilder();
                while (position[0] < s.length()) {
                    char ch = s.charAt(position[0]);
                    if (ch == ',' || ch == '}') {
                        break;
                    }
                    if (ch == '{' || ch == '"') {
                        throw malformed(text);
                    }
                    if (ch == '\\' && position[0] + 1 < s.length()) {
                        position[0]++;
                        ch = s.charAt(position[0]);
                    }
                    element.append(ch);
                    position[0]++;
                }
                String value = element.toString().trim();
                if (value.isEmpty()) {
                    throw malformed(text);
                }
                out.add(value.equalsIgnoreCase("NULL") ? null : value);
            }
            skipBlanks(s, position);
            if (position[0] >= s.length()) {
                throw malformed(text);
            }
            char separator = s.charAt(position[0]++);
            if (separator == '}') {
                return out;
            }
            if (separator != ',') {
                throw malformed(text);
            }
        }
    }

    private static void skipBlanks(String s, int[] position) {
        while (position[0] < s.length() && Character.isWhitespace(s.charAt(position[0]))) {
            position[0]++;
        }
    }

    private static StripeJdbcException malformed(String text) {
        return new StripeJdbcException(
                SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + text + "\"");
    }

    private static StripeJdbcException invalid(SqlType type, String text) {
        return new StripeJdbcException(
                SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + type.postgresName() + ": \"" + text + "\"");
    }
}
