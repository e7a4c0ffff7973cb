package org.stripejdbc.engine.function;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.types.SqlType;

/**
 * The scalar functions the engine knows, each name with its overloads, and Postgres-style overload resolution:
 * an argument matches a parameter of the same type, of a type it converts to implicitly, or any type when it is an
 * unknown literal; among several matches the one with the most exact matches wins, then the one using preferred
 * types ({@code round(5)} picks {@code round(double precision)}, as Postgres does).
 *
 * <p>A parameter typed {@link SqlType#UNKNOWN} accepts any type ("any"). Unknown function or argument types fail
 * with {@code 42883 function lower(integer) does not exist}.
 *
 * <p>Aggregate, window and set-returning functions are not here; {@link #isAggregate}, {@link #isWindowFunction}
 * and {@link #isSetReturning} tell the compiler which names belong to those kinds.
 */
public final class FunctionRegistry {
    /**
     * The code of a scalar function: its value for already evaluated arguments (converted to the overload's
     * parameter types; never NULL for a strict overload). Example: {@code (arguments, environment) ->
     * ((String) arguments[0]).toLowerCase(Locale.ROOT)} implements {@code lower(text)}.
     */
    @FunctionalInterface
    public interface Implementation {
        Object apply(Object[] arguments, Environment environment);
    }

    /** One signature of a function and its implementation. */
    public record Overload(
            String name,
            List<SqlType> parameters,
            SqlType variadic,
            SqlType returnType,
            boolean strict,
            Implementation implementation) {
        public Overload {
            Objects.requireNonNull(name, "name");
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(returnType, "returnType");
            Objects.requireNonNull(implementation, "implementation");
        }

        /** The declared type of argument {@code position} (the variadic type past the fixed ones). */
        public SqlType parameterType(int position) {
            return position < parameters.size() ? parameters.get(position) : variadic;
        }

        boolean accepts(int argumentCount) {
            return variadic == null ? argumentCount == parameters.size() : argumentCount >= parameters.size();
        }
    }

    static final java.util.Set<String> AGGREGATES = java.util.Set.of(
            "count",
            "sum",
            "avg",
            "min",
            "max",
            "bool_and",
            "bool_or",
            "every",
            "string_agg",
            "array_agg",
            "jsonb_agg",
            "json_agg",
            "jsonb_object_agg",
            "json_object_agg",
            "stddev",
            "stddev_samp",
            "stddev_pop",
            "variance",
            "var_samp",
            "var_pop",
            "corr",
            "covar_samp",
            "covar_pop",
            "regr_count",
            "regr_sxx",
            "regr_syy",
            "regr_sxy",
            "regr_avgx",
            "regr_avgy",
            "regr_r2",
            "regr_slope",
            "regr_intercept",
            "bit_and",
            "bit_or",
            "percentile_cont",
            "percentile_disc",
            "mode");
    static final java.util.Set<String> WINDOW_FUNCTIONS = java.util.Set.of(
            "row_number",
            "rank",
            "dense_rank",
            "percent_rank",
            "cume_dist",
            "ntile",
            "lag",
            "lead",
            "first_value",
            "last_value",
            "nth_value");
    static final java.util.Set<String> SET_RETURNING = java.util.Set.of(
            "jsonb_array_elements",
            "jsonb_array_elements_text",
            "json_array_elements",
            "json_array_elements_text",
            "jsonb_each",
            "jsonb_each_text",
            "json_each",
            "json_each_text",
            "jsonb_object_keys",
            "json_object_keys",
            "generate_series",
            "unnest",
            "regexp_matches",
            "regexp_split_to_table",
            "jsonb_path_query");

    /**
     * The array functions polymorphic in their element type, as Postgres' {@code anyarray}/{@code anyelement}: the
     * arrays and the element share one type, which the result keeps ({@code array_append(array[1, 2], 3)} is
     * {@code integer[]}); {@code array_positions} gives {@code integer[]} whatever the element.
     */
    private static final java.util.Set<String> ELEMENT_POLYMORPHIC = java.util.Set.of(
            "array_append", "array_prepend", "array_cat", "array_remove", "array_position", "array_positions");

    private static final FunctionRegistry STANDARD = createStandard();

    private final Map<String, List<Overload>> overloads;

    private FunctionRegistry(Map<String, List<Overload>> overloads) {
        this.overloads = overloads;
    }

    /** The built-in functions. */
    public static FunctionRegistry standard() {
        return STANDARD;
    }

    private static FunctionRegistry createStandard() {
        Builder builder = new Builder();
        StringFunctions.register(builder);
        MathFunctions.register(builder);
        DateTimeFunctions.register(builder);
        JsonFunctions.register(builder);
        ArrayFunctions.register(builder);
        return builder.build();
    }

    /** Whether {@code name} is an array function whose arrays and element share one element type. */
    public static boolean isElementPolymorphic(String name) {
        return ELEMENT_POLYMORPHIC.contains(name);
    }

    /**
     * The element type of the array {@code name} returns, given the element type its arguments share
     * ({@code common}); TEXT for the array functions of text ({@code string_to_array}, {@code regexp_match}).
     */
    public static SqlType arrayResultElement(String name, SqlType common) {
        if (name.equals("array_positions")) {
            return SqlType.INTEGER;
        }
        return isElementPolymorphic(name) && common != null ? common : SqlType.TEXT;
    }

    public boolean isAggregate(String name) {
        return AGGREGATES.contains(name);
    }

    public boolean isWindowFunction(String name) {
        return WINDOW_FUNCTIONS.contains(name);
    }

    public boolean isSetReturning(String name) {
        return SET_RETURNING.contains(name);
    }

    public boolean exists(String name) {
        return overloads.containsKey(name);
    }

    /** A registry with these functions plus {@code extra} (whose overloads are tried before same-signature ones). */
    public FunctionRegistry with(List<Overload> extra) {
        Map<String, List<Overload>> merged = new HashMap<>();
        overloads.forEach((name, list) -> merged.put(name, new ArrayList<>(list)));
        for (Overload overload : extra) {
            merged.computeIfAbsent(overload.name(), k -> new ArrayList<>()).add(0, overload);
        }
        Map<String, List<Overload>> copy = new HashMap<>();
        merged.forEach((name, list) -> copy.put(name, Collections.unmodifiableList(list)));
        return new FunctionRegistry(Collections.unmodifiableMap(copy));
    }

    /** Picks the overload of {@code name} for arguments of {@code argumentTypes}, or fails with 42883. */
    public Overload resolve(String name, List<SqlType> argumentTypes) {
        List<Overload> all = overloads.getOrDefault(name, List.of());
        List<Overload> candidates = new ArrayList<>();
        for (Overload overload : all) {
            if (overload.accepts(argumentTypes.size()) && matches(overload, argumentTypes)) {
                candidates.add(overload);
            }
        }
        if (candidates.isEmpty()) {
            throw undefined(name, argumentTypes);
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        candidates = best(candidates, overload -> exactMatches(overload, argumentTypes));
        candidates = best(candidates, overload -> preferredMatches(overload, argumentTypes));
        return candidates.get(0);
    }

    public static StripeJdbcException undefined(String name, List<SqlType> argumentTypes) {
        String types = argumentTypes.stream().map(TypeRules::displayName).collect(Collectors.joining(", "));
        return new StripeJdbcException(
                SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + types + ") does not exist");
    }

    private static boolean matches(Overload overload, List<SqlType> argumentTypes) {
        for (int i = 0; i < argumentTypes.size(); i++) {
            SqlType parameter = overload.parameterType(i);
            if (parameter != SqlType.UNKNOWN && !TypeRules.implicitlyCastable(argumentTypes.get(i), parameter)) {
                return false;
            }
        }
        return true;
    }

    private static int exactMatches(Overload overload, List<SqlType> argumentTypes) {
        int count = 0;
        for (int i = 0; i < argumentTypes.size(); i++) {
            if (argumentTypes.get(i) != SqlType.UNKNOWN && argumentTypes.get(i) == overload.parameterType(i)) {
                count++;
            }
        }
        return count;
    }

    private static int preferredMatches(Overload overload, List<SqlType> argumentTypes) {
        int count = 0;
        for (int i = 0; i < argumentTypes.size(); i++) {
            SqlType parameter = overload.parameterType(i);
            if (argumentTypes.get(i) == SqlType.UNKNOWN
                    ? parameter == SqlType.TEXT
                    : TypeRules.isPreferred(parameter)) {
                count++;
            }
        }
        return count;
    }

    private static List<Overload> best(List<Overload> candidates, java.util.function.ToIntFunction<Overload> score) {
        int max = candidates.stream().mapToInt(score).max().orElse(0);
        return candidates.stream().filter(c -> score.applyAsInt(c) == max).collect(Collectors.toList());
    }

    /** Collects overloads; functions register themselves through it. */
    static final class Builder {
        private final Map<String, List<Overload>> overloads = new HashMap<>();

        /** A strict function with fixed parameters. */
        Builder add(String name, List<SqlType> parameters, SqlType returnType, Implementation implementation) {
            return add(new Overload(name, parameters, null, returnType, true, implementation));
        }

        Builder add(Overload overload) {
            overloads.computeIfAbsent(overload.name(), k -> new ArrayList<>()).add(overload);
            return this;
        }

        FunctionRegistry build() {
            Map<String, List<Overload>> copy = new HashMap<>();
            overloads.forEach((name, list) -> copy.put(name, Collections.unmodifiableList(new ArrayList<>(list))));
            return new FunctionRegistry(Collections.unmodifiableMap(copy));
        }
    }
}
