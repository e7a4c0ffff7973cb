package org.stripejdbc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.catalog.CatalogFixtures.assertError;
import static org.stripejdbc.catalog.CatalogFixtures.assertErrorStartsWith;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.ColumnDefinition;
import org.stripejdbc.sql.ImportFilter;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;
import org.stripejdbc.types.SqlType;

class ImportForeignSchemaTest {
    private Catalog catalog;

    @BeforeEach
    void setUp() {
        catalog = CatalogFixtures.walkthrough(CatalogFixtures.memory());
    }

    private ImportResult importAll() {
        return catalog.importForeignSchema("stripe", ImportFilter.ALL, List.of(), "stripe_server", "stripe", Map.of());
    }

    /** A table as upstream's generated DDL would read, e.g. {@code customers(id text, ...) object=customers,
     * rowid_column=id}. */
    private static String describe(ForeignTable table) {
        return table.name() + "("
                + table.columns().stream()
                        .map(c -> c.name() + " " + c.typeName())
                        .collect(Collectors.joining(", ")) + ") " + table.options();
    }

    @Test
    void importsEveryRegistryObjectInRegistryOrder() {
        ImportResult result = importAll();
        assertEquals(StripeObjects.all().size(), result.created().size());
        assertTrue(result.skipped().isEmpty());
        assertEquals(
                StripeObjects.all().stream().map(StripeObject::tableName).toList(),
                catalog.snapshot().tablesIn("stripe").stream()
                        .map(ForeignTable::name)
                        .toList());
        assertEquals(result.created(), catalog.snapshot().tablesIn("stripe"));
    }

    @Test
    void generatesUpstreamColumnsAttrsAndOptions() {
        importAll();
        CatalogSnapshot snapshot = catalog.snapshot();
        assertEquals(
                "customers(id text, email text, name text, description text, created timestamp, attrs jsonb) "
                        + "{object=customers, rowid_column=id}",
                describe(snapshot.table("stripe", "customers").get()));
        assertEquals(
                "file_links(id text, file text, url text, created timestamp, expired bool, expires_at timestamp, "
                        + "attrs jsonb) {object=file_links, rowid_column=id}",
                describe(snapshot.table("stripe", "file_links").get()));
        assertEquals(
                "checkout_sessions(id text, customer text, payment_intent text, subscription text, "
                        + "created timestamp, attrs jsonb) {object=checkout/sessions, rowid_column=id}",
                describe(snapshot.table("stripe", "checkout_sessions").get()));
        assertEquals(
                "billing_meters(id text, display_name text, event_name text, event_time_window text, "
                        + "status text, attrs jsonb) {object=billing/meters, rowid_column=id}",
                describe(snapshot.table("stripe", "billing_meters").get()));
        assertEquals(
                SqlType.BOOLEAN,
                snapshot.table("stripe", "file_links")
                        .get()
                        .column("expired")
                        .get()
                        .type());
        assertEquals(
                "stripe_server", snapshot.table("stripe", "customers").get().server());
    }

    @Test
    void balanceHasNoIdSoNoRowidColumn() {
        importAll();
        assertEquals(
                "balance(balance_type text, amount bigint, currency text, attrs jsonb) {object=balance}",
                describe(catalog.snapshot().table("stripe", "balance").get()));
    }

    @Test
    void subscriptionsHaveTheStatusColumn() {
        importAll();
        assertTrue(catalog.snapshot()
                .table("stripe", "subscriptions")
                .get()
                .column("status")
                .isPresent());
    }

    @Test
    void limitToIgnoresUnknownNames() {
        ImportResult result = catalog.importForeignSchema(
                "whatever",
                ImportFilter.LIMIT_TO,
                List.of("customers", "non-exists", "checkout_sessions"),
                "stripe_server",
                "stripe",
                Map.of());
        assertEquals(
                List.of("customers", "checkout_sessions"),
                result.created().stream().map(ForeignTable::name).toList());
        assertEquals(2, catalog.snapshot().tables().size());
    }

    @Test
    void exceptIgnoresUnknownNames() {
        ImportResult result = catalog.importForeignSchema(
                "stripe",
                ImportFilter.EXCEPT,
                List.of("balance", "non-exists", "tokens"),
                "stripe_server",
                "stripe",
                Map.of());
        assertEquals(StripeObjects.all().size() - 2, result.created().size());
        assertTrue(catalog.snapshot().table("stripe", "balance").isEmpty());
        assertTrue(catalog.snapshot().table("stripe", "tokens").isEmpty());
    }

    @Test
    void isIdempotentAndLeavesExistingTablesAlone() {
        catalog.createForeignTable(
                "stripe",
                "customers",
                false,
                List.of(ColumnDefinition.of("id", "text"), ColumnDefinition.of("livemode", "bool")),
                "stripe_server",
                Map.of("object", "customers"));
        ImportResult first = importAll();
        assertEquals(StripeObjects.all().size() - 1, first.created().size());
        assertEquals(List.of(new QualifiedName("stripe", "customers")), first.skipped());
        assertEquals(List.of("relation \"customers\" already exists, skipping"), first.notices());
        assertEquals(
                List.of("id", "livemode"),
                catalog.snapshot().table("stripe", "customers").get().columns().stream()
                        .map(ForeignColumn::name)
                        .toList());

        long version = catalog.snapshot().version();
        ImportResult second = importAll();
        assertTrue(second.created().isEmpty());
        assertEquals(StripeObjects.all().size(), second.skipped().size());
        assertEquals(version, catalog.snapshot().version(), "a no-op import commits nothing");
    }

    @Test
    void copiesTheStripeAccountImportOption() {
        catalog.importForeignSchema(
                "stripe",
                ImportFilter.LIMIT_TO,
                List.of("charges"),
                "stripe_server",
                "stripe",
                Map.of("stripe_account", "acct_9", "unknown_option", "ignored"));
        assertEquals(
                Map.of("object", "charges", "rowid_column", "id", "stripe_account", "acct_9"),
                catalog.snapshot().table("stripe", "charges").get().options());
    }

    @Test
    void serverAndSchemaMustExist() {
        assertError(
                "42704",
                "server \"nope\" does not exist",
                () -> catalog.importForeignSchema("stripe", ImportFilter.ALL, List.of(), "nope", "stripe", Map.of()));
        assertError(
                "3F000",
                "schema \"nope\" does not exist",
                () -> catalog.importForeignSchema(
                        "stripe", ImportFilter.ALL, List.of(), "stripe_server", "nope", Map.of()));
        assertErrorStartsWith(
                "42501",
                "permission denied to import into schema vault",
                () -> catalog.importForeignSchema(
                        "stripe", ImportFilter.ALL, List.of(), "stripe_server", "vault", Map.of()));
        assertFalse(catalog.snapshot().tables().iterator().hasNext());
    }
}
