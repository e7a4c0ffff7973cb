package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.testkit.Sql.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.types.SqlType;

/** Scans for UPDATE/DELETE: pushdown of the WHERE clause and local evaluation of the rest. */
class TableScannerTest {
    private static final List<ResultColumn> COLUMNS = List.of(
            ResultColumn.of("id", SqlType.TEXT),
            ResultColumn.of("email", SqlType.TEXT),
            ResultColumn.of("name", SqlType.TEXT));

    private final RecordingTableSource customers = new RecordingTableSource(
            COLUMNS,
            List.of(new Object[] {"cus_1", "a@x", "Ann"}, new Object[] {"cus_2", "b@x", "Bob"}, new Object[] {
                "cus_3", "b@x", "Ben"
            }),
            "id",
            "email");
    private final Engine engine = Engine.standard();

    private List<String> read(TableScan scan, Object... parameters) {
        List<String> out = new ArrayList<>();
        try (RowIterator rows = scan.open(Engine.context(parameters))) {
            while (rows.next()) {
                out.add(Engine.render(scan.columns(), rows.current()));
            }
        }
        return out;
    }

    @Test
    void pushesWhatTheTableHandlesAndFiltersTheRest() {
        TableScan scan = new TableScanner(engine::resolve)
                .plan(customers, "customers", null, and(eq(col("email"), text("b@x")), like(col("name"), text("Be%"))));
        assertEquals(List.of("id=cus_3; email=b@x; name=Ben"), read(scan));
        assertEquals(
                List.of(List.of(eq(col("customers.email"), text("b@x")), like(col("customers.name"), text("Be%")))),
                customers.offered);
        assertEquals(List.of(-1L), customers.openedWithLimit);
        assertEquals(List.of(like(col("customers.name"), text("Be%"))), scan.localConditions());
        assertEquals(scan.localConditions(), scan.scanPlan().residual());
    }

    @Test
    void parametersAndAliases() {
        TableScan scan = new TableScanner(engine::resolve).plan(customers, "customers", "c", eq(col("c.id"), param(1)));
        assertEquals(List.of("id=cus_2; email=b@x; name=Bob"), read(scan, "cus_2"));
        assertEquals(List.of(List.of(eq(col("c.id"), param(1)))), customers.offered);
    }

    @Test
    void subqueriesReadOtherTables() {
        TableScan scan = new TableScanner(engine::resolve)
                .plan(
                        customers,
                        "customers",
                        null,
                        inQuery(
                                col("id"),
                                select(col("customer")).from("stripe.charges").build()));
        assertEquals(List.of("id=cus_1; email=a@x; name=Ann", "id=cus_2; email=b@x; name=Bob"), read(scan));
        assertEquals(List.of(List.of()), customers.offered);
        assertEquals(1, scan.localConditions().size());
    }

    @Test
    void noWhereReadsEverything() {
        TableScan scan = new TableScanner(engine::resolve).plan(customers, "customers", null, null);
        assertEquals(3, read(scan).size());
        assertEquals(
                List.of("Project: id, email, name", "  ->  Scan: customers", "        GET /v1/fake pushed=0"),
                scan.explain(Engine.context()));
    }
}
