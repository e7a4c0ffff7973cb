package org.stripejdbc.engine.function;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.value.Arithmetic;
import org.stripejdbc.engine.value.Casts;
import org.stripejdbc.engine.value.ValueComparator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.types.Interval;
import org.stripejdbc.types.SqlType;

/**
 * The rows of the set-returning functions: {@code jsonb_array_elements}, {@code jsonb_array_elements_text},
 * {@code jsonb_each}, {@code jsonb_each_text}, {@code jsonb_object_keys} (and the {@code json_} twins),
 * {@code generate_series} (integers, numerics, timestamps) and {@code unnest}. Each factory gives the
 * {@link Generator} of one function for arguments already checked and converted to its parameter types (the planner's
 * {@code SetReturningCompiler} does that, and names the columns). Rows are generated lazily.
 *
 * <p>Example: {@code numberSeries(INTEGER).rows(new Object[] {1, 3}, environment)} yields {@code [1]}, {@code [2]},
 * {@code [3]}; {@code elements(true)} over the jsonb {@code [1, "a"]} yields {@code ["1"]}, {@code ["a"]}.
 */
public final class SetReturningFunctions {
    /** Produces the rows for evaluated, non-null arguments. */
    @FunctionalInterface
    public interface Generator {
        Iterator<Object[]> rows(Object[] arguments, Environment environment);
    }

    private SetReturningFunctions() {}

    /**
     * The parameters and the one result column of a set-returning function the planner compiles generically:
     * {@code regexp_matches(text, text[, text])} (a text[] per match: all with the flag {@code g}, else the first),
     * {@code regexp_split_to_table(text, text[, text])} (the pieces between matches) and
     * {@code jsonb_path_query(jsonb, jsonpath)} (each item the path selects).
     */
    public record Signature(List<SqlType> parameters, String column, SqlType columnType, Generator generator) {}

    /** The signature of {@code name} with {@code arity} arguments, or null when it has none. */
    public static Signature signature(String name, int arity) {
        List<SqlType> text =
                arity == 3 ? List.of(SqlType.TEXT, SqlType.TEXT, SqlType.TEXT) : List.of(SqlType.TEXT, SqlType.TEXT);
        switch (name) {
            case "regexp_matches":
                return arity == 2 || arity == 3
                        ? new Signature(text, name, SqlType.ARRAY, (args, env) -> regexpMatches(args))
                        : null;
            case "regexp_split_to_table":
                return arity == 2 || arity == 3
                        ? new Signature(text, name, SqlType.TEXT, (args, env) -> regexpSplit(args))
                        : null;
            case "jsonb_path_query":
                return arity == 2
                        ? new Signature(
                                List.of(SqlType.JSONB, SqlType.TEXT),
                                name,
                                SqlType.JSONB,
                                (args, env) -> map(
                                        JsonPath.parse((String) args[1])
                                                .evaluate((Json) args[0])
                                                .iterator(),
                                        item -> new Object[] {item}))
                        : null;
            default:
                return null;
        }
    }

    private static String flags(Object[] args, String name) {
        String flags = args.length > 2 ? (String) args[2] : "";
        for (char c : flags.toCharArray()) {
            if ("gi".indexOf(c) < 0) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE,
                        "invalid regular expression option: \"" + c + "\" in " + name);
            }
        }
        return flags;
    }

    private static Iterator<Object[]> regexpMatches(Object[] args) {
        String s = (String) args[0];
        String flags = flags(args, "regexp_matches");
        Matcher m = Patterns.regex((String) args[1], flags.indexOf('i') >= 0).matcher(s);
        List<Object[]> rows = new ArrayList<>();
        int from = 0;
        while (from <= s.length() && m.find(from)) {
            List<Object> groups = new ArrayList<>();
            if (m.groupCount() == 0) {
                groups.add(m.group());
            } else {
                for (int g = 1; g <= m.groupCount(); g++) {
                    groups.add(m.group(g));
                }
            }
            rows.add(new Object[] {groups});
            if (flags.indexOf('g') < 0) {
                break;
            }
            from = m.end() > m.start() ? m.end() : m.end() + 1;
        }
        return rows.iterator();
    }

    /** Postgres' split: zero-length matches at either end or right after a match are ignored. */
    private static Iterator<Object[]> regexpSplit(Object[] args) {
        String s = (String) args[0];
        String flags = flags(args, "regexp_split_to_table");
        if (flags.indexOf('g') >= 0) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE, "regexp_split_to_table() does not support the \"global\" option");
        }
        Matcher m = Patterns.regex((String) args[1], flags.indexOf('i') >= 0).matcher(s);
        List<Object[]> rows = new ArrayList<>();
        int pieceStart = 0;
        int from = 0;
        while (from < s.length() && m.find(from)) {
            boolean empty = m.start() == m.end();
            if (empty && (m.start() == 0 || m.start() == s.length() || (m.start() == pieceStart && pieceStart > 0))) {
                from = m.start() + 1;
                continue;
            }
            rows.add(new Object[] {s.substring(pieceStart, m.start())});
            pieceStart = m.end();
            from = empty ? m.end() + 1 : m.end();
        }
        rows.add(new Object[] {s.substring(pieceStart)});
        return rows.iterator();
    }

    /** {@code jsonb_array_elements(json)} (or {@code _text} when {@code asText}): one row per array element. */
    public static Generator elements(boolean asText) {
        return (args, env) -> elements((Json) args[0], asText);
    }

    /** {@code jsonb_each(json)} (or {@code _text}): one {@code (key, value)} row per object member. */
    public static Generator each(String name, boolean asText) {
        return (args, env) -> each(name, (Json) args[0], asText);
    }

    /** {@code jsonb_object_keys(json)}: one row per key. */
    public static Generator objectKeys(String name) {
        return (args, env) -> objectKeys(name, (Json) args[0]);
    }

    /** {@code generate_series(start, stop[, step])} over integers or numerics of {@code type}. */
    public static Generator numberSeries(SqlType type) {
        return (args, env) -> numberSeries(args, type);
    }

    /** {@code generate_series(start, stop, step interval)} over timestamps (with or without time zone). */
    public static Generator timeSeries() {
        return (args, env) -> timeSeries(args[0], args[1], (Interval) args[2]);
    }

    /** {@code unnest(array)}: one row per element, nested arrays flattened, each element read as {@code element}. */
    public static Generator unnest(SqlType element) {
        return (args, env) -> {
            List<Object> flat = new ArrayList<>();
            flatten((List<?>) args[0], flat);
            return map(flat.iterator(), value -> new Object[] {
                value == null ? null : Casts.convert(value, Casts.runtimeType(value), element, env.statementTime())
            });
        };
    }

    private static Iterator<Object[]> elements(Json json, boolean asText) {
        if (!json.isArray()) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    json.isObject()
                            ? "cannot extract elements from an object"
                            : "cannot extract elements from a scalar");
        }
        Iterator<Json> elements = json.elements().iterator();
        return map(elements, element -> new Object[] {asText ? element.asText() : element});
    }

    private static Iterator<Object[]> each(String name, Json json, boolean asText) {
        if (!json.isObject()) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + name + " on a non-object");
        }
        Iterator<Map.Entry<String, Json>> members = json.members().entrySet().iterator();
        return map(members, member ->
                new Object[] {member.getKey(), asText ? member.getValue().asText() : member.getValue()});
    }

    private static Iterator<Object[]> objectKeys(String name, Json json) {
        if (!json.isObject()) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    "cannot call " + name + " on " + (json.isArray() ? "an array" : "a scalar"));
        }
        return map(json.keys().iterator(), key -> new Object[] {key});
    }

    private static <T> Iterator<Object[]> map(Iterator<T> source, java.util.function.Function<T, Object[]> mapper) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public Object[] next() {
                return mapper.apply(source.next());
            }
        };
    }

    private static Iterator<Object[]> numberSeries(Object[] args, SqlType type) {
        if (type == SqlType.NUMERIC) {
            BigDecimal start = (BigDecimal) args[0];
            BigDecimal stop = (BigDecimal) args[1];
            BigDecimal step = args.length > 2 ? (BigDecimal) args[2] : BigDecimal.ONE;
            if (step.signum() == 0) {
                throw stepZero();
            }
            return new Iterator<>() {
                private BigDecimal next = start;

                @Override
                public boolean hasNext() {
                    return step.signum() > 0 ? next.compareTo(stop) <= 0 : next.compareTo(stop) >= 0;
                }

                @Override
                public Object[] next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    BigDecimal value = next;
                    next = next.add(step);
                    return new Object[] {value};
                }
            };
        }
        long start = ((Number) args[0]).longValue();
        long stop = ((Number) args[1]).longValue();
        long step = args.length > 2 ? ((Number) args[2]).longValue() : 1;
        if (step == 0) {
            throw stepZero();
        }
        return new Iterator<>() {
            private long next = start;
            private boolean done = step > 0 ? start > stop : start < stop;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public Object[] next() {
                if (done) {
                    throw new NoSuchElementException();
                }
                long value = next;
                try {
                    next = Math.addExact(next, step);
                    done = step > 0 ? next > stop : next < stop;
                } catch (ArithmeticException e) {
                    done = true;
                }
                return new Object[] {Arithmetic.boxIntegral(value, type)};
            }
        };
    }

    private static Iterator<Object[]> timeSeries(Object start, Object stop, Interval step) {
        if (step.months() == 0 && step.days() == 0 && step.micros() == 0) {
            throw stepZero();
        }
        boolean forward = ValueComparator.intervalSpan(step).signum() > 0;
        return new Iterator<>() {
            private Object next = start;

            @Override
            public boolean hasNext() {
                int c = ValueComparator.compare(next, stop);
                return forward ? c <= 0 : c >= 0;
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object value = next;
                next = value instanceof LocalDateTime t
                        ? Arithmetic.plus(t, step)
                        : Arithmetic.plus((OffsetDateTime) value, step);
                return new Object[] {value};
            }
        };
    }

    private static StripeJdbcException stepZero() {
        return new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
    }

    private static void flatten(List<?> list, List<Object> out) {
        for (Object element : list) {
            if (element instanceof List<?> inner) {
                flatten(inner, out);
            } else {
                out.add(element);
            }
        }
    }
}
