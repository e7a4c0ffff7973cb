package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.objects.StripeObjects;

/**
 * Differential tests: every query of {@code differential/queries.sql} runs on the engine (through the JDBC driver,
 * over the emulator's sample data) and on a real PostgreSQL holding the very same rows ({@link PostgresMirror});
 * the results must agree in column labels, type families and values ({@link ResultTable}), in order when the
 * query ends with ORDER BY, else as multisets; and again with the emulator ignoring every list filter, which must not
 * change a result. Every query of {@code differential/unsupported.sql} must fail on
 * the engine with SQLSTATE 0A000 and a message naming the construct its comment gives.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialPostgresTest {
    private static final String QUERIES = "differential/queries.sql";
    private static final String UNSUPPORTED = "differential/unsupported.sql";
    private static final long SEED = 20_250_601L;
    private static final int CUSTOMERS = 60;

    private StripeEmulator emulator;
    private Connection stripe;
    private PostgresMirror postgres;

    @BeforeAll
    void setUp() throws Exception {
        emulator = StripeEmulator.builder().seed(SEED).customers(CUSTOMERS).start();
        stripe = DriverManager.getConnection(
                "jdbc:stripe:mem:sqldiff-" + UUID.randomUUID() + "?api_url=" + emulator.baseUrl()
                        + "&requests_per_second=0",
                "stripe",
                emulator.apiKey());
        postgres = PostgresMirror.start();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = stripe.getMetaData().getTables(null, "stripe", "%", null)) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        // The corpus is about the 24 tables of the original FDW (its catalog queries list the schema): the tables
        // zero-config made from the API description are dropped here, so both sides hold the same 24.
        try (Statement s = stripe.createStatement()) {
            for (String table : List.copyOf(tables)) {
                if (StripeObjects.byTableName(table).orElseThrow().apiVersion() != null) {
                    s.execute("drop foreign table stripe." + table);
                    tables.remove(table);
                }
            }
        }
        assertEquals(24, tables.size(), tables.toString());
        for (String table : tables) {
            postgres.copy(stripe, table, selectAll(table));
        }
    }

    /** {@code select *} of a table, with the id or parent filter the objects without a list endpoint need. */
    private String selectAll(String table) throws SQLException {
        switch (table) {
            case "mandates":
            case "tokens":
                return "select * from stripe." + table + " where id in ("
                        + quoted(emulator.objects(table).stream()
                                .map(DifferentialPostgresTest::id)
                                .collect(Collectors.toList()))
                        + ")";
            case "setup_attempts":
                List<String> intents = new ArrayList<>();
                try (Statement s = stripe.createStatement();
                        ResultSet rs = s.executeQuery("select id from stripe.setup_intents")) {
                    while (rs.next()) {
                        intents.add(rs.getString(1));
                    }
                }
                return "select * from stripe.setup_attempts where setup_intent in (" + quoted(intents) + ")";
            default:
                return "select * from stripe." + table;
        }
    }

    private static String quoted(List<String> values) {
        if (values.isEmpty()) {
            return "null";
        }
        return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "));
    }

    @AfterAll
    void tearDown() throws Exception {
        if (stripe != null) {
            stripe.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void mirrorHoldsTheSameRowsAsTheDriverReads() throws Exception {
        for (String table : List.of("customers", "invoices", "balance", "subscriptions", "setup_attempts")) {
            String sql = "select count(*) as n from stripe." + table;
            ResultTable engine = run(
                    stripe, table.equals("setup_attempts") ? selectAll(table).replace("*", "count(*) as n") : sql);
            ResultTable expected = run(postgres.connection(), sql);
            assertEquals(expected.rows(), engine.rows(), table);
            assertTrue(Integer.parseInt(expected.rows().get(0).get(0)) > 0, table + " is empty");
        }
        assertEquals(
                emulator.objects("customers").size(),
                Integer.parseInt(run(postgres.connection(), "select count(*) from stripe.customers")
                        .rows()
                        .get(0)
                        .get(0)));
    }

    @Test
    void corpusIsLargeEnough() throws Exception {
        QueryCorpus corpus = QueryCorpus.load(QUERIES);
        assertTrue(corpus.entries().size() >= 150, "only " + corpus.entries().size() + " queries");
        assertTrue(QueryCorpus.load(UNSUPPORTED).entries().size() >= 10);
    }

    @TestFactory
    Stream<DynamicTest> queriesAgreeWithPostgres() throws Exception {
        return QueryCorpus.load(QUERIES).entries().stream()
                .map(entry -> DynamicTest.dynamicTest(entry.title(), () -> compare(entry)));
    }

    /**
     * The same corpus against a Stripe that accepts every list filter and applies none: a pushed condition is an
     * optimisation, so the results must still be PostgreSQL's (only the requests differ).
     */
    @TestFactory
    Stream<DynamicTest> queriesAgreeWithPostgresWhenStripeIgnoresFilters() throws Exception {
        return QueryCorpus.load(QUERIES).entries().stream()
                .map(entry -> DynamicTest.dynamicTest(entry.title(), () -> {
                    emulator.setIgnoreListFilters(true);
                    try {
                        compare(entry);
                    } finally {
                        emulator.setIgnoreListFilters(false);
                    }
                }));
    }

    private void compare(QueryCorpus.Entry entry) throws SQLException {
        ResultTable expected;
        try {
            expected = run(postgres.connection(), entry.sql());
        } catch (SQLException e) {
            throw new AssertionError(
                    "PostgreSQL rejects the corpus query (fix the corpus): " + e.getMessage() + "\n" + entry.sql(), e);
        }
        ResultTable actual;
        try {
            actual = run(stripe, entry.sql());
        } catch (SQLException e) {
            throw new AssertionError(
                    "engine fails (" + e.getSQLState() + "): " + e.getMessage() + "\n" + entry.sql(), e);
        }
        List<String> differences = actual.differences(expected, entry.ordered());
        if (!differences.isEmpty()) {
            fail("engine and PostgreSQL disagree on\n" + entry.sql() + "\n  " + String.join("\n  ", differences));
        }
    }

    @TestFactory
    Stream<DynamicTest> unsupportedSqlFailsWithFeatureNotSupported() throws Exception {
        return QueryCorpus.load(UNSUPPORTED).entries().stream()
                .map(entry -> DynamicTest.dynamicTest(entry.title(), () -> {
                    try {
                        run(stripe, entry.sql());
                        fail("the engine ran an unsupported query instead of failing with 0A000:\n" + entry.sql());
                    } catch (SQLException e) {
                        assertEquals("0A000", e.getSQLState(), e.getMessage() + "\n" + entry.sql());
                        String construct = entry.description().toLowerCase(Locale.ROOT);
                        assertTrue(
                                e.getMessage().toLowerCase(Locale.ROOT).contains(construct),
                                "message does not name '" + entry.description() + "': " + e.getMessage());
                    }
                }));
    }

    private static ResultTable run(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return ResultTable.read(rs);
        }
    }

    private static String id(Json object) {
        return object.get("id").stringValue();
    }
}
