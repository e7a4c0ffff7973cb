package org.stripejdbc.engine.function;

import static org.stripejdbc.types.SqlType.ARRAY;
import static org.stripejdbc.types.SqlType.INTEGER;
import static org.stripejdbc.types.SqlType.JSON;
import static org.stripejdbc.types.SqlType.JSONB;
import static org.stripejdbc.types.SqlType.TEXT;
import static org.stripejdbc.types.SqlType.UNKNOWN;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.types.Interval;
import org.stripejdbc.types.PostgresText;
import org.stripejdbc.types.SqlType;

/**
 * jsonb operators and functions over {@link Json}: {@code ->}, {@code ->>}, {@code #>}, {@code #>>}, {@code ||},
 * {@code -}, {@code @>}, {@code ?}, and {@code jsonb_array_length}, {@code jsonb_typeof},
 * {@code jsonb_extract_path[_text]}, {@code to_jsonb}, {@code jsonb_build_object}, {@code jsonb_build_array},
 * {@code jsonb_strip_nulls}, {@code jsonb_pretty} (and their {@code json_} twins), and the SQL/JSON path functions
 * {@code jsonb_path_query_first}, {@code jsonb_path_query_array}, {@code jsonb_path_exists} (see {@link JsonPath}).
 *
 * <p>Example: for {@code attrs = {"lines": {"data": [{"amount": 5}]}}}, {@code attrs #> '{lines,data}'} is
 * {@code [{"amount": 5}]} and {@code attrs #>> '{lines,data,0,amount}'} is the text {@code 5}.
 */
public final class JsonFunctions {
    private JsonFunctions() {}

    static void register(FunctionRegistry.Builder b) {
        for (SqlType type : List.of(JSONB, JSON)) {
            String prefix = type == JSONB ? "jsonb" : "json";
            b.add(prefix + "_array_length", List.of(type), INTEGER, (a, e) -> arrayLength((Json) a[0]));
            b.add(prefix + "_typeof", List.of(type), TEXT, (a, e) -> ((Json) a[0]).typeName());
            b.add(new FunctionRegistry.Overload(
                    prefix + "_extract_path",
                    List.of(type),
                    TEXT,
                    type,
                    true,
                    (a, e) -> path((Json) a[0], textSteps(a, 1))));
            b.add(new FunctionRegistry.Overload(
                    prefix + "_extract_path_text",
                    List.of(type),
                    TEXT,
                    TEXT,
                    true,
                    (a, e) -> text(path((Json) a[0], textSteps(a, 1)))));
            boolean json = type == JSON;
            b.add(new FunctionRegistry.Overload(
                    prefix + "_build_object",
                    List.of(),
                    UNKNOWN,
                    type,
                    false,
                    (a, e) -> json ? buildObject(a).withJsonText(objectText(a, "{", "}")) : buildObject(a)));
            b.add(new FunctionRegistry.Overload(
                    prefix + "_build_array",
                    List.of(),
                    UNKNOWN,
                    type,
                    false,
                    (a, e) ->
                            json ? buildArray(a).withJsonText(arrayText(java.util.Arrays.asList(a))) : buildArray(a)));
            b.add(prefix + "_strip_nulls", List.of(type), type, (a, e) -> stripNulls((Json) a[0]));
        }
        b.add(new FunctionRegistry.Overload("to_jsonb", List.of(UNKNOWN), null, JSONB, true, (a, e) -> toJson(a[0])));
        b.add(new FunctionRegistry.Overload("to_json", List.of(UNKNOWN), null, JSON, true, (a, e) -> asJson(a[0])));
        // row_to_json(c) and to_json(c) of a whole row, as CallCompiler writes them: the compact object of its columns.
        b.add(new FunctionRegistry.Overload(ROW_TO_JSON, List.of(), UNKNOWN, JSON, false, (a, e) -> {
            Json object = buildObject(a);
            return object.withJsonText(object.toCompactString());
        }));
        b.add("jsonb_pretty", List.of(JSONB), TEXT, (a, e) -> pretty((Json) a[0]));
        b.add("jsonb_path_query_first", List.of(JSONB, TEXT), JSONB, (a, e) -> {
            List<Json> items = JsonPath.parse((String) a[1]).evaluate((Json) a[0]);
            return items.isEmpty() ? null : items.get(0);
        });
        b.add(
                "jsonb_path_query_array",
                List.of(JSONB, TEXT),
                JSONB,
                (a, e) -> Json.of(
                        new ArrayList<Object>(JsonPath.parse((String) a[1]).evaluate((Json) a[0]))));
        b.add(
                "jsonb_path_match",
                List.of(JSONB, TEXT),
                SqlType.BOOLEAN,
                (a, e) -> JsonPath.parse((String) a[1]).match((Json) a[0]));
        b.add(
                "jsonb_set",
                List.of(JSONB, ARRAY, JSONB),
                JSONB,
                (a, e) -> JsonEdit.set((Json) a[0], a[1], (Json) a[2], true));
        b.add(
                "jsonb_set",
                List.of(JSONB, ARRAY, JSONB, SqlType.BOOLEAN),
                JSONB,
                (a, e) -> JsonEdit.set((Json) a[0], a[1], (Json) a[2], (Boolean) a[3]));
        b.add(
                "jsonb_insert",
                List.of(JSONB, ARRAY, JSONB),
                JSONB,
                (a, e) -> JsonEdit.insert((Json) a[0], a[1], (Json) a[2], false));
        b.add(
                "jsonb_insert",
                List.of(JSONB, ARRAY, JSONB, SqlType.BOOLEAN),
                JSONB,
                (a, e) -> JsonEdit.insert((Json) a[0], a[1], (Json) a[2], (Boolean) a[3]));
        b.add(
                "jsonb_path_exists",
                List.of(JSONB, TEXT),
                SqlType.BOOLEAN,
                (a, e) -> !JsonPath.parse((String) a[1]).evaluate((Json) a[0]).isEmpty());
    }

    /** {@code -> key}. */
    static Json get(Json json, String key) {
        return json.get(key);
    }

    /** {@code -> index}; negative counts from the end. */
    static Json get(Json json, int index) {
        return json.get(index);
    }

    /** {@code ->>}: text of the element, JSON null as SQL NULL. */
    public static String text(Json json) {
        return json == null ? null : json.asText();
    }

    /** {@code #>} with a text array path; a NULL step gives NULL. */
    public static Json path(Json json, List<?> steps) {
        List<String> path = new ArrayList<>(steps.size());
        for (Object step : steps) {
            if (step == null) {
                return null;
            }
            path.add(step instanceof String s ? s : PostgresText.format(step));
        }
        return json.path(path);
    }

    private static List<Object> textSteps(Object[] arguments, int from) {
        List<Object> steps = new ArrayList<>();
        for (int i = from; i < arguments.length; i++) {
            steps.add(arguments[i]);
        }
        return steps;
    }

    private static int arrayLength(Json json) {
        if (!json.isArray()) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    json.isObject() ? "cannot get array length of a non-array" : "cannot get array length of a scalar");
        }
        return json.size();
    }

    /** {@code a || b}: objects merge (right wins), otherwise both sides as arrays, concatenated. */
    public static Json concat(Json a, Json b) {
        if (a.isObject() && b.isObject()) {
            Map<String, Object> merged = new LinkedHashMap<>(a.members());
            merged.putAll(b.members());
            return Json.of(merged);
        }
        List<Object> elements = new ArrayList<>();
        if (a.isArray()) {
            elements.addAll(a.elements());
        } else {
            elements.add(a);
        }
        if (b.isArray()) {
            elements.addAll(b.elements());
        } else {
            elements.add(b);
        }
        return Json.of(elements);
    }

    /** {@code jsonb - 'key'}: the object without that key, or the array without string elements equal to it. */
    public static Json remove(Json json, String key) {
        if (json.isObject()) {
            Map<String, Object> members = new LinkedHashMap<>(json.members());
            members.remove(key);
            return Json.of(members);
        }
        if (json.isArray()) {
            List<Object> kept = new ArrayList<>();
            for (Json element : json.elements()) {
                if (!key.equals(element.stringValue())) {
                    kept.add(element);
                }
            }
            return Json.of(kept);
        }
        throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
    }

    /** {@code jsonb - index}: the array without that element. */
    public static Json remove(Json json, int index) {
        if (!json.isArray()) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    json.isObject() ? "cannot delete from object using integer index" : "cannot delete from scalar");
        }
        List<Json> elements = new ArrayList<>(json.elements());
        int i = index < 0 ? elements.size() + index : index;
        if (i >= 0 && i < elements.size()) {
            elements.remove(i);
        }
        return Json.of(elements);
    }

    /** {@code ?|} / {@code ?&} over a text array. */
    public static boolean hasKeys(Json json, List<?> keys, boolean all) {
        for (Object key : keys) {
            if (key == null) {
                continue;
            }
            boolean has = json.hasKey(key.toString());
            if (all && !has) {
                return false;
            }
            if (!all && has) {
                return true;
            }
        }
        return all;
    }

    /** The internal name of the object of a whole row as {@code json} ({@code row_to_json(c)}). */
    public static final String ROW_TO_JSON = "#row_to_json";

    /** {@code to_json(value)}: as {@link #toJson}, printed compact, except that a jsonb keeps its jsonb text. */
    private static Json asJson(Object value) {
        if (value instanceof Json json) {
            return json.jsonText() != null ? json : json.withJsonText(json.toString());
        }
        Json json = toJson(value);
        return json.withJsonText(json.toCompactString());
    }

    /**
     * The text of a value inside a {@code json} value a builder makes, as Postgres writes it: a json value's own
     * text, a jsonb value's jsonb text ({@code {"a": 1}}), anything else in its compact JSON form.
     */
    public static String memberText(Object value) {
        if (value instanceof Json json) {
            return json.jsonText() != null ? json.jsonText() : json.toString();
        }
        return value == null ? "null" : toJson(value).toCompactString();
    }

    /** {@code json_build_object}'s text: {@code {"a" : 1, "b" : [1,2]}} (every pair, duplicate keys included). */
    private static String objectText(Object[] arguments, String open, String close) {
        StringBuilder out = new StringBuilder(open);
        for (int i = 0; i + 1 < arguments.length; i += 2) {
            out.append(i > 0 ? ", " : "");
            Object key = arguments[i];
            out.append(Json.of(key instanceof String k ? k : PostgresText.format(key))
                    .toCompactString());
            out.append(" : ").append(memberText(arguments[i + 1]));
        }
        return out.append(close).toString();
    }

    /** {@code json_build_array}'s and {@code json_agg}'s text: {@code [1, "a", null]}. */
    public static String arrayText(List<?> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i > 0 ? ", " : "").append(memberText(values.get(i)));
        }
        return out.append(']').toString();
    }

    /** {@code json_object_agg}'s text: {@code { "a" : 1, "b" : 2 }} (every pair, duplicate keys included). */
    public static String aggregatedObjectText(List<String> keys, List<Object> values) {
        if (keys.isEmpty()) {
            return "{ }";
        }
        Object[] pairs = new Object[keys.size() * 2];
        for (int i = 0; i < keys.size(); i++) {
            pairs[2 * i] = keys.get(i);
            pairs[2 * i + 1] = values.get(i);
        }
        return objectText(pairs, "{ ", " }");
    }

    /** {@code to_jsonb(value)}: numbers and booleans as themselves, date/time values as ISO strings. */
    static Json toJson(Object value) {
        return Json.of(toJsonValue(value));
    }

    private static Object toJsonValue(Object value) {
        if (value == null
                || value instanceof Json
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return PostgresText.format(value);
            }
            return new BigDecimal(PostgresText.format(value));
        }
        if (value instanceof LocalDateTime t) {
            return isoLocal(t);
        }
        if (value instanceof OffsetDateTime t) {
            return isoLocal(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()) + "+00:00";
        }
        if (value instanceof LocalDate d) {
            return d.format(DateTimeFormatter.ISO_LOCAL_DATE);
        }
        if (value instanceof LocalTime || value instanceof Interval) {
            return PostgresText.format(value);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                out.add(toJsonValue(element));
            }
            return out;
        }
        return PostgresText.format(value);
    }

    private static String isoLocal(LocalDateTime t) {
        String text = PostgresText.format(t);
        return text.replace(' ', 'T');
    }

    private static Json buildObject(Object[] arguments) {
        if (arguments.length % 2 != 0) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE, "argument list must have even number of elements");
        }
        Map<String, Object> members = new LinkedHashMap<>();
        for (int i = 0; i < arguments.length; i += 2) {
            if (arguments[i] == null) {
                throw new StripeJdbcException(
                        SqlState.NULL_VALUE_NOT_ALLOWED, "argument " + (i + 1) + ": key must not be null");
            }
            String key = arguments[i] instanceof String s ? s : PostgresText.format(arguments[i]);
            members.remove(key);
            members.put(key, toJsonValue(arguments[i + 1]));
        }
        return Json.of(members);
    }

    private static Json buildArray(Object[] arguments) {
        List<Object> elements = new ArrayList<>(arguments.length);
        for (Object argument : arguments) {
            elements.add(toJsonValue(argument));
        }
        return Json.of(elements);
    }

    private static Json stripNulls(Json json) {
        if (json.isObject()) {
            Map<String, Object> members = new LinkedHashMap<>();
            for (Map.Entry<String, Json> member : json.members().entrySet()) {
                if (!member.getValue().isNull()) {
                    members.put(member.getKey(), stripNulls(member.getValue()));
                }
            }
            return Json.of(members);
        }
        if (json.isArray()) {
            List<Object> elements = new ArrayList<>();
            for (Json element : json.elements()) {
                elements.add(stripNulls(element));
            }
            return Json.of(elements);
        }
        return json;
    }

    /** {@code jsonb_pretty}: four-space indentation, one member or element per line. */
    static String pretty(Json json) {
        StringBuilder out = new StringBuilder();
        pretty(json, out, 0);
        return out.toString();
    }

    private static void pretty(Json json, StringBuilder out, int level) {
        if ((json.isObject() || json.isArray()) && json.size() == 0) {
            // Postgres breaks the line of an empty container too: "[\n]" at the container's indentation.
            out.append(json.isObject() ? "{\n" : "[\n")
                    .append("    ".repeat(level))
                    .append(json.isObject() ? '}' : ']');
        } else if (json.isObject()) {
            out.append("{\n");
            int i = 0;
            for (Map.Entry<String, Json> member : json.members().entrySet()) {
                out.append("    ".repeat(level + 1))
                        .append(Json.of(member.getKey()))
                        .append(": ");
                pretty(member.getValue(), out, level + 1);
                out.append(++i < json.size() ? ",\n" : "\n");
            }
            out.append("    ".repeat(level)).append('}');
        } else if (json.isArray()) {
            out.append("[\n");
            List<Json> elements = json.elements();
            for (int i = 0; i < elements.size(); i++) {
                out.append("    ".repeat(level + 1));
                pretty(elements.get(i), out, level + 1);
                out.append(i + 1 < elements.size() ? ",\n" : "\n");
            }
            out.append("    ".repeat(level)).append(']');
        } else {
            out.append(json);
        }
    }
}
