package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates the account's catalogue and platform objects: connected accounts, billing meters, products and
 * their prices. Products are either subscription products (monthly and yearly prices in usd, eur and sometimes
 * gbp, plus an inactive legacy price for
 * the first product and half of the others) or one-time products (usd, eur and sometimes jpy); every seventh product
 * and a few others are archived (inactive).
 */
final class CatalogGenerator {
    private final SampleContext context;

    CatalogGenerator(SampleContext context) {
        this.context = context;
    }

    void generate() {
        accounts();
        meters();
        products();
    }

    private void accounts() {
        SampleRandom random = context.random("accounts");
        for (int i = 0; i < context.sizes.accounts(); i++) {
            long created = context.timeline.next(random);
            ObjectNode account = context.start("accounts", null);
            String type = random.weighted("express", 50, "custom", 25, "standard", 25);
            String country = random.pickOf("US", "US", "GB", "DE", "FR", "CA");
            String company = random.pick(SampleNames.COMPANIES) + " " + (i + 1);
            ObjectNode profile = account.putObject("business_profile");
            profile.put("mcc", random.pickOf("5734", "5815", "7372", "5999"));
            profile.put("name", company);
            profile.put("support_email", "support@seller-" + (i + 1) + ".example.com");
            profile.put("url", "https://seller-" + (i + 1) + ".example.com");
            account.put(
                    "business_type",
                    type.equals("standard") && random.chance(0.5)
                            ? null
                            : random.weighted("company", 60, "individual", 40));
            ObjectNode capabilities = account.putObject("capabilities");
            capabilities.put("card_payments", "active");
            capabilities.put("transfers", "active");
            boolean complete = random.chance(0.85);
            account.put("charges_enabled", complete);
            account.put("country", country);
            account.put("created", created);
            account.put("default_currency", currencyOf(country));
            account.put("details_submitted", complete);
            account.put("email", "owner@seller-" + (i + 1) + ".example.com");
            account.put("livemode", false);
            account.putObject("metadata");
            account.put("payouts_enabled", complete);
            account.put("type", type);
            context.store("accounts", account, created, "account.updated");
            context.connectedAccounts.add(account.get("id").textValue());
        }
    }

    static String currencyOf(String country) {
        switch (country) {
            case "GB":
                return "gbp";
            case "DE":
            case "FR":
            case "NL":
            case "IE":
                return "eur";
            case "CA":
                return "cad";
            default:
                return "usd";
        }
    }

    private static final String[][] METERS = {
        {"API requests", "api_request", "count"}, {"Storage (GB-hours)", "storage_usage", "sum"},
        {"AI tokens", "ai_tokens", "sum"}, {"Active seats", "active_seats", "last"}
    };

    private void meters() {
        SampleRandom random = context.random("meters");
        for (int i = 0; i < context.sizes.meters(); i++) {
            long created = context.timeline.next(random);
            String[] template = METERS[i % METERS.length];
            String suffix = i < METERS.length ? "" : "_" + (i / METERS.length + 1);
            ObjectNode meter = context.start("billing/meters", created);
            ObjectNode mapping = meter.putObject("customer_mapping");
            mapping.put("event_payload_key", "stripe_customer_id");
            mapping.put("type", "by_id");
            meter.putObject("default_aggregation").put("formula", template[2]);
            meter.put("display_name", template[0] + (suffix.isEmpty() ? "" : " " + suffix.substring(1)));
            meter.put("event_name", template[1] + suffix);
            meter.put(
                    "event_time_window",
                    random.weighted("none", 50, "day", 30, "hour", 20).equals("none")
                            ? null
                            : random.pickOf("day", "hour"));
            meter.put("livemode", false);
            boolean active = random.chance(0.75);
            meter.put("status", active ? "active" : "inactive");
            long updated = context.timeline.after(random, created, 30L * 86400);
            meter.putObject("status_transitions").put("deactivated_at", active ? null : updated);
            meter.put("updated", updated);
            meter.putObject("value_settings").put("event_payload_key", "value");
            context.store("billing/meters", meter, created, null);
        }
    }

    private void products() {
        SampleRandom random = context.random("products");
        int recurringCount = 0;
        int oneTimeCount = 0;
        for (int i = 0; i < context.sizes.products(); i++) {
            boolean recurring = i % 3 != 2;
            List<String> names = recurring ? SampleNames.SUBSCRIPTION_PRODUCTS : SampleNames.ONE_TIME_PRODUCTS;
            int index = recurring ? recurringCount++ : oneTimeCount++;
            String name = names.get(index % names.size());
            if (index >= names.size()) {
                name = name + " " + toRoman(index / names.size() + 1);
            }
            long created = context.timeline.next(random);
            boolean active = i % 7 != 5 && (i < 3 || random.chance(0.93));
            ObjectNode product = context.start("products", null);
            product.put("active", active);
            product.putArray("attributes");
            product.put("created", created);
            product.putNull("default_price");
            product.put("description", random.chance(0.8) ? descriptionOf(name, recurring) : null);
            product.putArray("images");
            product.put("livemode", false);
            product.putArray("marketing_features");
            product.putObject("metadata");
            product.put("name", name);
            product.putNull("package_dimensions");
            product.putNull("shippable");
            product.put(
                    "statement_descriptor",
                    random.chance(0.3)
                            ? "EMULATOR "
                                    + name.toUpperCase(Locale.ROOT)
                                            .replaceAll("[^A-Z ]", "")
                                            .trim()
                            : null);
            product.put("tax_code", random.chance(0.5) ? "txcd_10103001" : null);
            product.put("type", "service");
            product.put("unit_label", name.contains("Seat") ? "seat" : null);
            long updated = context.timeline.after(random, created, 90L * 86400);
            product.put("updated", updated);
            product.putNull("url");
            List<SampleContext.PriceRef> prices = prices(random, product, recurring, active, created, i == 0);
            if (!prices.isEmpty() && prices.get(0).active()) {
                product.put("default_price", prices.get(0).id());
            }
            context.store("products", product, created, "product.created");
            for (SampleContext.PriceRef price : prices) {
                context.store("prices", price.tree(), price.created(), "price.created");
            }
            context.prices.addAll(prices);
        }
    }

    private List<SampleContext.PriceRef> prices(
            SampleRandom random,
            ObjectNode product,
            boolean recurring,
            boolean productActive,
            long productCreated,
            boolean legacy) {
        List<SampleContext.PriceRef> prices = new ArrayList<>();
        String productId = product.get("id").textValue();
        String productName = product.get("name").textValue();
        long base = recurring
                ? random.pickOf(900L, 1900L, 2900L, 4900L, 9900L, 19900L)
                : random.pickOf(1500L, 2500L, 5000L, 12000L, 30000L);
        if (recurring) {
            prices.add(price(random, productId, productName, "usd", base, "month", productActive, productCreated));
            prices.add(price(random, productId, productName, "usd", base * 10, "year", productActive, productCreated));
            prices.add(price(
                    random, productId, productName, "eur", base - base / 10, "month", productActive, productCreated));
            if (random.chance(0.4)) {
                prices.add(price(
                        random,
                        productId,
                        productName,
                        "gbp",
                        base - base / 5,
                        "month",
                        productActive,
                        productCreated));
            }
            if (random.chance(0.5) || legacy) {
                prices.add(
                        price(random, productId, productName, "usd", base - base / 5, "month", false, productCreated));
            }
        } else {
            prices.add(price(random, productId, productName, "usd", base, null, productActive, productCreated));
            prices.add(price(
                    random, productId, productName, "eur", base - base / 10, null, productActive, productCreated));
            if (random.chance(0.3)) {
                prices.add(price(
                        random, productId, productName, "jpy", base * 150 / 100, null, productActive, productCreated));
            }
        }
        return prices;
    }

    private SampleContext.PriceRef price(
            SampleRandom random,
            String product,
            String productName,
            String currency,
            long unitAmount,
            String interval,
            boolean active,
            long productCreated) {
        long created = context.timeline.after(random, productCreated, 60L * 86400);
        ObjectNode price = context.start("prices", null);
        price.put("active", active);
        price.put("billing_scheme", "per_unit");
        price.put("created", created);
        price.put("currency", currency);
        price.putNull("custom_unit_amount");
        price.put("livemode", false);
        price.putNull("lookup_key");
        price.putObject("metadata");
        price.put(
                "nickname",
                interval == null
                        ? null
                        : (interval.equals("year") ? "Yearly" : "Monthly") + (active ? "" : " (legacy)"));
        price.put("product", product);
        if (interval != null) {
            ObjectNode recurring = price.putObject("recurring");
            recurring.putNull("aggregate_usage");
            recurring.put("interval", interval);
            recurring.put("interval_count", 1);
            recurring.putNull("meter");
            recurring.putNull("trial_period_days");
            recurring.put("usage_type", "licensed");
        } else {
            price.putNull("recurring");
        }
        price.put("tax_behavior", random.weighted("unspecified", 70, "exclusive", 20, "inclusive", 10));
        price.putNull("tiers_mode");
        price.putNull("transform_quantity");
        price.put("type", interval == null ? "one_time" : "recurring");
        price.put("unit_amount", unitAmount);
        price.put("unit_amount_decimal", Long.toString(unitAmount));
        return new SampleContext.PriceRef(
                price.get("id").textValue(),
                product,
                productName,
                currency,
                unitAmount,
                interval,
                active,
                created,
                price,
                SampleContext.raw(EmulatorJson.bytes(price)));
    }

    private static String descriptionOf(String name, boolean recurring) {
        return recurring ? name + ": billed every period, cancel any time." : name + ", sold once.";
    }

    private static String toRoman(int number) {
        String[] numerals = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};
        return number < numerals.length ? numerals[number] : Integer.toString(number);
    }
}
