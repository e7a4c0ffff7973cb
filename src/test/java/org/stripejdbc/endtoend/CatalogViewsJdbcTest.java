package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.stripejdbc.driver.StripeDriver;
import org.stripejdbc.session.StripeEngine;

/**
 * information_schema and pg_catalog through JDBC: what they show agrees with DatabaseMetaData, unqualified names
 * resolve through pg_catalog, and server and table options never show a secret, locally or served. (Their
 * Postgres shapes are proven against PostgreSQL by the differential corpus.)
 */
class CatalogViewsJdbcTest {
    private static final String SECRET = "sk_test_catalogviews_0123456789abcdef";

    private static String newUrl() throws SQLException {
        String url = "jdbc:stripe:mem:views-" + UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("create extension if not exists wrappers with schema extensions");
            s.execute("create foreign data wrapper stripe_wrapper handler stripe_fdw_handler"
                    + " validator stripe_fdw_validator");
            s.execute("create server stripe_server foreign data wrapper stripe_wrapper options (api_key '" + SECRET
                    + "', api_url 'http://127.0.0.1:9/v1/')");
            s.execute("create schema stripe");
            s.execute("create foreign table stripe.customers (id text, email varchar(80), created timestamp, "
                    + "total numeric(10,2) not null, attrs jsonb) server stripe_server "
                    + "options (object 'customers', rowid_column 'id')");
            s.execute("create foreign table stripe.balance (amount bigint, currency text) server stripe_server "
                    + "options (object 'balance')");
        }
        return url;
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    @Test
    void tablesColumnsAndKeysAgreeWithDatabaseMetaData() throws SQLException {
        try (Connection c = DriverManager.getConnection(newUrl())) {
            DatabaseMetaData md = c.getMetaData();
            List<String> fromMetadata = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, null, "%", null)) {
                while (rs.next()) {
                    fromMetadata.add(rs.getString("TABLE_SCHEM") + "|" + rs.getString("TABLE_NAME"));
                }
            }
            assertEquals(
                    fromMetadata,
                    rows(c, "select table_schema, table_name from information_schema.tables order by 1, 2"));
            assertEquals(
                    List.of("balance|FOREIGN|YES", "customers|FOREIGN|YES"),
                    rows(
                            c,
                            "select table_name, table_type, is_insertable_into from information_schema.tables "
                                    + "where table_schema = 'stripe' order by 1"));
            assertEquals(
                    List.of(
                            "id|1|YES|text|text|null|null",
                            "email|2|YES|character varying|varchar|80|null",
                            "created|3|YES|timestamp without time zone|timestamp|null|null",
                            "total|4|NO|numeric|numeric|null|10",
                            "attrs|5|YES|jsonb|jsonb|null|null"),
                    rows(
                            c,
                            "select column_name, ordinal_position, is_nullable, data_type, udt_name,"
                                    + " character_maximum_length, numeric_precision from information_schema.columns"
                                    + " where table_schema = 'stripe' and table_name = 'customers'"
                                    + " order by ordinal_position"));
            try (ResultSet rs = md.getPrimaryKeys(null, "stripe", "customers")) {
                assertTrue(rs.next());
                assertEquals("id", rs.getString("COLUMN_NAME"));
            }
            assertEquals(
                    List.of("customers_pkey|customers|PRIMARY KEY|id|1"),
                    rows(
                            c,
                            "select tc.constraint_name, tc.table_name, tc.constraint_type, k.column_name,"
                                    + " k.ordinal_position from information_schema.table_constraints tc"
                                    + " join information_schema.key_column_usage k"
                                    + " on k.constraint_name = tc.constraint_name and k.table_schema = tc.table_schema"
                                    + " where tc.table_schema = 'stripe'"));
            assertEquals(
                    List.of("vault|decrypted_secrets", "vault|secrets"),
                    rows(
                            c,
                            "select table_schema, table_name from information_schema.views"
                                    + " where table_schema = 'vault' order by 2"));
            assertEquals(
                    List.of("extensions", "information_schema", "pg_catalog", "public", "stripe", "vault"),
                    rows(c, "select schema_name from information_schema.schemata order by 1"));
        }
    }

    @Test
    void pgCatalogIsFirstOnTheSearchPath() throws SQLException {
        try (Connection c = DriverManager.getConnection(newUrl())) {
            assertEquals(
                    List.of("balance|f|2", "customers|f|5"),
                    rows(
                            c,
                            "select c.relname, c.relkind, c.relnatts from pg_class c join pg_namespace n"
                                    + " on n.oid = c.relnamespace where n.nspname = 'stripe' order by 1"));
            assertEquals(
                    List.of("email|varchar|84", "total|numeric|655366"),
                    rows(
                            c,
                            "select a.attname, t.typname, a.atttypmod from pg_catalog.pg_attribute a"
                                    + " join pg_catalog.pg_class c on c.oid = a.attrelid join pg_type t"
                                    + " on t.oid = a.atttypid where c.relname = 'customers' and a.atttypmod > 0"
                                    + " order by a.attnum"));
            assertEquals(List.of(), rows(c, "select * from pg_tables where schemaname = 'stripe'"));
            assertEquals(
                    List.of("stripe|stripe|PostgreSQL 16"),
                    rows(c, "select current_schema(), current_schema, substr(version(), 1, 13)"));
        }
    }

    @Test
    void userMappingsAreEmptyWithPostgresColumns() throws SQLException {
        try (Connection c = DriverManager.getConnection(newUrl());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select * from pg_user_mappings")) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnLabel(i));
            }
            assertEquals(List.of("umid", "srvid", "srvname", "umuser", "usename", "umoptions"), columns);
            assertFalse(rs.next());
        }
    }

    @Test
    void optionsNeverShowASecretLocallyOrServed() throws SQLException {
        String url = newUrl();
        String servers = "select s.srvname, array_to_string(s.srvoptions, ',') from pg_foreign_server s";
        String tables = "select c.relname, array_to_string(f.ftoptions, ',') from pg_foreign_table f"
                + " join pg_class c on c.oid = f.ftrelid join pg_foreign_server s on s.oid = f.ftserver order by 1";
        List<String> expectedServers = List.of("stripe_server|api_key=****,api_url=http://127.0.0.1:9/v1/");
        List<String> expectedTables = List.of("balance|object=balance", "customers|object=customers,rowid_column=id");
        try (Connection local = DriverManager.getConnection(url)) {
            assertEquals(expectedServers, rows(local, servers));
            assertEquals(expectedTables, rows(local, tables));
        }
        Properties info = new Properties();
        try (Connection served = new StripeDriver(StripeEngine.instance().served()).connect(url, info)) {
            assertEquals(expectedServers, rows(served, servers));
            assertEquals(expectedTables, rows(served, tables));
            assertEquals(
                    List.of("vault|secrets"),
                    rows(
                            served,
                            "select table_schema, table_name from information_schema.tables"
                                    + " where table_schema = 'vault'"));
            List<String> everything = rows(served, "select srvname, srvoptions::text from pg_foreign_server");
            assertFalse(everything.toString().contains("catalogviews"), everything.toString());
        }
    }
}
