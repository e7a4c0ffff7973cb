package org.stripejdbc.fdw;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.ScanListener;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.types.SqlType;

/** Expression builders standing in for the SQL parser in tests: {@code eq(col("email"), text("a@b.c"))}. */
final class Sql {
    private Sql() {
    }

    static Expr.ColumnRef col(String name) {
        return new Expr.ColumnRef(null, name);
    }

    /** A quoted string literal, untyped as the parser gives it. */
    static Expr.Literal text(String value) {
        return new Expr.Literal(value, SqlType.UNKNOWN);
    }

    static Expr.Literal number(long value) {
        return new Expr.Literal(value, SqlType.BIGINT);
    }

    static Expr.Literal bool(boolean value) {
        return new Expr.Literal(value, SqlType.BOOLEAN);
    }

    static Expr.Literal nullValue() {
        return Expr.Literal.nullValue();
    }

    static Expr.Parameter param(int index) {
        return new Expr.Parameter(index);
    }

    static Expr timestamp(String text) {
        return new Expr.Cast(text(text), SqlType.TIMESTAMP, "timestamp");
    }

    static Expr toTimestamp(long seconds) {
        return Expr.FunctionCall.of("to_timestamp", number(seconds));
    }

    static Expr eq(Expr left, Expr right) {
        return new Expr.Binary(BinaryOperator.EQUALS, left, right);
    }

    static Expr ne(Expr left, Expr right) {
        return new Expr.Binary(BinaryOperator.NOT_EQUALS, left, right);
    }

    static Expr gt(Expr left, Expr right) {
        return new Expr.Binary(BinaryOperator.GREATER, left, right);
    }

    static Expr ge(Expr left, Expr right) {
        return new Expr.Binary(BinaryOperator.GREATER_OR_EQUAL, left, right);
    }

    static Expr lt(Expr left, Expr right) {
        return new Expr.Binary(BinaryOperator.LESS, left, right);
    }

    static Expr le(Expr left, Expr right) {
        return new Expr.Binary(BinaryOperator.LESS_OR_EQUAL, left, right);
    }

    static Expr and(Expr left, Expr right) {
        return new Expr.Binary(BinaryOperator.AND, left, right);
    }

    static Expr or(Expr left, Expr right) {
        return new Expr.Binary(BinaryOperator.OR, left, right);
    }

    static Expr not(Expr operand) {
        return new Expr.Unary(Expr.UnaryOperator.NOT, operand);
    }

    static Expr in(Expr value, Expr... items) {
        return new Expr.InList(value, List.of(items), false);
    }

    static Expr any(Expr value, Expr array) {
        return new Expr.Quantified(BinaryOperator.EQUALS, value, array, false);
    }

    static Expr array(Expr... elements) {
        return new Expr.ArrayConstructor(List.of(elements));
    }

    static Expr between(Expr value, Expr low, Expr high) {
        return new Expr.Between(value, low, high, false);
    }

    static Expr like(Expr value, String pattern) {
        return new Expr.Like(value, text(pattern), false, false, null);
    }

    static Expr lower(Expr value) {
        return Expr.FunctionCall.of("lower", value);
    }

    static List<Expr> where(Expr... conjuncts) {
        return List.of(conjuncts);
    }

    /** A context with these parameter values (nulls allowed) and a listener. */
    static ExecutionContext context(ScanListener listener, Object... parameters) {
        return new ExecutionContext(new ArrayList<>(Arrays.asList(parameters)), Instant.parse(
                "2024-06-01T00:00:00Z"), 0, QueryControl.NONE, listener);
    }

    static ExecutionContext context(Object... parameters) {
        return context(ScanListener.NONE, parameters);
    }

    static LocalDateTime utc(String iso) {
        return LocalDateTime.parse(iso);
    }

    static OffsetDateTime utcOffset(String iso) {
        return OffsetDateTime.parse(iso);
    }
}
