package org.stripejdbc.engine.function;

import static org.stripejdbc.types.SqlType.ARRAY;
import static org.stripejdbc.types.SqlType.INTEGER;
import static org.stripejdbc.types.SqlType.UNKNOWN;

import java.util.ArrayList;
import java.util.List;
import org.stripejdbc.engine.value.ValueComparator;
import org.stripejdbc.types.PostgresText;

/**
 * Array functions of one-dimensional arrays, positions counted from 1 as in Postgres: {@code array_position},
 * {@code array_positions}, {@code array_upper}, {@code array_lower}, {@code array_append}, {@code array_prepend},
 * {@code array_cat} and {@code array_remove}. Elements compare as {@code IS NOT DISTINCT FROM} (a NULL finds a NULL).
 *
 * <p>Examples: {@code array_position(array['a', 'b'], 'b')} is 2; {@code array_remove(array[1, 2, 1], 1)} is
 * {@code {2}}; {@code array_upper('{}'::int[], 1)} is NULL.
 */
final class ArrayFunctions {
    private ArrayFunctions() {}

    static void register(FunctionRegistry.Builder b) {
        b.add(new FunctionRegistry.Overload(
                "array_position", List.of(ARRAY, UNKNOWN), null, INTEGER, false, (a, e) -> position(a, 1)));
        b.add(new FunctionRegistry.Overload(
                "array_position",
                List.of(ARRAY, UNKNOWN, INTEGER),
                null,
                INTEGER,
                false,
                (a, e) -> a[2] == null ? null : position(a, (Integer) a[2])));
        b.add(new FunctionRegistry.Overload(
                "array_positions", List.of(ARRAY, UNKNOWN), null, ARRAY, false, (a, e) -> positions(a)));
        b.add("array_upper", List.of(ARRAY, INTEGER), INTEGER, (a, e) -> bound((List<?>) a[0], (Integer) a[1], true));
        b.add("array_lower", List.of(ARRAY, INTEGER), INTEGER, (a, e) -> bound((List<?>) a[0], (Integer) a[1], false));
        b.add(new FunctionRegistry.Overload("array_append", List.of(ARRAY, UNKNOWN), null, ARRAY, false, (a, e) -> {
            List<Object> out = a[0] == null ? new ArrayList<>() : new ArrayList<>((List<?>) a[0]);
            out.add(a[1]);
            return out;
        }));
        b.add(new FunctionRegistry.Overload("array_prepend", List.of(UNKNOWN, ARRAY), null, ARRAY, false, (a, e) -> {
            List<Object> out = new ArrayList<>();
            out.add(a[0]);
            if (a[1] != null) {
                out.addAll((List<?>) a[1]);
            }
            return out;
        }));
        b.add(new FunctionRegistry.Overload("array_cat", List.of(ARRAY, ARRAY), null, ARRAY, false, (a, e) -> {
            if (a[0] == null || a[1] == null) {
                return a[0] == null ? a[1] : a[0];
            }
            List<Object> out = new ArrayList<>((List<?>) a[0]);
            out.addAll((List<?>) a[1]);
            return out;
        }));
        b.add(new FunctionRegistry.Overload("array_remove", List.of(ARRAY, UNKNOWN), null, ARRAY, false, (a, e) -> {
            if (a[0] == null) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (Object element : (List<?>) a[0]) {
                if (!same(element, a[1])) {
                    out.add(element);
                }
            }
            return out;
        }));
    }

    private static Integer position(Object[] a, int start) {
        if (a[0] == null) {
            return null;
        }
        List<?> list = (List<?>) a[0];
        for (int i = Math.max(start, 1) - 1; i < list.size(); i++) {
            if (same(list.get(i), a[1])) {
                return i + 1;
            }
        }
        return null;
    }

    private static List<Object> positions(Object[] a) {
        if (a[0] == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        List<?> list = (List<?>) a[0];
        for (int i = 0; i < list.size(); i++) {
            if (same(list.get(i), a[1])) {
                out.add(i + 1);
            }
        }
        return out;
    }

    private static Integer bound(List<?> list, int dimension, boolean upper) {
        if (list.isEmpty() || dimension < 1) {
            return null;
        }
        if (dimension > 1) {
            Object first = list.get(0);
            return first instanceof List<?> inner ? bound(inner, dimension - 1, upper) : null;
        }
        return upper ? list.size() : 1;
    }

    /** IS NOT DISTINCT FROM, comparing values of different Java classes (an int[] element and a bigint) by value. */
    static boolean same(Object x, Object y) {
        if (x == null || y == null) {
            return x == y;
        }
        if (x.getClass() == y.getClass() || (x instanceof Number && y instanceof Number)) {
            return ValueComparator.compare(x, y) == 0;
        }
        return PostgresText.format(x).equals(PostgresText.format(y));
    }
}
