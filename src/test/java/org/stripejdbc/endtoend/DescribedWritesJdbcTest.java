package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes checked against the API description before they are sent: unknown parameters (22023, no request), writes
 * the API has no endpoint for (0A000), the described dangerous creates (42501), and an UPDATE computing attrs from
 * the row sending only what changed (the exact form body).
 */
class DescribedWritesJdbcTest {
    private static final String KEY = "sk_test_describedwrites_0123456789";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        // A request the test did not expect fails fast instead of waiting out the default 80 s.
        properties.setProperty("read_timeout", "2");
        connection = MockStripe.connect(server, KEY, "described-writes", properties);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static String customer(String id, String metadata) {
        return "{\"id\":\"" + id + "\",\"object\":\"customer\",\"email\":\"a@b.c\",\"name\":null,"
                + "\"description\":null,\"created\":1700000000,\"livemode\":false,\"metadata\":" + metadata + "}";
    }

    private SQLException fails(String sql) {
        return assertThrows(SQLException.class, () -> {
            try (Statement s = connection.createStatement()) {
                s.executeUpdate(sql);
            }
        });
    }

    @Test
    void anUnknownAttrsKeyIsRefusedBeforeAnyRequestNamingTheAcceptedParameters() {
        SQLException e = fails("insert into stripe.customers (email, attrs) values ('a@b.c', '{\"colour\": \"red\"}')");
        assertEquals("22023", e.getSQLState());
        assertTrue(
                e.getMessage().contains("attrs key \"colour\" is not a parameter of POST /v1/customers"),
                e.getMessage());
        assertTrue(e.getMessage().contains("It accepts: address, balance,"), e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void anUnknownColumnOfAnUpdateIsRefusedBeforeAnyRequest() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("create foreign table stripe.customers_x (id text, colour text, attrs jsonb) "
                    + "server stripe_server options (object 'customers', rowid_column 'id')");
        }
        SQLException e = fails("update stripe.customers_x set colour = 'red' where id = 'cus_1'");
        assertEquals("22023", e.getSQLState());
        assertTrue(
                e.getMessage().contains("column \"colour\" is not a parameter of POST /v1/customers/{id}"),
                e.getMessage());
        SQLException attrs =
                fails("update stripe.customers set attrs = '{\"metadata\": {\"a\": \"b\"}, \"id\": \"x\"}' "
                        + "where id = 'cus_1'");
        assertEquals("428C9", attrs.getSQLState(), attrs.getMessage());
        SQLException unknown = fails("update stripe.customers set attrs = '{\"subscriptions\": 1}' where id = 'cus_1'");
        assertEquals("22023", unknown.getSQLState(), unknown.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aWriteTheApiHasNoEndpointForIsRefusedBeforeAnyRequest() {
        SQLException insert = fails("insert into stripe.balance_transactions (amount) values (1)");
        assertEquals("0A000", insert.getSQLState());
        assertTrue(insert.getMessage().contains("no create endpoint for balance_transactions"), insert.getMessage());
        SQLException delete = fails("delete from stripe.prices where id = 'price_1'");
        assertEquals("0A000", delete.getSQLState());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void describedMoneyMovingCreatesNeedTheOptIn() throws Exception {
        SQLException e = fails("insert into stripe.treasury_outbound_payments (amount, currency) values (100, 'usd')");
        assertEquals("42501", e.getSQLState());
        assertTrue(e.getMessage().contains("allow_dangerous_writes"), e.getMessage());
        SQLException card = fails("insert into stripe.issuing_cards (currency, type) values ('usd', 'virtual')");
        assertEquals("42501", card.getSQLState());
        assertEquals(0, server.getRequestCount());
        MockStripe.enqueue(server, 200, "{\"id\":\"ic_1\",\"object\":\"issuing.card\"}");
        try (Statement s = connection.createStatement()) {
            s.execute("alter foreign table stripe.issuing_cards options (add allow_dangerous_writes 'true')");
            assertEquals(
                    1, s.executeUpdate("insert into stripe.issuing_cards (currency, type) values ('usd', 'virtual')"));
        }
        RecordedRequest post = MockStripe.take(server);
        assertEquals("/v1/issuing/cards", post.getTarget());
        assertEquals("currency=usd&type=virtual", post.getBody().utf8());
    }

    @Test
    void anUpdateOfAttrsFromItselfSendsOnlyWhatChanged() throws Exception {
        MockStripe.enqueue(
                server,
                200,
                "{\"object\":\"list\",\"data\":[" + customer("cus_1", "{\"x\":\"1\"}") + ","
                        + customer("cus_2", "{\"x\":\"1\",\"a\":\"b\"}") + "],\"has_more\":false}");
        MockStripe.enqueue(server, 200, customer("cus_1", "{\"x\":\"1\",\"a\":\"b\"}"));
        try (Statement s = connection.createStatement()) {
            assertEquals(
                    1,
                    s.executeUpdate("update stripe.customers set attrs = attrs || '{\"metadata\": {\"x\": \"1\", "
                            + "\"a\": \"b\"}}' where email = 'a@b.c'"));
        }
        assertEquals(
                "/v1/customers?email=a%40b.c&limit=100", MockStripe.take(server).getTarget());
        RecordedRequest post = MockStripe.take(server);
        assertEquals("/v1/customers/cus_1", post.getTarget());
        // cus_2 already had metadata a=b: nothing changed, no request.
        assertEquals("metadata[a]=b", post.getBody().utf8());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void removingAnAttrsKeyUnsetsIt() throws Exception {
        MockStripe.enqueue(
                server, 200, "{\"object\":\"list\",\"data\":[" + customer("cus_1", "{}") + "],\"has_more\":false}");
        MockStripe.enqueue(server, 200, customer("cus_1", "{\"y\":\"2\"}"));
        try (Statement s = connection.createStatement()) {
            assertEquals(
                    1,
                    s.executeUpdate("update stripe.customers set attrs = attrs - 'name', description = 'd' "
                            + "where email = 'a@b.c'"));
        }
        MockStripe.take(server);
        assertEquals("name=&description=d", MockStripe.take(server).getBody().utf8());
    }
}
