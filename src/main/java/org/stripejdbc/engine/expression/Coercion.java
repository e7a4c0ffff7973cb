package org.stripejdbc.engine.expression;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.value.Casts;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.types.PostgresText;
import org.stripejdbc.types.SqlType;

/**
 * Converting compiled expressions to another type: implicitly (an unknown literal taking its context's type, an
 * integer widening to numeric), by assignment (INSERT/UPDATE) or by an explicit cast. A string literal is converted
 * once, at compile time, so {@code amount > 'abc'} fails while compiling with
 * {@code 22P02 invalid input syntax for type bigint: "abc"}, as in Postgres; parameters are converted when evaluated.
 */
public final class Coercion {
    /** Date/time input words whose value depends on the statement time: converted at run time, not compile time. */
    private static final Set<String> TIME_DEPENDENT_WORDS = Set.of("now", "today", "tomorrow", "yesterday");

    public enum Context {
        IMPLICIT,
        ASSIGNMENT,
        EXPLICIT
    }

    private Coercion() {}

    /** Converts {@code e} to {@code target} implicitly; the caller has checked that Postgres allows it. */
    public static CompiledExpression coerce(CompiledExpression e, SqlType target) {
        return convert(e, target, null, Context.IMPLICIT);
    }

    /**
     * Converts an operand of a comparison to {@code target}: as {@link #coerce}, except that a parameter made an
     * integer by its context keeps a fractional bound value, which then compares numerically ({@code amount > ?}
     * with {@code setBigDecimal(1000.5)} as {@code amount > 1000.5}), as Postgres promotes the numeric pgjdbc sends.
     */
    static CompiledExpression comparand(CompiledExpression e, SqlType target) {
        CompiledExpression converted = coerce(e, target);
        if (e.type() == SqlType.UNKNOWN && target.isInteger() && converted instanceof ParameterExpression p) {
            return p.asComparand();
        }
        return converted;
    }

    /** An unknown literal or parameter becomes text; anything else is returned as is. */
    public static CompiledExpression resolveUnknown(CompiledExpression e) {
        return e.type() == SqlType.UNKNOWN ? coerce(e, SqlType.TEXT) : e;
    }

    /**
     * Converts {@code e} to {@code target} in {@code context}; {@code elementType} types the elements of an array
     * target ({@code ::bigint[]}). Fails with {@code 42846 cannot cast type jsonb to timestamp without time zone}
     * (explicit) or {@code 42804 column is of type bigint but expression is of type text} style errors
     * (assignment) when Postgres has no such conversion.
     */
    public static CompiledExpression convert(
            CompiledExpression e, SqlType target, SqlType elementType, Context context) {
        SqlType source = e.type();
        if (source == target && (elementType == null || target != SqlType.ARRAY)) {
            return e;
        }
        if (e instanceof ConstantExpression c && source == SqlType.UNKNOWN) {
            return constant(c, target, elementType);
        }
        if (e instanceof ParameterExpression p && source == SqlType.UNKNOWN) {
            CompiledExpression typed = p.withType(target, elementType, context == Context.ASSIGNMENT);
            return target == SqlType.ARRAY && elementType != null
                    ? new ArrayValuedExpression(typed, elementType)
                    : typed;
        }
        boolean allowed;
        switch (context) {
            case IMPLICIT:
                allowed = TypeRules.implicitlyCastable(source, target) || source == target;
                break;
            case ASSIGNMENT:
                allowed = TypeRules.assignable(source, target) || source == target;
                break;
            default:
                allowed = TypeRules.explicitlyCastable(source, target) || source == target;
                break;
        }
        if (!allowed) {
            if (context == Context.ASSIGNMENT) {
                throw new StripeJdbcException(
                        SqlState.DATATYPE_MISMATCH,
                        "expression of type " + TypeRules.displayName(source) + " cannot be assigned to type "
                                + TypeRules.displayName(target));
            }
            throw Casts.cannotCast(source, target);
        }
        CompiledExpression converted = OperatorExpression.unary(
                target, "cast", e, value -> Casts.convert(value, source, target, Instant.EPOCH));
        if (TypeRules.category(target) == TypeRules.Category.DATETIME && source == SqlType.TEXT) {
            // Text such as 'now' needs the statement time.
            converted = OperatorExpression.of(target, "cast", (row, environment) -> {
                Object value = e.evaluate(row, environment);
                return Casts.convert(value, source, target, environment.statementTime());
            });
        }
        if (target == SqlType.ARRAY && elementType != null) {
            CompiledExpression list = converted;
            converted = new ArrayValuedExpression(
                    OperatorExpression.of(SqlType.ARRAY, "cast", (row, environment) -> {
                        Object value = list.evaluate(row, environment);
                        return value == null
                                ? null
                                : Casts.convertElements((List<?>) value, elementType, environment.statementTime());
                    }),
                    elementType);
        }
        return converted;
    }

    private static CompiledExpression constant(ConstantExpression c, SqlType target, SqlType elementType) {
        Object value = c.value();
        if (value == null) {
            CompiledExpression typedNull = new ConstantExpression(null, target);
            return target == SqlType.ARRAY && elementType != null
                    ? new ArrayValuedExpression(typedNull, elementType)
                    : typedNull;
        }
        String text = value instanceof String s ? s : PostgresText.format(value);
        if (TypeRules.category(target) == TypeRules.Category.DATETIME
                && TIME_DEPENDENT_WORDS.contains(text.trim().toLowerCase(Locale.ROOT))) {
            return OperatorExpression.of(
                    target,
                    "cast",
                    (row, environment) -> Casts.convert(text, SqlType.UNKNOWN, target, environment.statementTime()));
        }
        Object converted = Casts.convert(text, SqlType.UNKNOWN, target, Instant.EPOCH);
        if (target == SqlType.ARRAY) {
            SqlType element = elementType == null ? SqlType.TEXT : elementType;
            converted = Casts.convertElements((List<?>) converted, element, Instant.EPOCH);
            return new ArrayValuedExpression(new ConstantExpression(converted, SqlType.ARRAY), element);
        }
        return new ConstantExpression(converted, target);
    }
}
