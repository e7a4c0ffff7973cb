package org.stripejdbc.engine.expression;

import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.value.Casts;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.types.PostgresText;
import org.stripejdbc.types.SqlType;

/**
 * A bound parameter ({@code ?} or {@code $n}), typed by its context at compile time ({@code amount > ?} makes it a
 * bigint) and converted to that type's runtime class when evaluated: a String "100" becomes 100L, an Integer
 * becomes a Long, an OffsetDateTime compared with a timestamp becomes its UTC LocalDateTime.
 *
 * <p>A number that is not whole, bound where its context is an integer, follows Postgres' numeric promotion when
 * the parameter is compared ({@link #asComparand()}): pgjdbc sends {@code setBigDecimal(1000.5)} as a numeric and
 * {@code setDouble} as a float8, so {@code amount > ?} compares as {@code amount > 1000.5} does. Elsewhere (an
 * In an assignment (a bigint column in INSERT or UPDATE, LIMIT and OFFSET) Postgres casts the numeric to the
 * integer type, rounding: {@code setBigDecimal(new BigDecimal("2.5"))} for {@code limit ?} is {@code limit 3}
 * (numeric rounds half away from zero), {@code setDouble(2.5)} is 2 (float8 rounds half to even). Elsewhere (an
 * integer result, a function argument) such a value cannot be represented and fails with 22P02.
 */
final class ParameterExpression implements CompiledExpression {
    private final int index;
    private final SqlType type;
    private final SqlType elementType;
    /** Whether the value is only compared: a fractional number then keeps its value (numeric promotion). */
    private final boolean comparand;
    /** Whether the value is assigned (INSERT, UPDATE, LIMIT): a fractional number is rounded, as Postgres casts. */
    private final boolean assigned;

    ParameterExpression(int index, SqlType type) {
        this(index, type, null);
    }

    ParameterExpression(int index, SqlType type, SqlType elementType) {
        this(index, type, elementType, false);
    }

    private ParameterExpression(int index, SqlType type, SqlType elementType, boolean comparand, boolean assigned) {
        this.index = index;
        this.type = Objects.requireNonNull(type, "type");
        this.elementType = elementType;
        this.comparand = comparand;
        this.assigned = assigned;
    }

    private ParameterExpression(int index, SqlType type, SqlType elementType, boolean comparand) {
        this(index, type, elementType, comparand, false);
    }

    /** The same parameter as an operand of a comparison (see the class comment). */
    ParameterExpression asComparand() {
        return new ParameterExpression(index, type, elementType, true);
    }

    int index() {
        return index;
    }

    /** The same parameter, typed as {@code target} (arrays convert their elements to {@code elementType}). */
    ParameterExpression withType(SqlType target, SqlType targetElementType, boolean assignment) {
        return new ParameterExpression(index, target, targetElementType, false, assignment);
    }

    @Override
    public SqlType type() {
        return type;
    }

    @Override
    public Object evaluate(Object[] row, Environment environment) {
        Object value = environment.context().parameter(index);
        if (value == null || type == SqlType.UNKNOWN) {
            return value;
        }
        if (type.isInteger() && isFractional(value)) {
            if (comparand) {
                // Compared by value with the integer side (ValueComparator compares numbers of any class).
                return value instanceof Float f ? (Object) f.doubleValue() : value;
            }
            if (assigned) {
                value = value instanceof java.math.BigDecimal d
                        ? d.setScale(0, java.math.RoundingMode.HALF_UP)
                        : (Object) Math.rint(((Number) value).doubleValue());
                return Casts.convert(value, Casts.runtimeType(value), type, environment.statementTime());
            }
            // Rounding 1.5 to 2 would change a result: refuse it, as Postgres refuses the text 1.5.
            throw new StripeJdbcException(
                    SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type " + type.postgresName() + ": \"" + PostgresText.format(value)
                            + "\" (parameter $" + index + ")");
        }
        Object converted = Casts.convert(value, Casts.runtimeType(value), type, environment.statementTime());
        if (elementType != null && converted instanceof java.util.List<?> list) {
            return Casts.convertElements(list, elementType, environment.statementTime());
        }
        return converted;
    }

    private static boolean isFractional(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return d != Math.rint(d) || Double.isInfinite(d);
        }
        if (value instanceof java.math.BigDecimal d) {
            return d.signum() != 0 && d.stripTrailingZeros().scale() > 0;
        }
        return false;
    }

    @Override
    public String toString() {
        return "$" + index + "::" + type.postgresName();
    }
}
