package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.stripe.objects.StripeObjects;

/**
 * The crawl DBeaver and IntelliJ make through plain JDBC when they open a connection and browse a table: every
 * {@link DatabaseMetaData} method answers without exception (an empty result where we have nothing), result sets
 * have the JDBC column names the tools read by label, and a table opened with fetch size 200 is read lazily.
 */
class MetadataCrawlJdbcTest {
    private static EmulatorDatabase database;

    @BeforeAll
    static void start() {
        // Sequential scans, so that the page counts below are exact; parallel slices prefetch a bounded number
        // of pages more (ParallelScanEmulatorTest).
        database = EmulatorDatabase.start(StripeEmulator.builder().seed(4).customers(1_000), "&scan_parallelism=1");
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    /** Arguments for every DatabaseMetaData method that takes some, as the tools pass them for stripe.customers. */
    private static Map<String, Object[]> arguments() {
        Map<String, Object[]> a = new LinkedHashMap<>();
        String s = "stripe";
        String t = "customers";
        a.put("getTables(String,String,String,String[])", new Object[] {null, s, "%", null});
        a.put("getColumns(String,String,String,String)", new Object[] {null, s, t, "%"});
        a.put("getPrimaryKeys(String,String,String)", new Object[] {null, s, t});
        a.put("getImportedKeys(String,String,String)", new Object[] {null, s, t});
        a.put("getExportedKeys(String,String,String)", new Object[] {null, s, t});
        a.put(
                "getCrossReference(String,String,String,String,String,String)",
                new Object[] {null, s, "charges", null, s, t});
        a.put("getIndexInfo(String,String,String,boolean,boolean)", new Object[] {null, s, t, false, true});
        a.put(
                "getBestRowIdentifier(String,String,String,int,boolean)",
                new Object[] {null, s, t, DatabaseMetaData.bestRowSession, true});
        a.put("getVersionColumns(String,String,String)", new Object[] {null, s, t});
        a.put("getTablePrivileges(String,String,String)", new Object[] {null, s, t});
        a.put("getColumnPrivileges(String,String,String,String)", new Object[] {null, s, t, "%"});
        a.put("getPseudoColumns(String,String,String,String)", new Object[] {null, s, t, "%"});
        a.put("getSchemas(String,String)", new Object[] {null, "%"});
        a.put("getProcedures(String,String,String)", new Object[] {null, s, "%"});
        a.put("getProcedureColumns(String,String,String,String)", new Object[] {null, s, "%", "%"});
        a.put("getFunctions(String,String,String)", new Object[] {null, s, "%"});
        a.put("getFunctionColumns(String,String,String,String)", new Object[] {null, s, "%", "%"});
        a.put("getUDTs(String,String,String,int[])", new Object[] {null, s, "%", null});
        a.put("getSuperTypes(String,String,String)", new Object[] {null, s, "%"});
        a.put("getSuperTables(String,String,String)", new Object[] {null, s, "%"});
        a.put("getAttributes(String,String,String,String)", new Object[] {null, s, "%", "%"});
        a.put("supportsConvert(int,int)", new Object[] {Types.BIGINT, Types.VARCHAR});
        a.put("supportsTransactionIsolationLevel(int)", new Object[] {Connection.TRANSACTION_READ_COMMITTED});
        a.put("supportsResultSetType(int)", new Object[] {ResultSet.TYPE_FORWARD_ONLY});
        a.put(
                "supportsResultSetConcurrency(int,int)",
                new Object[] {ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY});
        a.put("supportsResultSetHoldability(int)", new Object[] {ResultSet.HOLD_CURSORS_OVER_COMMIT});
        for (String kind : List.of(
                "ownUpdatesAreVisible",
                "ownDeletesAreVisible",
                "ownInsertsAreVisible",
                "othersUpdatesAreVisible",
                "othersDeletesAreVisible",
                "othersInsertsAreVisible",
                "updatesAreDetected",
                "deletesAreDetected",
                "insertsAreDetected")) {
            a.put(kind + "(int)", new Object[] {ResultSet.TYPE_FORWARD_ONLY});
        }
        a.put("unwrap(Class)", new Object[] {DatabaseMetaData.class});
        a.put("isWrapperFor(Class)", new Object[] {DatabaseMetaData.class});
        return a;
    }

    /** The JDBC-specified leading column labels of the result sets tools read by name. */
    private static final Map<String, List<String>> SPEC_COLUMNS = Map.ofEntries(
            Map.entry("getTables", List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS")),
            Map.entry(
                    "getColumns",
                    List.of(
                            "TABLE_CAT",
                            "TABLE_SCHEM",
                            "TABLE_NAME",
                            "COLUMN_NAME",
                            "DATA_TYPE",
                            "TYPE_NAME",
                            "COLUMN_SIZE",
                            "BUFFER_LENGTH",
                            "DECIMAL_DIGITS",
                            "NUM_PREC_RADIX",
                            "NULLABLE",
                            "REMARKS",
                            "COLUMN_DEF",
                            "SQL_DATA_TYPE",
                            "SQL_DATETIME_SUB",
                            "CHAR_OCTET_LENGTH",
                            "ORDINAL_POSITION",
                            "IS_NULLABLE")),
            Map.entry(
                    "getPrimaryKeys",
                    List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME")),
            Map.entry(
                    "getImportedKeys",
                    List.of(
                            "PKTABLE_CAT",
                            "PKTABLE_SCHEM",
                            "PKTABLE_NAME",
                            "PKCOLUMN_NAME",
                            "FKTABLE_CAT",
                            "FKTABLE_SCHEM",
                            "FKTABLE_NAME",
                            "FKCOLUMN_NAME",
                            "KEY_SEQ")),
            Map.entry(
                    "getExportedKeys",
                    List.of(
                            "PKTABLE_CAT",
                            "PKTABLE_SCHEM",
                            "PKTABLE_NAME",
                            "PKCOLUMN_NAME",
                            "FKTABLE_CAT",
                            "FKTABLE_SCHEM",
                            "FKTABLE_NAME",
                            "FKCOLUMN_NAME",
                            "KEY_SEQ")),
            Map.entry(
                    "getIndexInfo",
                    List.of(
                            "TABLE_CAT",
                            "TABLE_SCHEM",
                            "TABLE_NAME",
                            "NON_UNIQUE",
                            "INDEX_QUALIFIER",
                            "INDEX_NAME",
                            "TYPE",
                            "ORDINAL_POSITION",
                            "COLUMN_NAME")),
            Map.entry("getSchemas", List.of("TABLE_SCHEM", "TABLE_CATALOG")),
            Map.entry("getCatalogs", List.of("TABLE_CAT")),
            Map.entry("getTableTypes", List.of("TABLE_TYPE")),
            Map.entry(
                    "getTypeInfo",
                    List.of(
                            "TYPE_NAME",
                            "DATA_TYPE",
                            "PRECISION",
                            "LITERAL_PREFIX",
                            "LITERAL_SUFFIX",
                            "CREATE_PARAMS",
                            "NULLABLE",
                            "CASE_SENSITIVE",
                            "SEARCHABLE")),
            Map.entry("getProcedures", List.of("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME")),
            Map.entry("getFunctions", List.of("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME")),
            Map.entry("getBestRowIdentifier", List.of("SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME")),
            Map.entry("getVersionColumns", List.of("SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME")),
            Map.entry(
                    "getTablePrivileges",
                    List.of(
                            "TABLE_CAT",
                            "TABLE_SCHEM",
                            "TABLE_NAME",
                            "GRANTOR",
                            "GRANTEE",
                            "PRIVILEGE",
                            "IS_GRANTABLE")),
            Map.entry("getClientInfoProperties", List.of("NAME", "MAX_LEN", "DEFAULT_VALUE", "DESCRIPTION")));

    private static String signature(Method m) {
        return m.getName() + "("
                + String.join(
                        ",",
                        Arrays.stream(m.getParameterTypes())
                                .map(Class::getSimpleName)
                                .toList()) + ")";
    }

    @Test
    void everyDatabaseMetaDataMethodAnswers() throws Exception {
        Map<String, Object[]> arguments = arguments();
        Map<String, List<List<Object>>> results = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        try (Connection connection = database.connect()) {
            DatabaseMetaData md = connection.getMetaData();
            database.clearRequests();
            for (Method method : DatabaseMetaData.class.getMethods()) {
                if (Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                Object[] args = method.getParameterCount() == 0 ? new Object[0] : arguments.get(signature(method));
                if (args == null) {
                    failures.add("no arguments chosen for " + signature(method));
                    continue;
                }
                Object answer;
                try {
                    answer = method.invoke(md, args);
                } catch (InvocationTargetException e) {
                    failures.add(signature(method) + " threw " + e.getCause());
                    continue;
                }
                if (answer instanceof ResultSet rs) {
                    try {
                        results.put(method.getName(), readAll(method.getName(), rs, failures));
                    } catch (SQLException e) {
                        failures.add(signature(method) + " result failed: " + e);
                    }
                }
            }
            assertEquals(List.of(), failures);
            assertEquals(connection, md.getConnection());
            assertEquals(RowIdLifetime.ROWID_UNSUPPORTED, md.getRowIdLifetime());
            assertFalse(md.getURL().contains(database.password()), "no secret in getURL");
        }
        // What the tools show: every registry table (+ the vault views), their columns, the id key, nothing invented.
        assertEquals(
                StripeObjects.all().size(),
                results.get("getTables").stream()
                        .filter(r -> "stripe".equals(r.get(1)))
                        .count());
        assertEquals(
                List.of("id", "email", "name", "description", "created", "attrs"),
                results.get("getColumns").stream().map(r -> r.get(3)).toList());
        assertEquals(
                List.of("id"),
                results.get("getPrimaryKeys").stream().map(r -> r.get(3)).toList());
        assertTrue(results.get("getSchemas").stream().anyMatch(r -> "stripe".equals(r.get(0))));
        // The relations of the API description: customers are referenced (charges.customer...), reference nothing.
        assertTrue(
                results.get("getExportedKeys").stream()
                        .anyMatch(r -> "charges".equals(r.get(6)) && "customer".equals(r.get(7))),
                results.get("getExportedKeys").toString());
        for (String empty : List.of(
                "getImportedKeys",
                "getCrossReference",
                "getProcedures",
                "getProcedureColumns",
                "getUDTs",
                "getSuperTypes",
                "getSuperTables",
                "getAttributes",
                "getTablePrivileges",
                "getColumnPrivileges",
                "getPseudoColumns",
                "getVersionColumns")) {
            assertEquals(List.of(), results.get(empty), empty);
        }
        assertTrue(database.requests().isEmpty(), "metadata is answered from the catalog: " + database.requests());
    }

    /** Reads every row and every column by label, checking the JDBC spec's labels where tools rely on them. */
    private static List<List<Object>> readAll(String method, ResultSet rs, List<String> failures) throws SQLException {
        try (ResultSet resultSet = rs) {
            ResultSetMetaData meta = resultSet.getMetaData();
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                labels.add(meta.getColumnLabel(i));
            }
            List<String> spec = SPEC_COLUMNS.get(method);
            if (spec != null
                    && !labels.subList(0, Math.min(labels.size(), spec.size())).equals(spec)) {
                failures.add(method + " columns " + labels + " do not start with " + spec);
            }
            List<List<Object>> rows = new ArrayList<>();
            while (resultSet.next()) {
                List<Object> row = new ArrayList<>();
                for (String label : labels) {
                    row.add(resultSet.getObject(label));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    @Test
    void toolStartupQueriesAndConnectionState() throws Exception {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            assertNull(connection.getCatalog());
            assertEquals("stripe", connection.getSchema());
            assertEquals(Connection.TRANSACTION_NONE, connection.getTransactionIsolation());
            assertTrue(connection.getAutoCommit());
            assertNotNull(connection.getClientInfo());
            assertNotNull(connection.getTypeMap());
            assertEquals(ResultSet.HOLD_CURSORS_OVER_COMMIT, connection.getHoldability());
            connection.clearWarnings();
            connection.setClientInfo("ApplicationName", "DBeaver");
            String catalog = database.url()
                    .substring("jdbc:stripe:".length(), database.url().indexOf('?'));
            Map<String, String> answers = new LinkedHashMap<>();
            answers.put("select version()", "PostgreSQL 16.0 (stripe-jdbc ");
            answers.put("select current_schema()", "stripe");
            answers.put("select current_database()", catalog);
            answers.put("select current_catalog", catalog);
            answers.put("select current_user", "stripe");
            answers.put("select session_user", "stripe");
            answers.put("show search_path", "stripe, public");
            answers.put("select 1", "1");
            for (Map.Entry<String, String> answer : answers.entrySet()) {
                try (ResultSet rs = statement.executeQuery(answer.getKey())) {
                    assertTrue(rs.next(), answer.getKey());
                    assertTrue(
                            rs.getString(1).startsWith(answer.getValue()), answer.getKey() + " -> " + rs.getString(1));
                    assertFalse(rs.next());
                }
            }
            connection.setSchema("public");
            try (ResultSet rs = statement.executeQuery("select current_schema")) {
                assertTrue(rs.next());
                assertEquals("public", rs.getString(1));
            }
            assertEquals("DBeaver", connection.getClientInfo("ApplicationName"));
        }
    }

    @Test
    void openingATableReadsLazilyWithFetchSize200() throws Exception {
        try (Connection connection = database.connect();
                Statement statement =
                        connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(200);
            statement.setMaxRows(0);
            database.clearRequests();
            try (ResultSet rs = statement.executeQuery("SELECT x.* FROM stripe.customers x")) {
                ResultSetMetaData meta = rs.getMetaData();
                assertEquals(6, meta.getColumnCount());
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    readColumnMetadata(meta, i);
                }
                assertEquals("customers", meta.getTableName(1));
                assertEquals("stripe", meta.getSchemaName(1));
                assertEquals(Types.TIMESTAMP, meta.getColumnType(5));
                assertEquals("jsonb", meta.getColumnTypeName(6));
                assertEquals(1, listRequests().size(), "one page before the first row: " + listRequests());
                for (int row = 0; row < 200; row++) {
                    assertTrue(rs.next());
                    assertNotNull(rs.getString("id"));
                    rs.getObject("created");
                    rs.getString("attrs");
                }
                List<RecordedRequest> afterFirstFetch = listRequests();
                assertTrue(afterFirstFetch.size() <= 3, "200 rows need 2 pages, not the table: " + afterFirstFetch);
                assertEquals("100", afterFirstFetch.get(0).queryParameter("limit"));
                int rows = 200;
                while (rs.next()) {
                    rows++;
                }
                assertEquals(1_000, rows);
                assertEquals(10, listRequests().size());
            }
            // DBeaver's row count of the same query.
            try (ResultSet rs =
                    statement.executeQuery("SELECT COUNT(*) FROM (SELECT x.* FROM stripe.customers x) dbvrcnt")) {
                assertTrue(rs.next());
                assertEquals(1_000, rs.getLong(1));
            }
        }
    }

    private static List<RecordedRequest> listRequests() {
        return database.requests(r -> r.path().equals("/v1/customers"));
    }

    private static void readColumnMetadata(ResultSetMetaData meta, int i) throws SQLException {
        for (Method method : ResultSetMetaData.class.getMethods()) {
            if (method.getParameterCount() == 1 && method.getParameterTypes()[0] == int.class) {
                try {
                    method.invoke(meta, i);
                } catch (ReflectiveOperationException e) {
                    fail("ResultSetMetaData." + method.getName() + "(" + i + ") threw " + e.getCause());
                }
            }
        }
    }

    private static void assertNull(Object value) {
        Assertions.assertNull(value);
    }
}
