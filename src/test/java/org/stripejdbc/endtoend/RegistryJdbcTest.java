package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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
import org.stripejdbc.stripe.objects.ApiDescription;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;

/**
 * Every table of the registry on the emulator, checked against the API description: IMPORT FOREIGN SCHEMA of each
 * table alone, {@code id =} as a retrieve, every pushable parameter as an equality and every range parameter as a
 * range (each request's parameters must be ones the pinned version's list endpoint accepts), the pinned
 * {@code Stripe-Version} on the tables made from the description and none on the 24 originals, and required
 * parameters refused before any request.
 */
class RegistryJdbcTest {
    private static StripeEmulator emulator;
    private static Connection connection;

    @BeforeAll
    static void start() throws SQLException {
        emulator = StripeEmulator.builder().customers(40).start();
        Properties p = new Properties();
        p.setProperty("password", emulator.apiKey());
        connection = DriverManager.getConnection(
                "jdbc:stripe:mem:registry-" + UUID.randomUUID() + "?api_url=" + emulator.baseUrl(), p);
    }

    @AfterAll
    static void stop() throws SQLException {
        connection.close();
        emulator.close();
    }

    static Stream<StripeObject> listable() {
        // The child tables have ChildTablesJdbcTest.
        return StripeObjects.all().stream().filter(o -> o.listable() && o.parent() == null);
    }

    static Stream<StripeObject> described() {
        return StripeObjects.all().stream().filter(o -> o.apiVersion() != null && o.parent() == null);
    }

    @ParameterizedTest
    @MethodSource("described")
    void importsEachTableAloneWithItsColumns(StripeObject object) throws SQLException {
        String schema = "only_" + object.tableName();
        try (Statement s = connection.createStatement()) {
            s.execute("create schema " + schema);
            s.execute("import foreign schema stripe limit to (" + object.tableName() + ") from server stripe_server"
                    + " into " + schema);
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getColumns(null, schema, "%", "%")) {
                while (rs.next()) {
                    assertEquals(object.tableName(), rs.getString("TABLE_NAME"));
                    columns.add(rs.getString("COLUMN_NAME"));
                }
            }
            List<String> expected = new ArrayList<>();
            object.columns().forEach(c -> expected.add(c.name()));
            expected.add("attrs");
            assertEquals(expected, columns);
        }
    }

    @ParameterizedTest
    @MethodSource("described")
    void idRetrievesWithThePinnedVersion(StripeObject object) throws SQLException {
        Json first = emulator.objects(object.object()).get(0);
        String id = first.get("id").stringValue();
        emulator.clearRequestLog();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(
                        "select id, attrs from stripe." + object.tableName() + " where id = '" + id + "'")) {
            assertTrue(rs.next());
            assertEquals(id, rs.getString(1));
            assertFalse(rs.next());
        }
        RecordedRequest request = only(emulator.requestLog());
        assertEquals("/v1/" + object.object() + "/" + id, request.path());
        assertEquals(ApiDescription.pinned().apiVersion(), request.header("Stripe-Version"));
    }

    @ParameterizedTest
    @MethodSource("listable")
    void everyPushableParameterIsSentAsTheDescriptionNamesIt(StripeObject object) throws SQLException {
        List<Json> sample = emulator.objects(object.object());
        for (String field : object.pushableFields()) {
            if (object.column(field).isEmpty()) {
                continue; // subscriptions' price: a parameter without a column, never pushed
            }
            Json holder = sample.stream()
                    .filter(o -> o.get(field) != null && !o.get(field).isNull())
                    .findFirst()
                    .orElse(null);
            if (holder == null) {
                continue;
            }
            String value = holder.get(field).asText();
            String sql = "select id, " + field + " from stripe." + object.tableName() + " where " + field + " = '"
                    + value + "'" + required(object, field, holder);
            emulator.clearRequestLog();
            int rows = 0;
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                // A boolean reads as t or f, as in pgjdbc.
                boolean bool = rs.getMetaData().getColumnType(2) == java.sql.Types.BOOLEAN;
                while (rs.next()) {
                    assertEquals(bool ? value.substring(0, 1) : value, rs.getString(2), sql);
                    rows++;
                }
            }
            assertTrue(rows > 0, sql);
            for (RecordedRequest request : emulator.requestLog()) {
                assertEquals(value, request.queryParameter(field), sql);
                assertSentParametersAreAccepted(object, request);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("listable")
    void everyRangeParameterIsSentAsARange(StripeObject object) throws SQLException {
        List<Json> sample = emulator.objects(object.object());
        for (String field : object.rangeFields()) {
            if (object.column(field).isEmpty()) {
                continue;
            }
            Json holder = sample.stream()
                    .filter(o -> o.get(field) != null && o.get(field).longValue() != null)
                    .findFirst()
                    .orElse(null);
            if (holder == null) {
                continue;
            }
            long seconds = holder.get(field).longValue();
            String at = LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC)
                    .toString();
            String sql = "select id, " + field + " from stripe." + object.tableName() + " where " + field
                    + " >= timestamp '" + at + "'" + required(object, field, holder);
            emulator.clearRequestLog();
            boolean found = false;
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    assertFalse(rs.getTimestamp(2).toLocalDateTime().isBefore(LocalDateTime.parse(at)), sql);
                    found |= rs.getString(1).equals(holder.get("id").stringValue());
                }
            }
            assertTrue(found, sql);
            assertFalse(emulator.requestLog().isEmpty(), sql);
            for (RecordedRequest request : emulator.requestLog()) {
                assertEquals(Long.toString(seconds), request.queryParameter(field + "[gte]"), sql);
                assertSentParametersAreAccepted(object, request);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("listable")
    void aRequiredParameterIsEnforcedBeforeAnyRequest(StripeObject object) throws SQLException {
        if (object.requiredFilter() == null) {
            return;
        }
        emulator.clearRequestLog();
        try (Statement s = connection.createStatement()) {
            SQLException e = assertThrows(
                    SQLException.class, () -> s.executeQuery("select * from stripe." + object.tableName()));
            assertEquals("0A000", e.getSQLState());
            assertTrue(e.getMessage().contains("WHERE " + object.requiredFilter() + " = "), e.getMessage());
        }
        assertTrue(emulator.requestLog().isEmpty());
    }

    @Test
    void theOriginalTablesKeepTheAccountsDefaultVersion() throws SQLException {
        emulator.clearRequestLog();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id from stripe.customers limit 1")) {
            assertTrue(rs.next());
        }
        assertNull(only(emulator.requestLog()).header("Stripe-Version"));
    }

    @Test
    void aServerVersionOverridesThePinnedOne() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("create server pinned_test foreign data wrapper stripe_wrapper options (api_url '"
                    + emulator.baseUrl() + "', api_key '" + emulator.apiKey() + "', api_version '2024-06-20')");
            s.execute("create schema versioned");
            s.execute("import foreign schema stripe limit to (coupons) from server pinned_test into versioned");
            emulator.clearRequestLog();
            try (ResultSet rs = s.executeQuery("select id from versioned.coupons limit 1")) {
                assertTrue(rs.next());
            }
        }
        assertEquals("2024-06-20", only(emulator.requestLog()).header("Stripe-Version"));
    }

    @Test
    void aValueOutsideTheParametersEnumerationIsNotSent() throws SQLException {
        emulator.clearRequestLog();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(
                        "select id, purpose from stripe.files where purpose in ('dispute_evidence', 'other')")) {
            while (rs.next()) {
                assertEquals("dispute_evidence", rs.getString(2));
            }
        }
        assertFalse(emulator.requestLog().isEmpty());
        for (RecordedRequest request : emulator.requestLog()) {
            assertEquals(200, request.status(), request.describe());
            assertNull(request.queryParameter("purpose"), request.describe());
        }
    }

    @Test
    void aValueInsideTheEnumerationIsSent() throws SQLException {
        emulator.clearRequestLog();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id from stripe.files where purpose = 'dispute_evidence'")) {
            while (rs.next()) {
                assertTrue(rs.getString(1).startsWith("file_"));
            }
        }
        assertEquals("dispute_evidence", only(emulator.requestLog()).queryParameter("purpose"));
    }

    /** The required equality a list of {@code object} needs besides the tested {@code field}. */
    private static String required(StripeObject object, String field, Json holder) {
        String required = object.requiredFilter();
        if (required == null || required.equals(field)) {
            return "";
        }
        return " and " + required + " = '" + holder.get(required).asText() + "'";
    }

    private static void assertSentParametersAreAccepted(StripeObject object, RecordedRequest request) {
        for (String name : request.queryParameters().stream()
                .map(java.util.Map.Entry::getKey)
                .toList()) {
            String base = name.contains("[") ? name.substring(0, name.indexOf('[')) : name;
            assertTrue(object.listParameters().containsKey(base), request.describe() + ": " + base);
        }
    }

    private static RecordedRequest only(List<RecordedRequest> requests) {
        assertEquals(1, requests.size(), requests.toString());
        return requests.get(0);
    }
}
