package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;
import org.stripejdbc.stripe.objects.WriteEndpoints;
import org.stripejdbc.stripe.objects.WriteRules;

/**
 * INSERT, UPDATE (attrs from itself: only the change is sent) and DELETE on every writable table made from the API
 * description, on the emulator's generic writer, with the exact requests from its log.
 */
class DescribedWritesEmulatorJdbcTest {
    /** The emulator's hand-written writers (their own tests cover them). */
    private static final Set<String> HAND_WRITTEN = Set.of("customers", "products", "subscriptions");

    private static StripeEmulator emulator;
    private static Connection connection;

    @BeforeAll
    static void start() throws SQLException {
        emulator = StripeEmulator.builder().customers(5).start();
        Properties p = new Properties();
        p.setProperty("password", emulator.apiKey());
        connection = DriverManager.getConnection(
                "jdbc:stripe:mem:described-writes-" + UUID.randomUUID() + "?api_url=" + emulator.baseUrl(), p);
    }

    @AfterAll
    static void stop() throws SQLException {
        connection.close();
        emulator.close();
    }

    /** Described tables whose create and update take metadata, retrievable, and not dangerous to create. */
    static Stream<StripeObject> writable() {
        return StripeObjects.all().stream()
                .filter(o -> o.apiVersion() != null && o.retrievable() && !HAND_WRITTEN.contains(o.object()))
                .filter(o -> o.writes().danger(WriteRules.Operation.INSERT).isEmpty())
                .filter(o -> {
                    WriteEndpoints e = WriteEndpoints.of(o.object());
                    return e.create().isPresent()
                            && e.create().get().parameters().containsKey("metadata")
                            && e.update().isPresent()
                            && e.update().get().parameters().containsKey("metadata");
                });
    }

    private static List<RecordedRequest> since(int mark) {
        List<RecordedRequest> log = emulator.requestLog();
        return log.subList(mark, log.size());
    }

    @Test
    void manyTablesAreCovered() {
        assertTrue(
                writable().count() >= 20,
                "writable described tables: " + writable().count());
    }

    @ParameterizedTest
    @MethodSource("writable")
    void insertUpdateAndDeleteSendExactlyTheirParameters(StripeObject object) throws SQLException {
        String table = "stripe." + object.tableName();
        String id;
        int mark = emulator.requestLog().size();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("insert into " + table
                        + " (attrs) values ('{\"metadata\": {\"t\": \"1\"}}')" + " returning id")) {
            assertTrue(rs.next());
            id = rs.getString(1);
            assertNotNull(id);
        }
        List<RecordedRequest> insert = since(mark);
        assertEquals(1, insert.size());
        assertEquals("POST /v1/" + object.object(), insert.get(0).describe());
        assertEquals(List.of(Map.entry("metadata[t]", "1")), insert.get(0).formParameters());
        assertNotNull(insert.get(0).header("Idempotency-Key"));

        mark = emulator.requestLog().size();
        try (Statement s = connection.createStatement()) {
            assertEquals(
                    1,
                    s.executeUpdate("update " + table + " set attrs = attrs || '{\"metadata\": {\"t\": \"1\", \"u\": "
                            + "\"2\"}}' where id = '" + id + "'"));
        }
        List<RecordedRequest> update = since(mark);
        assertEquals(2, update.size(), update.toString());
        assertEquals("GET /v1/" + object.object() + "/" + id, update.get(0).describe());
        assertEquals("POST /v1/" + object.object() + "/" + id, update.get(1).describe());
        assertEquals(List.of(Map.entry("metadata[u]", "2")), update.get(1).formParameters());
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select attrs->'metadata' from " + table + " where id = '" + id + "'")) {
            assertTrue(rs.next());
            assertEquals(Json.parse("{\"t\":\"1\",\"u\":\"2\"}"), Json.parse(rs.getString(1)));
        }

        SQLException unknown = assertThrows(SQLException.class, () -> {
            try (Statement s = connection.createStatement()) {
                s.executeUpdate(
                        "update " + table + " set attrs = '{\"no_such_parameter\": 1}' where id = '" + id + "'");
            }
        });
        assertEquals("22023", unknown.getSQLState(), unknown.getMessage());

        if (WriteEndpoints.of(object.object()).delete().isPresent()) {
            try (Statement s = connection.createStatement()) {
                assertEquals(1, s.executeUpdate("delete from " + table + " where id = '" + id + "'"));
                try (ResultSet rs = s.executeQuery("select id from " + table + " where id = '" + id + "'")) {
                    assertFalse(rs.next());
                }
            }
        }
    }

    @Test
    void theEmulatorRefusesAnUnknownParameterAsTheApiDoes() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> answer = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.baseUrl() + "coupons"))
                        .header("Authorization", "Bearer " + emulator.apiKey())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("duration=once&colour=red"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("Received unknown parameter: colour"), answer.body());
    }
}
