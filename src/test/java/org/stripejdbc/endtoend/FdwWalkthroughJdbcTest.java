package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stripejdbc.WalkthroughSql;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;
import org.stripejdbc.sql.parse.ParsedStatement;
import org.stripejdbc.sql.parse.SqlFrontEnd;
import org.stripejdbc.vault.Secret;

/**
 * Every SQL statement of the FDW walkthrough, verbatim (placeholders replaced as the document tells the
 * reader to), through {@code DriverManager} against the built-in emulator; rows and requests asserted.
 */
class FdwWalkthroughJdbcTest {
    private static StripeEmulator emulator;
    private static String customerId;
    private static String invoiceId;
    private static String subscriptionId;

    @BeforeAll
    static void startEmulator() {
        emulator = StripeEmulator.builder().customers(40).start();
        customerId = emulator.objects("customers").get(0).get("id").stringValue();
        invoiceId = emulator.objects("invoices").get(0).get("id").stringValue();
        subscriptionId = emulator.objects("subscriptions").get(0).get("id").stringValue();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    static List<String> blocks() {
        return WalkthroughSql.blocks();
    }

    private String substitute(String sql, String keyId) {
        return sql.replace("YOUR_SECRET", emulator.apiKey())
                .replace("<Stripe API Key>", emulator.apiKey())
                .replace("<key_ID>", keyId == null ? "<key_ID>" : keyId)
                .replace("'https://api.stripe.com/v1/'  --", "'" + emulator.baseUrl() + "'  --")
                .replace("cus_xxx", customerId)
                .replace("in_xxx", invoiceId)
                .replace("sub_xxx", subscriptionId);
    }

    @Test
    void theWholeWalkthroughRunsVerbatimWithTheVault() throws Exception {
        List<String> blocks = blocks();
        assertEquals(33, blocks.size(), "document blocks");
        String keyId = null;
        try (Connection c = DriverManager.getConnection("jdbc:stripe:mem:walkthrough-" + UUID.randomUUID());
                Statement s = c.createStatement()) {
            for (String block : blocks) {
                if (block.contains("api_key '<Stripe API Key>'")) {
                    continue; // the other way to create the same server; run in its own catalog below
                }
                for (ParsedStatement parsed : SqlFrontEnd.parseScript(substitute(block, keyId))) {
                    String sql = parsed.text();
                    emulator.clearRequestLog();
                    boolean rows = s.execute(sql);
                    if (sql.contains("returning key_id")) {
                        assertTrue(rows, sql);
                        try (ResultSet rs = s.getResultSet()) {
                            assertTrue(rs.next());
                            keyId = rs.getString("key_id");
                            assertFalse(rs.next());
                        }
                        UUID.fromString(keyId);
                        continue;
                    }
                    check(sql, rows, s);
                }
            }
            // the import names all 23 documented tables (and billing_meters is not in the doc)
            ResultSet tables = c.getMetaData().getTables(null, "stripe", "%", null);
            int count = 0;
            while (tables.next()) {
                count++;
            }
            assertEquals(23, count);
        }
        assertNotNull(keyId);
    }

    private void check(String sql, boolean rows, Statement s) throws SQLException {
        List<RecordedRequest> requests;
        if (sql.startsWith("select * from stripe.customers where id")) {
            List<Map<String, Object>> result = read(s);
            assertEquals(1, result.size());
            assertEquals(customerId, result.get(0).get("id"));
            requests = emulator.requestLog();
            assertEquals(List.of("GET /v1/customers/" + customerId), describe(requests));
        } else if (sql.contains("limit 10")) {
            List<Map<String, Object>> result = read(s);
            assertEquals(10, result.size(), sql);
            requests = emulator.requestLog();
            assertEquals(1, requests.size(), sql + " " + describe(requests));
            assertEquals("10", requests.get(0).queryParameter("limit"));
        } else if (sql.contains("account_name")) {
            List<Map<String, Object>> result = read(s);
            assertEquals(1, result.size());
            assertNotNull(result.get(0).get("account_name"));
            assertEquals(List.of("GET /v1/invoices/" + invoiceId), describe(emulator.requestLog()));
        } else if (sql.contains("#>'{lines,data}'")) {
            List<Map<String, Object>> result = read(s);
            assertEquals(1, result.size());
            assertTrue(Json.parse((String) result.get(0).get("line_items")).isArray());
        } else if (sql.contains("#>'{items,data}'")) {
            List<Map<String, Object>> result = read(s);
            assertEquals(1, result.size());
            Json items = Json.parse((String) result.get(0).get("items"));
            assertTrue(items.isArray() && items.size() > 0);
        } else if (sql.startsWith("insert into stripe.customers")) {
            assertFalse(rows);
            assertEquals(1, s.getUpdateCount());
            RecordedRequest post = single("POST /v1/customers");
            assertEquals(
                    List.of(Map.entry("email", "test@test.com"), Map.entry("name", "test name")),
                    post.formParameters());
            assertNotNull(post.header("idempotency-key"));
        } else if (sql.startsWith("update stripe.customers set description")) {
            assertEquals(1, s.getUpdateCount());
            RecordedRequest post = single("POST /v1/customers/" + customerId);
            assertEquals(List.of(Map.entry("description", "hello fdw")), post.formParameters());
        } else if (sql.startsWith("update stripe.customers set attrs")) {
            assertEquals(1, s.getUpdateCount());
            RecordedRequest post = single("POST /v1/customers/" + customerId);
            assertEquals(List.of(Map.entry("metadata[foo]", "bar")), post.formParameters());
        } else if (sql.startsWith("delete from stripe.customers")) {
            assertEquals(1, s.getUpdateCount());
            single("DELETE /v1/customers/" + customerId);
        } else {
            assertFalse(rows, sql);
            assertTrue(emulator.requestLog().isEmpty(), "DDL made requests: " + sql);
        }
    }

    private RecordedRequest single(String description) {
        List<RecordedRequest> requests = emulator.requestLog();
        assertEquals(List.of(description), describe(requests));
        return requests.get(0);
    }

    private static List<String> describe(List<RecordedRequest> requests) {
        List<String> out = new ArrayList<>();
        for (RecordedRequest r : requests) {
            out.add(r.describe());
        }
        return out;
    }

    private static List<Map<String, Object>> read(Statement s) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ResultSet rs = s.getResultSet()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    row.put(
                            rs.getMetaData().getColumnLabel(i),
                            v == null ? null : v instanceof String ? v : v.toString());
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void theServerCanAlsoTakeThePlainApiKey() throws Exception {
        List<String> blocks = blocks();
        try (Connection c = DriverManager.getConnection("jdbc:stripe:mem:walkthrough-key-" + UUID.randomUUID());
                Statement s = c.createStatement()) {
            for (String block : blocks) {
                boolean setup = block.contains("create extension")
                        || block.startsWith("create foreign data wrapper")
                        || block.contains("api_key '<Stripe API Key>'")
                        || block.equals("create schema stripe;")
                        || block.startsWith("create foreign table stripe.customers");
                if (setup) {
                    s.execute(substitute(block, null));
                }
            }
            emulator.clearRequestLog();
            try (ResultSet rs = s.executeQuery("select id, email from stripe.customers limit 3")) {
                int n = 0;
                while (rs.next()) {
                    n++;
                }
                assertEquals(3, n);
            }
            RecordedRequest request = emulator.requestLog().get(0);
            assertEquals("Bearer " + Secret.mask(emulator.apiKey()), request.header("authorization"));
        }
    }
}
