package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.stripe.objects.MovedFields;

/**
 * Version drift: API version 2025-03-31.basil moved a subscription's {@code current_period_start} and
 * {@code current_period_end} to its items, and an invoice's {@code subscription} to
 * {@code parent.subscription_details}. The emulator answers in the version a request asks for (the older shape by
 * default, the moved one for {@code Stripe-Version: 2025-03-31.basil}), and each original column of a moved field
 * ({@link MovedFields}) holds the same values in both: read from the new place where the top-level field is absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VersionDriftJdbcTest {
    private static final String BASIL = "2025-03-31.basil";

    private StripeEmulator emulator;
    private Connection legacy;
    private Connection basil;

    @BeforeAll
    void start() throws SQLException {
        emulator = StripeEmulator.builder().seed(3).customers(20).start();
        String url = "?api_url=" + emulator.baseUrl() + "&requests_per_second=0&scan_parallelism=1";
        legacy = DriverManager.getConnection(
                "jdbc:stripe:mem:drift-" + UUID.randomUUID() + url, "stripe", emulator.apiKey());
        basil = DriverManager.getConnection(
                "jdbc:stripe:mem:drift-" + UUID.randomUUID() + url + "&api_version=" + BASIL,
                "stripe",
                emulator.apiKey());
    }

    @AfterAll
    void stop() throws SQLException {
        legacy.close();
        basil.close();
        emulator.close();
    }

    /** Every moved field of {@link MovedFields}, as {@code object path, field}. */
    static Stream<Arguments> movedFields() {
        return MovedFields.all().entrySet().stream()
                .flatMap(object ->
                        object.getValue().keySet().stream().sorted().map(field -> Arguments.of(object.getKey(), field)))
                .sorted(java.util.Comparator.comparing(a -> a.get()[0] + "." + a.get()[1]));
    }

    /**
     * {@code id, field, attrs->>field, attrs#>>'{new place}'} of the first 20 rows (newest first) of the table of
     * {@code object}, restricted to rows where the field has a value on the older version (an invoice without a
     * subscription has none on any version).
     */
    private List<List<String>> read(Connection connection, String object, String field) throws SQLException {
        String newPlace =
                "{" + String.join(",", MovedFields.newPlace(object, field).orElseThrow()) + "}";
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id, " + field + ", attrs->>'" + field + "', attrs#>>'" + newPlace
                        + "' from stripe." + object.replace('/', '_') + " limit 20")) {
            while (rs.next()) {
                rows.add(java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("movedFields")
    void theOriginalColumnIsFilledOnBothVersions(String object, String field) throws SQLException {
        emulator.clearRequestLog();
        List<List<String>> old = read(legacy, object, field);
        List<RecordedRequest> oldRequests = emulator.requestLog();
        assertEquals(1, oldRequests.size());
        assertNull(oldRequests.get(0).header("Stripe-Version"), "the 24 originals send the account's default");
        emulator.clearRequestLog();
        List<List<String>> moved = read(basil, object, field);
        List<RecordedRequest> movedRequests = emulator.requestLog();
        assertEquals(1, movedRequests.size());
        assertEquals(BASIL, movedRequests.get(0).header("Stripe-Version"));

        assertTrue(old.size() >= 5, old.toString());
        assertEquals(old.size(), moved.size());
        int filled = 0;
        for (int i = 0; i < old.size(); i++) {
            List<String> before = old.get(i);
            List<String> after = moved.get(i);
            assertEquals(before.get(0), after.get(0));
            // The older version has the field at the top, basil only at its new place...
            assertNull(before.get(3), before.toString());
            assertNull(after.get(2), after.toString());
            assertEquals(before.get(2), after.get(3), before.toString());
            // ...and the column holds the same value in both.
            assertEquals(before.get(2) == null, before.get(1) == null, before.toString());
            assertEquals(before.get(1), after.get(1), field + " of " + before.get(0));
            filled += before.get(1) == null ? 0 : 1;
        }
        assertTrue(filled >= 3, "too few rows with a value: " + old);
    }

    @Test
    void pushdownOfAMovedFieldStaysAListParameter() throws SQLException {
        String subscription;
        try (Statement s = legacy.createStatement();
                ResultSet rs = s.executeQuery(
                        "select subscription from stripe.invoices where subscription is not null limit 1")) {
            assertTrue(rs.next());
            subscription = rs.getString(1);
        }
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        String sql = "select id from stripe.invoices where subscription = '" + subscription + "' order by id";
        for (Connection connection : List.of(legacy, basil)) {
            emulator.clearRequestLog();
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    (connection == legacy ? before : after).add(rs.getString(1));
                }
            }
            List<RecordedRequest> requests = emulator.requestLog();
            assertEquals(1, requests.size(), requests.toString());
            assertEquals(
                    "GET /v1/invoices?subscription=" + subscription + "&limit=100",
                    requests.get(0).describe());
        }
        assertFalse(before.isEmpty());
        assertEquals(before, after);
    }

    private static java.util.Map<String, String> pairs(Connection connection, String sql) throws SQLException {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    @Test
    void aRemovedChargeInvoiceIsFilledFromInvoicePaymentsAndTheDocumentedJoinAgrees() throws SQLException {
        java.util.Map<String, String> before = pairs(legacy, "select id, invoice from stripe.charges");
        assertTrue(before.values().stream().filter(java.util.Objects::nonNull).count() >= 5, before.toString());
        // Basil removed the field; the column is read from the invoice payments, the same as before...
        assertEquals(before, pairs(basil, "select id, invoice from stripe.charges"));
        assertTrue(MovedFields.removed("charges", "invoice").orElseThrow().contains("invoice_payments"));
        // ...and the documented join finds every charge's invoice, on both versions.
        String recipe = "select c.id, ip.invoice from stripe.charges c join stripe.invoice_payments ip"
                + " on ip.attrs->'payment'->>'payment_intent' = c.payment_intent";
        java.util.Map<String, String> invoiced = new java.util.HashMap<>(before);
        invoiced.values().removeIf(java.util.Objects::isNull);
        assertEquals(invoiced, pairs(basil, recipe));
        assertEquals(invoiced, pairs(legacy, recipe));
    }

    @Test
    void onTheAccountsDefaultVersionAChargeThatCarriesItsInvoiceNeedsNoOtherRequest() throws SQLException {
        emulator.clearRequestLog();
        pairs(legacy, "select id, invoice from stripe.charges where invoice is not null");
        assertEquals(
                List.of("GET /v1/charges?limit=100"),
                emulator.requestLog().stream().map(RecordedRequest::describe).toList());
        // On basil a statement that does not read the invoice derives nothing.
        emulator.clearRequestLog();
        pairs(basil, "select id, amount from stripe.charges");
        assertEquals(
                List.of("GET /v1/charges?limit=100"),
                emulator.requestLog().stream().map(RecordedRequest::describe).toList());
    }
}
