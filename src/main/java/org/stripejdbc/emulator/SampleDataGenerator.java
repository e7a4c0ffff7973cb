package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Generates one account's sample data, deterministically: the same seed, sizes and data end time give the same
 * objects, ids, timestamps and JSON bytes on every run and machine.
 *
 * <p>Order (later generators relate to earlier ones): connected accounts, meters, products and prices, customers,
 * subscriptions with invoices and their payments, standalone payments, payouts, top-ups, transfers, the balance,
 * setup intents with attempts and mandates, tokens, files with links, checkout sessions; last, the objects made from
 * the API description ({@link DescribedGenerator}, on random streams of their own). Events are written along the
 * way, each in the same second as its object.
 *
 * <p>Example: {@code generate(42, DataSizes.defaults(), 1748736000L, null)} gives the platform account with 300
 * customers whose newest objects were created up to 2025-06-01T00:00:00Z.
 */
final class SampleDataGenerator {
    /** The platform account's display name, also every invoice's {@code account_name}. */
    static final String PLATFORM_NAME = "Stripe JDBC Emulator";

    private SampleDataGenerator() {}

    /**
     * Generates an account. {@code account} is the account object of a connected account, or null for the
     * platform account, whose object is made here.
     */
    static AccountData generate(long seed, DataSizes sizes, long dataEnd, ObjectNode account) {
        Objects.requireNonNull(sizes, "sizes");
        SampleRandom idRandom = new SampleRandom(seed, "ids");
        String fragment = idRandom.alphanumeric(10);
        IdFactory ids = new IdFactory(idRandom, fragment);
        ObjectNode accountObject = account != null ? account.deepCopy() : platformAccount(seed, dataEnd);
        String name = accountObject.path("business_profile").path("name").asText(PLATFORM_NAME);
        AccountData data = new AccountData(accountObject, ids);
        Timeline timeline = new Timeline(dataEnd, sizes.estimatedObjects(), new SampleRandom(seed, "timeline"));
        SampleContext context = new SampleContext(seed, sizes, timeline, ids, data, name);

        new CatalogGenerator(context).generate();
        new CustomerGenerator(context).generate();
        PaymentGenerator payments = new PaymentGenerator(context);
        new BillingGenerator(context, payments).generate();
        payments.generateStandalone();
        new TreasuryGenerator(context, payments).generate();
        new SetupGenerator(context).generate();
        new FileGenerator(context).generate();
        new CheckoutGenerator(context).generate();
        new DescribedGenerator(context).generate();
        return data;
    }

    private static ObjectNode platformAccount(long seed, long dataEnd) {
        SampleRandom random = new SampleRandom(seed, "platform-account");
        ObjectNode account = SampleContext.object();
        account.put("id", "acct_1" + random.alphanumeric(15));
        account.put("object", "account");
        ObjectNode profile = account.putObject("business_profile");
        profile.put("mcc", "7372");
        profile.put("name", PLATFORM_NAME);
        profile.put("support_email", "support@emulator.example.com");
        profile.put("url", "https://emulator.example.com");
        account.put("business_type", "company");
        ObjectNode capabilities = account.putObject("capabilities");
        capabilities.put("card_payments", "active");
        capabilities.put("transfers", "active");
        account.put("charges_enabled", true);
        account.put("country", "US");
        account.put("created", dataEnd - Timeline.TWO_YEARS - 86_400);
        account.put("default_currency", "usd");
        account.put("details_submitted", true);
        account.put("email", "owner@emulator.example.com");
        account.putObject("metadata");
        account.put("payouts_enabled", true);
        ObjectNode dashboard = account.putObject("settings").putObject("dashboard");
        dashboard.put("display_name", PLATFORM_NAME);
        dashboard.put("timezone", "Etc/UTC");
        account.put("type", "standard");
        return account;
    }
}
