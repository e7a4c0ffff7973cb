package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.testkit.Sql.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.types.SqlType;

/** The in-memory table: nothing pushed, limits honoured, values conformed, rows re-read on each scan. */
class InMemoryTableSourceTest {
    private static final List<ResultColumn> COLUMNS =
            List.of(ResultColumn.of("name", SqlType.TEXT), ResultColumn.of("size", SqlType.BIGINT));

    @Test
    void keepsEveryConjunctResidual() {
        InMemoryTableSource table = InMemoryTableSource.of("t", COLUMNS, List.of());
        List<Expr> conjuncts = List.of(eq(col("name"), text("a")));
        assertEquals(conjuncts, table.plan(conjuncts).residual());
        assertEquals(
                List.of("In-memory table t: every row is read", "Conditions evaluated locally: (name = 'a')"),
                table.plan(conjuncts).explain(Engine.context()));
    }

    @Test
    void honoursTheLimitAndConvertsValues() {
        InMemoryTableSource table = InMemoryTableSource.of(
                "t", COLUMNS, List.of(new Object[] {"a", 1}, new Object[] {"b", "2"}, new Object[] {"c", 3L}));
        List<Object> sizes = new ArrayList<>();
        try (RowIterator rows = table.plan(List.of()).open(Engine.context(), 2)) {
            while (rows.next()) {
                sizes.add(rows.current()[1]);
            }
        }
        assertEquals(List.of(1L, 2L), sizes);
    }

    @Test
    void suppliedRowsAreReadOnEachScan() {
        List<Object[]> live = new ArrayList<>();
        InMemoryTableSource table = new InMemoryTableSource("live", COLUMNS, () -> new ArrayList<>(live));
        Engine engine = new Engine().add("live", table);
        assertEquals(List.of(), engine.rows(select(star()).from("live").build()));
        live.add(new Object[] {"x", 5L});
        assertEquals(
                List.of("name=x; size=5"),
                engine.rows(select(star()).from("live").build()));
    }
}
