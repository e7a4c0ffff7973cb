package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which account a request acts on: the platform account, or, with a {@code Stripe-Account: acct_...} header
 * naming one of the platform's connected accounts, that account's own (small) data, generated on first use from
 * the seed and the account id. An unknown account is {@code 403 account_invalid}, as on Stripe.
 */
final class AccountDirectory {
    /** The data of each connected account: a small business of its own. */
    static final DataSizes CONNECTED_ACCOUNT_SIZES = new DataSizes(12, 3, 6, 5, 3, 2, 1, 0, 2, 2, 0, 1, 2);

    private final AccountData platform;
    private final long seed;
    private final long dataEnd;
    private final ConcurrentHashMap<String, AccountData> connected = new ConcurrentHashMap<>();
    private final SearchIndexing searchIndexing;

    /** With {@code searchIndexing} (or null), every account's changes reach search after its lag. */
    AccountDirectory(AccountData platform, long seed, long dataEnd, SearchIndexing searchIndexing) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.seed = seed;
        this.dataEnd = dataEnd;
        this.searchIndexing = searchIndexing;
        if (searchIndexing != null) {
            platform.trackSearchIndexing(searchIndexing);
        }
    }

    AccountData platform() {
        return platform;
    }

    /** The account named by a {@code Stripe-Account} header value (null or blank: the platform). */
    AccountData resolve(String stripeAccount) {
        if (stripeAccount == null || stripeAccount.isBlank() || stripeAccount.equals(platform.accountId())) {
            return platform;
        }
        AccountData existing = connected.get(stripeAccount);
        if (existing != null) {
            return existing;
        }
        ObjectNode account = platform.read(() -> {
            StoredObject stored = platform.collection("accounts").get(stripeAccount);
            return stored == null ? null : stored.tree();
        });
        if (account == null) {
            throw ApiError.accountInvalid(stripeAccount).exception();
        }
        return connected.computeIfAbsent(stripeAccount, id -> connectedAccount(id, account));
    }

    private AccountData connectedAccount(String id, ObjectNode account) {
        AccountData data = SampleDataGenerator.generate(
                FaultInjector.mix(seed, id.hashCode()), CONNECTED_ACCOUNT_SIZES, dataEnd, account);
        if (searchIndexing != null) {
            data.trackSearchIndexing(searchIndexing);
        }
        return data;
    }
}
