package org.stripejdbc.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.StripeJdbcException;

class ApiKeyResolverTest {
    private static final UUID STRIPE_ID = UUID.fromString("6f1c1a7e-0000-4000-8000-000000000001");

    /** A vault holding one secret "stripe" → sk_test_vault, and opening sealed values whose ciphertext is the text. */
    private static final class FakeVault implements Vault {
        final Map<UUID, String> byId = new HashMap<>(Map.of(STRIPE_ID, "sk_test_vault"));
        final Map<String, String> byName = new HashMap<>(Map.of("stripe", "sk_test_vault"));

        @Override
        public UUID create(String secret, String name, String description) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<VaultSecretInfo> list() {
            return List.of();
        }

        @Override
        public Optional<VaultSecretInfo> info(UUID id) {
            return Optional.empty();
        }

        @Override
        public Optional<Secret> decrypt(UUID id) {
            return Optional.ofNullable(byId.get(id)).map(Secret::of);
        }

        @Override
        public Optional<Secret> decryptByName(String name) {
            return Optional.ofNullable(byName.get(name)).map(Secret::of);
        }

        @Override
        public boolean update(UUID id, SecretChanges changes) {
            return false;
        }

        @Override
        public boolean delete(UUID id) {
            return false;
        }

        @Override
        public Secret unseal(SealedSecret sealed, String what) {
            return Secret.of(sealed.ciphertext());
        }
    }

    private record Server(String name, Map<String, String> options, SealedSecret sealedKey)
            implements ServerCredentials {
        @Override
        public Optional<String> option(String option) {
            return Optional.ofNullable(options.get(option));
        }

        @Override
        public Optional<SealedSecret> apiKey() {
            return Optional.ofNullable(sealedKey);
        }
    }

    private final FakeVault vault = new FakeVault();
    private final ApiKeyResolver resolver = new ApiKeyResolver(vault);
    private final SealedSecret direct = new SealedSecret("sk_test_direct", "aad", "sk_test_...rect");

    @Test
    void apiKeyWinsOverTheVaultOptions() {
        Server server = new Server("s", Map.of("api_key_id", STRIPE_ID.toString(), "api_key_name", "stripe"), direct);
        assertEquals("sk_test_direct", resolver.resolve(server).reveal());
    }

    @Test
    void apiKeyIdWinsOverApiKeyName() {
        vault.byName.put("other", "sk_test_other");
        Server server = new Server("s", Map.of("api_key_id", STRIPE_ID.toString(), "api_key_name", "other"), null);
        assertEquals("sk_test_vault", resolver.resolve(server).reveal());
    }

    @Test
    void apiKeyNameIsUsedWhenTheIdFindsNothing() {
        Server server =
                new Server("s", Map.of("api_key_id", UUID.randomUUID().toString(), "api_key_name", "stripe"), null);
        assertEquals("sk_test_vault", resolver.resolve(server).reveal());
        assertEquals(
                "sk_test_vault",
                resolver.resolve(new Server("s", Map.of("api_key_name", "stripe"), null))
                        .reveal());
    }

    @Test
    void noOptionIsHV00JWithTheUpstreamSentence() {
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> resolver.resolve(new Server("stripe_server", Map.of("api_url", "x"), null)));
        assertEquals("HV00J", e.sqlState().code());
        assertEquals(
                "server stripe_server: either api_key_id or api_key_name option is required (or give the key "
                        + "itself with the api_key option)",
                e.getMessage());
    }

    @Test
    void unresolvableOptionsAreHV000SayingWhatWasTried() {
        UUID missing = UUID.fromString("00000000-0000-4000-8000-000000000009");
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> resolver.resolve(
                        new Server("s", Map.of("api_key_id", missing.toString(), "api_key_name", "gone"), null)));
        assertEquals("HV000", e.sqlState().code());
        assertEquals(
                "server s: either api_key_id or api_key_name option is required: no vault secret has id " + missing
                        + " (api_key_id); no vault secret is named 'gone' (api_key_name)",
                e.getMessage());
        StripeJdbcException notUuid = assertThrows(
                StripeJdbcException.class,
                () -> resolver.resolve(new Server("s", Map.of("api_key_id", "<key_ID>"), null)));
        assertEquals(
                "server s: either api_key_id or api_key_name option is required: api_key_id '<key_ID>' is not "
                        + "a UUID",
                notUuid.getMessage());
    }
}
