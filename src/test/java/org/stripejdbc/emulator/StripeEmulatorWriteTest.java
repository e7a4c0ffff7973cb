package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.emulator.EmulatorClient.pair;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes over HTTP: customers, products, subscriptions, form decoding, idempotency, accounts, concurrency. */
class StripeEmulatorWriteTest {
    private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
    private StripeEmulator emulator;
    private EmulatorClient client;
    private ManualClock clock;

    @BeforeEach
    void start() {
        clock = new ManualClock(NOW);
        emulator = StripeEmulator.builder()
                .seed(5)
                .sizes(DataSizes.tiny())
                .clock(clock)
                .start();
        client = new EmulatorClient(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private JsonNode ok(EmulatorClient.Answer answer) {
        assertEquals(200, answer.status(), () -> String.valueOf(answer.body()));
        return answer.body();
    }

    private JsonNode error(EmulatorClient.Answer answer, int status) {
        assertEquals(status, answer.status(), () -> String.valueOf(answer.body()));
        return answer.error();
    }

    private String recurringPrice(String currency) {
        for (var price : emulator.objects("prices")) {
            JsonNode node = price.toJackson();
            if (node.path("type").asText().equals("recurring")
                    && node.path("active").asBoolean()
                    && node.path("currency").asText().equals(currency)) {
                return node.path("id").asText();
            }
        }
        throw new AssertionError("no active recurring " + currency + " price");
    }

    private String anyPrice(Predicate predicate) {
        for (var price : emulator.objects("prices")) {
            if (predicate.test(price.toJackson())) {
                return price.toJackson().path("id").asText();
            }
        }
        throw new AssertionError("no such price");
    }

    private interface Predicate {
        boolean test(JsonNode node);
    }

    @Test
    void createsACustomerFromNestedFormParametersAndListsItFirst() {
        JsonNode customer = ok(client.post(
                "customers",
                List.of(
                        pair("email", "jenny@example.com"),
                        pair("name", "Jenny Rosen"),
                        pair("metadata[plan]", "gold"),
                        pair("metadata[seats]", "3"),
                        pair("address[city]", "Berlin"),
                        pair("address[country]", "DE"),
                        pair("preferred_locales[0]", "de"),
                        pair("preferred_locales[1]", "en"),
                        pair("balance", "-500"),
                        pair("expand[]", "default_source"))));
        String id = customer.path("id").asText();
        assertTrue(id.matches("cus_[0-9A-Za-z]{14}"), id);
        assertEquals("customer", customer.path("object").asText());
        assertEquals(NOW.getEpochSecond(), customer.path("created").asLong());
        assertFalse(customer.path("livemode").asBoolean());
        assertEquals(
                "{\"plan\":\"gold\",\"seats\":\"3\"}", customer.path("metadata").toString());
        assertEquals("Berlin", customer.path("address").path("city").asText());
        assertTrue(customer.path("address").path("line1").isMissingNode());
        assertEquals("[\"de\",\"en\"]", customer.path("preferred_locales").toString());
        assertEquals(-500, customer.path("balance").asLong());
        assertEquals(id, client.get("customers?limit=1").ids().get(0));
        assertEquals(customer, ok(client.get("customers/" + id)));
        assertEquals(
                List.of(id), client.get("customers?email=jenny%40example.com").ids());
        assertEquals(13, emulator.count("customers"));
    }

    @Test
    void updatesAndUnsetsWithEmptyValues() {
        String id = ok(client.post(
                        "customers",
                        List.of(
                                pair("email", "a@b.c"),
                                pair("description", "VIP"),
                                pair("metadata[a]", "1"),
                                pair("metadata[b]", "2"),
                                pair("phone", "+15550000"))))
                .path("id")
                .asText();
        JsonNode updated = ok(client.post(
                "customers/" + id,
                List.of(
                        pair("description", ""),
                        pair("metadata[a]", ""),
                        pair("metadata[c]", "3"),
                        pair("email", "new@b.c"))));
        assertTrue(updated.path("description").isNull());
        assertEquals("{\"b\":\"2\",\"c\":\"3\"}", updated.path("metadata").toString());
        assertEquals("+15550000", updated.path("phone").asText());
        assertEquals(List.of(id), client.get("customers?email=new%40b.c").ids());
        assertEquals(List.of(), client.get("customers?email=a%40b.c").ids());
        JsonNode cleared = ok(client.post("customers/" + id, List.of(pair("metadata", ""))));
        assertEquals("{}", cleared.path("metadata").toString());
        assertEquals(id, client.get("customers?limit=1").ids().get(0), "an update keeps the list position");
    }

    @Test
    void validatesCustomerWritesLikeStripe() {
        JsonNode unknown = error(client.post("customers", List.of(pair("email", "a@b.c"), pair("created", "1"))), 400);
        assertEquals(
                "Received unknown parameter: created", unknown.path("message").asText());
        assertEquals("created", unknown.path("param").asText());
        assertEquals(
                "email",
                error(client.post("customers", List.of(pair("email", "nope"))), 400)
                        .path("param")
                        .asText());
        assertEquals(
                "Invalid integer: lots",
                error(client.post("customers", List.of(pair("balance", "lots"))), 400)
                        .path("message")
                        .asText());
        assertEquals(
                "address[planet]",
                error(client.post("customers", List.of(pair("address[planet]", "Mars"))), 400)
                        .path("param")
                        .asText());
        JsonNode missing = error(client.post("customers/cus_nope", List.of(pair("name", "x"))), 404);
        assertEquals("No such customer: 'cus_nope'", missing.path("message").asText());
        assertEquals("id", missing.path("param").asText());
        assertEquals(12, emulator.count("customers"));
    }

    @Test
    void deletesACustomerLikeStripe() {
        String id = ok(client.post("customers", List.of(pair("email", "gone@b.c"))))
                .path("id")
                .asText();
        JsonNode subscription = ok(client.post(
                "subscriptions", List.of(pair("customer", id), pair("items[0][price]", recurringPrice("usd")))));
        JsonNode deleted = ok(client.delete("customers/" + id));
        assertEquals("{\"id\":\"" + id + "\",\"object\":\"customer\",\"deleted\":true}", deleted.toString());
        assertEquals(deleted, ok(client.get("customers/" + id)), "a deleted customer retrieves as a stub");
        assertFalse(client.walkForward("customers", "", 100, 10).contains(id));
        assertEquals(404, client.delete("customers/" + id).status());
        assertEquals(
                404, client.post("customers/" + id, List.of(pair("name", "x"))).status());
        JsonNode canceled =
                ok(client.get("subscriptions/" + subscription.path("id").asText()));
        assertEquals("canceled", canceled.path("status").asText());
        assertEquals(NOW.getEpochSecond(), canceled.path("canceled_at").asLong());
        assertEquals(
                400,
                client.post(
                                "subscriptions",
                                List.of(pair("customer", id), pair("items[0][price]", recurringPrice("usd"))))
                        .status());
    }

    @Test
    void aDeletedCustomerIsNoLongerAListCursorAsInStripe() {
        List<String> page = client.get("customers?limit=3").ids();
        String cursor = page.get(1);
        assertEquals(
                List.of(page.get(2)),
                client.get("customers?limit=1&starting_after=" + cursor).ids());
        ok(client.delete("customers/" + cursor));
        // Stripe: 400 resource_missing "No such customer: 'cus_x'" on the cursor parameter; a client that deletes
        // while it pages must read every page first.
        JsonNode error = error(client.get("customers?limit=1&starting_after=" + cursor), 400);
        assertEquals("No such customer: '" + cursor + "'", error.path("message").asText());
        assertEquals("starting_after", error.path("param").asText());
        assertEquals("resource_missing", error.path("code").asText());
        assertEquals(
                "ending_before",
                error(client.get("customers?limit=1&ending_before=" + cursor), 400)
                        .path("param")
                        .asText());
    }

    @Test
    void writesProducts() {
        JsonNode missingName = error(client.post("products", List.of(pair("active", "false"))), 400);
        assertEquals(
                "Missing required param: name.", missingName.path("message").asText());
        JsonNode product = ok(client.post(
                "products",
                List.of(
                        pair("name", "Gold"),
                        pair("active", "false"),
                        pair("id", "prod_custom_gold"),
                        pair("images[0]", "https://img.example/1.png"))));
        assertEquals("prod_custom_gold", product.path("id").asText());
        assertFalse(product.path("active").asBoolean());
        assertEquals(product.path("created"), product.path("updated"));
        assertEquals(
                "resource_already_exists",
                error(client.post("products", List.of(pair("name", "Again"), pair("id", "prod_custom_gold"))), 400)
                        .path("code")
                        .asText());
        assertTrue(client.get("products?active=false").ids().contains("prod_custom_gold"));
        assertEquals(
                "Invalid boolean: maybe",
                error(client.post("products/prod_custom_gold", List.of(pair("active", "maybe"))), 400)
                        .path("message")
                        .asText());

        clock.advance(Duration.ofSeconds(90));
        JsonNode renamed = ok(client.post(
                "products/prod_custom_gold",
                List.of(pair("name", "Platinum"), pair("active", "true"), pair("description", "The best"))));
        assertEquals("Platinum", renamed.path("name").asText());
        assertEquals(
                product.path("created").asLong() + 90, renamed.path("updated").asLong());
        assertTrue(renamed.path("active").asBoolean());
        assertTrue(error(client.post("products/prod_custom_gold", List.of(pair("name", ""))), 400)
                .path("message")
                .asText()
                .startsWith("You passed an empty string for 'name'"));

        String foreignPrice =
                emulator.objects("prices").get(0).toJackson().path("id").asText();
        assertEquals(
                "default_price",
                error(client.post("products/prod_custom_gold", List.of(pair("default_price", foreignPrice))), 400)
                        .path("param")
                        .asText());
        String productWithPrices =
                emulator.objects("prices").get(0).toJackson().path("product").asText();
        assertTrue(error(client.delete("products/" + productWithPrices), 400)
                .path("message")
                .asText()
                .contains("cannot be deleted"));
        JsonNode deleted = ok(client.delete("products/prod_custom_gold"));
        assertTrue(deleted.path("deleted").asBoolean());
        assertEquals(404, client.get("products/prod_custom_gold").status());
    }

    @Test
    void createsSubscriptionsWithTheirFirstInvoice() {
        String customer =
                emulator.objects("customers").get(0).toJackson().path("id").asText();
        String price = recurringPrice("usd");
        JsonNode subscription = ok(client.post(
                "subscriptions",
                List.of(
                        pair("customer", customer),
                        pair("items[0][price]", price),
                        pair("items[0][quantity]", "3"),
                        pair("metadata[source]", "test"))));
        String id = subscription.path("id").asText();
        assertTrue(id.startsWith("sub_"));
        assertEquals("active", subscription.path("status").asText());
        assertEquals(customer, subscription.path("customer").asText());
        assertEquals("usd", subscription.path("currency").asText());
        assertEquals(
                price,
                subscription
                        .path("items")
                        .path("data")
                        .get(0)
                        .path("price")
                        .path("id")
                        .asText());
        assertEquals(
                3,
                subscription.path("items").path("data").get(0).path("quantity").asLong());
        assertEquals(
                NOW.getEpochSecond(), subscription.path("current_period_start").asLong());
        assertEquals(
                Instant.parse("2026-02-15T12:00:00Z").getEpochSecond(),
                subscription.path("current_period_end").asLong());

        assertEquals(id, client.get("subscriptions?limit=1").ids().get(0));
        assertTrue(
                client.get("subscriptions?price=" + price + "&limit=100").ids().contains(id));
        assertTrue(client.get("subscriptions?customer=" + customer).ids().contains(id));
        JsonNode invoice =
                ok(client.get("invoices/" + subscription.path("latest_invoice").asText()));
        assertEquals(id, invoice.path("subscription").asText());
        assertEquals("subscription_create", invoice.path("billing_reason").asText());
        assertEquals("paid", invoice.path("status").asText());
        long unitAmount = subscription
                .path("items")
                .path("data")
                .get(0)
                .path("price")
                .path("unit_amount")
                .asLong();
        assertEquals(unitAmount * 3, invoice.path("total").asLong());
        assertEquals(
                SampleDataGenerator.PLATFORM_NAME, invoice.path("account_name").asText());
        assertEquals(
                List.of(invoice.path("id").asText()),
                client.get("invoices?subscription=" + id).ids());

        JsonNode trial = ok(client.post(
                "subscriptions",
                List.of(pair("customer", customer), pair("items[0][price]", price), pair("trial_period_days", "14"))));
        assertEquals("trialing", trial.path("status").asText());
        assertEquals(NOW.getEpochSecond() + 14 * 86_400, trial.path("trial_end").asLong());
    }

    @Test
    void validatesSubscriptionsLikeStripe() {
        String customer =
                emulator.objects("customers").get(0).toJackson().path("id").asText();
        String price = recurringPrice("usd");
        assertEquals(
                "Missing required param: customer.",
                error(client.post("subscriptions", List.of(pair("items[0][price]", price))), 400)
                        .path("message")
                        .asText());
        JsonNode noCustomer = error(
                client.post("subscriptions", List.of(pair("customer", "cus_nope"), pair("items[0][price]", price))),
                400);
        assertEquals("No such customer: 'cus_nope'", noCustomer.path("message").asText());
        assertEquals("customer", noCustomer.path("param").asText());
        assertEquals("resource_missing", noCustomer.path("code").asText());
        assertEquals(
                "items",
                error(client.post("subscriptions", List.of(pair("customer", customer))), 400)
                        .path("param")
                        .asText());
        assertEquals(
                "items[1][price]",
                error(
                                client.post(
                                        "subscriptions",
                                        List.of(
                                                pair("customer", customer),
                                                pair("items[0][price]", price),
                                                pair("items[1][price]", "price_nope"))),
                                400)
                        .path("param")
                        .asText());
        String oneTime = anyPrice(p -> p.path("type").asText().equals("one_time"));
        assertTrue(error(
                        client.post(
                                "subscriptions", List.of(pair("customer", customer), pair("items[0][price]", oneTime))),
                        400)
                .path("message")
                .asText()
                .contains("type=one_time"));
        String inactive = anyPrice(p ->
                p.path("type").asText().equals("recurring") && !p.path("active").asBoolean());
        assertTrue(error(
                        client.post(
                                "subscriptions",
                                List.of(pair("customer", customer), pair("items[0][price]", inactive))),
                        400)
                .path("message")
                .asText()
                .contains("inactive"));
        assertEquals(
                "items",
                error(
                                client.post(
                                        "subscriptions",
                                        List.of(
                                                pair("customer", customer),
                                                pair("items[0][price]", price),
                                                pair("items[1][price]", recurringPrice("eur")))),
                                400)
                        .path("param")
                        .asText());
        assertEquals(
                "Received unknown parameter: items[0][colour]",
                error(
                                client.post(
                                        "subscriptions",
                                        List.of(
                                                pair("customer", customer),
                                                pair("items[0][price]", price),
                                                pair("items[0][colour]", "red"))),
                                400)
                        .path("message")
                        .asText());
        assertEquals(8, emulator.count("subscriptions"));
    }

    @Test
    void updatesAndCancelsSubscriptions() {
        String customer =
                emulator.objects("customers").get(0).toJackson().path("id").asText();
        String price = recurringPrice("usd");
        JsonNode created =
                ok(client.post("subscriptions", List.of(pair("customer", customer), pair("items[0][price]", price))));
        String id = created.path("id").asText();
        String item = created.path("items").path("data").get(0).path("id").asText();
        String other = anyPrice(p -> p.path("type").asText().equals("recurring")
                && p.path("active").asBoolean()
                && p.path("currency").asText().equals("usd")
                && !p.path("id").asText().equals(price)
                && p.path("recurring")
                        .path("interval")
                        .asText()
                        .equals(created.path("items")
                                .path("data")
                                .get(0)
                                .path("price")
                                .path("recurring")
                                .path("interval")
                                .asText()));
        JsonNode updated = ok(client.post(
                "subscriptions/" + id,
                List.of(
                        pair("items[0][id]", item),
                        pair("items[0][quantity]", "5"),
                        pair("items[1][price]", other),
                        pair("description", "Upgraded"),
                        pair("metadata[k]", "v"))));
        assertEquals(2, updated.path("items").path("data").size());
        assertEquals(
                5, updated.path("items").path("data").get(0).path("quantity").asLong());
        assertEquals("Upgraded", updated.path("description").asText());
        assertEquals(2, updated.path("items").path("total_count").asInt());
        assertTrue(
                client.get("subscriptions?price=" + other + "&limit=100").ids().contains(id));
        JsonNode removed = ok(client.post(
                "subscriptions/" + id, List.of(pair("items[0][id]", item), pair("items[0][deleted]", "true"))));
        assertEquals(1, removed.path("items").path("data").size());
        assertFalse(
                client.get("subscriptions?price=" + price + "&limit=100").ids().contains(id));
        assertEquals(
                "items[0][id]",
                error(
                                client.post(
                                        "subscriptions/" + id,
                                        List.of(pair("items[0][id]", "si_nope"), pair("items[0][quantity]", "2"))),
                                400)
                        .path("param")
                        .asText());
        assertEquals(
                "Received unknown parameter: customer",
                error(client.post("subscriptions/" + id, List.of(pair("customer", customer))), 400)
                        .path("message")
                        .asText());

        JsonNode canceled = ok(client.delete("subscriptions/" + id));
        assertEquals("canceled", canceled.path("status").asText());
        assertEquals(id, canceled.path("id").asText());
        assertEquals(
                "cancellation_requested",
                canceled.path("cancellation_details").path("reason").asText());
        assertFalse(client.walkForward("subscriptions", "", 100, 10).contains(id), "canceled ones are hidden");
        assertTrue(
                client.walkForward("subscriptions", "status=canceled", 100, 10).contains(id));
        assertEquals(404, client.delete("subscriptions/" + id).status());
        assertTrue(error(client.post("subscriptions/" + id, List.of(pair("description", "x"))), 400)
                .path("message")
                .asText()
                .startsWith("A canceled subscription can only update"));
        assertEquals(
                "kept",
                ok(client.post("subscriptions/" + id, List.of(pair("metadata[after]", "kept"))))
                        .path("metadata")
                        .path("after")
                        .asText());
    }

    @Test
    void replaysIdempotentRequests() {
        List<Map.Entry<String, String>> form = List.of(pair("email", "once@b.c"), pair("metadata[a]", "b"));
        EmulatorClient.Answer first = client.post("customers", form, "Idempotency-Key", "key-1");
        EmulatorClient.Answer second = client.post("customers", form, "Idempotency-Key", "key-1");
        assertEquals(200, second.status());
        assertEquals(first.body(), second.body());
        assertEquals("true", second.header("Idempotent-Replayed"));
        assertEquals(first.header("Request-Id"), second.header("Original-Request"));
        assertNotEquals(first.header("Request-Id"), second.header("Request-Id"));
        assertEquals(null, first.header("Idempotent-Replayed"));
        assertEquals("key-1", first.header("Idempotency-Key"));
        assertEquals(13, emulator.count("customers"), "no second customer");

        JsonNode mismatch =
                error(client.post("customers", List.of(pair("email", "other@b.c")), "Idempotency-Key", "key-1"), 400);
        assertEquals("idempotency_error", mismatch.path("type").asText());
        assertTrue(mismatch.path("message").asText().contains("key-1"));
        assertEquals(
                "idempotency_error",
                error(client.post("products", form, "Idempotency-Key", "key-1"), 400)
                        .path("type")
                        .asText());

        EmulatorClient.Answer failed = client.post("customers", List.of(pair("email", "bad")), "Idempotency-Key", "k2");
        EmulatorClient.Answer failedAgain =
                client.post("customers", List.of(pair("email", "bad")), "Idempotency-Key", "k2");
        assertEquals(400, failedAgain.status());
        assertEquals(failed.body(), failedAgain.body());
        assertEquals("true", failedAgain.header("Idempotent-Replayed"));
        assertEquals(13, emulator.count("customers"));
    }

    @Test
    void refusesWritesTheApiHasNoEndpointFor() {
        String charge =
                emulator.objects("charges").get(0).toJackson().path("id").asText();
        for (EmulatorClient.Answer answer : List.of(
                client.delete("charges/" + charge),
                client.post("events", List.of()),
                client.post("balance_transactions", List.of()))) {
            assertEquals(400, answer.status(), String.valueOf(answer.body()));
            assertTrue(answer.error().path("message").asText().startsWith("Unrecognized request URL (POST")
                    || answer.error().path("message").asText().startsWith("Unrecognized request URL (DELETE"));
        }
        assertEquals(404, client.post("nothing", List.of()).status());
    }

    @Test
    void describedObjectsAreWrittenGenericallyWithTheirParametersChecked() {
        String charge =
                emulator.objects("charges").get(0).toJackson().path("id").asText();
        JsonNode updated = ok(client.post("charges/" + charge, List.of(pair("description", "x"))));
        assertEquals("x", updated.path("description").asText());
        assertEquals(charge, updated.path("id").asText());
        JsonNode session = ok(client.post("checkout/sessions", List.of(pair("mode", "payment"))));
        assertEquals("checkout.session", session.path("object").asText());
        assertEquals("payment", session.path("mode").asText());
        EmulatorClient.Answer unknown = client.post("charges/" + charge, List.of(pair("colour", "red")));
        assertEquals(400, unknown.status());
        assertEquals(
                "Received unknown parameter: colour",
                unknown.error().path("message").asText());
        EmulatorClient.Answer notInEnum = client.post("checkout/sessions", List.of(pair("mode", "barter")));
        assertEquals(400, notInEnum.status(), String.valueOf(notInEnum.body()));
    }

    @Test
    void recordsAnEventForEveryWrite() {
        String id = ok(client.post("customers", List.of(pair("email", "e@b.c")), "Idempotency-Key", "evt-key"))
                .path("id")
                .asText();
        ok(client.post("customers/" + id, List.of(pair("name", "Named"))));
        ok(client.delete("customers/" + id));
        List<JsonNode> events = new ArrayList<>();
        client.get("events?limit=3").body().path("data").forEach(events::add);
        assertEquals(
                List.of("customer.deleted", "customer.updated", "customer.created"),
                events.stream().map(e -> e.path("type").asText()).toList());
        assertEquals(
                "evt-key", events.get(2).path("request").path("idempotency_key").asText());
        assertEquals(id, events.get(2).path("data").path("object").path("id").asText());
        assertTrue(events.get(1).path("data").path("previous_attributes").has("name"));
        assertEquals(3, client.get("events?type=customer.*&limit=3").ids().size());
    }

    @Test
    void actsOnConnectedAccountsWithTheStripeAccountHeader() {
        String connected = emulator.connectedAccountIds().get(0);
        EmulatorClient.Answer theirs = client.get("customers?limit=100", "Stripe-Account", connected);
        assertEquals(200, theirs.status());
        assertEquals(
                AccountDirectory.CONNECTED_ACCOUNT_SIZES.customers(),
                theirs.ids().size());
        assertTrue(Collections.disjoint(theirs.ids(), client.walkForward("customers", "", 100, 10)));
        assertEquals(
                connected,
                client.get("account", "Stripe-Account", connected)
                        .body()
                        .path("id")
                        .asText());
        ok(client.post("customers", List.of(pair("email", "c@b.c")), "Stripe-Account", connected));
        assertEquals(
                AccountDirectory.CONNECTED_ACCOUNT_SIZES.customers() + 1,
                client.get("customers?limit=100", "Stripe-Account", connected)
                        .ids()
                        .size());
        assertEquals(12, emulator.count("customers"), "the platform is unchanged");
        JsonNode invalid = error(client.get("customers", "Stripe-Account", "acct_nope"), 403);
        assertEquals("account_invalid", invalid.path("code").asText());
    }

    @Test
    void servesConcurrentReadersAndWriters() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> writes = new ArrayList<>();
            List<Future<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                writes.add(pool.submit(() -> ok(client.post("customers", List.of(pair("email", "c" + n + "@b.c"))))
                        .path("id")
                        .asText()));
                reads.add(pool.submit(
                        () -> client.walkForward("customers", "", 5, 100).size()));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> write : writes) {
                ids.add(write.get(60, TimeUnit.SECONDS));
            }
            for (Future<Integer> read : reads) {
                int size = read.get(60, TimeUnit.SECONDS);
                assertTrue(size >= 12 && size <= 52, "a consistent walk sees " + size);
            }
            assertEquals(40, ids.size());
            assertEquals(52, client.walkForward("customers", "", 100, 10).size());
        } finally {
            pool.shutdownNow();
        }
    }
}
