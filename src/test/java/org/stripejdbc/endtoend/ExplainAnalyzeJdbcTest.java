package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.stripejdbc.emulator.StripeEmulator;

/**
 * {@code EXPLAIN ANALYZE} of a query runs it and reports, under each scan, what really happened: rows, loops, time,
 * and the Stripe requests with their retries and 429 answers, which must agree with the emulator's request log.
 */
class ExplainAnalyzeJdbcTest {
    private static final Pattern ACTUAL = Pattern.compile("Actual: (\\d+) rows?, (\\d+) loops?, [0-9.]+ ms; "
            + "(\\d+) requests? for (\\d+) pages?(?: \\((\\d+) retr(?:y|ies), (\\d+) answered 429\\))?, "
            + "(\\d+) objects? received");

    private StripeEmulator emulator;
    private Connection connection;

    @BeforeEach
    void start() throws SQLException {
        emulator = StripeEmulator.builder().seed(3).customers(250).start();
        Properties properties = new Properties();
        properties.setProperty("password", emulator.apiKey());
        properties.setProperty("api_url", emulator.baseUrl());
        properties.setProperty("requests_per_second", "0");
        properties.setProperty("scan_parallelism", "1");
        connection = DriverManager.getConnection("jdbc:stripe:mem:analyze-" + UUID.randomUUID(), properties);
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        emulator.close();
    }

    private List<String> explain(String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    private static Matcher actual(List<String> lines, int index) {
        List<String> actual =
                lines.stream().filter(line -> line.trim().startsWith("Actual:")).toList();
        Matcher matcher = ACTUAL.matcher(actual.get(index).trim());
        assertTrue(matcher.matches(), actual.get(index));
        return matcher;
    }

    @Test
    void aScanReportsItsRowsPagesAndRequests() throws SQLException {
        emulator.clearRequestLog();
        List<String> lines = explain("explain analyze select id from stripe.customers where name like '%a%'");
        long listed = emulator.requestLog().size();
        Matcher scan = actual(lines, 0);
        long matching = emulator.objects("customers").stream()
                .filter(c -> c.get("name") != null
                        && c.get("name").stringValue() != null
                        && c.get("name").stringValue().contains("a"))
                .count();
        assertEquals(matching, Long.parseLong(scan.group(1)), "rows");
        assertEquals("1", scan.group(2), "loops");
        assertEquals(3, listed, "250 customers are 3 pages");
        assertEquals(listed, Long.parseLong(scan.group(3)), "requests");
        assertEquals("3", scan.group(4), "pages");
        assertEquals("250", scan.group(7), "objects");
        assertEquals("Rows: " + matching, lines.get(lines.size() - 2));
        assertTrue(lines.get(lines.size() - 1).matches("Execution Time: [0-9.]+ ms"), lines.toString());
    }

    @Test
    @Tag("slow")
    void retriesAnd429sAreCounted() throws SQLException {
        emulator.setRequestsPerSecond(1);
        try {
            emulator.clearRequestLog();
            List<String> lines = explain("explain analyze select count(*) from stripe.customers");
            long requests = emulator.requestLog().size();
            long refused = emulator.requestLog().stream()
                    .filter(r -> r.status() == 429)
                    .count();
            assertTrue(refused > 0, "the emulator's budget of 1 request/s refused some");
            Matcher scan = actual(lines, 0);
            assertEquals(requests, Long.parseLong(scan.group(3)), "requests");
            assertEquals("3", scan.group(4), "pages");
            assertEquals(refused, Long.parseLong(scan.group(5)), "retries");
            assertEquals(refused, Long.parseLong(scan.group(6)), "429 answers");
        } finally {
            emulator.setRequestsPerSecond(0);
        }
    }

    @Test
    void aKeyedScanCountsItsLoopsAndAScanThatNeverRanSaysSo() throws SQLException {
        String id = emulator.objects("customers").get(0).get("id").stringValue();
        List<String> lines = explain("explain analyze select c.id, ch.id from stripe.customers c"
                + " join stripe.charges ch on ch.customer = c.id where c.id = '" + id + "'");
        assertTrue(lines.stream().anyMatch(line -> line.contains("Keyed Join")), lines.toString());
        Matcher customers = actual(lines, 0);
        assertEquals("1", customers.group(2));
        assertEquals("1", customers.group(3), "one retrieve");
        List<String> never = explain("explain analyze select id from stripe.customers where 1 = 0");
        assertTrue(never.stream().anyMatch(line -> line.trim().equals("Actual: never executed")), never.toString());
    }

    @Test
    void plainExplainMakesNoRequestAndShowsNoActuals() throws SQLException {
        emulator.clearRequestLog();
        List<String> lines = explain("explain select id from stripe.customers");
        assertTrue(lines.stream().noneMatch(line -> line.contains("Actual:")), lines.toString());
        assertEquals(0, emulator.requestLog().size());
    }
}
