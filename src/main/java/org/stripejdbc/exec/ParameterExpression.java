package org.stripejdbc.exec;

import java.util.Objects;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.types.PostgresText;
import org.stripejdbc.types.SqlType;

/**
 * A bound parameter ({@code ?} or {@code $n}), typed by its context at compile time ({@code amount > ?} makes it a
 * bigint) and converted to that type's runtime class when evaluated: a String "100" becomes 100L, an Integer
 * becomes a Long, an OffsetDateTime compared with a timestamp becomes its UTC LocalDateTime.
 */
final class ParameterExpression implements CompiledExpression {
    private final int index;
    private final SqlType type;
    private final SqlType elementType;

    ParameterExpression(int index, SqlType type) {
        this(index, type, null);
    }

    ParameterExpression(int index, SqlType type, SqlType elementType) {
        this.index = index;
        this.type = Objects.requireNonNull(type, "type");
        this.elementType = elementType;
    }

    int index() {
        return index;
    }

    /** The same parameter, typed as {@code target} (arrays convert their elements to {@code elementType}). */
    ParameterExpression withType(SqlType target, SqlType targetElementType) {
        return new ParameterExpression(index, target, targetElementType);
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
            // Rounding 1.5 to 2 would change a comparison's answer: refuse it, as Postgres refuses the text 1.5.
            throw new StripeJdbcException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type "
                    + type.postgresName() + ": \"" + PostgresText.format(value) + "\" (parameter $" + index + ")");
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
