package org.stripejdbc.engine;

import java.util.Objects;
import org.stripejdbc.types.SqlType;

/**
 * A compiled constant. An unresolved string literal ({@code type == UNKNOWN}) keeps its text until the compiler
 * coerces it to the type its context demands.
 */
final class ConstantExpression implements CompiledExpression {
    private final Object value;
    private final SqlType type;

    ConstantExpression(Object value, SqlType type) {
        this.value = value;
        this.type = Objects.requireNonNull(type, "type");
    }

    Object value() {
        return value;
    }

    @Override
    public SqlType type() {
        return type;
    }

    @Override
    public Object evaluate(Object[] row, Environment environment) {
        return value;
    }

    @Override
    public String toString() {
        return "Constant(" + value + "::" + type.postgresName() + ")";
    }
}
