package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;

/**
 * GROUP BY GROUPING SETS, ROLLUP and CUBE with {@code grouping()} end to end over the emulator: the subtotal rows
 * with their rolled-up keys NULL, the column types over JDBC, one list walk for every set, EXPLAIN naming the sets,
 * and 42803 for a misplaced {@code grouping()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupingSetsJdbcTest {
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

    @Test
    void rollupGivesSubtotalsAndAGrandTotalInOneListWalk() throws SQLException {
        Map<String, Long> byCurrency = new HashMap<>();
        long total = 0;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(
                        "select currency, count(*), sum(amount) from stripe.charges" + " group by currency")) {
            while (rs.next()) {
                byCurrency.put(rs.getString(1), rs.getLong(2));
                total += rs.getLong(2);
            }
        }
        db.clearRequests();
        List<String> subtotals = new ArrayList<>();
        Long grandTotal = null;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select currency, status, count(*) as n, grouping(currency, status) as g"
                        + " from stripe.charges group by rollup (currency, status)"
                        + " having grouping(status) = 1 order by grouping(currency, status), currency")) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(Types.VARCHAR, md.getColumnType(1));
            assertEquals(Types.BIGINT, md.getColumnType(3));
            assertEquals(Types.INTEGER, md.getColumnType(4));
            assertEquals("integer", md.getColumnTypeName(4));
            assertEquals("g", md.getColumnLabel(4));
            while (rs.next()) {
                assertNull(rs.getString(2)); // HAVING kept the rows whose status is rolled up: NULL
                if (rs.getInt(4) == 1) {
                    subtotals.add(rs.getString(1) + "=" + rs.getLong(3));
                } else {
                    assertEquals(3, rs.getInt(4));
                    assertNull(rs.getString(1));
                    grandTotal = rs.getLong(3);
                }
            }
        }
        List<String> expected = byCurrency.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
        assertEquals(expected, subtotals);
        assertEquals(total, grandTotal);
        List<String> requests =
                db.requests().stream().map(RecordedRequest::describe).toList();
        assertTrue(requests.stream().allMatch(r -> r.startsWith("GET /v1/charges?")), requests.toString());
        assertEquals(1, requests.size(), requests.toString());
    }

    @Test
    void cubeAndGroupingSetsAfterAPlainKey() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select count(*), count(distinct g)"
                        + " from (select currency, status, grouping(currency, status) as g"
                        + " from stripe.charges group by cube (currency, status)) c")) {
            rs.next();
            assertEquals(4, rs.getInt(2));
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select status, currency, count(*) from stripe.charges"
                        + " group by status, grouping sets ((currency), ()) order by status, currency nulls last")) {
            String status = null;
            long sum = 0;
            while (rs.next()) {
                if (rs.getString(2) == null) {
                    assertEquals(status, rs.getString(1));
                    assertEquals(sum, rs.getLong(3)); // the () set: every currency of the status
                    sum = 0;
                } else {
                    status = rs.getString(1);
                    sum += rs.getLong(3);
                }
            }
        }
    }

    @Test
    void explainShowsTheGroupingSets() throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("explain select currency, status, count(*) from stripe.charges"
                        + " group by cube (currency, status)")) {
            while (rs.next()) {
                plan.add(rs.getString(1).trim());
            }
        }
        assertTrue(
                plan.contains("->  HashAggregate: grouping sets (currency, status), (currency), (status), ()"),
                plan.toString());
        assertEquals(List.of(), db.requests());
    }

    @Test
    void aMisplacedGroupingIs42803() throws SQLException {
        try (Statement s = connection.createStatement()) {
            SQLException notAKey = assertThrows(
                    SQLException.class,
                    () -> s.executeQuery(
                                    "select currency, grouping(status) from stripe.charges group by rollup (currency)")
                            .close());
            assertEquals("42803", notAKey.getSQLState());
            assertEquals(
                    "arguments to GROUPING must be grouping expressions of the associated query level",
                    notAKey.getMessage());
            SQLException where = assertThrows(
                    SQLException.class,
                    () -> s.executeQuery("select currency from stripe.charges where grouping(currency) = 0"
                                    + " group by currency")
                            .close());
            assertEquals("42803", where.getSQLState());
            assertEquals("grouping operations are not allowed in WHERE", where.getMessage());
        }
        assertEquals(List.of(), db.requests());
    }
}
