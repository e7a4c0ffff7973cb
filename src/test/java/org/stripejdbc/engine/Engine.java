package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.function.Executable;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.testkit.Fixtures;
import org.stripejdbc.testkit.Sql;
import org.stripejdbc.types.PostgresText;
import org.stripejdbc.types.SqlType;

/**
 * Test harness: a catalog of in-memory tables, a fixed statement time, and helpers that compile and run queries
 * and render rows as {@code "id=cus_1; email=a@b.c"} strings (values in Postgres text form, NULL as {@code null}).
 */
final class Engine {
    /** The statement time of every test execution: 2023-11-14 22:13:20 UTC. */
    static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    private final Map<QualifiedName, TableSource> tables = new HashMap<>();

    Engine add(String name, TableSource table) {
        int dot = name.indexOf('.');
        QualifiedName qualified =
                dot < 0 ? QualifiedName.of(name) : new QualifiedName(name.substring(0, dot), name.substring(dot + 1));
        tables.put(qualified, table);
        if (qualified.schema() != null) {
            tables.putIfAbsent(QualifiedName.of(qualified.name()), table);
        }
        return this;
    }

    TableSource resolve(QualifiedName name) {
        TableSource table = tables.get(name);
        if (table == null) {
            throw new StripeJdbcException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        }
        return table;
    }

    QueryCompiler compiler() {
        return new QueryCompiler(this::resolve);
    }

    static ExecutionContext context(Object... parameters) {
        return new ExecutionContext(Arrays.asList(parameters), NOW, 0, QueryControl.NONE, ScanListener.NONE);
    }

    static ExecutionContext contextWithMaxRows(long maxRows) {
        return new ExecutionContext(List.of(), NOW, maxRows, QueryControl.NONE, ScanListener.NONE);
    }

    /** Runs {@code query} and renders each row as {@code "label=value; label=value"}. */
    List<String> rows(Query query, Object... parameters) {
        return rows(query, context(parameters));
    }

    List<String> rows(Query query, ExecutionContext context) {
        CompiledQuery compiled = compiler().compile(query);
        List<String> out = new ArrayList<>();
        try (RowIterator rows = compiled.execute(context)) {
            while (rows.next()) {
                out.add(render(compiled.columns(), rows.current()));
            }
        }
        return out;
    }

    static String render(List<ResultColumn> columns, Object[] row) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn column = columns.get(i);
            String text = PostgresText.format(row[i], column.type());
            cells.add(column.name() + "=" + (text == null ? "null" : text));
        }
        return String.join("; ", cells);
    }

    /** The column labels and types, as {@code "label type"}. */
    List<String> columns(Query query) {
        return compiler().compile(query).columns().stream()
                .map(c -> c.name() + " " + c.type().postgresName())
                .collect(Collectors.toList());
    }

    /** {@code select <expression>}: its single value. */
    Object value(org.stripejdbc.sql.Expr expression, Object... parameters) {
        Query query = Sql.select(expression).build();
        CompiledQuery compiled = compiler().compile(query);
        try (RowIterator rows = compiled.execute(context(parameters))) {
            rows.next();
            return rows.current()[0];
        }
    }

    /** {@code select <expression>} in Postgres text form (NULL as {@code null}). */
    String text(org.stripejdbc.sql.Expr expression, Object... parameters) {
        Query query = Sql.select(expression).build();
        CompiledQuery compiled = compiler().compile(query);
        try (RowIterator rows = compiled.execute(context(parameters))) {
            rows.next();
            String text = PostgresText.format(
                    rows.current()[0], compiled.columns().get(0).type());
            return text == null ? "null" : text;
        }
    }

    /** The type of {@code select <expression>}. */
    SqlType type(org.stripejdbc.sql.Expr expression) {
        return compiler()
                .compile(Sql.select(expression).build())
                .columns()
                .get(0)
                .type();
    }

    /** The label of {@code select <expression>}. */
    String label(org.stripejdbc.sql.Expr expression) {
        return compiler()
                .compile(Sql.select(new SelectItem.Column(expression, null)).build())
                .columns()
                .get(0)
                .name();
    }

    /** Asserts that {@code action} fails with {@code code} and returns the message. */
    static String assertFails(String code, Executable action) {
        StripeJdbcException e = assertThrows(StripeJdbcException.class, action);
        assertEquals(code, e.sqlState().code(), () -> "SQLSTATE of: " + e.getMessage());
        return e.getMessage();
    }

    // ---------------------------------------------------------------- fixtures

    static final List<ResultColumn> CUSTOMER_COLUMNS = List.of(
            new ResultColumn("id", SqlType.TEXT, "stripe", "customers"),
            new ResultColumn("email", SqlType.TEXT, "stripe", "customers"),
            new ResultColumn("name", SqlType.TEXT, "stripe", "customers"),
            new ResultColumn("created", SqlType.TIMESTAMP, "stripe", "customers"),
            new ResultColumn("attrs", SqlType.JSONB, "stripe", "customers"));

    static final List<ResultColumn> CHARGE_COLUMNS = List.of(
            new ResultColumn("id", SqlType.TEXT, "stripe", "charges"),
            new ResultColumn("amount", SqlType.BIGINT, "stripe", "charges"),
            new ResultColumn("currency", SqlType.TEXT, "stripe", "charges"),
            new ResultColumn("customer", SqlType.TEXT, "stripe", "charges"),
            new ResultColumn("status", SqlType.TEXT, "stripe", "charges"),
            new ResultColumn("created", SqlType.TIMESTAMP, "stripe", "charges"));

    static final List<ResultColumn> INVOICE_COLUMNS = List.of(
            new ResultColumn("id", SqlType.TEXT, "stripe", "invoices"),
            new ResultColumn("customer", SqlType.TEXT, "stripe", "invoices"),
            new ResultColumn("total", SqlType.BIGINT, "stripe", "invoices"),
            new ResultColumn("attrs", SqlType.JSONB, "stripe", "invoices"));

    static LocalDateTime at(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T'));
    }

    static Object[] row(Object... values) {
        return values;
    }

    static InMemoryTableSource customers() {
        return InMemoryTableSource.of(
                "stripe.customers",
                CUSTOMER_COLUMNS,
                List.of(
                        row(
                                "cus_1",
                                "ann@example.com",
                                "Ann",
                                at("2023-01-05 10:00:00"),
                                Json.parse("{\"id\":\"cus_1\",\"metadata\":{\"tier\":\"gold\"},\"balance\":0}")),
                        row(
                                "cus_2",
                                "bob@example.com",
                                "Bob",
                                at("2023-06-01 08:30:00"),
                                Json.parse("{\"id\":\"cus_2\",\"metadata\":{},\"balance\":-500}")),
                        row(
                                "cus_3",
                                null,
                                "Cleo",
                                at("2024-02-10 12:00:00"),
                                Json.parse("{\"id\":\"cus_3\",\"metadata\":{\"tier\":\"silver\"},\"balance\":100}")),
                        row("cus_4", "dan@test.org", null, at("2024-03-01 00:00:00"), null)));
    }

    static InMemoryTableSource charges() {
        return InMemoryTableSource.of(
                "stripe.charges",
                CHARGE_COLUMNS,
                List.of(
                        row("ch_1", 1000L, "usd", "cus_1", "succeeded", at("2023-02-01 00:00:00")),
                        row("ch_2", 2500L, "usd", "cus_1", "succeeded", at("2023-03-01 00:00:00")),
                        row("ch_3", 700L, "eur", "cus_2", "failed", at("2023-07-01 00:00:00")),
                        row("ch_4", 1200L, "eur", "cus_2", "succeeded", at("2023-08-01 00:00:00")),
                        row("ch_5", 300L, "usd", null, "succeeded", at("2024-01-01 00:00:00"))));
    }

    /** Invoices whose attrs are {@code fixtures/invoices/in_<n>.json} (account_name, lines.data with prices). */
    static InMemoryTableSource invoices() {
        return InMemoryTableSource.of(
                "stripe.invoices",
                INVOICE_COLUMNS,
                List.of(
                        row("in_1", "cus_1", 3500L, Fixtures.json("invoices/in_1.json")),
                        row("in_2", "cus_2", 700L, Fixtures.json("invoices/in_2.json")),
                        row("in_3", "cus_9", 0L, Fixtures.json("invoices/in_3.json"))));
    }

    /** An engine with stripe.customers, stripe.charges and stripe.invoices. */
    static Engine standard() {
        return new Engine()
                .add("stripe.customers", customers())
                .add("stripe.charges", charges())
                .add("stripe.invoices", invoices());
    }
}
