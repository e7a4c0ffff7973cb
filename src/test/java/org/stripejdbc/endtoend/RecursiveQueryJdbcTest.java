package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;

/**
 * WITH RECURSIVE end to end over the emulator: the month series of a revenue report over stripe.charges (its rows,
 * its column types over JDBC and the requests it makes), the bound {@code max_recursive_rows} (54001 naming the
 * query and the bound, before the bound's row is returned) and Postgres' 42P19 for malformed recursion, refused
 * before any request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecursiveQueryJdbcTest {
    private static final String MONTHS = "with recursive months(m) as ("
            + " select date_trunc('month', min(created)) from stripe.charges"
            + " union all select m + interval '1 month' from months"
            + " where m < date_trunc('month', (select max(created) from stripe.charges)))"
            + " select m, coalesce(sum(c.amount), 0) as revenue, count(c.id) as charges"
            + " from months left join stripe.charges c on date_trunc('month', c.created) = m group by m order by m";

    private EmulatorDatabase db;
    private Connection connection;

    @BeforeAll
    void start() throws SQLException {
        db = EmulatorDatabase.start(StripeEmulator.builder().seed(17).customers(12));
        connection = db.connect();
    }

    @AfterAll
    void stop() throws Exception {
        connection.close();
        db.close();
    }

    @BeforeEach
    void clear() {
        db.clearRequests();
    }

    private List<String> requests() {
        return db.requests().stream().map(RecordedRequest::describe).toList();
    }

    @Test
    void theMonthSeriesOfARevenueReportHasEveryMonthTypedAsTimestamp() throws SQLException {
        List<LocalDateTime> months = new ArrayList<>();
        long revenue = 0;
        long charges = 0;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(MONTHS)) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals("m", md.getColumnLabel(1));
            assertEquals(Types.TIMESTAMP, md.getColumnType(1));
            assertEquals("timestamp", md.getColumnTypeName(1));
            assertEquals(Types.NUMERIC, md.getColumnType(2));
            assertEquals(Types.BIGINT, md.getColumnType(3));
            while (rs.next()) {
                months.add(rs.getObject(1, LocalDateTime.class));
                revenue += rs.getLong(2);
                charges += rs.getLong(3);
            }
        }
        // Consecutive months from the first charge's to the last charge's, months without charges included.
        assertTrue(months.size() > 2, months.toString());
        for (int i = 1; i < months.size(); i++) {
            assertEquals(months.get(i - 1).plusMonths(1), months.get(i));
            assertEquals(1, months.get(i).getDayOfMonth());
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(
                        "select min(created), max(created), sum(amount), count(*)" + " from stripe.charges")) {
            rs.next();
            LocalDateTime first = rs.getObject(1, LocalDateTime.class);
            LocalDateTime last = rs.getObject(2, LocalDateTime.class);
            assertEquals(first.withDayOfMonth(1).toLocalDate().atStartOfDay(), months.get(0));
            assertEquals(last.withDayOfMonth(1).toLocalDate().atStartOfDay(), months.get(months.size() - 1));
            assertEquals(rs.getLong(3), revenue);
            assertEquals(rs.getLong(4), charges);
        }
    }

    @Test
    void theRecursiveTermRunsLocallyOverOneReadOfEachForeignTable() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(MONTHS)) {
            while (rs.next()) {
                assertTrue(rs.getLong(3) >= 0);
            }
        }
        // min(created) walks the list, max(created) reads the newest charge, the join reads the list once more.
        List<String> requests = requests();
        assertTrue(requests.stream().allMatch(r -> r.startsWith("GET /v1/charges?")), requests.toString());
        assertEquals(3, requests.size(), requests.toString());
        db.clearRequests();
        List<String> plan = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("explain " + MONTHS)) {
            while (rs.next()) {
                plan.add(rs.getString(1).trim());
            }
        }
        assertTrue(plan.contains("->  Recursive Union All: months (at most 100000 rows)"), plan.toString());
        assertTrue(plan.contains("->  WorkTable Scan: months"), plan.toString());
        assertEquals(List.of(), requests());
    }

    @Test
    void aRecursionPastMaxRecursiveRowsFailsNamingTheQueryAndTheBound() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", db.user());
        properties.setProperty("password", db.password());
        properties.setProperty("max_recursive_rows", "50");
        try (Connection bounded = java.sql.DriverManager.getConnection(db.url(), properties);
                Statement s = bounded.createStatement()) {
            try (ResultSet rs = s.executeQuery("with recursive t(n) as (select 1 union all select n + 1 from t"
                    + " where n < 50) select count(*), max(n) from t")) {
                rs.next();
                assertEquals(50, rs.getInt(1));
            }
            SQLException e = assertThrows(SQLException.class, () -> {
                try (ResultSet rs =
                        s.executeQuery("with recursive forever(n) as (select 1 union all select n + 1 from forever)"
                                + " select n from forever")) {
                    while (rs.next()) {
                        assertTrue(rs.getInt(1) <= 50);
                    }
                }
            });
            assertEquals("54001", e.getSQLState());
            assertTrue(
                    e.getMessage().contains("recursive query \"forever\" produced more than 50 rows"), e.getMessage());
            assertTrue(e.getMessage().contains("max_recursive_rows"), e.getMessage());
            // A LIMIT above stops an endless recursion before the bound.
            try (ResultSet rs = s.executeQuery("with recursive forever(n) as (select 1 union all select n + 1"
                    + " from forever) select n from forever limit 3")) {
                List<Integer> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getInt(1));
                }
                assertEquals(List.of(1, 2, 3), rows);
            }
        }
        SQLException invalid = assertThrows(SQLException.class, () -> {
            Properties bad = new Properties();
            bad.setProperty("user", db.user());
            bad.setProperty("password", db.password());
            bad.setProperty("max_recursive_rows", "-1");
            java.sql.DriverManager.getConnection(db.url(), bad).close();
        });
        assertEquals("22023", invalid.getSQLState(), invalid.getMessage());
    }

    @Test
    void malformedRecursionIs42P19BeforeAnyRequest() throws SQLException {
        String[][] cases = {
            {
                "with recursive t(n) as (select 1 union all select n + 1 from stripe.charges c left join t on true)"
                        + " select * from t",
                "recursive reference to query \"t\" must not appear within an outer join"
            },
            {
                "with recursive t(n) as (select 1 union all select n + 1 from t"
                        + " where n < (select max(n) from t)) select * from t",
                "recursive reference to query \"t\" must not appear within a subquery"
            },
            {
                "with recursive t(n) as (select 1 union all select count(*) from t join stripe.charges c on true)"
                        + " select * from t",
                "aggregate functions are not allowed in a recursive query's recursive term"
            },
            {
                "with recursive t(n) as (select count(*)::int from t union all select 1) select * from t",
                "recursive reference to query \"t\" must not appear within its non-recursive term"
            },
            {
                "with recursive t(n) as (select 1 union all select a.n from t a, t b) select * from t",
                "recursive reference to query \"t\" must not appear more than once"
            },
            {
                "with recursive t(n) as (select 1 intersect select n from t) select * from t",
                "recursive query \"t\" does not have the form non-recursive-term UNION [ALL] recursive-term"
            },
        };
        try (Statement s = connection.createStatement()) {
            for (String[] c : cases) {
                SQLException e = assertThrows(
                        SQLException.class, () -> s.executeQuery(c[0]).close(), c[0]);
                assertEquals("42P19", e.getSQLState(), e.getMessage());
                assertEquals(c[1], e.getMessage());
            }
            SQLException types = assertThrows(
                    SQLException.class,
                    () -> s.executeQuery("with recursive t(n) as (select 1 union all select n + 0.5 from t where n < 2)"
                                    + " select * from t")
                            .close());
            assertEquals("42804", types.getSQLState());
            assertTrue(
                    types.getMessage()
                            .startsWith("recursive query \"t\" column 1 has type integer in non-recursive term"
                                    + " but type numeric overall"),
                    types.getMessage());
        }
        assertEquals(List.of(), requests());
    }
}
