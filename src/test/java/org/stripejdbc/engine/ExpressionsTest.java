package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.engine.Engine.assertFails;
import static org.stripejdbc.testkit.Sql.*;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stripejdbc.json.Json;
import org.stripejdbc.types.SqlType;

/** The constant evaluator table sources use, and the expression compilation the DML executor uses. */
class ExpressionsTest {
    private final Expressions expressions = new Expressions();

    private Optional<Object> evaluate(org.stripejdbc.sql.Expr e, SqlType target, Object... parameters) {
        return expressions.evaluate(e, target, Engine.context(parameters));
    }

    @Test
    void constantness() {
        assertTrue(expressions.isConstant(text("x")));
        assertTrue(expressions.isConstant(minus(fn("now"), cast(text("30 days"), "interval"))));
        assertTrue(expressions.isConstant(param(1)));
        assertFalse(expressions.isConstant(col("created")));
        assertFalse(expressions.isConstant(plus(col("amount"), number(1))));
        assertFalse(expressions.isConstant(scalar(select(number(1)).build())));
        assertFalse(expressions.isConstant(countStar()));
        assertFalse(expressions.isConstant(fn("random")));
    }

    @Test
    void stringLiteralsTakeTheTargetType() {
        assertEquals(Optional.of(LocalDateTime.of(2024, 1, 1, 0, 0)), evaluate(text("2024-01-01"), SqlType.TIMESTAMP));
        assertEquals(Optional.of(100L), evaluate(text("100"), SqlType.BIGINT));
        assertEquals(Optional.of("cus_1"), evaluate(text("cus_1"), SqlType.TEXT));
        assertEquals(Optional.of(true), evaluate(text("true"), SqlType.BOOLEAN));
        assertEquals(Optional.empty(), evaluate(text("abc"), SqlType.BIGINT));
    }

    @Test
    void timeExpressionsConvertToTheColumnType() {
        assertEquals(
                Optional.of(LocalDateTime.of(2023, 11, 14, 22, 13, 20)),
                evaluate(fn("to_timestamp", number(1700000000)), SqlType.TIMESTAMP));
        assertEquals(
                Optional.of(LocalDateTime.of(2023, 10, 15, 22, 13, 20)),
                evaluate(minus(fn("now"), cast(text("30 days"), "interval")), SqlType.TIMESTAMP));
        assertEquals(
                Optional.of(OffsetDateTime.of(2023, 11, 14, 22, 13, 20, 0, ZoneOffset.UTC)),
                evaluate(fn("now"), SqlType.TIMESTAMPTZ));
    }

    @Test
    void parametersConvertToTheTargetType() {
        assertEquals(Optional.of(42L), evaluate(param(1), SqlType.BIGINT, "42"));
        assertEquals(Optional.of(42L), evaluate(param(1), SqlType.BIGINT, 42));
        assertEquals(
                Optional.of(LocalDateTime.of(2024, 1, 1, 0, 0)),
                evaluate(
                        param(1), SqlType.TIMESTAMP, OffsetDateTime.of(2024, 1, 1, 1, 0, 0, 0, ZoneOffset.ofHours(1))));
        assertEquals(Optional.empty(), evaluate(param(2), SqlType.BIGINT, "42"));
    }

    @Test
    void theSameExpressionEvaluatedAgainTakesEachExecutionsValues() {
        org.stripejdbc.sql.Expr parameter = param(1);
        org.stripejdbc.sql.Expr monthAgo = minus(fn("now"), cast(text("30 days"), "interval"));
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.of((long) i), evaluate(parameter, SqlType.BIGINT, String.valueOf(i)));
            assertEquals(Optional.of("x" + i), evaluate(parameter, SqlType.TEXT, "x" + i), "another target type");
            java.time.Instant now = Engine.NOW.plusSeconds(86_400L * i);
            ExecutionContext context = new ExecutionContext(List.of(), now, 0, null, null);
            assertEquals(
                    Optional.of(LocalDateTime.ofInstant(now, ZoneOffset.UTC).minusDays(30)),
                    expressions.evaluate(monthAgo, SqlType.TIMESTAMP, context));
        }
        assertEquals(Optional.empty(), evaluate(param(1), SqlType.BIGINT, "abc"), "a failed conversion stays empty");
        assertEquals(Optional.empty(), evaluate(col("x"), SqlType.TEXT), "not constant, also the second time");
        assertEquals(Optional.empty(), evaluate(col("x"), SqlType.TEXT));
    }

    @Test
    void lossyConversionsAreRefused() {
        assertEquals(Optional.empty(), evaluate(decimal("1.5"), SqlType.BIGINT));
        assertEquals(Optional.of(2L), evaluate(decimal("2.0"), SqlType.BIGINT));
        assertEquals(Optional.empty(), evaluate(nullValue(), SqlType.TEXT));
        assertEquals(Optional.empty(), evaluate(col("x"), SqlType.TEXT));
        assertEquals(Optional.of(5L), evaluate(number(5), null).map(v -> ((Number) v).longValue()));
    }

    private static final List<ResultColumn> COLUMNS = List.of(
            ResultColumn.of("id", SqlType.TEXT),
            ResultColumn.of("amount", SqlType.BIGINT),
            ResultColumn.of("created", SqlType.TIMESTAMP),
            ResultColumn.of("attrs", SqlType.JSONB));

    private static final Object[] ROW = {
        "ch_1", 1500L, LocalDateTime.of(2024, 1, 1, 0, 0), Json.parse("{\"metadata\":{\"k\":\"v\"}}")
    };

    @Test
    void compiledExpressionsEvaluateOverARow() {
        CompiledExpression doubled = expressions.compile(times(col("amount"), number(2)), COLUMNS, "c");
        assertEquals(SqlType.BIGINT, doubled.type());
        assertEquals(3000L, doubled.evaluate(ROW, Engine.context()));
        CompiledExpression predicate = expressions.compilePredicate(
                and(
                        gt(col("c.created"), text("2023-12-31")),
                        eq(arrowText(arrow(col("attrs"), "metadata"), "k"), text("v"))),
                COLUMNS,
                "c");
        assertEquals(true, predicate.evaluate(ROW, Engine.context()));
        assertEquals(
                "argument of WHERE must be type boolean, not type bigint",
                assertFails("42804", () -> expressions.compilePredicate(col("amount"), COLUMNS, null)));
    }

    @Test
    void assignmentsConvertLikePostgres() {
        assertEquals(
                LocalDateTime.of(2024, 2, 1, 0, 0),
                expressions
                        .compileAssignment(text("2024-02-01"), SqlType.TIMESTAMP, COLUMNS, null)
                        .evaluate(ROW, Engine.context()));
        assertEquals(
                "1501",
                expressions
                        .compileAssignment(plus(col("amount"), number(1)), SqlType.TEXT, COLUMNS, null)
                        .evaluate(ROW, Engine.context()));
        assertEquals(
                3L,
                expressions
                        .compileAssignment(decimal("2.5"), SqlType.BIGINT, List.of(), null)
                        .evaluate(new Object[0], Engine.context()));
        assertEquals(
                "expression of type jsonb cannot be assigned to type bigint",
                assertFails("42804", () -> expressions.compileAssignment(col("attrs"), SqlType.BIGINT, COLUMNS, null)));
    }

    @Test
    void subqueriesKeepTheStatementsParameters() {
        RecordingTableSource charges = new RecordingTableSource(
                List.of(ResultColumn.of("customer", SqlType.TEXT), ResultColumn.of("status", SqlType.TEXT)),
                List.of(new Object[] {"ch_1", "paid"}, new Object[] {"ch_1", "open"}, new Object[] {"ch_2", "paid"}),
                "customer",
                "status");
        Engine engine = new Engine().add("charges", charges);
        Expressions withTables = new Expressions(engine::resolve);
        CompiledExpression count = withTables.compile(
                scalar(select(countStar())
                        .from(table("charges", "ch"))
                        .where(and(eq(col("ch.customer"), col("c.id")), eq(col("ch.status"), param(2))))
                        .build()),
                COLUMNS,
                "c");
        assertEquals(1L, count.evaluate(ROW, Engine.context("unused", "paid")));
        assertEquals(List.of(List.of("unused", "paid", "ch_1")), charges.parametersSeen);
    }

    @Test
    void returningLists() {
        CompiledProjection projection = expressions.compileSelectList(
                List.of(
                        col("id") instanceof Object ? as(col("id"), null) : star(),
                        as(times(col("amount"), number(2)), "twice"),
                        star()),
                COLUMNS,
                "c");
        assertEquals(
                List.of("id", "twice", "id", "amount", "created", "attrs"),
                projection.columns().stream().map(ResultColumn::name).toList());
        Object[] out = projection.project(ROW, Engine.context());
        assertArrayEquals(new Object[] {"ch_1", 3000L, "ch_1", 1500L, ROW[2], ROW[3]}, out);
    }
}
