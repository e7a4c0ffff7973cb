package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stripejdbc.json.Json;

/** The read side of the API over HTTP: pagination, filters, created ranges, retrieves and Stripe's errors. */
class StripeEmulatorListTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static StripeEmulator emulator;
    private static EmulatorClient client;

    @BeforeAll
    static void start() {
        emulator = StripeEmulator.builder().seed(11).customers(120).start();
        client = new EmulatorClient(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static List<JsonNode> objects(String path) {
        List<JsonNode> out = new ArrayList<>();
        for (Json json : emulator.objects(path)) {
            out.add(json.toJackson());
        }
        return out;
    }

    private static List<String> ids(List<JsonNode> objects, Predicate<JsonNode> filter) {
        List<String> ids = new ArrayList<>();
        objects.stream().filter(filter).forEach(o -> ids.add(o.path("id").asText()));
        return ids;
    }

    /** The parameters that list every object of a path (setup attempts need their setup intent). */
    private static String everything(String path) {
        return path.equals("subscriptions") ? "status=all" : "";
    }

    private static List<String> listablePaths() {
        List<String> paths = new ArrayList<>();
        for (EmulatedObject type : EmulatedObjects.all()) {
            if (type.meta().listable() && type.meta().requiredFilter() == null) {
                paths.add(type.path());
            }
        }
        return paths;
    }

    @Test
    void listsTenNewestObjectsByDefault() {
        EmulatorClient.Answer answer = client.get("customers");
        assertEquals(200, answer.status());
        assertEquals("list", answer.body().path("object").asText());
        assertEquals("/v1/customers", answer.body().path("url").asText());
        assertTrue(answer.hasMore());
        assertEquals(ids(objects("customers"), o -> true).subList(0, 10), answer.ids());
        assertEquals(List.of("object", "data", "has_more", "url"), fieldNames(answer.body()));
        assertEquals(
                "/v1/checkout/sessions",
                client.get("checkout/sessions?limit=1").body().path("url").asText());
        assertEquals(
                "/v1/billing/meters",
                client.get("billing/meters").body().path("url").asText());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void pagesForwardThroughEveryListableObjectWithoutLossOrDuplicates() {
        for (String path : listablePaths()) {
            List<String> expected = ids(objects(path), o -> true);
            assertEquals(expected, client.walkForward(path, everything(path), 7, 1_000), path);
        }
    }

    @Test
    void pagesBackwardWithEndingBefore() {
        for (String path : List.of("customers", "charges", "invoices", "events", "checkout/sessions", "prices")) {
            List<String> expected = ids(objects(path), o -> true);
            List<String> seen = new ArrayList<>();
            String cursor = expected.get(expected.size() - 1);
            seen.add(cursor);
            for (int page = 0; page < 1_000; page++) {
                EmulatorClient.Answer answer = client.get(path + "?limit=9&ending_before=" + cursor);
                assertEquals(200, answer.status());
                seen.addAll(0, answer.ids());
                if (!answer.hasMore()) {
                    break;
                }
                assertEquals(9, answer.ids().size());
                cursor = answer.ids().get(0);
            }
            assertEquals(expected, seen, path);
        }
    }

    @Test
    void hasMoreIsExact() {
        int count = emulator.count("products");
        assertFalse(client.get("products?limit=" + count).hasMore());
        assertTrue(client.get("products?limit=" + (count - 1)).hasMore());
        List<String> all = ids(objects("products"), o -> true);
        EmulatorClient.Answer last = client.get("products?limit=2&starting_after=" + all.get(count - 3));
        assertEquals(all.subList(count - 2, count), last.ids());
        assertFalse(last.hasMore());
        EmulatorClient.Answer first = client.get("products?limit=2&ending_before=" + all.get(2));
        assertEquals(all.subList(0, 2), first.ids());
        assertFalse(first.hasMore());
        EmulatorClient.Answer empty = client.get("products?starting_after=" + all.get(count - 1));
        assertEquals(List.of(), empty.ids());
        assertFalse(empty.hasMore());
    }

    /** What a filter parameter matches in the stored JSON (the test's own reading of Stripe's semantics). */
    private static List<String> valuesOf(String path, String field, JsonNode object) {
        List<String> values = new ArrayList<>();
        if (path.equals("subscriptions") && field.equals("price")) {
            object.path("items")
                    .path("data")
                    .forEach(item -> values.add(item.path("price").path("id").asText()));
        } else if (field.contains("[")) {
            // payment[payment_intent]: a field of a nested object (the invoice payments' payment).
            JsonNode nested = object.path(field.substring(0, field.indexOf('[')))
                    .path(field.substring(field.indexOf('[') + 1, field.length() - 1));
            if (nested.isTextual()) {
                values.add(nested.asText());
            }
        } else if (!object.path(field).isNull() && !object.path(field).isMissingNode()) {
            values.add(object.path(field).asText());
        }
        return values;
    }

    @Test
    void everyFilterOfEveryObjectMatchesExactlyTheObjectsWithThatValue() {
        int checked = 0;
        for (EmulatedObject type : EmulatedObjects.all()) {
            if (!type.meta().listable()) {
                continue;
            }
            String path = type.path();
            List<JsonNode> all = objects(path);
            for (FilterField filter : type.filters()) {
                if (filter.kind() == FilterField.Kind.RANGE) {
                    continue; // ranges: StripeEmulatorRangeTest
                }
                TreeSet<String> values = new TreeSet<>();
                all.forEach(o -> values.addAll(valuesOf(path, filter.name(), o)));
                assertFalse(values.isEmpty(), path + "." + filter.name() + " has values in the sample data");
                List<String> tried = new ArrayList<>(values).subList(0, Math.min(values.size(), 4));
                if (filter.kind() == FilterField.Kind.TEXT) {
                    tried = new ArrayList<>(tried);
                    tried.add("no_such_value");
                }
                // A list that requires another parameter (issuing tokens: card) is asked for the first object's.
                String required = type.meta().requiredFilter();
                String requiredValue = required == null || required.equals(filter.name())
                        ? null
                        : all.get(0).path(required).asText();
                for (String value : tried) {
                    String extra =
                            path.equals("subscriptions") && !filter.name().equals("status") ? "&status=all" : "";
                    if (requiredValue != null) {
                        extra += "&" + required + "=" + EmulatorClient.encode(requiredValue);
                    }
                    List<String> expected = ids(
                            all,
                            o -> valuesOf(path, filter.name(), o).contains(value)
                                    && (requiredValue == null
                                            || requiredValue.equals(
                                                    o.path(required).asText())));
                    List<String> actual = client.walkForward(
                            path, filter.name() + "=" + EmulatorClient.encode(value) + extra, 100, 100);
                    assertEquals(expected, actual, path + "?" + filter.name() + "=" + value);
                    checked++;
                }
            }
        }
        assertTrue(checked > 50, "checked " + checked + " filter values");
    }

    @Test
    void subscriptionsLeaveOutCanceledOnesUnlessAsked() {
        List<JsonNode> all = objects("subscriptions");
        assertTrue(all.stream().anyMatch(s -> s.path("status").asText().equals("canceled")));
        assertEquals(
                ids(all, s -> !s.path("status").asText().equals("canceled")),
                client.walkForward("subscriptions", "", 100, 100));
        assertEquals(ids(all, s -> true), client.walkForward("subscriptions", "status=all", 100, 100));
        assertEquals(
                ids(all, s -> s.path("status").asText().matches("canceled|incomplete_expired")),
                client.walkForward("subscriptions", "status=ended", 100, 100));
        String customer = all.get(0).path("customer").asText();
        assertEquals(
                ids(
                        all,
                        s -> s.path("customer").asText().equals(customer)
                                && s.path("status")
                                        .asText()
                                        .equals(all.get(0).path("status").asText())),
                client.walkForward(
                        "subscriptions",
                        "customer=" + customer + "&status="
                                + all.get(0).path("status").asText(),
                        100,
                        10));
    }

    @Test
    void combinesFiltersAndNormalisesCurrencies() {
        List<JsonNode> prices = objects("prices");
        assertEquals(
                ids(
                        prices,
                        p -> p.path("active").asBoolean()
                                && p.path("currency").asText().equals("usd")
                                && p.path("type").asText().equals("recurring")),
                client.walkForward("prices", "active=true&currency=USD&type=recurring", 100, 10));
        List<JsonNode> events = objects("events");
        assertEquals(
                ids(events, e -> e.path("type").asText().startsWith("customer.")),
                client.walkForward("events", "type=customer.*", 100, 100));
    }

    @Test
    void createdRangesHonourSameSecondBoundaries() {
        List<JsonNode> customers = objects("customers");
        Map<Long, Integer> perSecond = new HashMap<>();
        customers.forEach(c -> perSecond.merge(c.path("created").asLong(), 1, Integer::sum));
        long second = perSecond.entrySet().stream()
                .filter(e -> e.getValue() >= 3)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no second with three customers"));
        List<String> inSecond = ids(customers, c -> c.path("created").asLong() == second);
        assertEquals(
                inSecond,
                client.walkForward("customers", "created[gte]=" + second + "&created[lte]=" + second, 100, 10));
        assertEquals(inSecond, client.walkForward("customers", "created=" + second, 100, 10));
        assertEquals(inSecond, client.walkForward("customers", "created=" + second, 1, 10), "one per page");
        assertEquals(
                ids(customers, c -> c.path("created").asLong() > second),
                client.walkForward("customers", "created[gt]=" + second, 100, 100));
        assertEquals(
                ids(customers, c -> c.path("created").asLong() < second),
                client.walkForward("customers", "created[lt]=" + second, 100, 100));
        assertEquals(
                ids(customers, c -> c.path("created").asLong() >= second),
                client.walkForward("customers", "created[gte]=" + second, 100, 100));
        assertEquals(
                ids(customers, c -> c.path("created").asLong() <= second),
                client.walkForward("customers", "created[lte]=" + second, 100, 100));
        assertEquals(
                List.of(),
                client.walkForward("customers", "created[gt]=" + second + "&created[lt]=" + (second + 1), 100, 10));
    }

    @Test
    void validatesLimitAndParametersLikeStripe() {
        for (String bad : List.of("0", "101", "abc", "-1", "2.5")) {
            EmulatorClient.Answer answer = client.get("customers?limit=" + bad);
            assertEquals(400, answer.status(), bad);
            assertEquals("invalid_request_error", answer.error().path("type").asText());
            assertEquals("limit", answer.error().path("param").asText());
        }
        EmulatorClient.Answer unknown = client.get("charges?limit=3&foo=bar");
        assertEquals(400, unknown.status());
        assertEquals(
                "Received unknown parameter: foo",
                unknown.error().path("message").asText());
        assertEquals("foo", unknown.error().path("param").asText());
        assertEquals("parameter_unknown", unknown.error().path("code").asText());
        assertEquals(
                "https://stripe.com/docs/error-codes/parameter-unknown",
                unknown.error().path("doc_url").asText());
        EmulatorClient.Answer cursor = client.get("charges?starting_after=ch_nope");
        assertEquals(400, cursor.status());
        assertEquals("No such charge: 'ch_nope'", cursor.error().path("message").asText());
        assertEquals("starting_after", cursor.error().path("param").asText());
        assertEquals("resource_missing", cursor.error().path("code").asText());
    }

    @Test
    void tokensAndMandatesHaveNoListButRetrieveById() {
        for (String path : List.of("tokens", "mandates")) {
            EmulatorClient.Answer answer = client.get(path + "?limit=100");
            assertEquals(404, answer.status());
            assertEquals("invalid_request_error", answer.error().path("type").asText());
            assertTrue(
                    answer.error()
                            .path("message")
                            .asText()
                            .startsWith("Unrecognized request URL (GET: /v1/" + path + ")"),
                    answer.error().path("message").asText());
            JsonNode first = objects(path).get(0);
            EmulatorClient.Answer retrieved =
                    client.get(path + "/" + first.path("id").asText());
            assertEquals(200, retrieved.status());
            assertEquals(first, retrieved.body());
        }
    }

    @Test
    void setupAttemptsNeedTheirSetupIntent() {
        EmulatorClient.Answer answer = client.get("setup_attempts?limit=100");
        assertEquals(400, answer.status());
        assertEquals(
                "Missing required param: setup_intent.",
                answer.error().path("message").asText());
        assertEquals("setup_intent", answer.error().path("param").asText());
        JsonNode attempt = objects("setup_attempts").get(0);
        assertEquals(
                404, client.get("setup_attempts/" + attempt.path("id").asText()).status());
        assertTrue(client.get("setup_attempts?setup_intent="
                        + attempt.path("setup_intent").asText())
                .ids()
                .contains(attempt.path("id").asText()));
    }

    @Test
    void retrievesObjectsAndAnswersResourceMissing() {
        for (String path : List.of("customers", "checkout/sessions", "billing/meters", "accounts", "invoices")) {
            JsonNode first = objects(path).get(0);
            EmulatorClient.Answer answer =
                    client.get(path + "/" + first.path("id").asText());
            assertEquals(200, answer.status(), path);
            assertEquals(first, answer.body(), path);
        }
        EmulatorClient.Answer missing = client.get("customers/cus_nope");
        assertEquals(404, missing.status());
        assertEquals(
                "No such customer: 'cus_nope'", missing.error().path("message").asText());
        assertEquals("id", missing.error().path("param").asText());
        assertEquals("resource_missing", missing.error().path("code").asText());
        assertEquals(
                "No such checkout.session: 'cs_test_x'",
                client.get("checkout/sessions/cs_test_x")
                        .error()
                        .path("message")
                        .asText());
        assertEquals(
                "No such customer: '../balance'",
                client.get("customers/..%2Fbalance").error().path("message").asText());
        assertEquals(
                "No such customer: 'cus 1'",
                client.get("customers/cus%201").error().path("message").asText());
        assertEquals(
                400,
                client.get("customers/" + objects("customers").get(0).path("id").asText() + "?foo=1")
                        .status());
    }

    @Test
    void answersUnknownUrlsAndMethodsLikeStripe() {
        for (String path : List.of("nothing", "customers/cus_1/sources", "customers/", "checkout", "balance/x", "")) {
            EmulatorClient.Answer answer = client.get(path);
            assertEquals(404, answer.status(), path);
            assertTrue(answer.error().path("message").asText().startsWith("Unrecognized request URL (GET: /v1/"), path);
        }
        EmulatorClient.Answer put = client.send(client.builder("customers")
                .method("PUT", HttpRequest.BodyPublishers.noBody())
                .build());
        assertEquals(404, put.status());
        assertEquals(404, client.delete("customers").status());
    }

    @Test
    void answersTheBalanceAndTheAccount() {
        EmulatorClient.Answer balance = client.get("balance");
        assertEquals(200, balance.status());
        assertEquals("balance", balance.body().path("object").asText());
        assertEquals(2, balance.body().path("available").size());
        assertEquals(2, balance.body().path("pending").size());
        assertEquals(
                "usd", balance.body().path("available").get(0).path("currency").asText());
        assertEquals(
                "eur", balance.body().path("pending").get(1).path("currency").asText());
        assertEquals(emulator.objects("balance").get(0).toJackson(), balance.body());
        assertEquals(400, client.get("balance?limit=100").status());
        EmulatorClient.Answer account = client.get("account");
        assertEquals(emulator.accountId(), account.body().path("id").asText());
        assertEquals(
                SampleDataGenerator.PLATFORM_NAME,
                account.body()
                        .path("settings")
                        .path("dashboard")
                        .path("display_name")
                        .asText());
    }

    @Test
    void everyAnswerCarriesStripesHeaders() {
        for (String path : List.of("customers", "customers/cus_nope", "tokens", "balance")) {
            EmulatorClient.Answer answer = client.get(path, "Stripe-Version", "2020-08-27");
            assertTrue(answer.header("Request-Id").matches("req_[0-9A-Za-z]{14}"), answer.header("Request-Id"));
            assertEquals("application/json", answer.header("Content-Type"));
            assertEquals("2020-08-27", answer.header("Stripe-Version"));
        }
        assertEquals(
                EmulatorHandler.DEFAULT_API_VERSION, client.get("customers").header("Stripe-Version"));
        assertNotNull(MAPPER);
    }
}
