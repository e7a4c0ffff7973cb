package org.stripejdbc.engine.expression;

import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.types.SqlType;

/**
 * An array-valued expression whose element type is known ({@code ARRAY[1, 2]}, {@code '{a,b}'::text[]},
 * {@code array_agg(amount)}), so that a subscript ({@code x[1]}) or {@code = ANY(x)} can be typed statically.
 */
public final class ArrayValuedExpression implements CompiledExpression {
    private final CompiledExpression delegate;
    private final SqlType elementType;

    ArrayValuedExpression(CompiledExpression delegate, SqlType elementType) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.elementType = Objects.requireNonNull(elementType, "elementType");
    }

    SqlType elementType() {
        return elementType;
    }

    /** The element type of an array-valued expression when it is statically known, else null. */
    public static SqlType knownElementType(CompiledExpression expression) {
        return expression instanceof ArrayValuedExpression a ? a.elementType : null;
    }

    /** The element type of an array-valued expression, TEXT when it is not statically known. */
    public static SqlType elementTypeOf(CompiledExpression expression) {
        return expression instanceof ArrayValuedExpression a ? a.elementType : SqlType.TEXT;
    }

    @Override
    public SqlType type() {
        return SqlType.ARRAY;
    }

    @Override
    public Object evaluate(Object[] row, Environment environment) {
        return delegate.evaluate(row, environment);
    }

    @Override
    public String toString() {
        return delegate + "[" + elementType.postgresName() + "]";
    }
}
