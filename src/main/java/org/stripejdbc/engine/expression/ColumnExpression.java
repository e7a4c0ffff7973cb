package org.stripejdbc.engine.expression;

import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.types.SqlType;

/**
 * A column of the current row ({@code depth == 0}) or of an enclosing query block's row (a correlated reference,
 * {@code depth >= 1}, read through {@link Environment#outerRow(int)}).
 */
public final class ColumnExpression implements CompiledExpression {
    private final int depth;
    private final int index;
    private final SqlType type;
    private final String name;

    public ColumnExpression(int depth, int index, SqlType type, String name) {
        this.depth = depth;
        this.index = index;
        this.type = Objects.requireNonNull(type, "type");
        this.name = Objects.requireNonNull(name, "name");
    }

    public int depth() {
        return depth;
    }

    public int index() {
        return index;
    }

    String name() {
        return name;
    }

    @Override
    public SqlType type() {
        return type;
    }

    @Override
    public Object evaluate(Object[] row, Environment environment) {
        return depth == 0 ? row[index] : environment.outerRow(depth)[index];
    }

    @Override
    public String toString() {
        return name + "#" + (depth == 0 ? "" : depth + ".") + index;
    }
}
