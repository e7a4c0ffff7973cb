package org.stripejdbc.engine;

import java.util.Map;
import org.stripejdbc.catalog.Catalog;
import org.stripejdbc.catalog.CatalogLocation;
import org.stripejdbc.catalog.Catalogs;
import org.stripejdbc.config.ConnectionProperty;
import org.stripejdbc.vault.VaultKeySource;

/**
 * The engine: one per JVM. Opens sessions on shared catalogs (one instance per location, so DDL is visible
 * to every connection at once) and applies zero-config (server + import) when a key is given to an empty
 * catalog.
 */
public final class StripeEngine implements SessionFactory {
    private static final StripeEngine INSTANCE = new StripeEngine();

    private StripeEngine() {
    }

    public static StripeEngine instance() {
        return INSTANCE;
    }

    @Override
    public Session open(String catalogSpec, Map<String, String> properties) {
        CatalogLocation location = CatalogLocation.parse(catalogSpec == null ? "" : catalogSpec);
        VaultKeySource keys = VaultKeySource.fromSettings(ConnectionProperty.VAULT_KEY.string(properties));
        Catalog catalog = Catalogs.open(location, keys);
        ZeroConfig.applyIfNeeded(catalog, properties, System.getenv("STRIPE_API_KEY"));
        return new StripeSession(catalog, properties, location.toString());
    }
}
