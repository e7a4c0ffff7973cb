package org.stripejdbc.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.stripejdbc.catalog.Catalog;
import org.stripejdbc.catalog.CatalogSnapshot;
import org.stripejdbc.config.ConnectionProperty;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.ImportFilter;
import org.stripejdbc.vault.Secret;

/**
 * Zero-config: a connection given an API key (property, {@code password}, or {@code STRIPE_API_KEY}) on a
 * catalog without any server runs the walkthrough for the user:
 * <pre>
 *   create extension if not exists wrappers with schema extensions;
 *   create foreign data wrapper stripe_wrapper handler stripe_fdw_handler validator stripe_fdw_validator;
 *   insert into vault.secrets (name, secret) values ('stripe', '&lt;key&gt;');          -- encrypted at rest
 *   create server stripe_server foreign data wrapper stripe_wrapper options (api_key_id '&lt;id&gt;', api_url ...);
 *   create schema if not exists stripe;
 *   import foreign schema stripe from server stripe_server into stripe;
 * </pre>
 * Safe when several connections race: every step tolerates the others having done it.
 */
final class ZeroConfig {
    static final String SERVER = "stripe_server";
    static final String WRAPPER = "stripe_wrapper";
    static final String SCHEMA = "stripe";
    static final String SECRET_NAME = "stripe";

    private ZeroConfig() {}

    static void applyIfNeeded(Catalog catalog, Map<String, String> properties, String environmentKey) {
        String key = ConnectionProperty.API_KEY.string(properties);
        if (key == null || key.isBlank()) {
            key = environmentKey;
        }
        if (key == null
                || key.isBlank()
                || !ConnectionProperty.AUTO_IMPORT.bool(properties)
                || !catalog.snapshot().servers().isEmpty()) {
            return;
        }
        CatalogSnapshot snapshot = catalog.snapshot();
        if (snapshot.extension("wrappers").isEmpty()) {
            ignoreDuplicate(() -> catalog.createExtension("wrappers", true, "extensions"));
        }
        if (catalog.snapshot().wrapper(WRAPPER).isEmpty()) {
            ignoreDuplicate(
                    () -> catalog.createWrapper(WRAPPER, "stripe_fdw_handler", "stripe_fdw_validator", Map.of()));
        }
        UUID secretId = secretFor(catalog, key);
        Map<String, String> options = new LinkedHashMap<>();
        options.put("api_key_id", secretId.toString());
        options.put("api_url", ConnectionProperty.API_URL.string(properties));
        String version = ConnectionProperty.API_VERSION.string(properties);
        if (version != null) {
            options.put("api_version", version);
        }
        catalog.createServer(SERVER, true, WRAPPER, options);
        catalog.createSchema(SCHEMA, true);
        catalog.importForeignSchema(SCHEMA, ImportFilter.ALL, List.of(), SERVER, SCHEMA, Map.of());
    }

    /** The vault secret holding {@code key}: an existing one with the same value, else a new one. */
    private static UUID secretFor(Catalog catalog, String key) {
        for (var info : catalog.snapshot().secrets()) {
            Optional<Secret> existing = catalog.vault().decrypt(info.id());
            if (existing.isPresent() && existing.get().reveal().equals(key)) {
                return info.id();
            }
        }
        String name = SECRET_NAME;
        for (int i = 2; catalog.snapshot().secretNamed(name).isPresent(); i++) {
            name = SECRET_NAME + "_" + i;
        }
        return catalog.vault().create(key, name, "Stripe API key stored by stripe-jdbc (zero-config)");
    }

    private static void ignoreDuplicate(Runnable step) {
        try {
            step.run();
        } catch (StripeJdbcException e) {
            String state = e.sqlState().code();
            if (!state.equals("42710") && !state.equals("42P06")) {
                throw e;
            }
        }
    }
}
