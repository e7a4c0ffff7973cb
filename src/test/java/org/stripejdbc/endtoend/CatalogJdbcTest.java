package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalog DDL, vault, persistence and DatabaseMetaData through DriverManager, as DBeaver and apps use them. */
class CatalogJdbcTest {
    private static final String SECRET = "sk_test_vaultsecret_0123456789abcdef";

    @TempDir
    Path directory;

    private static void setUp(Statement s) throws SQLException {
        s.execute("create extension if not exists wrappers with schema extensions");
        s.execute(
                "create foreign data wrapper stripe_wrapper handler stripe_fdw_handler validator stripe_fdw_validator");
        s.execute("create server stripe_server foreign data wrapper stripe_wrapper options (api_key '" + SECRET
                + "', api_url 'http://127.0.0.1:9/v1/')");
        s.execute("create schema stripe");
        s.execute("create foreign table stripe.customers (id text, email text, name text, created timestamp, "
                + "attrs jsonb, \"items[0][price]\" text, total numeric(10,2) not null) server stripe_server "
                + "options (object 'customers', rowid_column 'id')");
        s.execute("comment on foreign table stripe.customers is 'Customers of the account'");
        s.execute("comment on column stripe.customers.attrs is 'every field'");
    }

    @Test
    void metadataAsDbeaverReadsIt() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:stripe:mem:meta-" + UUID.randomUUID());
                Statement s = c.createStatement()) {
            setUp(s);
            DatabaseMetaData md = c.getMetaData();
            assertFalse(md.getURL().contains(SECRET));
            List<String> schemas = column(md.getSchemas(), "TABLE_SCHEM");
            assertTrue(schemas.containsAll(List.of("public", "stripe", "vault", "extensions")), schemas.toString());

            ResultSet tables = md.getTables(null, "stripe", "%", new String[] {"FOREIGN TABLE"});
            assertTrue(tables.next());
            assertEquals("customers", tables.getString("TABLE_NAME"));
            assertEquals("FOREIGN TABLE", tables.getString("TABLE_TYPE"));
            assertEquals("Customers of the account", tables.getString("REMARKS"));
            assertFalse(tables.next());

            ResultSet columns = md.getColumns(null, "stripe", "customers", null);
            List<String> described = new ArrayList<>();
            while (columns.next()) {
                described.add(columns.getString("COLUMN_NAME") + ":" + columns.getInt("DATA_TYPE") + ":"
                        + columns.getString("TYPE_NAME") + ":" + columns.getString("IS_NULLABLE")
                        + (columns.getString("REMARKS") == null ? "" : ":" + columns.getString("REMARKS")));
            }
            assertEquals(
                    List.of(
                            "id:" + Types.VARCHAR + ":text:YES",
                            "email:" + Types.VARCHAR + ":text:YES",
                            "name:" + Types.VARCHAR + ":text:YES",
                            "created:" + Types.TIMESTAMP + ":timestamp:YES",
                            "attrs:" + Types.OTHER + ":jsonb:YES:every field",
                            "items[0][price]:" + Types.VARCHAR + ":text:YES",
                            "total:" + Types.NUMERIC + ":numeric(10,2):NO"),
                    described);

            ResultSet keys = md.getPrimaryKeys(null, "stripe", "customers");
            assertTrue(keys.next());
            assertEquals("id", keys.getString("COLUMN_NAME"));
            assertFalse(keys.next());

            for (ResultSet empty : List.of(
                    md.getImportedKeys(null, "stripe", "customers"),
                    md.getExportedKeys(null, "stripe", "customers"),
                    md.getIndexInfo(null, "stripe", "customers", false, false),
                    md.getFunctions(null, null, "%"),
                    md.getProcedures(null, null, "%"),
                    md.getCatalogs())) {
                assertFalse(empty.next());
            }
            assertTrue(md.getTypeInfo().next());
            assertTrue(md.getTableTypes().next());
            assertEquals("\"", md.getIdentifierQuoteString());
            assertTrue(md.storesLowerCaseIdentifiers());

            // a DBeaver-style first look at the table: no request needed for metadata of the result
            try (ResultSet rs = s.executeQuery("select x.* from stripe.customers x limit 0")) {
                assertEquals(7, rs.getMetaData().getColumnCount());
                assertEquals("jsonb", rs.getMetaData().getColumnTypeName(5));
                assertFalse(rs.next());
            }
        }
    }

    private static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
            out.add(rs.getString(name));
        }
        return out;
    }

    @Test
    void ddlErrorsHaveTheirSqlStates() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:stripe:mem:errors-" + UUID.randomUUID());
                Statement s = c.createStatement()) {
            setUp(s);
            assertState("42710", s, "create server stripe_server foreign data wrapper stripe_wrapper");
            assertState("42704", s, "create server other foreign data wrapper nope");
            assertState("42P06", s, "create schema stripe");
            assertState(
                    "42P07",
                    s,
                    "create foreign table stripe.customers (id text) server stripe_server "
                            + "options (object 'customers')");
            assertState("HV00J", s, "create foreign table stripe.x (id text) server stripe_server");
            assertState(
                    "22023",
                    s,
                    "create foreign table stripe.x (id text) server stripe_server options (object 'pricing')");
            assertState(
                    "3F000",
                    s,
                    "create foreign table nope.x (id text) server stripe_server options (object 'customers')");
            assertState("2BP01", s, "drop server stripe_server");
            assertState("42P01", s, "select * from stripe.nope");
            assertState("42601", s, "selec * from stripe.customers");
            assertState("42601", s, "select * from stripe.customers where");
            assertState("42601", s, "create foreign table stripe.y (id text server");
            s.execute("drop server stripe_server cascade");
            assertState("42P01", s, "select * from stripe.customers");
        }
    }

    private static void assertState(String state, Statement s, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertEquals(state, e.getSQLState(), sql + " -> " + e.getMessage());
        if (state.startsWith("42")) {
            assertInstanceOf(SQLSyntaxErrorException.class, e);
        }
    }

    @Test
    void aFileCatalogSurvivesAndIsSharedAtOnce() throws Exception {
        String url = "jdbc:stripe:file:" + directory.resolve("catalog");
        try (Connection a = DriverManager.getConnection(url);
                Connection b = DriverManager.getConnection(url)) {
            setUp(a.createStatement());
            ResultSet tables = b.getMetaData().getTables(null, "stripe", "customers", null);
            assertTrue(tables.next(), "DDL of one connection is visible to another at once");
            a.createStatement().execute("insert into vault.secrets (name, secret) values ('other', '" + SECRET + "2')");
        }
        try (Connection again = DriverManager.getConnection(url)) {
            assertTrue(again.getMetaData()
                    .getTables(null, "stripe", "customers", null)
                    .next());
            ResultSet secrets = again.createStatement().executeQuery("select name from vault.secrets");
            assertTrue(secrets.next());
            assertEquals("other", secrets.getString(1));
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = Files.readString(file, StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(SECRET), file + " holds a secret in plain text");
            }
        }
    }

    @Test
    void theVaultAsSupabaseShowsIt() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:stripe:mem:vault-" + UUID.randomUUID());
                Statement s = c.createStatement()) {
            ResultSet created = s.executeQuery(
                    "insert into vault.secrets (name, secret) values ('stripe', '" + SECRET + "') returning key_id");
            assertTrue(created.next());
            String keyId = created.getString("key_id");
            ResultSet byId = s.executeQuery(
                    "insert into vault.secrets (name, secret, description) values ('b', 's2', 'd') " + "returning id");
            assertTrue(byId.next());
            String second = byId.getString(1);
            ResultSet all = s.executeQuery("insert into vault.secrets (name, secret) values ('c', 's3') returning *");
            assertTrue(all.next());
            assertEquals("c", all.getString("name"));
            assertNotEquals("s3", all.getString("secret"));

            ResultSet function = s.executeQuery("select vault.create_secret('s4', 'd', 'made by a function')");
            assertTrue(function.next());
            UUID.fromString(function.getString(1));

            ResultSet listed = s.executeQuery("select id, name, secret from vault.secrets order by name");
            int n = 0;
            while (listed.next()) {
                n++;
                assertFalse(
                        List.of(SECRET, "s2", "s3", "s4").contains(listed.getString("secret")),
                        "vault.secrets must show ciphertext");
            }
            assertEquals(4, n);
            ResultSet decrypted =
                    s.executeQuery("select decrypted_secret from vault.decrypted_secrets where id = '" + keyId + "'");
            assertTrue(decrypted.next());
            assertEquals(SECRET, decrypted.getString(1));

            assertEquals(1, s.executeUpdate("update vault.secrets set secret = 'changed' where name = 'b'"));
            ResultSet changed =
                    s.executeQuery("select decrypted_secret from vault.decrypted_secrets where id = '" + second + "'");
            assertTrue(changed.next());
            assertEquals("changed", changed.getString(1));
            assertEquals(1, s.executeUpdate("delete from vault.secrets where name = 'c'"));
            assertState("23505", s, "insert into vault.secrets (name, secret) values ('stripe', 'x')");

            // the walkthrough's server form with the returned key id
            s.execute("create extension if not exists wrappers with schema extensions");
            s.execute("create foreign data wrapper stripe_wrapper handler stripe_fdw_handler validator "
                    + "stripe_fdw_validator");
            s.execute("create server stripe_server foreign data wrapper stripe_wrapper options (api_key_id '" + keyId
                    + "', api_url 'http://127.0.0.1:9/v1/')");
            s.execute("import foreign schema stripe from server stripe_server into public");
            ResultSet plan = s.executeQuery("explain select * from public.customers where id = 'cus_1'");
            StringBuilder text = new StringBuilder();
            while (plan.next()) {
                text.append(plan.getString(1)).append('\n');
            }
            assertTrue(text.toString().contains("GET /v1/customers/cus_1"), text.toString());
            assertFalse(text.toString().contains(SECRET));
        }
    }
}
