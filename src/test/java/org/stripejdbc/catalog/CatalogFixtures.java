package org.stripejdbc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.ColumnDefinition;
import org.stripejdbc.vault.VaultKeySource;

/** Shared set-ups: a fresh private catalog and the walkthrough's DDL. */
final class CatalogFixtures {
    static final String TEST_KEY = "sk_test_51HabcdefghijklmnopqrstuvWXYZ";

    private CatalogFixtures() {}

    /** A fresh memory catalog shared with nothing. */
    static Catalog memory() {
        return Catalogs.openUncached(new CatalogLocation.Memory("test"), VaultKeySource.locationDefault());
    }

    /** Extension, wrapper, schema stripe, server stripe_server with an api_key. */
    static Catalog walkthrough(Catalog catalog) {
        catalog.createExtension("wrappers", true, "extensions");
        catalog.createWrapper("stripe_wrapper", "stripe_fdw_handler", "stripe_fdw_validator", Map.of());
        catalog.createServer("stripe_server", false, "stripe_wrapper", Map.of("api_key", TEST_KEY));
        catalog.createSchema("stripe", false);
        return catalog;
    }

    static List<ColumnDefinition> customerColumns() {
        return List.of(
                ColumnDefinition.of("id", "text"),
                ColumnDefinition.of("email", "text"),
                ColumnDefinition.of("name", "text"),
                ColumnDefinition.of("description", "text"),
                ColumnDefinition.of("created", "timestamp"),
                ColumnDefinition.of("attrs", "jsonb"));
    }

    static void createCustomers(Catalog catalog) {
        catalog.createForeignTable(
                "stripe",
                "customers",
                false,
                customerColumns(),
                "stripe_server",
                Map.of("object", "customers", "rowid_column", "id"));
    }

    /** Asserts the SQLSTATE and message of the exception {@code action} throws. */
    static StripeJdbcException assertError(String sqlState, String message, Executable action) {
        StripeJdbcException e = assertThrows(StripeJdbcException.class, action);
        assertEquals(sqlState, e.sqlState().code(), () -> "SQLSTATE of: " + e.getMessage());
        assertEquals(message, e.getMessage());
        return e;
    }

    /** Asserts the SQLSTATE and that the message starts with {@code prefix}. */
    static StripeJdbcException assertErrorStartsWith(String sqlState, String prefix, Executable action) {
        StripeJdbcException e = assertThrows(StripeJdbcException.class, action);
        assertEquals(sqlState, e.sqlState().code(), () -> "SQLSTATE of: " + e.getMessage());
        if (!e.getMessage().startsWith(prefix)) {
            throw new AssertionError(
                    "expected message starting with <" + prefix + "> but was <" + e.getMessage() + ">");
        }
        return e;
    }
}
