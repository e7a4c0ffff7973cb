package org.stripejdbc.engine.value;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.types.Interval;

/**
 * Orders and compares non-null runtime values of one SQL type the way Postgres btree operators do: numbers by
 * value ({@code 1.0 = 1}), text by code point (the {@code C} collation), {@code false < true}, timestamps by
 * instant, intervals by their total length with 30-day months ({@code '1 month' = '30 days'}), uuids as unsigned
 * bytes, jsonb by the jsonb ordering (object > array > boolean > number > string > null), arrays element-wise.
 *
 * <p>Values of different numeric classes compare by value, so an Integer and a BigDecimal can be compared.
 * {@link #normalize} gives a value whose {@code equals}/{@code hashCode} agree with this order's equality, for
 * hashing (GROUP BY, DISTINCT, hash joins, IN lists).
 */
public final class ValueComparator {
    /** Compares two non-null values. */
    static final Comparator<Object> NATURAL = ValueComparator::compare;

    private ValueComparator() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return compareText(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y);
        }
        if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
            return x.toInstant().compareTo(y.toInstant());
        }
        if (a instanceof Interval x && b instanceof Interval y) {
            return compareIntervals(x, y);
        }
        if (a instanceof Json x && b instanceof Json y) {
            return compareJson(x, y);
        }
        if (a instanceof UUID x && b instanceof UUID y) {
            int c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
            return c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            int n = Math.min(x.size(), y.size());
            for (int i = 0; i < n; i++) {
                Object p = x.get(i);
                Object q = y.get(i);
                if (p == null || q == null) {
                    if (p != q) {
                        return p == null ? 1 : -1; // NULL elements sort last
                    }
                    continue;
                }
                int c = compare(p, q);
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        if (a instanceof Comparable && a.getClass() == b.getClass()) {
            return ((Comparable) a).compareTo(b);
        }
        throw new StripeJdbcException(
                SqlState.DATATYPE_MISMATCH,
                "cannot compare a value of type "
                        + TypeRules.displayName(Casts.runtimeType(a)) + " with a value of type "
                        + TypeRules.displayName(Casts.runtimeType(b)));
    }

    /** Code point order (Postgres "C" collation). */
    static int compareText(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    static int compareNumbers(Number a, Number b) {
        if (isIntegral(a) && isIntegral(b)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
            // Postgres: NaN is greater than every other value and equal to itself; -0 = 0.
            double x = a.doubleValue();
            double y = b.doubleValue();
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return Double.isNaN(x) ? (Double.isNaN(y) ? 0 : 1) : -1;
            }
            return x == y ? 0 : (x < y ? -1 : 1);
        }
        return toBigDecimal(a).compareTo(toBigDecimal(b));
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof java.math.BigInteger i) {
            return new BigDecimal(i);
        }
        return BigDecimal.valueOf(n.longValue());
    }

    /** Total length in microseconds, months as 30 days and days as 24 hours (Postgres interval_cmp). */
    public static java.math.BigInteger intervalSpan(Interval i) {
        return java.math.BigInteger.valueOf(i.months())
                .multiply(java.math.BigInteger.valueOf(30L * 86_400_000_000L))
                .add(java.math.BigInteger.valueOf(i.days()).multiply(java.math.BigInteger.valueOf(86_400_000_000L)))
                .add(java.math.BigInteger.valueOf(i.micros()));
    }

    private static int compareIntervals(Interval a, Interval b) {
        return intervalSpan(a).compareTo(intervalSpan(b));
    }

    private static int jsonRank(Json j) {
        switch (j.kind()) {
            case NULL:
                return 0;
            case STRING:
                return 1;
            case NUMBER:
                return 2;
            case BOOLEAN:
                return 3;
            case ARRAY:
                return 4;
            default:
                return 5;
        }
    }

    /** The jsonb btree order. */
    static int compareJson(Json a, Json b) {
        int ra = jsonRank(a);
        int rb = jsonRank(b);
        if (ra != rb) {
            // A scalar at top level is stored as a one-element raw array; Postgres orders kinds as documented.
            return Integer.compare(ra, rb);
        }
        switch (a.kind()) {
            case NULL:
                return 0;
            case STRING:
                return compareText(a.stringValue(), b.stringValue());
            case NUMBER:
                return a.numberValue().compareTo(b.numberValue());
            case BOOLEAN:
                return Boolean.compare(a.booleanValue(), b.booleanValue());
            case ARRAY: {
                if (a.size() != b.size()) {
                    return Integer.compare(a.size(), b.size());
                }
                List<Json> x = a.elements();
                List<Json> y = b.elements();
                for (int i = 0; i < x.size(); i++) {
                    int c = compareJson(x.get(i), y.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }
            default: {
                if (a.size() != b.size()) {
                    return Integer.compare(a.size(), b.size());
                }
                List<Map.Entry<String, Json>> x = new ArrayList<>(a.members().entrySet());
                List<Map.Entry<String, Json>> y = new ArrayList<>(b.members().entrySet());
                for (int i = 0; i < x.size(); i++) {
                    String kx = x.get(i).getKey();
                    String ky = y.get(i).getKey();
                    int c = Integer.compare(kx.length(), ky.length());
                    if (c == 0) {
                        c = compareText(kx, ky);
                    }
                    if (c != 0) {
                        return c;
                    }
                }
                for (int i = 0; i < x.size(); i++) {
                    int c = compareJson(x.get(i).getValue(), y.get(i).getValue());
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }
        }
    }

    /**
     * A value equal (by {@code equals}) to every value this comparator finds equal: numbers become a stripped
     * BigDecimal (or a Long when integral), -0.0 becomes 0.0, intervals their total length.
     */
    public static Object normalize(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigDecimal d) {
            BigDecimal stripped = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
            if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 18) {
                return stripped.longValueExact();
            }
            return stripped;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == 0) {
                return 0.0d;
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e18) {
                return (long) d;
            }
            return Double.isNaN(d) || Double.isInfinite(d) ? d : normalize(new BigDecimal(d));
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof Interval i) {
            return intervalSpan(i);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                out.add(normalize(element));
            }
            return out;
        }
        return value;
    }

    /**
     * {@code a IS NOT DISTINCT FROM b}: equal, NULL only to NULL ({@code notDistinct(null, null)} is true,
     * {@code notDistinct(1L, null)} false, {@code notDistinct(1L, new BigDecimal("1.0"))} true).
     */
    public static boolean notDistinct(Object a, Object b) {
        return a == null || b == null ? a == b : compare(a, b) == 0;
    }

    /** A hashable key for several values (normalized), for GROUP BY, DISTINCT and joins. */
    public static List<Object> key(Object[] values) {
        Object[] normalized = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            normalized[i] = normalize(values[i]);
        }
        return Arrays.asList(normalized);
    }
}
