package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;
import org.stripejdbc.testkit.Rows;

/**
 * The child tables of nested lists that need more than their parent's id: {@code billing_meter_event_summaries}
 * ({@code GET /v1/billing/meters/{}/event_summaries}, which needs {@code customer}, {@code start_time} and
 * {@code end_time}) and {@code financial_connections_account_owners} ({@code GET
 * /v1/financial_connections/accounts/{}/owners}, which needs {@code ownership}), on the emulator, asserting rows and
 * the exact requests: the required parameters come from conditions, and without them the statement fails (0A000,
 * naming each missing one) before any request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComputedChildTablesJdbcTest {
    /** 2025-01-01 00:00 UTC and a day later. */
    private static final long JAN_1 = 1_735_689_600L;

    private static final long JAN_2 = JAN_1 + 86_400;

    private StripeEmulator emulator;
    private Connection connection;
    private String meter;
    private String customer;

    @BeforeAll
    void start() throws SQLException {
        emulator = StripeEmulator.builder().seed(5).customers(30).start();
        connection = DriverManager.getConnection(
                "jdbc:stripe:mem:computed-" + UUID.randomUUID() + "?api_url=" + emulator.baseUrl()
                        + "&requests_per_second=0&scan_parallelism=1",
                "stripe",
                emulator.apiKey());
        meter = emulator.objects("billing/meters").get(0).get("id").stringValue();
        customer = emulator.objects("customers").get(0).get("id").stringValue();
    }

    @AfterAll
    void stop() throws SQLException {
        connection.close();
        emulator.close();
    }

    @BeforeEach
    void clearLog() {
        emulator.clearRequestLog();
    }

    private List<List<String>> rows(String sql) throws SQLException {
        return Rows.text(connection, sql);
    }

    /** The requests made since the last call, as {@code GET /v1/...?a=b}. */
    private List<String> requests() {
        List<String> out = new ArrayList<>();
        for (RecordedRequest request : emulator.requestLog()) {
            String query = request.queryParameters().stream()
                    .map(p -> p.getKey() + "=" + p.getValue())
                    .collect(Collectors.joining("&"));
            out.add(request.method() + " " + request.path() + (query.isEmpty() ? "" : "?" + query));
        }
        emulator.clearRequestLog();
        return out;
    }

    @Test
    void theTablesCarryTheirParametersAsColumns() throws SQLException {
        StripeObject summaries =
                StripeObjects.byTableName("billing_meter_event_summaries").orElseThrow();
        assertEquals("billing_meter", summaries.parent().column());
        assertEquals(List.of("customer", "end_time", "start_time"), summaries.requiredParameters());
        StripeObject owners = StripeObjects.byTableName("financial_connections_account_owners")
                .orElseThrow();
        assertEquals("financial_connections_account", owners.parent().column());
        assertEquals(List.of("ownership"), owners.requiredParameters());
        try (Statement s = connection.createStatement()) {
            s.execute("create schema computed");
            s.execute("import foreign schema stripe limit to (billing_meter_event_summaries,"
                    + " financial_connections_account_owners) from server stripe_server into computed");
        }
        List<String> columns = new ArrayList<>();
        try (ResultSet rs =
                connection.getMetaData().getColumns(null, "computed", "billing_meter_event_summaries", "%")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
            }
        }
        assertEquals(
                List.of(
                        "id text",
                        "billing_meter text",
                        "customer text",
                        "value_grouping_window text",
                        "aggregated_value numeric",
                        "end_time timestamp",
                        "livemode bool",
                        "meter text",
                        "start_time timestamp",
                        "attrs jsonb"),
                columns);
        assertEquals(List.of(), requests());
    }

    @Test
    void withoutTheRequiredParametersNoRequestIsMade() {
        SQLException none =
                assertThrows(SQLException.class, () -> rows("select * from stripe.billing_meter_event_summaries"));
        assertEquals("0A000", none.getSQLState());
        assertTrue(none.getMessage().contains("needs customer, end_time, start_time"), none.getMessage());
        SQLException some = assertThrows(
                SQLException.class,
                () -> rows("select * from stripe.billing_meter_event_summaries where billing_meter = '" + meter
                        + "' and customer = '" + customer + "' and start_time > '2025-01-01'"));
        assertEquals("0A000", some.getSQLState());
        assertTrue(some.getMessage().contains("needs end_time, start_time"), some.getMessage());
        SQLException owners = assertThrows(
                SQLException.class,
                () -> rows("select * from stripe.financial_connections_account_owners"
                        + " where financial_connections_account = 'fca_1'"));
        assertEquals("0A000", owners.getSQLState());
        assertTrue(owners.getMessage().contains("needs ownership"), owners.getMessage());
        assertEquals(List.of(), requests());
    }

    @Test
    void oneWindowIsOneRequestWithTheParametersAndTheMeterInThePath() throws SQLException {
        String sql = "select customer, start_time, end_time, aggregated_value, value_grouping_window"
                + " from stripe.billing_meter_event_summaries where billing_meter = '" + meter + "' and customer = '"
                + customer + "' and start_time = '2025-01-01' and end_time = '2025-01-02'";
        List<List<String>> rows = rows(sql);
        assertEquals(
                List.of("GET /v1/billing/meters/" + meter + "/event_summaries?customer=" + customer + "&start_time="
                        + JAN_1 + "&end_time=" + JAN_2 + "&limit=100"),
                requests());
        assertEquals(1, rows.size(), rows.toString());
        assertEquals(customer, rows.get(0).get(0));
        assertEquals("2025-01-01 00:00:00", rows.get(0).get(1));
        assertEquals("2025-01-02 00:00:00", rows.get(0).get(2));
        assertEquals(null, rows.get(0).get(4));
        String plan = rows("explain " + sql).stream().map(r -> r.get(0)).collect(Collectors.joining("\n"));
        assertTrue(plan.contains("GET /v1/billing/meters/" + meter + "/event_summaries?customer=" + customer), plan);
        assertEquals(List.of(), requests(), "EXPLAIN sends nothing");
    }

    @Test
    void hourlySummariesOfADayAddUpToTheDaysSummary() throws SQLException {
        String window = " from stripe.billing_meter_event_summaries where billing_meter = '" + meter
                + "' and customer = '" + customer + "' and start_time >= '2025-01-01' and end_time <= '2025-01-02'";
        List<List<String>> hours = rows("select start_time, end_time, aggregated_value, value_grouping_window" + window
                + " and value_grouping_window = 'hour' order by start_time");
        assertEquals(
                List.of("GET /v1/billing/meters/" + meter + "/event_summaries?customer=" + customer + "&start_time="
                        + JAN_1 + "&end_time=" + JAN_2 + "&value_grouping_window=hour&limit=100"),
                requests());
        assertEquals(24, hours.size());
        assertEquals("2025-01-01 00:00:00", hours.get(0).get(0));
        assertEquals("2025-01-01 01:00:00", hours.get(0).get(1));
        assertTrue(hours.stream().allMatch(h -> h.get(3).equals("hour")), hours.toString());
        BigDecimal sum = hours.stream().map(h -> new BigDecimal(h.get(2))).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<List<String>> day = rows("select aggregated_value" + window);
        assertEquals(1, day.size());
        assertEquals(0, sum.compareTo(new BigDecimal(day.get(0).get(0))), hours + " vs " + day);
        assertTrue(sum.signum() > 0, "a day has some usage");
    }

    @Test
    void withoutAMeterEveryMeterIsAskedForTheSameWindow() throws SQLException {
        List<String> meters = emulator.objects("billing/meters").stream()
                .map(m -> m.get("id").stringValue())
                .toList();
        List<List<String>> rows = rows("select billing_meter, meter from stripe.billing_meter_event_summaries"
                + " where customer = '" + customer + "' and start_time = '2025-01-01' and end_time = '2025-01-02'");
        List<String> expected = new ArrayList<>(List.of("GET /v1/billing/meters?limit=100"));
        for (String m : meters) {
            expected.add("GET /v1/billing/meters/" + m + "/event_summaries?customer=" + customer + "&start_time="
                    + JAN_1 + "&end_time=" + JAN_2 + "&limit=100");
        }
        assertEquals(expected, requests());
        assertEquals(meters, rows.stream().map(r -> r.get(0)).toList());
        assertTrue(rows.stream().allMatch(r -> r.get(0).equals(r.get(1))), rows.toString());
    }

    @Test
    void anAccountsOwnersAreListedForItsOwnership() throws SQLException {
        Json account = emulator.objects("financial_connections/accounts").get(0);
        String id = account.get("id").stringValue();
        String ownership = account.get("ownership").stringValue();
        List<List<String>> rows = rows(
                "select financial_connections_account, ownership, name from stripe.financial_connections_account_owners"
                        + " where financial_connections_account = '" + id + "' and ownership = '" + ownership + "'");
        assertEquals(
                List.of("GET /v1/financial_connections/accounts/" + id + "/owners?ownership="
                        + ownership.replace(" ", "+") + "&limit=100"),
                requests().stream()
                        .map(r -> r.replace(" ", "+").replaceFirst("GET\\+", "GET "))
                        .toList());
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.stream().allMatch(r -> r.get(0).equals(id) && r.get(1).equals(ownership)), rows.toString());
        assertEquals(
                List.of(),
                rows("select * from stripe.financial_connections_account_owners"
                        + " where financial_connections_account = '" + id + "' and ownership = 'fcaowns_other'"));
    }

    @Test
    void theEmulatorRefusesAMissingRequiredParameter() throws IOException, InterruptedException {
        HttpResponse<String> missing = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "billing/meters/" + meter
                                        + "/event_summaries?customer=" + customer + "&start_time=" + JAN_1))
                                .header("Authorization", "Bearer " + emulator.apiKey())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("Missing required param: end_time."), missing.body());
        assertFalse(missing.body().contains("\"data\""), missing.body());
    }
}
