package org.stripejdbc.engine.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.types.Interval;
import org.stripejdbc.types.PostgresText;
import org.stripejdbc.types.SqlType;

/**
 * Runtime value conversion with Postgres cast semantics: {@code '42'::bigint}, {@code 2.5::integer} (3, numeric
 * rounds half away from zero), {@code 2.5::float8::integer} (2, floats round half to even),
 * {@code '2024-01-01'::timestamp}, {@code attrs->'amount'::numeric}, {@code true::text} ({@code true}).
 *
 * <p>{@link #convert} also accepts the Java classes JDBC parameters commonly arrive as (Integer for a bigint,
 * Instant, BigInteger, Character...) and turns them into the runtime class of the target type.
 */
public final class Casts {
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private Casts() {}

    /**
     * Converts {@code value} (of static type {@code from}, which may be UNKNOWN) to the runtime class of
     * {@code to}; null stays null. {@code now} resolves {@code 'now'}/{@code 'today'} text.
     */
    public static Object convert(Object value, SqlType from, SqlType to, Instant now) {
        if (value == null) {
            return null;
        }
        switch (to) {
            case UNKNOWN:
                return value;
            case TEXT:
                return value instanceof String s ? s : PostgresText.castToText(value, from);
            case SMALLINT:
                return (short) toIntegral(value, to, Short.MIN_VALUE, Short.MAX_VALUE, now);
            case INTEGER:
                return (int) toIntegral(value, to, Integer.MIN_VALUE, Integer.MAX_VALUE, now);
            case BIGINT:
                return toIntegral(value, to, Long.MIN_VALUE, Long.MAX_VALUE, now);
            case NUMERIC:
                return toNumeric(value, now);
            case DOUBLE:
                return toDouble(value, to, now);
            case REAL:
                return toReal(value, now);
            case BOOLEAN:
                return toBoolean(value, from, now);
            case TIMESTAMP:
                return toTimestamp(value, now);
            case TIMESTAMPTZ:
                return toTimestampTz(value, now);
            case DATE:
                return toDate(value, now);
            case TIME:
                return toTime(value, now);
            case INTERVAL:
                if (value instanceof Interval) {
                    return value;
                }
                if (value instanceof LocalTime t) {
                    return new Interval(0, 0, t.toNanoOfDay() / 1000);
                }
                return parseOrFail(value, from, to, now);
            case JSONB:
            case JSON:
                if (value instanceof Json) {
                    return value;
                }
                if (value instanceof String s) {
                    // json keeps its input text, as Postgres stores it; jsonb is normalised.
                    return to == SqlType.JSON ? Json.parse(s).withJsonText(s) : Json.parse(s);
                }
                if (value instanceof java.util.Map || value instanceof List) {
                    return Json.of(value);
                }
                throw cannotCast(from, to);
            case UUID:
                if (value instanceof UUID) {
                    return value;
                }
                return parseOrFail(value, from, to, now);
            case ARRAY:
                if (value instanceof List<?> list) {
                    return list;
                }
                if (value instanceof Object[] array) {
                    return java.util.Arrays.asList(array.clone());
                }
                return parseOrFail(value, from, to, now);
            default:
                throw cannotCast(from, to);
        }
    }

    /** Converts each element of an array value to {@code elementType} ({@code '{1,2}'::bigint[]}). */
    public static List<Object> convertElements(List<?> list, SqlType elementType, Instant now) {
        List<Object> out = new ArrayList<>(list.size());
        for (Object element : list) {
            if (element instanceof List<?> inner) {
                out.add(convertElements(inner, elementType, now));
            } else {
                out.add(convert(element, runtimeType(element), elementType, now));
            }
        }
        return out;
    }

    /** The SQL type of a runtime value (UNKNOWN for a String, so that it parses as the target type). */
    public static SqlType runtimeType(Object value) {
        if (value == null || value instanceof String) {
            return SqlType.UNKNOWN;
        }
        if (value instanceof Long) {
            return SqlType.BIGINT;
        }
        if (value instanceof Integer) {
            return SqlType.INTEGER;
        }
        if (value instanceof Short) {
            return SqlType.SMALLINT;
        }
        if (value instanceof BigDecimal || value instanceof BigInteger) {
            return SqlType.NUMERIC;
        }
        if (value instanceof Double) {
            return SqlType.DOUBLE;
        }
        if (value instanceof Float) {
            return SqlType.REAL;
        }
        if (value instanceof Boolean) {
            return SqlType.BOOLEAN;
        }
        if (value instanceof LocalDateTime) {
            return SqlType.TIMESTAMP;
        }
        if (value instanceof OffsetDateTime || value instanceof Instant) {
            return SqlType.TIMESTAMPTZ;
        }
        if (value instanceof LocalDate) {
            return SqlType.DATE;
        }
        if (value instanceof LocalTime) {
            return SqlType.TIME;
        }
        if (value instanceof Interval) {
            return SqlType.INTERVAL;
        }
        if (value instanceof Json) {
            return SqlType.JSONB;
        }
        if (value instanceof UUID) {
            return SqlType.UUID;
        }
        if (value instanceof List) {
            return SqlType.ARRAY;
        }
        return SqlType.UNKNOWN;
    }

    private static Object parseOrFail(Object value, SqlType from, SqlType to, Instant now) {
        if (value instanceof String s) {
            return PostgresText.parse(s, to, now);
        }
        if (value instanceof Character c) {
            return PostgresText.parse(c.toString(), to, now);
        }
        throw cannotCast(from == SqlType.UNKNOWN ? runtimeType(value) : from, to);
    }

    public static StripeJdbcException cannotCast(SqlType from, SqlType to) {
        return new StripeJdbcException(
                SqlState.CANNOT_COERCE,
                "cannot cast type " + TypeRules.displayName(from) + " to " + TypeRules.displayName(to));
    }

    public static StripeJdbcException outOfRange(SqlType type) {
        return new StripeJdbcException(
                SqlState.NUMERIC_VALUE_OUT_OF_RANGE, TypeRules.displayName(type) + " out of range");
    }

    private static long toIntegral(Object value, SqlType to, long min, long max, Instant now) {
        long result;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            result = ((Number) value).longValue();
        } else if (value instanceof BigDecimal d) {
            BigDecimal rounded = d.setScale(0, RoundingMode.HALF_UP);
            if (rounded.compareTo(LONG_MIN) < 0 || rounded.compareTo(LONG_MAX) > 0) {
                throw outOfRange(to);
            }
            result = rounded.longValueExact();
        } else if (value instanceof BigInteger i) {
            if (i.bitLength() > 63) {
                throw outOfRange(to);
            }
            result = i.longValue();
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            double rounded = Math.rint(d);
            if (Double.isNaN(d) || rounded < -9.223372036854775808E18 || rounded >= 9.223372036854775808E18) {
                throw outOfRange(to);
            }
            result = (long) rounded;
        } else if (value instanceof Boolean b && to == SqlType.INTEGER) {
            result = b ? 1 : 0;
        } else if (value instanceof Json json) {
            return toIntegral(jsonNumber(json, to), to, min, max, now);
        } else if (value instanceof String || value instanceof Character) {
            return ((Number) parseOrFail(value, SqlType.UNKNOWN, to, now)).longValue();
        } else {
            throw cannotCast(runtimeType(value), to);
        }
        if (result < min || result > max) {
            throw outOfRange(to);
        }
        return result;
    }

    private static BigDecimal toNumeric(Object value, Instant now) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw StripeJdbcException.unsupported(
                        "numeric value " + PostgresText.formatDouble(d) + " (NaN/Infinity) is not supported");
            }
            // float8 → numeric keeps DBL_DIG (15) significant digits, float4 → numeric FLT_DIG (6).
            int digits = value instanceof Double ? 15 : 6;
            BigDecimal rounded = new BigDecimal(d)
                    .round(new MathContext(digits, RoundingMode.HALF_EVEN))
                    .stripTrailingZeros();
            return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
        }
        if (value instanceof Json json) {
            return jsonNumber(json, SqlType.NUMERIC);
        }
        if (value instanceof String || value instanceof Character) {
            return (BigDecimal) parseOrFail(value, SqlType.UNKNOWN, SqlType.NUMERIC, now);
        }
        throw cannotCast(runtimeType(value), SqlType.NUMERIC);
    }

    private static double toDouble(Object value, SqlType to, Instant now) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Float f) {
            // float4 → float8 goes through the shortest decimal text, as Postgres does.
            return Double.parseDouble(PostgresText.formatFloat(f));
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Json json) {
            return jsonNumber(json, to).doubleValue();
        }
        if (value instanceof String || value instanceof Character) {
            return (Double) parseOrFail(value, SqlType.UNKNOWN, SqlType.DOUBLE, now);
        }
        throw cannotCast(runtimeType(value), to);
    }

    private static float toReal(Object value, Instant now) {
        if (value instanceof Float f) {
            return f;
        }
        double d = value instanceof String || value instanceof Character
                ? (Float) parseOrFail(value, SqlType.UNKNOWN, SqlType.REAL, now)
                : toDouble(value, SqlType.REAL, now);
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw new StripeJdbcException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        return f;
    }

    private static BigDecimal jsonNumber(Json json, SqlType to) {
        BigDecimal number = json.numberValue();
        if (number == null) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    "cannot cast jsonb " + json.typeName() + " to type " + TypeRules.displayName(to));
        }
        return number;
    }

    private static Boolean toBoolean(Object value, SqlType from, Instant now) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue() != 0;
        }
        if (value instanceof String s) {
            return PostgresText.parseBoolean(s);
        }
        if (value instanceof Json json) {
            Boolean b = json.booleanValue();
            if (b == null) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE, "cannot cast jsonb " + json.typeName() + " to type boolean");
            }
            return b;
        }
        throw cannotCast(from == SqlType.UNKNOWN ? runtimeType(value) : from, SqlType.BOOLEAN);
    }

    private static LocalDateTime toTimestamp(Object value, Instant now) {
        if (value instanceof LocalDateTime t) {
            return t;
        }
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (value instanceof java.util.Date d) {
            return LocalDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC);
        }
        return (LocalDateTime) parseOrFail(value, SqlType.UNKNOWN, SqlType.TIMESTAMP, now);
    }

    private static OffsetDateTime toTimestampTz(Object value, Instant now) {
        if (value instanceof OffsetDateTime t) {
            return t.getOffset().equals(ZoneOffset.UTC) ? t : t.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime t) {
            return t.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Instant i) {
            return i.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant().atOffset(ZoneOffset.UTC);
        }
        return (OffsetDateTime) parseOrFail(value, SqlType.UNKNOWN, SqlType.TIMESTAMPTZ, now);
    }

    private static LocalDate toDate(Object value, Instant now) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        }
        if (value instanceof Instant i) {
            return LocalDate.ofInstant(i, ZoneOffset.UTC);
        }
        return (LocalDate) parseOrFail(value, SqlType.UNKNOWN, SqlType.DATE, now);
    }

    private static LocalTime toTime(Object value, Instant now) {
        if (value instanceof LocalTime t) {
            return t;
        }
        if (value instanceof LocalDateTime t) {
            return t.toLocalTime();
        }
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime();
        }
        if (value instanceof Interval i) {
            long micros = Math.floorMod(i.micros(), 86_400_000_000L);
            return LocalTime.ofNanoOfDay(micros * 1000);
        }
        return (LocalTime) parseOrFail(value, SqlType.UNKNOWN, SqlType.TIME, now);
    }
}
