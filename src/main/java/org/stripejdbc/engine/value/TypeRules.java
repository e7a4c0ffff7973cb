package org.stripejdbc.engine.value;

import java.util.List;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.types.SqlType;

/**
 * Postgres type-resolution rules the compiler needs: type categories and preferred types, which casts are
 * implicit, assignment or explicit, and the common type of several expressions ({@code CASE}, {@code COALESCE},
 * {@code UNION}, comparisons).
 *
 * <p>Example: {@code commonType([INTEGER, NUMERIC])} is NUMERIC; {@code commonType([UNKNOWN, TIMESTAMP])} is
 * TIMESTAMP (an unknown literal takes the other type); {@code commonType([INTEGER, TEXT])} fails with
 * {@code 42804 CASE types integer and text cannot be matched}.
 */
public final class TypeRules {
    public enum Category {
        NUMERIC,
        STRING,
        DATETIME,
        TIMESPAN,
        BOOLEAN,
        JSON,
        UUID,
        ARRAY,
        UNKNOWN
    }

    private TypeRules() {}

    /** The name Postgres uses for a type in error messages ({@code timestamp without time zone}). */
    public static String displayName(SqlType type) {
        switch (type) {
            case TIMESTAMP:
                return "timestamp without time zone";
            case TIMESTAMPTZ:
                return "timestamp with time zone";
            case TIME:
                return "time without time zone";
            case ARRAY:
                return "text[]";
            default:
                return type.postgresName();
        }
    }

    /** The internal type name Postgres uses as a column label for a bare cast ({@code select '1'::integer} → int4). */
    public static String internalName(SqlType type) {
        switch (type) {
            case SMALLINT:
                return "int2";
            case INTEGER:
                return "int4";
            case BIGINT:
                return "int8";
            case REAL:
                return "float4";
            case DOUBLE:
                return "float8";
            case BOOLEAN:
                return "bool";
            case ARRAY:
                return "text";
            default:
                return type.postgresName();
        }
    }

    public static Category category(SqlType type) {
        switch (type) {
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case NUMERIC:
            case REAL:
            case DOUBLE:
                return Category.NUMERIC;
            case TEXT:
                return Category.STRING;
            case TIMESTAMP:
            case TIMESTAMPTZ:
            case DATE:
            case TIME:
                return Category.DATETIME;
            case INTERVAL:
                return Category.TIMESPAN;
            case BOOLEAN:
                return Category.BOOLEAN;
            case JSON:
            case JSONB:
                return Category.JSON;
            case UUID:
                return Category.UUID;
            case ARRAY:
                return Category.ARRAY;
            default:
                return Category.UNKNOWN;
        }
    }

    /** The preferred type of a category (float8 for numbers, text, timestamptz, boolean, interval). */
    public static boolean isPreferred(SqlType type) {
        return type == SqlType.DOUBLE
                || type == SqlType.TEXT
                || type == SqlType.TIMESTAMPTZ
                || type == SqlType.BOOLEAN
                || type == SqlType.INTERVAL;
    }

    /**
     * The wider of two numeric types, the left when they rank equal: {@code wider(INTEGER, NUMERIC)} is NUMERIC,
     * {@code wider(BIGINT, SMALLINT)} BIGINT (smallint < integer < bigint < numeric < real < double precision).
     */
    public static SqlType wider(SqlType left, SqlType right) {
        return numericRank(left) >= numericRank(right) ? left : right;
    }

    private static int numericRank(SqlType type) {
        switch (type) {
            case SMALLINT:
                return 1;
            case INTEGER:
                return 2;
            case BIGINT:
                return 3;
            case NUMERIC:
                return 4;
            case REAL:
                return 5;
            case DOUBLE:
                return 6;
            default:
                return -1;
        }
    }

    private static int datetimeRank(SqlType type) {
        switch (type) {
            case DATE:
                return 1;
            case TIMESTAMP:
                return 2;
            case TIMESTAMPTZ:
                return 3;
            default:
                return -1;
        }
    }

    /** Whether Postgres converts {@code from} to {@code to} implicitly (in expressions and function calls). */
    public static boolean implicitlyCastable(SqlType from, SqlType to) {
        if (from == to || from == SqlType.UNKNOWN) {
            return true;
        }
        if (category(from) == Category.NUMERIC && category(to) == Category.NUMERIC) {
            return numericRank(from) < numericRank(to);
        }
        int fromRank = datetimeRank(from);
        int toRank = datetimeRank(to);
        return fromRank > 0 && toRank > 0 && fromRank < toRank;
    }

    /** Whether a value of {@code from} can be stored into a column of {@code to} (INSERT, UPDATE SET). */
    public static boolean assignable(SqlType from, SqlType to) {
        if (implicitlyCastable(from, to)) {
            return true;
        }
        if (to == SqlType.TEXT) {
            return true;
        }
        if (category(from) == Category.NUMERIC && category(to) == Category.NUMERIC) {
            return true;
        }
        if (datetimeRank(from) > 0 && (datetimeRank(to) > 0 || to == SqlType.TIME)) {
            return true;
        }
        return from.isJson() && to.isJson();
    }

    /** Whether {@code CAST(x AS to)} exists for an {@code x} of type {@code from}. */
    public static boolean explicitlyCastable(SqlType from, SqlType to) {
        if (assignable(from, to) || from == SqlType.TEXT) {
            return true;
        }
        if ((from == SqlType.BOOLEAN && to == SqlType.INTEGER) || (from == SqlType.INTEGER && to == SqlType.BOOLEAN)) {
            return true;
        }
        if (from.isJson() && (category(to) == Category.NUMERIC || to == SqlType.BOOLEAN)) {
            return true;
        }
        if (from == SqlType.TIME && to == SqlType.INTERVAL || from == SqlType.INTERVAL && to == SqlType.TIME) {
            return true;
        }
        return false;
    }

    /**
     * Postgres {@code select_common_type}: unknowns take the type of the others (text when all are unknown);
     * numbers widen (integer → bigint → numeric → double), date/time widen (date → timestamp → timestamptz);
     * otherwise all must be the same type, or a {@code 42804} error names {@code construct}.
     */
    public static SqlType commonType(List<SqlType> types, String construct) {
        SqlType result = SqlType.UNKNOWN;
        for (SqlType type : types) {
            if (type == SqlType.UNKNOWN) {
                continue;
            }
            if (result == SqlType.UNKNOWN || result == type) {
                result = type;
                continue;
            }
            if (category(result) == Category.NUMERIC && category(type) == Category.NUMERIC) {
                result = numericRank(type) > numericRank(result) ? type : result;
            } else if (datetimeRank(result) > 0 && datetimeRank(type) > 0) {
                result = datetimeRank(type) > datetimeRank(result) ? type : result;
            } else if (result.isJson() && type.isJson()) {
                result = SqlType.JSONB;
            } else {
                throw new StripeJdbcException(
                        SqlState.DATATYPE_MISMATCH,
                        construct + " types " + displayName(result) + " and " + displayName(type)
                                + " cannot be matched");
            }
        }
        return result == SqlType.UNKNOWN ? SqlType.TEXT : result;
    }

    /**
     * The type two operands of a comparison are compared as, or null when Postgres has no such operator
     * ({@code text = bigint}). An unknown side takes the other side's type.
     */
    public static SqlType comparisonType(SqlType left, SqlType right) {
        if (left == SqlType.UNKNOWN && right == SqlType.UNKNOWN) {
            return SqlType.TEXT;
        }
        if (left == SqlType.UNKNOWN) {
            return right;
        }
        if (right == SqlType.UNKNOWN || left == right) {
            return left;
        }
        if (category(left) == Category.NUMERIC && category(right) == Category.NUMERIC) {
            return wider(left, right);
        }
        if (datetimeRank(left) > 0 && datetimeRank(right) > 0) {
            return datetimeRank(left) >= datetimeRank(right) ? left : right;
        }
        if (left.isJson() && right.isJson()) {
            return SqlType.JSONB;
        }
        return null;
    }
}
