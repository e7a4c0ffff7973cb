package org.stripejdbc.engine.expression;

import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.types.SqlType;

/**
 * A compiled constant. An unresolved string literal ({@code type == UNKNOWN}) keeps its text until the compiler
 * coerces it to the type its context demands.
 */
public final class ConstantExpression implements CompiledExpression {
    private final Object value;
    private final SqlType type;

    public ConstantExpression(Object value, SqlType type) {
        this.value = value;
        this.type = Objects.requireNonNull(type, "type");
    }

    public Object value() {
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
