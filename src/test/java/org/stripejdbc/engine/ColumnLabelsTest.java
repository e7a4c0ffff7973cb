package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.testkit.Sql.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.Expr;

/** Output column labels as Postgres' FigureColname chooses them. */
class ColumnLabelsTest {
    private final Engine engine = Engine.standard();

    @Test
    void labels() {
        assertEquals(
                "id",
                engine.columns(select(col("c.id"))
                                .from(table("stripe.customers", "c"))
                                .build())
                        .get(0)
                        .split(" ")[0]);
        assertEquals("lower", engine.label(fn("lower", text("A"))));
        assertEquals("count", engine.label(countStar()));
        assertEquals("?column?", engine.label(arrowText(cast(text("{}"), "jsonb"), "account_name")));
        assertEquals("?column?", engine.label(number(1)));
        assertEquals("?column?", engine.label(plus(number(1), number(2))));
        assertEquals("int4", engine.label(cast(text("1"), "integer")));
        assertEquals("int8", engine.label(cast(number(1), "bigint")));
        assertEquals("timestamp", engine.label(cast(text("2024-01-01"), "timestamp")));
        assertEquals("now", engine.label(cast(fn("now"), "date")));
        assertEquals("case", engine.label(caseWhen(bool(true), number(1), number(2))));
        assertEquals("coalesce", engine.label(fn("coalesce", nullValue(), number(1))));
        assertEquals("bool", engine.label(bool(true)));
        assertEquals("?column?", engine.label(nullValue()));
        assertEquals("array", engine.label(new Expr.ArrayConstructor(List.of(number(1)))));
        assertEquals("extract", engine.label(new Expr.Extract("year", fn("now"))));
        assertEquals("exists", engine.label(exists(select(number(1)).build())));
        assertEquals("btrim", engine.label(fn("trim", text(" a "))));
        assertEquals("x", engine.label(scalar(select(as(number(1), "x")).build())));
    }

    @Test
    void labelsOfATableQuery() {
        assertEquals(
                List.of("id text", "e text", "?column? text", "upper text", "created timestamp"),
                engine.columns(select(
                                col("id"),
                                as(col("email"), "e"),
                                arrowText(col("attrs"), "name"),
                                fn("upper", col("name")),
                                col("created"))
                        .from("stripe.customers")
                        .build()));
    }
}
