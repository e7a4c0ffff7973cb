package org.stripejdbc.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.types.SqlType;

/**
 * The scalar functions queries may call: the built-in ones plus those the driver adds for its session, such as
 * {@code current_user}, {@code current_schema()}, {@code version()} or {@code vault.create_secret(...)}.
 * Immutable; {@link #with} returns an extended copy.
 *
 * <p>Example:
 * <pre>{@code
 * FunctionLibrary library = FunctionLibrary.standard()
 *         .with("current_schema", List.of(), SqlType.TEXT, (arguments, context) -> "public")
 *         .with("version", List.of(), SqlType.TEXT, (arguments, context) -> "PostgreSQL 15.0 (stripe-jdbc)");
 * QueryCompiler compiler = new QueryCompiler(tables, library);
 * }</pre>
 * A function added here is strict (NULL argument → NULL result, the implementation is not called) and receives
 * its arguments already converted to the declared parameter types.
 */
public final class FunctionLibrary {
    /** The implementation of an added function. */
    @FunctionalInterface
    public interface ScalarFunction {
        /** The result for non-null {@code arguments} (runtime classes of the declared types). */
        Object apply(List<Object> arguments, ExecutionContext context);
    }

    private static final FunctionLibrary STANDARD = new FunctionLibrary(FunctionRegistry.standard());

    private final FunctionRegistry registry;

    private FunctionLibrary(FunctionRegistry registry) {
        this.registry = registry;
    }

    /** The built-in functions only. */
    public static FunctionLibrary standard() {
        return STANDARD;
    }

    /**
     * A library with one more function (or overload). {@code name} is lower case, schema-qualified if called so
     * ({@code vault.create_secret}); it may not be an aggregate, window or set-returning function name.
     */
    public FunctionLibrary with(
            String name, List<SqlType> parameters, SqlType returnType, ScalarFunction implementation) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(returnType, "returnType");
        Objects.requireNonNull(implementation, "implementation");
        String normalized = name.toLowerCase(Locale.ROOT);
        if (registry.isAggregate(normalized)
                || registry.isWindowFunction(normalized)
                || registry.isSetReturning(normalized)) {
            throw new StripeJdbcException(
                    SqlState.DUPLICATE_OBJECT,
                    "function " + normalized
                            + " is an aggregate, window or set-returning function and cannot be replaced");
        }
        FunctionRegistry.Overload overload = new FunctionRegistry.Overload(
                normalized,
                new ArrayList<>(parameters),
                null,
                returnType,
                true,
                (arguments, environment) ->
                        implementation.apply(Arrays.asList(arguments.clone()), environment.context()));
        return new FunctionLibrary(registry.with(List.of(overload)));
    }

    FunctionRegistry registry() {
        return registry;
    }
}
