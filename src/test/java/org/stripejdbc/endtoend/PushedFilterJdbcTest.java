package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;

/**
 * A pushed condition never widens a result, through JDBC on the built-in emulator: as Stripe does, it reads an empty
 * filter value as no filter, so {@code where email = ''} must not go out as {@code ?email=}; and with the emulator
 * ignoring every list filter (a server the driver must never trust to filter for it), answers and writes stay the
 * same.
 */
class PushedFilterJdbcTest {
    private StripeEmulator emulator;
    private Connection connection;

    @BeforeEach
    void start() throws SQLException {
        emulator = StripeEmulator.builder().seed(7).customers(300).start();
        connection = connect(emulator);
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        emulator.close();
    }

    private long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    private List<RecordedRequest> requests(String method) {
        return emulator.requestLog().stream()
                .filter(r -> r.method().equals(method))
                .toList();
    }

    @ParameterizedTest(name = "server ignores filters: {0}")
    @ValueSource(booleans = {false, true})
    void emptyStringsMatchNothingAndAreNeverSent(boolean ignoreFilters) throws SQLException {
        emulator.setIgnoreListFilters(ignoreFilters);
        emulator.clearRequestLog();
        assertEquals(0, count("select count(*) from stripe.customers where email = ''"));
        assertEquals(0, count("select count(*) from stripe.charges where customer = ''"));
        assertEquals(0, count("select count(*) from stripe.invoices where status = ''"));
        try (PreparedStatement statement =
                connection.prepareStatement("select count(*) from stripe.customers where email = ?")) {
            statement.setString(1, "");
            try (ResultSet rs = statement.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(0, rs.getLong(1));
            }
        }
        for (RecordedRequest request : emulator.requestLog()) {
            for (String filter : List.of("email", "customer", "status")) {
                assertNull(request.queryParameter(filter), request.describe());
            }
        }
    }

    @ParameterizedTest(name = "server ignores filters: {0}")
    @ValueSource(booleans = {false, true})
    void writesWithAnEmptyStringConditionChangeNothing(boolean ignoreFilters) throws SQLException {
        emulator.setIgnoreListFilters(ignoreFilters);
        emulator.clearRequestLog();
        try (Statement statement = connection.createStatement()) {
            assertEquals(
                    0, statement.executeUpdate("update stripe.customers set description = 'oops' where email = ''"));
            assertEquals(0, statement.executeUpdate("delete from stripe.customers where email = ''"));
        }
        assertEquals(List.of(), requests("POST"));
        assertEquals(List.of(), requests("DELETE"));
        assertEquals(300, emulator.count("customers"));
    }

    @ParameterizedTest(name = "server ignores filters: {0}")
    @ValueSource(booleans = {false, true})
    void listedRowsAreCheckedAgainstEveryPushedCondition(boolean ignoreFilters) throws SQLException {
        emulator.setIgnoreListFilters(ignoreFilters);
        assertEquals(0, count("select count(*) from stripe.customers where email = 'nobody@example.com'"));
        long paid = emulator.objects("invoices").stream()
                .filter(i -> "paid".equals(text(i, "status")))
                .count();
        assertTrue(paid > 0);
        assertEquals(paid, count("select count(*) from stripe.invoices where status = 'paid'"));
        assertEquals(0, count("select count(*) from stripe.invoices where status = 'paid' and status <> 'paid'"));
        Json charge = emulator.objects("charges").stream()
                .filter(c -> text(c, "customer") != null)
                .findFirst()
                .orElseThrow();
        String customer = text(charge, "customer");
        long theirs = emulator.objects("charges").stream()
                .filter(c -> customer.equals(text(c, "customer")))
                .count();
        try (PreparedStatement statement = connection.prepareStatement(
                "select count(*), bool_and(customer = ?) from (select customer from stripe.charges"
                        + " where customer = ? limit 2) t")) {
            statement.setString(1, customer);
            statement.setString(2, customer);
            try (ResultSet rs = statement.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(Math.min(2, theirs), rs.getLong(1));
                assertTrue(rs.getBoolean(2));
            }
        }
    }

    @Test
    void writesChangeTheSameRowsWhenTheServerIgnoresFilters() throws SQLException {
        List<Json> customers = emulator.objects("customers");
        String email = text(customers.get(5), "email");
        String otherEmail = text(customers.get(40), "email");
        String deletedEmail = text(customers.get(77), "email");
        String firstId = text(customers.get(100), "id");
        String secondId = text(customers.get(150), "id");
        long created = customers.get(20).get("created").numberValue().longValueExact();
        List<String> writes = List.of(
                "update stripe.customers set description = 'by email' where email = '" + email + "'",
                "update stripe.customers set description = 'by emails' where email in ('" + otherEmail + "', '')",
                "update stripe.customers set description = 'recent' where created >= to_timestamp(" + created + ")",
                "update stripe.products set description = 'inactive' where not active",
                "update stripe.subscriptions set attrs = '{\"metadata\": {\"k\": \"v\"}}' where status = 'canceled'",
                "delete from stripe.customers where email = '" + deletedEmail + "'",
                "delete from stripe.customers where id in ('" + firstId + "', '" + secondId + "')");
        try (StripeEmulator ignoring = StripeEmulator.builder()
                        .seed(7)
                        .customers(300)
                        .ignoreListFilters(true)
                        .start();
                Connection other = connect(ignoring)) {
            for (String write : writes) {
                try (Statement normal = connection.createStatement();
                        Statement bent = other.createStatement()) {
                    int changed = normal.executeUpdate(write);
                    assertTrue(changed > 0, "the sample data has rows for " + write);
                    assertEquals(changed, bent.executeUpdate(write), write);
                }
            }
            for (String object : List.of("customers", "products", "subscriptions")) {
                assertEquals(state(emulator, object), state(ignoring, object), object);
            }
        }
    }

    /** What the writes above change, object by object: id, description, metadata. */
    private static List<String> state(StripeEmulator stripe, String object) {
        return stripe.objects(object).stream()
                .map(o -> text(o, "id") + " " + text(o, "description") + " " + o.get("metadata"))
                .toList();
    }

    private static Connection connect(StripeEmulator stripe) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("password", stripe.apiKey());
        properties.setProperty("api_url", stripe.baseUrl());
        properties.setProperty("requests_per_second", "0");
        return DriverManager.getConnection("jdbc:stripe:mem:pushed-" + UUID.randomUUID(), properties);
    }

    @Test
    void aDeletedCustomerRetrievedByIdIsNoRow() throws SQLException {
        String id = text(emulator.objects("customers").get(0), "id");
        try (Statement statement = connection.createStatement()) {
            assertEquals(1, statement.executeUpdate("delete from stripe.customers where id = '" + id + "'"));
            emulator.clearRequestLog();
            try (ResultSet rs = statement.executeQuery("select * from stripe.customers where id = '" + id + "'")) {
                assertFalse(rs.next());
            }
        }
        // Stripe still answers the retrieve, with {"id": ..., "deleted": true}: that is no row.
        RecordedRequest retrieve = emulator.requestLog().get(0);
        assertEquals("GET /v1/customers/" + id, retrieve.describe());
        assertEquals(200, retrieve.status());
    }

    private static String text(Json object, String field) {
        Json value = object.get(field);
        return value == null ? null : value.stringValue();
    }
}
