package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stripejdbc.emulator.StripeEmulator;

/**
 * The relations of the API description as JDBC foreign keys, so that DBeaver and IntelliJ draw ER diagrams: every
 * expandable reference between two tables of the catalog ({@code charges.customer → customers.id}) is reported by
 * getImportedKeys, getExportedKeys and getCrossReference, without any request to Stripe.
 */
class RelationsJdbcTest {
    private static StripeEmulator emulator;
    private static Connection connection;

    @BeforeAll
    static void start() throws SQLException {
        emulator = StripeEmulator.builder().customers(5).start();
        Properties p = new Properties();
        p.setProperty("password", emulator.apiKey());
        connection = DriverManager.getConnection(
                "jdbc:stripe:mem:relations-" + UUID.randomUUID() + "?api_url=" + emulator.baseUrl(), p);
        try (Statement s = connection.createStatement()) {
            s.execute("create schema rel");
            s.execute("import foreign schema stripe limit to (charges, customers, invoices, invoice_line_items,"
                    + " payment_intents, refunds) from server stripe_server into rel");
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        connection.close();
        emulator.close();
    }

    /** {@code PKTABLE.PKCOLUMN <- FKTABLE.FKCOLUMN (FK_NAME, PK_NAME, KEY_SEQ)} per row. */
    private static List<String> keys(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString("PKTABLE_SCHEM") + "." + rs.getString("PKTABLE_NAME") + "."
                        + rs.getString("PKCOLUMN_NAME") + " <- " + rs.getString("FKTABLE_SCHEM") + "."
                        + rs.getString("FKTABLE_NAME") + "." + rs.getString("FKCOLUMN_NAME") + " ("
                        + rs.getString("FK_NAME") + ", " + rs.getString("PK_NAME") + ", " + rs.getShort("KEY_SEQ")
                        + ")");
            }
        }
        return out;
    }

    @Test
    void informationSchemaShowsTheSameForeignKeysAsDatabaseMetaData() throws SQLException {
        List<String> fromMetadata = new ArrayList<>();
        for (String table :
                List.of("charges", "customers", "invoices", "invoice_line_items", "payment_intents", "refunds")) {
            fromMetadata.addAll(keys(connection.getMetaData().getImportedKeys(null, "rel", table)));
        }
        List<String> fromViews = new ArrayList<>();
        // The join tools use: a referential constraint, its column, and the column of the key it references.
        try (Statement s = connection.createStatement();
                ResultSet rs =
                        s.executeQuery("select pkc.table_schema || '.' || pkc.table_name || '.' || pkc.column_name"
                                + " || ' <- ' || fkc.table_schema || '.' || fkc.table_name || '.' || fkc.column_name"
                                + " || ' (' || rc.constraint_name || ', ' || rc.unique_constraint_name || ', '"
                                + " || fkc.ordinal_position || ')', tc.constraint_type"
                                + " from information_schema.referential_constraints rc"
                                + " join information_schema.table_constraints tc"
                                + " on tc.constraint_name = rc.constraint_name"
                                + " and tc.constraint_schema = rc.constraint_schema"
                                + " join information_schema.key_column_usage fkc"
                                + " on fkc.constraint_name = rc.constraint_name"
                                + " and fkc.constraint_schema = rc.constraint_schema"
                                + " join information_schema.key_column_usage pkc"
                                + " on pkc.constraint_name = rc.unique_constraint_name"
                                + " and pkc.constraint_schema = rc.unique_constraint_schema"
                                + " where fkc.table_schema = 'rel'")) {
            while (rs.next()) {
                assertEquals("FOREIGN KEY", rs.getString(2));
                fromViews.add(rs.getString(1));
            }
        }
        assertTrue(
                fromViews.contains(
                        "rel.customers.id <- rel.charges.customer (charges_customer_fkey, customers_pkey, 1)"),
                fromViews.toString());
        fromMetadata.sort(null);
        fromViews.sort(null);
        assertEquals(fromMetadata, fromViews);
    }

    @Test
    void chargesImportTheirCustomerAndPaymentIntent() throws SQLException {
        int before = emulator.requestLog().size();
        List<String> imported = keys(connection.getMetaData().getImportedKeys(null, "rel", "charges"));
        assertTrue(
                imported.contains(
                        "rel.customers.id <- rel.charges.customer (charges_customer_fkey, customers_pkey, 1)"),
                imported.toString());
        assertTrue(
                imported.contains("rel.payment_intents.id <- rel.charges.payment_intent"
                        + " (charges_payment_intent_fkey, payment_intents_pkey, 1)"),
                imported.toString());
        // Only tables of the catalog: charges.balance_transaction has no table in rel.
        assertTrue(imported.stream().allMatch(k -> k.startsWith("rel.")), imported.toString());
        assertTrue(imported.stream().noneMatch(k -> k.contains("balance_transaction")), imported.toString());
        assertEquals(before, emulator.requestLog().size(), "metadata makes no request");
    }

    @Test
    void customersExportToEveryTableReferencingThem() throws SQLException {
        List<String> exported = keys(connection.getMetaData().getExportedKeys(null, "rel", "customers"));
        assertEquals(
                List.of(
                        "rel.customers.id <- rel.charges.customer (charges_customer_fkey, customers_pkey, 1)",
                        "rel.customers.id <- rel.invoices.customer (invoices_customer_fkey, customers_pkey, 1)",
                        "rel.customers.id <- rel.payment_intents.customer"
                                + " (payment_intents_customer_fkey, customers_pkey, 1)"),
                exported);
    }

    @Test
    void aChildTablesParentKeyReferencesItsParent() throws SQLException {
        List<String> imported = keys(connection.getMetaData().getImportedKeys(null, "rel", "invoice_line_items"));
        assertTrue(
                imported.contains("rel.invoices.id <- rel.invoice_line_items.invoice"
                        + " (invoice_line_items_invoice_fkey, invoices_pkey, 1)"),
                imported.toString());
        List<String> exported = keys(connection.getMetaData().getExportedKeys(null, "rel", "invoices"));
        assertTrue(exported.stream().anyMatch(k -> k.contains("rel.invoice_line_items.invoice")), exported.toString());
    }

    @Test
    void crossReferenceNamesOnePair() throws SQLException {
        assertEquals(
                List.of("rel.charges.id <- rel.refunds.charge (refunds_charge_fkey, charges_pkey, 1)"),
                keys(connection.getMetaData().getCrossReference(null, "rel", "charges", null, "rel", "refunds")));
        assertEquals(
                List.of(),
                keys(connection.getMetaData().getCrossReference(null, "rel", "refunds", null, "rel", "charges")));
    }
}
