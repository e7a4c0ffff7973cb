package org.stripejdbc.engine.expression;

import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.types.SqlType;

/**
 * A compiled operator, function call or special form: a type, a name (for debugging) and the code that computes
 * the value. The factories build the common shapes; {@link #strict} ones return NULL as soon as an argument is
 * NULL, as Postgres strict functions do.
 */
public final class OperatorExpression implements CompiledExpression {
    /** Computes the value from the row. */
    @FunctionalInterface
    public interface Body {
        Object evaluate(Object[] row, Environment environment);
    }

    /** A function of already evaluated, non-null arguments. */
    @FunctionalInterface
    interface Implementation {
        Object apply(Object[] arguments, Environment environment);
    }

    @FunctionalInterface
    interface UnaryImplementation {
        Object apply(Object argument);
    }

    @FunctionalInterface
    interface BinaryImplementation {
        Object apply(Object left, Object right);
    }

    private final SqlType type;
    private final String name;
    private final Body body;

    private OperatorExpression(SqlType type, String name, Body body) {
        this.type = Objects.requireNonNull(type, "type");
        this.name = Objects.requireNonNull(name, "name");
        this.body = Objects.requireNonNull(body, "body");
    }

    public static CompiledExpression of(SqlType type, String name, Body body) {
        return new OperatorExpression(type, name, body);
    }

    /** NULL when any argument is NULL, else {@code implementation(arguments)}. */
    static CompiledExpression strict(
            SqlType type, String name, List<CompiledExpression> arguments, Implementation implementation) {
        CompiledExpression[] args = arguments.toArray(new CompiledExpression[0]);
        return new OperatorExpression(type, name, (row, environment) -> {
            // Postgres evaluates every argument before the strictness check (so errors are not skipped).
            Object[] values = new Object[args.length];
            boolean anyNull = false;
            for (int i = 0; i < args.length; i++) {
                values[i] = args[i].evaluate(row, environment);
                anyNull |= values[i] == null;
            }
            return anyNull ? null : implementation.apply(values, environment);
        });
    }

    /** Evaluates every argument (NULLs included) and passes them on. */
    static CompiledExpression lenient(
            SqlType type, String name, List<CompiledExpression> arguments, Implementation implementation) {
        CompiledExpression[] args = arguments.toArray(new CompiledExpression[0]);
        return new OperatorExpression(type, name, (row, environment) -> {
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                values[i] = args[i].evaluate(row, environment);
            }
            return implementation.apply(values, environment);
        });
    }

    static CompiledExpression unary(
            SqlType type, String name, CompiledExpression argument, UnaryImplementation implementation) {
        return new OperatorExpression(type, name, (row, environment) -> {
            Object value = argument.evaluate(row, environment);
            return value == null ? null : implementation.apply(value);
        });
    }

    static CompiledExpression binary(
            SqlType type,
            String name,
            CompiledExpression left,
            CompiledExpression right,
            BinaryImplementation implementation) {
        return new OperatorExpression(type, name, (row, environment) -> {
            Object a = left.evaluate(row, environment);
            Object b = right.evaluate(row, environment);
            return a == null || b == null ? null : implementation.apply(a, b);
        });
    }

    @Override
    public SqlType type() {
        return type;
    }

    @Override
    public Object evaluate(Object[] row, Environment environment) {
        return body.evaluate(row, environment);
    }

    @Override
    public String toString() {
        return name + "::" + type.postgresName();
    }
}
