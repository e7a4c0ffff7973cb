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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.stripe.objects.MovedFields;

/**
 * Version drift: API version 2025-03-31.basil moved a subscription's {@code current_period_start} and
 * {@code current_period_end} to its items. The emulator answers in the version a request asks for (the older shape
 * by default, the moved one for {@code Stripe-Version: 2025-03-31.basil}), and the original {@code subscriptions}
 * columns hold the same values in both: read from {@code items.data[0]} where the top-level field is absent.
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

    static Stream<String> movedSubscriptionFields() {
        return MovedFields.all().get("subscriptions").keySet().stream().sorted();
    }

    /** {@code id, field, attrs->>field, attrs->'items'->'data'->0->>field} of the first 20 subscriptions. */
    private List<List<String>> read(Connection connection, String field) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id, " + field + ", attrs->>'" + field
                        + "', attrs->'items'->'data'->0->>'" + field + "' from stripe.subscriptions limit 20")) {
            while (rs.next()) {
                rows.add(java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return rows;
    }

    @ParameterizedTest
    @MethodSource("movedSubscriptionFields")
    void theOriginalColumnIsFilledOnBothVersions(String field) throws SQLException {
        emulator.clearRequestLog();
        List<List<String>> old = read(legacy, field);
        List<RecordedRequest> oldRequests = emulator.requestLog();
        assertEquals(1, oldRequests.size());
        assertNull(oldRequests.get(0).header("Stripe-Version"), "the 24 originals send the account's default");
        emulator.clearRequestLog();
        List<List<String>> moved = read(basil, field);
        List<RecordedRequest> movedRequests = emulator.requestLog();
        assertEquals(1, movedRequests.size());
        assertEquals(BASIL, movedRequests.get(0).header("Stripe-Version"));

        assertTrue(old.size() >= 5, old.toString());
        assertEquals(old.size(), moved.size());
        for (int i = 0; i < old.size(); i++) {
            List<String> before = old.get(i);
            List<String> after = moved.get(i);
            assertEquals(before.get(0), after.get(0));
            // The older version has the field on the subscription, basil only on its items...
            assertTrue(before.get(2) != null && before.get(3) == null, before.toString());
            assertTrue(after.get(2) == null && after.get(3) != null, after.toString());
            // ...and the column holds the same value in both.
            assertFalse(before.get(1) == null, before.toString());
            assertEquals(before.get(1), after.get(1), field + " of " + before.get(0));
        }
    }
}
