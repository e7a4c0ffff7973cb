package org.stripejdbc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.catalog.CatalogFixtures.assertError;
import static org.stripejdbc.catalog.CatalogFixtures.assertErrorStartsWith;
import static org.stripejdbc.catalog.CatalogFixtures.createCustomers;
import static org.stripejdbc.catalog.CatalogFixtures.customerColumns;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.ColumnDefinition;
import org.stripejdbc.sql.CommentTarget;
import org.stripejdbc.sql.ImportFilter;
import org.stripejdbc.sql.OptionChange;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.TableAlteration;
import org.stripejdbc.types.SqlType;

class CatalogTest {

    private Catalog catalog;

    @BeforeEach
    void setUp() {
        catalog = CatalogFixtures.memory();
    }

    @Test
    void newCatalogHasPublicAndExtensionsSchemasAndVersionZero() {
        CatalogSnapshot snapshot = catalog.snapshot();
        assertEquals(0, snapshot.version());
        assertEquals(List.of(new Schema("public", null), new Schema("extensions", null)), snapshot.schemas());
        assertTrue(snapshot.schemaExists("vault"));
        assertTrue(snapshot.schemaExists("pg_catalog"));
        assertFalse(snapshot.schemaExists("stripe"));
        assertTrue(snapshot.tables().isEmpty());
    }

    @Test
    void everyCommittedChangeBumpsTheVersionAndNoOpsDoNot() {
        catalog.createSchema("stripe", false);
        assertEquals(1, catalog.snapshot().version());
        DdlResult skipped = catalog.createSchema("stripe", true);
        assertEquals(List.of("schema \"stripe\" already exists, skipping"), skipped.notices());
        assertEquals(1, catalog.snapshot().version());
    }

    @Test
    void snapshotsAreImmutableViews() {
        CatalogSnapshot before = catalog.snapshot();
        catalog.createSchema("stripe", false);
        assertFalse(before.schemaExists("stripe"));
        assertTrue(catalog.snapshot().schemaExists("stripe"));
    }

    @Test
    void failedStatementChangesNothing() {
        CatalogFixtures.walkthrough(catalog);
        CatalogSnapshot before = catalog.snapshot();
        assertErrorStartsWith(
                "42710",
                "option \"api_url\" provided more than once",
                () -> catalog.alterServer(
                        "stripe_server",
                        List.of(
                                OptionChange.add("api_url", "http://localhost:1/v1/"),
                                OptionChange.add("api_url", "http://localhost:2/v1/"))));
        assertEquals(before.version(), catalog.snapshot().version());
        assertTrue(catalog.snapshot()
                .server("stripe_server")
                .get()
                .option("api_url")
                .isEmpty());
    }

    @Nested
    class Extensions {
        @Test
        void createsTheWrappersExtensionInTheGivenSchema() {
            catalog.createExtension("wrappers", false, "extensions");
            assertEquals(
                    List.of(new Extension("wrappers", "extensions")),
                    catalog.snapshot().extensions());
        }

        @Test
        void defaultSchemaIsPublic() {
            catalog.createExtension("wrappers", false, null);
            assertEquals(
                    "public", catalog.snapshot().extension("wrappers").get().schema());
        }

        @Test
        void duplicateIs42710UnlessIfNotExists() {
            catalog.createExtension("wrappers", false, "extensions");
            assertError(
                    "42710",
                    "extension \"wrappers\" already exists",
                    () -> catalog.createExtension("wrappers", false, "extensions"));
            assertEquals(
                    List.of("extension \"wrappers\" already exists, skipping"),
                    catalog.createExtension("wrappers", true, "extensions").notices());
        }

        @Test
        void unknownExtensionIsNotAvailable() {
            assertErrorStartsWith(
                    "0A000",
                    "extension \"pgcrypto\" is not available",
                    () -> catalog.createExtension("pgcrypto", false, null));
        }

        @Test
        void missingSchemaIs3F000() {
            assertError(
                    "3F000",
                    "schema \"nowhere\" does not exist",
                    () -> catalog.createExtension("wrappers", false, "nowhere"));
        }

        @Test
        void dropRestrictFailsWhileAWrapperUsesItsFunctions() {
            CatalogFixtures.walkthrough(catalog);
            assertError(
                    "2BP01",
                    "cannot drop extension wrappers because other objects depend on it\n"
                            + "DETAIL: foreign-data wrapper stripe_wrapper depends on extension wrappers\n"
                            + "server stripe_server depends on foreign-data wrapper stripe_wrapper\n"
                            + "HINT: Use DROP ... CASCADE to drop the dependent objects too.",
                    () -> catalog.dropExtension(List.of("wrappers"), false, false));
        }

        @Test
        void dropCascadeRemovesWrapperServersAndTables() {
            CatalogFixtures.walkthrough(catalog);
            createCustomers(catalog);
            DdlResult result = catalog.dropExtension(List.of("wrappers"), false, true);
            assertEquals(
                    List.of("drop cascades to 3 other objects\nDETAIL: drop cascades to foreign-data wrapper "
                            + "stripe_wrapper\ndrop cascades to server stripe_server\n"
                            + "drop cascades to foreign table stripe.customers"),
                    result.notices());
            CatalogSnapshot snapshot = catalog.snapshot();
            assertTrue(snapshot.extensions().isEmpty());
            assertTrue(snapshot.wrappers().isEmpty());
            assertTrue(snapshot.servers().isEmpty());
            assertTrue(snapshot.tables().isEmpty());
            assertTrue(snapshot.schemaExists("stripe"));
        }

        @Test
        void dropMissingIs42704UnlessIfExists() {
            assertError(
                    "42704",
                    "extension \"wrappers\" does not exist",
                    () -> catalog.dropExtension(List.of("wrappers"), false, false));
            assertEquals(
                    List.of("extension \"wrappers\" does not exist, skipping"),
                    catalog.dropExtension(List.of("wrappers"), true, false).notices());
        }
    }

    @Nested
    class Wrappers {
        @Test
        void createsTheWalkthroughWrapper() {
            catalog.createExtension("wrappers", true, "extensions");
            catalog.createWrapper("stripe_wrapper", "stripe_fdw_handler", "stripe_fdw_validator", Map.of());
            assertEquals(
                    new ForeignDataWrapper(
                            "stripe_wrapper", "stripe_fdw_handler", "stripe_fdw_validator", Map.of(), null),
                    catalog.snapshot().wrapper("stripe_wrapper").get());
        }

        @Test
        void schemaQualifiedHandlerMustNameTheExtensionsSchema() {
            catalog.createExtension("wrappers", true, "extensions");
            catalog.createWrapper("w", "extensions.stripe_fdw_handler", null, Map.of());
            assertEquals(
                    "stripe_fdw_handler", catalog.snapshot().wrapper("w").get().handler());
            assertErrorStartsWith(
                    "42883",
                    "function public.stripe_fdw_handler() does not exist",
                    () -> catalog.createWrapper("w2", "public.stripe_fdw_handler", null, Map.of()));
        }

        @Test
        void handlerNeedsTheExtension() {
            assertError(
                    "42883",
                    "function stripe_fdw_handler() does not exist\nHINT: create extension wrappers first",
                    () -> catalog.createWrapper("stripe_wrapper", "stripe_fdw_handler", null, Map.of()));
        }

        @Test
        void unknownAndForeignHandlers() {
            catalog.createExtension("wrappers", true, "extensions");
            assertError(
                    "42883",
                    "function nope() does not exist",
                    () -> catalog.createWrapper("w", "nope", null, Map.of()));
            assertErrorStartsWith(
                    "0A000",
                    "function airtable_fdw_handler belongs to another foreign data wrapper",
                    () -> catalog.createWrapper("w", "airtable_fdw_handler", null, Map.of()));
            assertError(
                    "42809",
                    "function stripe_fdw_validator must return type fdw_handler",
                    () -> catalog.createWrapper("w", "stripe_fdw_validator", null, Map.of()));
        }

        @Test
        void noHandlerWrapperNeedsNoExtension() {
            catalog.createWrapper("dummy", null, null, Map.of());
            assertNull(catalog.snapshot().wrapper("dummy").get().handler());
        }

        @Test
        void duplicateIs42710() {
            catalog.createWrapper("dummy", null, null, Map.of());
            assertError(
                    "42710",
                    "foreign-data wrapper \"dummy\" already exists",
                    () -> catalog.createWrapper("dummy", null, null, Map.of()));
        }

        @Test
        void dropRestrictAndCascade() {
            CatalogFixtures.walkthrough(catalog);
            assertErrorStartsWith(
                    "2BP01",
                    "cannot drop foreign-data wrapper stripe_wrapper because other objects "
                            + "depend on it\nDETAIL: server stripe_server depends on foreign-data wrapper "
                            + "stripe_wrapper",
                    () -> catalog.dropWrapper(List.of("stripe_wrapper"), false, false));
            assertEquals(
                    List.of("drop cascades to server stripe_server"),
                    catalog.dropWrapper(List.of("stripe_wrapper"), false, true).notices());
            assertTrue(catalog.snapshot().servers().isEmpty());
            assertError(
                    "42704",
                    "foreign-data wrapper \"stripe_wrapper\" does not exist",
                    () -> catalog.dropWrapper(List.of("stripe_wrapper"), false, false));
            assertEquals(
                    List.of("foreign-data wrapper \"stripe_wrapper\" does not exist, skipping"),
                    catalog.dropWrapper(List.of("stripe_wrapper"), true, false).notices());
        }
    }

    @Nested
    class Servers {
        @BeforeEach
        void wrapper() {
            catalog.createExtension("wrappers", true, "extensions");
            catalog.createWrapper("stripe_wrapper", "stripe_fdw_handler", "stripe_fdw_validator", Map.of());
        }

        @Test
        void keepsOptionsInWrittenOrderAndMasksTheApiKey() {
            LinkedHashMap<String, String> options = new LinkedHashMap<>();
            options.put("api_url", "http://localhost:12111/v1");
            options.put("api_key", CatalogFixtures.TEST_KEY);
            options.put("api_version", "2024-06-20");
            catalog.createServer("stripe_server", false, "stripe_wrapper", options);
            ForeignServer server = catalog.snapshot().server("stripe_server").get();
            assertEquals(
                    List.of("api_url", "api_key", "api_version"),
                    List.copyOf(server.options().keySet()));
            assertEquals("sk_test_...WXYZ", server.options().get("api_key"));
            assertEquals("sk_test_...WXYZ", server.apiKey().get().masked());
            assertEquals("http://localhost:12111/v1/", server.apiUrl());
            assertEquals(CatalogFixtures.TEST_KEY, catalog.resolveApiKey(server).reveal());
            assertFalse(server.toString().contains(CatalogFixtures.TEST_KEY));
        }

        @Test
        void wrapperMustExist() {
            assertError(
                    "42704",
                    "foreign-data wrapper \"nope\" does not exist",
                    () -> catalog.createServer("s", false, "nope", Map.of()));
        }

        @Test
        void duplicateIs42710UnlessIfNotExistsWhichChecksNothingElse() {
            catalog.createServer("s", false, "stripe_wrapper", Map.of());
            assertError(
                    "42710",
                    "server \"s\" already exists",
                    () -> catalog.createServer("s", false, "stripe_wrapper", Map.of()));
            assertEquals(
                    List.of("server \"s\" already exists, skipping"),
                    catalog.createServer("s", true, "no_such_wrapper", Map.of()).notices());
        }

        @Test
        void checksKnownOptionValues() {
            assertErrorStartsWith(
                    "22023",
                    "parse url failed: scheme ftp is not http or https",
                    () -> catalog.createServer("s", false, "stripe_wrapper", Map.of("api_url", "ftp://x/")));
            assertErrorStartsWith(
                    "22023",
                    "parse url failed: relative URL without a base",
                    () -> catalog.createServer("s", false, "stripe_wrapper", Map.of("api_url", "api.stripe.com")));
            assertErrorStartsWith(
                    "22023",
                    "option `max_response_size` cannot be parsed as usize: 'ten'",
                    () -> catalog.createServer("s", false, "stripe_wrapper", Map.of("max_response_size", "ten")));
            assertErrorStartsWith(
                    "22P02",
                    "invalid input syntax for type uuid: \"<key_ID>\"",
                    () -> catalog.createServer("s", false, "stripe_wrapper", Map.of("api_key_id", "<key_ID>")));
            assertTrue(catalog.snapshot().servers().isEmpty());
        }

        @Test
        void acceptsUnknownOptionsLikeUpstream() {
            catalog.createServer("s", false, "stripe_wrapper", Map.of("whatever", "x"));
            assertEquals(
                    "x", catalog.snapshot().server("s").get().option("whatever").get());
        }

        @Test
        void refusesAKeyInAPlainOption() {
            var e = assertErrorStartsWith(
                    "22023",
                    "option api_key_id of server s looks like a Stripe secret key",
                    () -> catalog.createServer(
                            "s", false, "stripe_wrapper", Map.of("api_key_id", CatalogFixtures.TEST_KEY)));
            assertFalse(e.getMessage().contains(CatalogFixtures.TEST_KEY));
        }

        @Test
        void alterAddSetDropWithPostgresRules() {
            catalog.createServer("s", false, "stripe_wrapper", Map.of("api_url", "http://localhost:1/v1/"));
            assertError(
                    "42710",
                    "option \"api_url\" provided more than once",
                    () -> catalog.alterServer("s", List.of(OptionChange.add("api_url", "http://x/"))));
            assertError(
                    "42704",
                    "option \"api_version\" not found",
                    () -> catalog.alterServer("s", List.of(OptionChange.set("api_version", "2024-06-20"))));
            assertError(
                    "42704",
                    "option \"api_version\" not found",
                    () -> catalog.alterServer("s", List.of(OptionChange.drop("api_version"))));
            catalog.alterServer(
                    "s",
                    List.of(
                            OptionChange.set("api_url", "http://localhost:2/v1/"),
                            OptionChange.add("api_key", CatalogFixtures.TEST_KEY),
                            OptionChange.add("api_version", "2024-06-20")));
            ForeignServer server = catalog.snapshot().server("s").get();
            assertEquals(
                    Map.of(
                            "api_url",
                            "http://localhost:2/v1/",
                            "api_key",
                            "sk_test_...WXYZ",
                            "api_version",
                            "2024-06-20"),
                    server.options());
            assertEquals(CatalogFixtures.TEST_KEY, catalog.resolveApiKey(server).reveal());

            catalog.alterServer("s", List.of(OptionChange.set("api_key", "sk_live_51Hzzzzzzzzzzzzzzzzzz1234")));
            server = catalog.snapshot().server("s").get();
            assertEquals("sk_live_...1234", server.options().get("api_key"));
            assertEquals(
                    "sk_live_51Hzzzzzzzzzzzzzzzzzz1234",
                    catalog.resolveApiKey(server).reveal());

            catalog.alterServer("s", List.of(OptionChange.drop("api_key")));
            assertTrue(catalog.snapshot().server("s").get().apiKey().isEmpty());
            assertTrue(catalog.snapshot().server("s").get().sealedOptions().isEmpty());
        }

        @Test
        void emptyAlterChangesNothing() {
            catalog.createServer("s", false, "stripe_wrapper", Map.of());
            long version = catalog.snapshot().version();
            catalog.alterServer("s", List.of());
            assertEquals(version, catalog.snapshot().version());
        }

        @Test
        void alterMissingServerIs42704() {
            assertError(
                    "42704",
                    "server \"nope\" does not exist",
                    () -> catalog.alterServer("nope", List.of(OptionChange.add("a", "b"))));
        }

        private void serverWithCustomers() {
            catalog.createServer("stripe_server", false, "stripe_wrapper", Map.of("api_key", CatalogFixtures.TEST_KEY));
            catalog.createSchema("stripe", false);
            createCustomers(catalog);
        }

        @Test
        void renameKeepsTheSealedKeyAndMovesTheTables() {
            serverWithCustomers();
            catalog.renameServer("stripe_server", "main");
            CatalogSnapshot snapshot = catalog.snapshot();
            assertTrue(snapshot.server("stripe_server").isEmpty());
            assertEquals("main", snapshot.table("stripe", "customers").get().server());
            assertEquals(
                    CatalogFixtures.TEST_KEY,
                    catalog.resolveApiKey(snapshot.server("main").get()).reveal());
            catalog.createServer("other", false, "stripe_wrapper", Map.of());
            assertError("42710", "server \"other\" already exists", () -> catalog.renameServer("main", "other"));
        }

        @Test
        void dropRestrictListsDependentTablesAndCascadeDropsThem() {
            serverWithCustomers();
            catalog.importForeignSchema(
                    "stripe", ImportFilter.LIMIT_TO, List.of("charges"), "stripe_server", "stripe", Map.of());
            assertError(
                    "2BP01",
                    "cannot drop server stripe_server because other objects depend on it\n"
                            + "DETAIL: foreign table stripe.customers depends on server stripe_server\n"
                            + "foreign table stripe.charges depends on server stripe_server\n"
                            + "HINT: Use DROP ... CASCADE to drop the dependent objects too.",
                    () -> catalog.dropServer(List.of("stripe_server"), false, false));
            DdlResult result = catalog.dropServer(List.of("stripe_server"), false, true);
            assertEquals(
                    List.of("drop cascades to 2 other objects\nDETAIL: drop cascades to foreign table "
                            + "stripe.customers\ndrop cascades to foreign table stripe.charges"),
                    result.notices());
            assertTrue(catalog.snapshot().tables().isEmpty());
            assertTrue(catalog.snapshot().servers().isEmpty());
        }

        @Test
        void dropMissingIs42704UnlessIfExistsAndNothingIsDroppedOnError() {
            catalog.createServer("a", false, "stripe_wrapper", Map.of());
            assertError(
                    "42704", "server \"b\" does not exist", () -> catalog.dropServer(List.of("a", "b"), false, false));
            assertTrue(catalog.snapshot().server("a").isPresent());
            assertEquals(
                    List.of("server \"b\" does not exist, skipping"),
                    catalog.dropServer(List.of("a", "b"), true, false).notices());
            assertTrue(catalog.snapshot().server("a").isEmpty());
        }
    }

    @Nested
    class Schemas {
        @Test
        void createAndDuplicate() {
            catalog.createSchema("stripe", false);
            assertTrue(catalog.snapshot().schemaExists("stripe"));
            assertError("42P06", "schema \"stripe\" already exists", () -> catalog.createSchema("stripe", false));
            assertError("42P06", "schema \"vault\" already exists", () -> catalog.createSchema("vault", false));
            assertEquals(
                    List.of("schema \"vault\" already exists, skipping"),
                    catalog.createSchema("vault", true).notices());
        }

        @Test
        void dropEmptyRestrictWorks() {
            catalog.createSchema("stripe", false);
            catalog.dropSchema(List.of("stripe"), false, false);
            assertFalse(catalog.snapshot().schemaExists("stripe"));
        }

        @Test
        void dropNonEmptyIs2BP01UnlessCascade() {
            CatalogFixtures.walkthrough(catalog);
            createCustomers(catalog);
            assertError(
                    "2BP01",
                    "cannot drop schema stripe because other objects depend on it\n"
                            + "DETAIL: foreign table stripe.customers depends on schema stripe\n"
                            + "HINT: Use DROP ... CASCADE to drop the dependent objects too.",
                    () -> catalog.dropSchema(List.of("stripe"), false, false));
            assertEquals(
                    List.of("drop cascades to foreign table stripe.customers"),
                    catalog.dropSchema(List.of("stripe"), false, true).notices());
            assertTrue(catalog.snapshot().tables().isEmpty());
            assertTrue(catalog.snapshot().server("stripe_server").isPresent());
        }

        @Test
        void droppingTheExtensionsSchemaCascadesThroughTheExtension() {
            CatalogFixtures.walkthrough(catalog);
            assertErrorStartsWith(
                    "2BP01",
                    "cannot drop schema extensions because other objects depend on it\n"
                            + "DETAIL: extension wrappers depends on schema extensions\n",
                    () -> catalog.dropSchema(List.of("extensions"), false, false));
            catalog.dropSchema(List.of("extensions"), false, true);
            assertTrue(catalog.snapshot().wrappers().isEmpty());
        }

        @Test
        void reservedSchemasCannotBeDropped() {
            assertError(
                    "2BP01",
                    "cannot drop schema vault because it is required by stripe-jdbc",
                    () -> catalog.dropSchema(List.of("vault"), true, true));
        }

        @Test
        void publicCanBeDropped() {
            catalog.dropSchema(List.of("public"), false, false);
            assertFalse(catalog.snapshot().schemaExists("public"));
        }

        @Test
        void dropMissingIs3F000UnlessIfExists() {
            assertError(
                    "3F000", "schema \"nope\" does not exist", () -> catalog.dropSchema(List.of("nope"), false, false));
            assertEquals(
                    List.of("schema \"nope\" does not exist, skipping"),
                    catalog.dropSchema(List.of("nope"), true, false).notices());
        }
    }

    @Nested
    class ForeignTables {
        @BeforeEach
        void walkthrough() {
            CatalogFixtures.walkthrough(catalog);
        }

        @Test
        void createsTheWalkthroughTable() {
            createCustomers(catalog);
            ForeignTable table = catalog.snapshot().table("stripe", "customers").get();
            assertEquals("stripe_server", table.server());
            assertEquals("customers", table.object());
            assertEquals("customers", table.stripeObject().get().object());
            assertEquals("id", table.rowidColumn().get());
            assertEquals(
                    List.of("id", "email", "name", "description", "created", "attrs"),
                    table.columns().stream().map(ForeignColumn::name).toList());
            assertEquals(SqlType.TIMESTAMP, table.column("created").get().type());
            assertEquals(SqlType.JSONB, table.column("attrs").get().type());
            assertEquals(List.of(table), catalog.snapshot().tablesIn("stripe"));
            assertEquals(List.of(table), catalog.snapshot().tablesOn("stripe_server"));
        }

        @Test
        void keepsTypeNamesNotNullAndColumnOptions() {
            catalog.createForeignTable(
                    "stripe",
                    "c",
                    false,
                    List.of(
                            new ColumnDefinition("id", "TEXT", true, Map.of()),
                            new ColumnDefinition("live", "bool", false, Map.of("column_name", "livemode")),
                            ColumnDefinition.of("n", "varchar(20)"),
                            ColumnDefinition.of("amount", "numeric(10, 2)"),
                            ColumnDefinition.of("at", "timestamp with time zone")),
                    "stripe_server",
                    Map.of("object", "charges"));
            ForeignTable table = catalog.snapshot().table("stripe", "c").get();
            assertEquals(
                    new ForeignColumn("id", "text", SqlType.TEXT, true, Map.of(), null),
                    table.columns().get(0));
            assertEquals(
                    new ForeignColumn("live", "bool", SqlType.BOOLEAN, false, Map.of("column_name", "livemode"), null),
                    table.columns().get(1));
            assertEquals(SqlType.TEXT, table.column("n").get().type());
            assertEquals("numeric(10, 2)", table.column("amount").get().typeName());
            assertEquals(SqlType.TIMESTAMPTZ, table.column("at").get().type());
        }

        @Test
        void acceptsObjectsWithASlashAndTheStripeAccountOption() {
            catalog.createForeignTable(
                    "stripe",
                    "checkout_sessions",
                    false,
                    List.of(ColumnDefinition.of("id", "text")),
                    "stripe_server",
                    Map.of("object", "checkout/sessions", "rowid_column", "id", "stripe_account", "acct_123"));
            ForeignTable table =
                    catalog.snapshot().table("stripe", "checkout_sessions").get();
            assertEquals("checkout/sessions", table.object());
            assertEquals("acct_123", table.stripeAccount().get());
        }

        @Test
        void schemaMustExist() {
            assertError(
                    "3F000",
                    "schema \"nope\" does not exist",
                    () -> catalog.createForeignTable(
                            "nope", "t", false, customerColumns(), "stripe_server", Map.of("object", "customers")));
        }

        @Test
        void reservedSchemasHoldNoTables() {
            assertErrorStartsWith(
                    "42501",
                    "permission denied to create \"vault.t\"",
                    () -> catalog.createForeignTable(
                            "vault", "t", false, customerColumns(), "stripe_server", Map.of("object", "customers")));
        }

        @Test
        void duplicateIs42P07UnlessIfNotExists() {
            createCustomers(catalog);
            assertError("42P07", "relation \"customers\" already exists", () -> createCustomers(catalog));
            assertEquals(
                    List.of("relation \"customers\" already exists, skipping"),
                    catalog.createForeignTable("stripe", "customers", true, List.of(), "nope", Map.of())
                            .notices());
        }

        @Test
        void duplicateColumnIs42701() {
            assertError(
                    "42701",
                    "column \"id\" specified more than once",
                    () -> catalog.createForeignTable(
                            "stripe",
                            "t",
                            false,
                            List.of(ColumnDefinition.of("id", "text"), ColumnDefinition.of("id", "text")),
                            "stripe_server",
                            Map.of("object", "customers")));
        }

        @Test
        void unknownTypeIs42704() {
            assertError(
                    "42704",
                    "type \"money2\" does not exist (column amount of stripe.t)",
                    () -> catalog.createForeignTable(
                            "stripe",
                            "t",
                            false,
                            List.of(ColumnDefinition.of("amount", "money2")),
                            "stripe_server",
                            Map.of("object", "charges")));
        }

        @Test
        void serverMustExist() {
            assertError(
                    "42704",
                    "server \"nope\" does not exist",
                    () -> catalog.createForeignTable(
                            "stripe", "t", false, customerColumns(), "nope", Map.of("object", "customers")));
        }

        @Test
        void objectIsRequired() {
            assertError(
                    "HV00J",
                    "required option `object` is not specified (foreign table stripe.t)",
                    () -> catalog.createForeignTable(
                            "stripe", "t", false, customerColumns(), "stripe_server", Map.of("rowid_column", "id")));
        }

        private static String childObjects() {
            return org.stripejdbc.stripe.objects.StripeObjects.all().stream()
                    .filter(o -> o.parent() != null)
                    .map(org.stripejdbc.stripe.objects.StripeObject::object)
                    .collect(java.util.stream.Collectors.joining(", "));
        }

        @Test
        void objectMustBeKnownWithASuggestion() {
            var e = assertErrorStartsWith(
                    "22023",
                    "Stripe object 'pricing' not implemented (foreign table stripe.t);"
                            + " did you mean 'prices'?\nHINT: valid objects: accounts, balance,",
                    () -> catalog.createForeignTable(
                            "stripe", "t", false, customerColumns(), "stripe_server", Map.of("object", "pricing")));
            // The child tables come after the top-level ones.
            assertTrue(e.getMessage().endsWith("webhook_endpoints, " + childObjects()), e.getMessage());
            assertErrorStartsWith(
                    "22023",
                    "Stripe object 'checkout_sessions' not implemented (foreign table "
                            + "stripe.t); did you mean 'checkout/sessions'?",
                    () -> catalog.createForeignTable(
                            "stripe",
                            "t",
                            false,
                            customerColumns(),
                            "stripe_server",
                            Map.of("object", "checkout_sessions")));
            assertErrorStartsWith(
                    "22023",
                    "Stripe object 'zzz' not implemented (foreign table stripe.t)\nHINT:",
                    () -> catalog.createForeignTable(
                            "stripe", "t", false, customerColumns(), "stripe_server", Map.of("object", "zzz")));
        }

        @Test
        void rowidColumnMustBeAColumn() {
            assertError(
                    "42703",
                    "rowid_column attribute \"key\" does not exist (foreign table stripe.t)",
                    () -> catalog.createForeignTable(
                            "stripe",
                            "t",
                            false,
                            customerColumns(),
                            "stripe_server",
                            Map.of("object", "customers", "rowid_column", "key")));
        }

        @Test
        void otherOptionChecks() {
            assertErrorStartsWith(
                    "22023",
                    "invalid option startup_cost: 'cheap'",
                    () -> catalog.createForeignTable(
                            "stripe",
                            "t",
                            false,
                            customerColumns(),
                            "stripe_server",
                            Map.of("object", "customers", "startup_cost", "cheap")));
            assertError(
                    "22023",
                    "option stripe_account of foreign table stripe.t is empty",
                    () -> catalog.createForeignTable(
                            "stripe",
                            "t",
                            false,
                            customerColumns(),
                            "stripe_server",
                            Map.of("object", "customers", "stripe_account", " ")));
            assertErrorStartsWith(
                    "22023",
                    "option api_key of foreign table stripe.t looks like a Stripe secret key",
                    () -> catalog.createForeignTable(
                            "stripe",
                            "t",
                            false,
                            customerColumns(),
                            "stripe_server",
                            Map.of("object", "customers", "api_key", CatalogFixtures.TEST_KEY)));
            catalog.createForeignTable(
                    "stripe",
                    "t",
                    false,
                    customerColumns(),
                    "stripe_server",
                    Map.of("object", "customers", "startup_cost", "10.5", "anything", "goes"));
        }

        @Test
        void dropTables() {
            createCustomers(catalog);
            assertError(
                    "42P01",
                    "foreign table \"stripe.nope\" does not exist",
                    () -> catalog.dropForeignTables(
                            List.of(new QualifiedName("stripe", "customers"), new QualifiedName("stripe", "nope")),
                            false,
                            false));
            assertTrue(catalog.snapshot().table("stripe", "customers").isPresent());
            assertEquals(
                    List.of("foreign table \"stripe.nope\" does not exist, skipping"),
                    catalog.dropForeignTables(
                                    List.of(
                                            new QualifiedName("stripe", "customers"),
                                            new QualifiedName("stripe", "nope")),
                                    true,
                                    false)
                            .notices());
            assertTrue(catalog.snapshot().tables().isEmpty());
        }
    }

    @Nested
    class AlterForeignTable {
        @BeforeEach
        void table() {
            CatalogFixtures.walkthrough(catalog);
            createCustomers(catalog);
        }

        private ForeignTable customers() {
            return catalog.snapshot().table("stripe", "customers").get();
        }

        @Test
        void optionsAddSetDrop() {
            catalog.alterForeignTable(
                    "stripe",
                    "customers",
                    false,
                    List.of(new TableAlteration.Options(
                            List.of(OptionChange.add("stripe_account", "acct_1"), OptionChange.drop("rowid_column")))));
            assertEquals(
                    Map.of("object", "customers", "stripe_account", "acct_1"),
                    customers().options());
            assertError(
                    "42710",
                    "option \"object\" provided more than once",
                    () -> catalog.alterForeignTable(
                            "stripe",
                            "customers",
                            false,
                            List.of(new TableAlteration.Options(List.of(OptionChange.add("object", "charges"))))));
            assertError(
                    "42704",
                    "option \"rowid_column\" not found",
                    () -> catalog.alterForeignTable(
                            "stripe",
                            "customers",
                            false,
                            List.of(new TableAlteration.Options(List.of(OptionChange.set("rowid_column", "id"))))));
        }

        @Test
        void revalidatesTheObject() {
            assertErrorStartsWith(
                    "22023",
                    "Stripe object 'nope' not implemented",
                    () -> catalog.alterForeignTable(
                            "stripe",
                            "customers",
                            false,
                            List.of(new TableAlteration.Options(List.of(OptionChange.set("object", "nope"))))));
            assertError(
                    "HV00J",
                    "required option `object` is not specified (foreign table stripe.customers)",
                    () -> catalog.alterForeignTable(
                            "stripe",
                            "customers",
                            false,
                            List.of(new TableAlteration.Options(List.of(OptionChange.drop("object"))))));
            catalog.alterForeignTable(
                    "stripe",
                    "customers",
                    false,
                    List.of(new TableAlteration.Options(List.of(OptionChange.set("object", "charges")))));
            assertEquals("charges", customers().object());
        }

        @Test
        void addAndDropColumns() {
            catalog.alterForeignTable(
                    "stripe",
                    "customers",
                    false,
                    List.of(
                            new TableAlteration.AddColumn(ColumnDefinition.of("livemode", "bool"), false),
                            new TableAlteration.DropColumn("description", false)));
            assertEquals(
                    List.of("id", "email", "name", "created", "attrs", "livemode"),
                    customers().columns().stream().map(ForeignColumn::name).toList());
            assertError(
                    "42701",
                    "column \"email\" of relation \"customers\" already exists",
                    () -> catalog.alterForeignTable(
                            "stripe",
                            "customers",
                            false,
                            List.of(new TableAlteration.AddColumn(ColumnDefinition.of("email", "text"), false))));
            assertEquals(
                    List.of("column \"email\" of relation \"customers\" already exists, skipping"),
                    catalog.alterForeignTable(
                                    "stripe",
                                    "customers",
                                    false,
                                    List.of(new TableAlteration.AddColumn(ColumnDefinition.of("email", "text"), true)))
                            .notices());
            assertError(
                    "42703",
                    "column \"nope\" of relation \"customers\" does not exist",
                    () -> catalog.alterForeignTable(
                            "stripe", "customers", false, List.of(new TableAlteration.DropColumn("nope", false))));
            assertEquals(
                    List.of("column \"nope\" of relation \"customers\" does not exist, skipping"),
                    catalog.alterForeignTable(
                                    "stripe", "customers", false, List.of(new TableAlteration.DropColumn("nope", true)))
                            .notices());
            assertError(
                    "42704",
                    "type \"nope\" does not exist (column x of stripe.customers)",
                    () -> catalog.alterForeignTable(
                            "stripe",
                            "customers",
                            false,
                            List.of(new TableAlteration.AddColumn(ColumnDefinition.of("x", "nope"), false))));
        }

        @Test
        void cannotDropTheRowidColumn() {
            assertErrorStartsWith(
                    "2BP01",
                    "cannot drop column id of foreign table stripe.customers because option "
                            + "rowid_column refers to it",
                    () -> catalog.alterForeignTable(
                            "stripe", "customers", false, List.of(new TableAlteration.DropColumn("id", false))));
            catalog.alterForeignTable(
                    "stripe",
                    "customers",
                    false,
                    List.of(
                            new TableAlteration.Options(List.of(OptionChange.drop("rowid_column"))),
                            new TableAlteration.DropColumn("id", false)));
            assertTrue(customers().column("id").isEmpty());
        }

        @Test
        void renameColumnCarriesTheRowidOption() {
            catalog.alterForeignTable(
                    "stripe", "customers", false, List.of(new TableAlteration.RenameColumn("id", "key")));
            assertEquals("key", customers().rowidColumn().get());
            assertEquals("key", customers().columns().get(0).name());
            assertError(
                    "42701",
                    "column \"email\" of relation \"customers\" already exists",
                    () -> catalog.alterForeignTable(
                            "stripe", "customers", false, List.of(new TableAlteration.RenameColumn("name", "email"))));
            assertError(
                    "42703",
                    "column \"nope\" of relation \"customers\" does not exist",
                    () -> catalog.alterForeignTable(
                            "stripe", "customers", false, List.of(new TableAlteration.RenameColumn("nope", "x"))));
        }

        @Test
        void renameTableKeepsItsPositionAndComments() {
            catalog.importForeignSchema(
                    "stripe", ImportFilter.LIMIT_TO, List.of("charges"), "stripe_server", "stripe", Map.of());
            catalog.comment(new CommentTarget.OnForeignTable(new QualifiedName("stripe", "customers")), "people");
            catalog.alterForeignTable(
                    "stripe", "customers", false, List.of(new TableAlteration.RenameTable("clients")));
            CatalogSnapshot snapshot = catalog.snapshot();
            assertTrue(snapshot.table("stripe", "customers").isEmpty());
            assertEquals(
                    List.of("clients", "charges"),
                    snapshot.tables().stream().map(ForeignTable::name).toList());
            assertEquals("people", snapshot.table("stripe", "clients").get().comment());
            assertError(
                    "42P07",
                    "relation \"charges\" already exists",
                    () -> catalog.alterForeignTable(
                            "stripe", "clients", false, List.of(new TableAlteration.RenameTable("charges"))));
        }

        @Test
        void missingTableIs42P01UnlessIfExists() {
            assertError(
                    "42P01",
                    "relation \"stripe.nope\" does not exist",
                    () -> catalog.alterForeignTable(
                            "stripe", "nope", false, List.of(new TableAlteration.RenameTable("x"))));
            assertEquals(
                    List.of("relation \"stripe.nope\" does not exist, skipping"),
                    catalog.alterForeignTable("stripe", "nope", true, List.of(new TableAlteration.RenameTable("x")))
                            .notices());
        }

        @Test
        void allActionsOrNone() {
            assertErrorStartsWith(
                    "42703",
                    "column \"nope\"",
                    () -> catalog.alterForeignTable(
                            "stripe",
                            "customers",
                            false,
                            List.of(
                                    new TableAlteration.AddColumn(ColumnDefinition.of("x", "text"), false),
                                    new TableAlteration.DropColumn("nope", false))));
            assertTrue(customers().column("x").isEmpty());
        }
    }

    @Nested
    class Comments {
        @BeforeEach
        void table() {
            CatalogFixtures.walkthrough(catalog);
            createCustomers(catalog);
        }

        @Test
        void commentsOnEveryTargetAndEmptyRemoves() {
            catalog.comment(new CommentTarget.OnSchema("stripe"), "Stripe tables");
            catalog.comment(new CommentTarget.OnServer("stripe_server"), "test account");
            catalog.comment(
                    new CommentTarget.OnForeignTable(new QualifiedName("stripe", "customers")), "people who pay");
            catalog.comment(
                    new CommentTarget.OnColumn(new QualifiedName("stripe", "customers"), "email"), "lower case");
            CatalogSnapshot snapshot = catalog.snapshot();
            assertEquals("Stripe tables", snapshot.schema("stripe").get().comment());
            assertEquals("test account", snapshot.server("stripe_server").get().comment());
            assertEquals(
                    "people who pay",
                    snapshot.table("stripe", "customers").get().comment());
            assertEquals(
                    "lower case",
                    snapshot.table("stripe", "customers")
                            .get()
                            .column("email")
                            .get()
                            .comment());
            catalog.comment(new CommentTarget.OnColumn(new QualifiedName("stripe", "customers"), "email"), "");
            catalog.comment(new CommentTarget.OnSchema("stripe"), null);
            assertNull(catalog.snapshot()
                    .table("stripe", "customers")
                    .get()
                    .column("email")
                    .get()
                    .comment());
            assertNull(catalog.snapshot().schema("stripe").get().comment());
        }

        @Test
        void missingTargets() {
            assertError(
                    "3F000",
                    "schema \"nope\" does not exist",
                    () -> catalog.comment(new CommentTarget.OnSchema("nope"), "x"));
            assertError(
                    "42704",
                    "server \"nope\" does not exist",
                    () -> catalog.comment(new CommentTarget.OnServer("nope"), "x"));
            assertError(
                    "42P01",
                    "relation \"stripe.nope\" does not exist",
                    () -> catalog.comment(new CommentTarget.OnForeignTable(new QualifiedName("stripe", "nope")), "x"));
            assertError(
                    "42703",
                    "column \"nope\" of relation \"customers\" does not exist",
                    () -> catalog.comment(
                            new CommentTarget.OnColumn(new QualifiedName("stripe", "customers"), "nope"), "x"));
        }
    }
}
