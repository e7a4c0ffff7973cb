package org.stripejdbc.session;

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

    private StripeEngine() {}

    public static StripeEngine instance() {
        return INSTANCE;
    }

    @Override
    public Session open(String catalogSpec, Map<String, String> properties) {
        return open(catalogSpec, properties, false);
    }

    /**
     * Security: the factory of the sessions {@code StripeServe} opens for its remote clients. They are local sessions
     * with the {@linkplain ServedRestrictions served restrictions} (never reading decrypted secrets, never changing
     * servers, the vault or the options that route requests; 42501). The restriction belongs to the factory, not to
     * a connection property or setting, so nothing a client sends can lift it.
     * <pre>
     *   new StripeDriver(StripeEngine.instance().served()).connect("jdbc:stripe:mem:demo", info)
     *       .createStatement().execute("alter server stripe_server options (set api_url 'http://x/v1/')")
     *   → SQLException 42501 served connections cannot run ALTER SERVER: ...
     * </pre>
     */
    public SessionFactory served() {
        return (catalogSpec, properties) -> open(catalogSpec, properties, true);
    }

    private Session open(String catalogSpec, Map<String, String> properties, boolean served) {
        CatalogLocation location = CatalogLocation.parse(catalogSpec == null ? "" : catalogSpec);
        VaultKeySource keys = VaultKeySource.fromSettings(ConnectionProperty.VAULT_KEY.string(properties));
        Catalog catalog = Catalogs.open(location, keys);
        ZeroConfig.applyIfNeeded(catalog, properties, System.getenv("STRIPE_API_KEY"));
        return new StripeSession(catalog, properties, location.toString(), served);
    }
}
