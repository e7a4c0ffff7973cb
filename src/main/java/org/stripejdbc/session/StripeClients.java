package org.stripejdbc.session;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.stripejdbc.catalog.Catalog;
import org.stripejdbc.catalog.ForeignServer;
import org.stripejdbc.config.ConnectionProperty;
import org.stripejdbc.stripe.HttpStripeClient;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.StripeClientConfig;
import org.stripejdbc.vault.Secret;

/**
 * One pooled {@link HttpStripeClient} per distinct server configuration in the JVM, shared by every
 * connection that uses it (the rate limiter is shared per key inside the client package). A server whose
 * options change (ALTER SERVER) gets a new client because its configuration key changes. Clients live until
 * the JVM exits.
 */
final class StripeClients {
    private static final Map<Key, HttpStripeClient> CLIENTS = new ConcurrentHashMap<>();

    /** What makes two clients interchangeable. The key is compared, never printed. */
    private record Key(
            Secret apiKey,
            String apiUrl,
            String apiVersion,
            String stripeAccount,
            Duration connectTimeout,
            Duration readTimeout,
            int maxRetries,
            Integer requestsPerSecond,
            Integer searchRequestsPerSecond,
            long maxResponseSize) {
        @Override
        public String toString() {
            return "Key[" + apiUrl + "]";
        }
    }

    private StripeClients() {}

    /**
     * The client for {@code server} under this session's connection properties; {@code defaultVersion} is the
     * {@code Stripe-Version} sent when the server sets no {@code api_version} (the pinned version for a table made
     * from the API description, null for the account's default).
     */
    static StripeClient forServer(
            Catalog catalog, ForeignServer server, Map<String, String> properties, String defaultVersion) {
        Objects.requireNonNull(server, "server");
        return forServer(server, catalog.resolveApiKey(server), properties, defaultVersion);
    }

    /** The client for {@code server} whose API key the caller has already resolved. */
    static StripeClient forServer(
            ForeignServer server, Secret apiKey, Map<String, String> properties, String defaultVersion) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(apiKey, "apiKey");
        String connectionAccount = ConnectionProperty.STRIPE_ACCOUNT.string(properties);
        Key key = new Key(
                apiKey,
                server.apiUrl(),
                server.apiVersion().orElse(defaultVersion),
                connectionAccount != null
                        ? connectionAccount
                        : server.stripeAccount().orElse(null),
                ConnectionProperty.CONNECT_TIMEOUT.seconds(properties),
                ConnectionProperty.READ_TIMEOUT.seconds(properties),
                ConnectionProperty.MAX_RETRIES.integer(properties),
                ConnectionProperty.REQUESTS_PER_SECOND.integer(properties),
                ConnectionProperty.SEARCH_REQUESTS_PER_SECOND.integer(properties),
                server.maxResponseSize());
        return CLIENTS.computeIfAbsent(key, StripeClients::create);
    }

    private static HttpStripeClient create(Key key) {
        StripeClientConfig.Builder builder = StripeClientConfig.builder(key.apiKey())
                .apiUrl(key.apiUrl())
                .apiVersion(key.apiVersion())
                .stripeAccount(key.stripeAccount())
                .connectTimeout(key.connectTimeout())
                .readTimeout(key.readTimeout())
                .maxRetries(key.maxRetries())
                .maxResponseSize(key.maxResponseSize());
        if (key.requestsPerSecond() != null) {
            builder.requestsPerSecond(key.requestsPerSecond().doubleValue());
        }
        if (key.searchRequestsPerSecond() != null) {
            builder.searchRequestsPerSecond(key.searchRequestsPerSecond().doubleValue());
        }
        return new HttpStripeClient(builder.build());
    }
}
