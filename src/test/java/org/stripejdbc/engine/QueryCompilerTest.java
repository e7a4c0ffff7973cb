package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.testkit.Sql.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.sql.parse.SqlFrontEnd;
import org.stripejdbc.types.SqlType;

/** The public compile/execute/explain cycle: metadata, parameters, cancellation, EXPLAIN text. */
class QueryCompilerTest {
    private final Engine engine = Engine.standard();

    @Test
    void columnsCarryTheirSourceTable() {
        CompiledQuery query = engine.compiler()
                .compile(select(col("c.id"), as(fn("lower", col("email")), "e"))
                        .from(table("stripe.customers", "c"))
                        .build());
        assertEquals(
                List.of(
                        new ResultColumn("id", SqlType.TEXT, "stripe", "customers"),
                        ResultColumn.of("e", SqlType.TEXT)),
                query.columns());
    }

    @Test
    void parameterCountIsTheHighestParameterNumber() {
        CompiledQuery query = engine.compiler()
                .compile(select(col("id"))
                        .from("stripe.charges")
                        .where(and(
                                gt(col("amount"), param(1)),
                                exists(select(number(1))
                                        .where(eq(param(3), text("x")))
                                        .build())))
                        .build());
        assertEquals(3, query.parameterCount());
    }

    @Test
    void compiledQueriesRunManyTimesWithDifferentParameters() {
        CompiledQuery query = engine.compiler()
                .compile(select(col("id"))
                        .from("stripe.charges")
                        .where(eq(col("customer"), param(1)))
                        .orderBy(col("id"))
                        .build());
        assertEquals(List.of("ch_1", "ch_2"), ids(query, Engine.context("cus_1")));
        assertEquals(List.of("ch_3", "ch_4"), ids(query, Engine.context("cus_2")));
    }

    private static List<String> ids(CompiledQuery query, ExecutionContext context) {
        List<String> out = new ArrayList<>();
        try (RowIterator rows = query.execute(context)) {
            while (rows.next()) {
                out.add((String) rows.current()[0]);
            }
        }
        return out;
    }

    @Test
    void longLoopsCheckForCancellation() {
        AtomicInteger checks = new AtomicInteger();
        QueryControl control = () -> {
            if (checks.incrementAndGet() >= 2) {
                throw new StripeJdbcException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        };
        ExecutionContext context = new ExecutionContext(List.of(), Engine.NOW, 0, control, ScanListener.NONE);
        CompiledQuery query = engine.compiler()
                .compile(select(countStar())
                        .from(function("g", "generate_series", number(1), number(1_000_000)))
                        .build());
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class, () -> query.execute(context).next());
        assertEquals(SqlState.QUERY_CANCELED, e.sqlState());
        assertTrue(checks.get() <= 2);
    }

    @Test
    void explainDescribesEveryOperator() {
        FromItem from = join(
                table("stripe.customers", "c"),
                table("stripe.charges", "ch"),
                FromItem.JoinType.INNER,
                eq(col("ch.customer"), col("c.id")));
        List<String> lines = engine.compiler()
                .compile(select(col("c.email"), as(fn("sum", col("ch.amount")), "total"))
                        .from(from)
                        .where(eq(col("ch.status"), text("succeeded")))
                        .groupBy(col("c.email"))
                        .orderBy(desc(col("total")))
                        .limit(10)
                        .build())
                .explain(Engine.context());
        assertEquals(
                List.of(
                        "Limit: 10",
                        "  ->  Sort: total DESC (top-N: 10, capped by maxRows)",
                        "        ->  Project: email, total",
                        "              ->  HashAggregate: c.email",
                        "                    ->  Hash Join: (ch.customer = c.id)",
                        "                          ->  Scan: stripe.customers c",
                        "                                In-memory table stripe.customers: every row is read",
                        "                          ->  Scan: stripe.charges ch",
                        "                                In-memory table stripe.charges: every row is read",
                        "                                Conditions evaluated locally: (ch.status = 'succeeded')",
                        "                                Local filter: (ch.status = 'succeeded')"),
                lines);
    }

    @Test
    void explainPrintsConditionsAsPostgresDoes() {
        String sql = "select id from stripe.charges ch where ch.status like 's%' and not (ch.amount > -5)"
                + " and ch.created::date > '2023-01-01' and exists (select 1 from stripe.customers c"
                + " where c.id = ch.customer)";
        Query query = ((Statement.QueryStatement) SqlFrontEnd.parse(sql).statement()).query();
        List<String> lines = engine.compiler().compile(query).explain(Engine.context());
        assertEquals(
                List.of(
                        "Project: id",
                        "  ->  Semi Join: EXISTS (SELECT ...); keys: (c.id = ch.customer)",
                        "        Inner side: read once, hashed by key",
                        "        ->  Scan: stripe.charges ch",
                        "              In-memory table stripe.charges: every row is read",
                        "              Conditions evaluated locally: ((ch.status ~~ 's%') AND (NOT (ch.amount > "
                                + "'-5'::integer))"
                                + " AND ((ch.created)::date > '2023-01-01'))",
                        "              Local filter: ((ch.status ~~ 's%') AND (NOT (ch.amount > '-5'::integer))"
                                + " AND ((ch.created)::date > '2023-01-01'))",
                        "        ->  Scan: stripe.customers c",
                        "              In-memory table stripe.customers: every row is read"),
                lines);
    }

    @Test
    void correlatedSubqueryOverGroupedColumns() {
        Expr count = scalar(select(countStar())
                .from(table("stripe.charges", "x"))
                .where(eq(col("x.currency"), col("c.currency")))
                .build());
        assertEquals(
                List.of("currency=eur; n=2", "currency=usd; n=3"),
                engine.rows(select(col("currency"), as(count, "n"))
                        .from(table("stripe.charges", "c"))
                        .groupBy(col("currency"))
                        .orderBy(col("currency"))
                        .build()));
    }

    @Test
    void sourceRowsAreConvertedToTheDeclaredTypes() {
        InMemoryTableSource loose = new InMemoryTableSource(
                "loose",
                List.of(ResultColumn.of("n", SqlType.BIGINT), ResultColumn.of("t", SqlType.TIMESTAMP)),
                () -> List.<Object[]>of(new Object[] {7, "2024-01-01"}));
        engine.add("loose", loose);
        assertEquals(
                List.of("?column?=8; t=2024-01-01 00:00:00"),
                engine.rows(select(plus(col("n"), number(1)), col("t"))
                        .from("loose")
                        .build()));
    }

    @Test
    void sourceRowsOfTheWrongWidthAreAnError() {
        TableSource broken = new TableSource() {
            @Override
            public List<ResultColumn> columns() {
                return List.of(ResultColumn.of("a", SqlType.TEXT), ResultColumn.of("b", SqlType.TEXT));
            }

            @Override
            public ScanPlan plan(List<Expr> conjuncts) {
                return new ScanPlan() {
                    @Override
                    public List<Expr> residual() {
                        return conjuncts;
                    }

                    @Override
                    public RowIterator open(ExecutionContext context, long limit) {
                        return RowIterator.of(List.<Object[]>of(new Object[] {"x"}));
                    }

                    @Override
                    public List<String> explain(ExecutionContext context) {
                        return List.of();
                    }
                };
            }
        };
        engine.add("broken", broken);
        Engine.assertFails(
                "HV008", () -> engine.rows(select(star()).from("broken").build()));
    }
}
