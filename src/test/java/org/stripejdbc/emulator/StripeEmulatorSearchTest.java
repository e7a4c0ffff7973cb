package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stripejdbc.json.Json;

/**
 * {@code GET /v1/<object>/search}: the query language against the sample data, every error, paging through
 * {@code next_page}, the limits, the indexing lag on a manual clock and the separate search budget.
 */
class StripeEmulatorSearchTest {
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
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

    /** One row of the query table: what the search must answer is the data filtered by {@code expected}. */
    private record Case(String path, String query, Predicate<JsonNode> expected) {}

    private static List<JsonNode> objects(String path) {
        List<JsonNode> out = new ArrayList<>();
        for (Json json : emulator.objects(path)) {
            out.add(json.toJackson());
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.textValue() : null;
    }

    private static boolean containsIgnoringCase(String value, String part) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(part);
    }

    /** Every id a search answers, following next_page; fails beyond {@code maxPages}. */
    private static List<String> searchAll(String path, String query, int limit, int maxPages) {
        List<String> ids = new ArrayList<>();
        String page = null;
        for (int i = 0; i < maxPages; i++) {
            EmulatorClient.Answer answer = client.get(path + "/search?query=" + EmulatorClient.encode(query) + "&limit="
                    + limit + (page == null ? "" : "&page=" + EmulatorClient.encode(page)));
            assertEquals(200, answer.status(), () -> query + " → " + answer.body());
            assertEquals("search_result", answer.body().path("object").asText());
            assertEquals("/v1/" + path + "/search", answer.body().path("url").asText());
            ids.addAll(answer.ids());
            if (!answer.hasMore()) {
                assertTrue(answer.body().path("next_page").isNull(), "next_page is null on the last page");
                return ids;
            }
            assertEquals(limit, answer.ids().size(), "has_more with a short page");
            page = answer.body().path("next_page").asText();
        }
        throw new AssertionError("more than " + maxPages + " pages for " + query);
    }

    @Test
    void answersEachQueryOfTheTableWithExactlyTheMatchingObjectsNewestFirst() {
        List<JsonNode> customers = objects("customers");
        long middle = customers.get(customers.size() / 2).path("created").asLong();
        long quarter = customers.get(customers.size() / 4).path("created").asLong();
        JsonNode charge = objects("charges").get(3);
        String last4 =
                charge.path("payment_method_details").path("card").path("last4").asText();
        String invoiceNumber = text(objects("invoices").get(0), "number");
        String numberPrefix = invoiceNumber.substring(0, 6);
        String customerOfCharge = text(charge, "customer");
        String firstName = text(customers.get(0), "name");
        List<Case> cases = List.of(
                new Case("customers", "name~\"son\"", c -> containsIgnoringCase(text(c, "name"), "son")),
                new Case("customers", "name~'SON'", c -> containsIgnoringCase(text(c, "name"), "son")),
                new Case(
                        "customers",
                        "name:'" + firstName.toUpperCase(Locale.ROOT) + "'",
                        c -> firstName.equalsIgnoreCase(text(c, "name"))),
                new Case("customers", "email~\"corp.example\"", c -> containsIgnoringCase(text(c, "email"), "corp.ex")),
                new Case("customers", "metadata['tier']:'gold'", c -> "gold".equals(text(c.path("metadata"), "tier"))),
                new Case(
                        "customers",
                        "metadata[\"tier\"]:null",
                        c -> !c.path("metadata").has("tier")),
                new Case(
                        "customers",
                        "-metadata['tier']:null",
                        c -> c.path("metadata").has("tier")),
                new Case(
                        "customers", "-metadata['tier']:'gold'", c -> !"gold".equals(text(c.path("metadata"), "tier"))),
                new Case("customers", "phone:null", c -> text(c, "phone") == null),
                new Case(
                        "customers",
                        "-phone:null AND email~\"test.example\"",
                        c -> text(c, "phone") != null && containsIgnoringCase(text(c, "email"), "test.example")),
                new Case(
                        "customers",
                        "metadata['tier']:'gold' or metadata['tier']:'bronze'",
                        c -> List.of("gold", "bronze").contains(String.valueOf(text(c.path("metadata"), "tier")))),
                new Case(
                        "customers",
                        "created>=" + middle + " created<" + quarter,
                        c -> c.path("created").asLong() >= middle
                                && c.path("created").asLong() < quarter),
                new Case(
                        "customers", "created>" + middle, c -> c.path("created").asLong() > middle),
                new Case(
                        "customers",
                        "created<=" + middle,
                        c -> c.path("created").asLong() <= middle),
                new Case(
                        "charges",
                        "amount>10000 AND currency:'usd'",
                        c -> c.path("amount").asLong() > 10000 && "usd".equals(text(c, "currency"))),
                new Case("charges", "-status:'succeeded'", c -> !"succeeded".equals(text(c, "status"))),
                new Case("charges", "refunded:'true'", c -> c.path("refunded").asBoolean()),
                new Case(
                        "charges",
                        "amount:" + charge.path("amount").asLong(),
                        c -> c.path("amount").asLong() == charge.path("amount").asLong()),
                new Case(
                        "charges",
                        "customer:'" + customerOfCharge + "'",
                        c -> customerOfCharge.equals(text(c, "customer"))),
                new Case(
                        "charges",
                        "payment_method_details.card.last4:\"" + last4 + "\"",
                        c -> last4.equals(c.path("payment_method_details")
                                .path("card")
                                .path("last4")
                                .asText())),
                new Case(
                        "charges",
                        "payment_method_details.card.brand:'visa'",
                        c -> "visa"
                                .equals(c.path("payment_method_details")
                                        .path("card")
                                        .path("brand")
                                        .asText())),
                new Case(
                        "invoices",
                        "total>=5000 AND status:'paid'",
                        c -> c.path("total").asLong() >= 5000 && "paid".equals(text(c, "status"))),
                new Case(
                        "invoices",
                        "number~'" + numberPrefix + "'",
                        c -> containsIgnoringCase(text(c, "number"), numberPrefix.toLowerCase(Locale.ROOT))),
                new Case(
                        "payment_intents",
                        "status:'succeeded' amount<5000",
                        c -> "succeeded".equals(text(c, "status"))
                                && c.path("amount").asLong() < 5000),
                new Case(
                        "prices",
                        "type:'one_time' OR active:false",
                        c -> "one_time".equals(text(c, "type"))
                                || !c.path("active").asBoolean()),
                new Case("prices", "lookup_key:null", c -> text(c, "lookup_key") == null),
                new Case("products", "name~\"plan\"", c -> containsIgnoringCase(text(c, "name"), "plan")),
                new Case("products", "active:true", c -> c.path("active").asBoolean()),
                new Case("subscriptions", "status:'active'", c -> "active".equals(text(c, "status"))),
                new Case(
                        "subscriptions",
                        "-canceled_at:null",
                        c -> !c.path("canceled_at").isNull()));
        for (Case row : cases) {
            List<JsonNode> all = objects(row.path());
            List<String> expected = new ArrayList<>();
            all.stream()
                    .filter(row.expected())
                    .forEach(o -> expected.add(o.path("id").asText()));
            List<String> actual = searchAll(row.path(), row.query(), 100, 10);
            assertEquals(expected, actual, row.path() + " " + row.query());
        }
        // The table is not vacuous: most rows select some but not all objects.
        assertFalse(searchAll("customers", "name~\"son\"", 100, 5).isEmpty());
        assertFalse(searchAll("customers", "metadata['tier']:'gold'", 100, 5).isEmpty());
        int someButNotAll = 0;
        for (Case row : cases) {
            int found = searchAll(row.path(), row.query(), 100, 10).size();
            if (found > 0 && found < emulator.count(row.path())) {
                someButNotAll++;
            }
        }
        assertTrue(someButNotAll >= cases.size() - 3, "rows selecting some but not all: " + someButNotAll);
    }

    @Test
    void refusesWhatStripeRefusesWithA400OnTheQuery() {
        Map<String, String> errors = Map.ofEntries(
                Map.entry("name~\"so\"", "Substring queries (`~`) need at least 3 characters"),
                Map.entry("name~null", "Substring queries (`~`) need at least 3 characters"),
                Map.entry("nickname:'x'", "Field `nickname` is an unsupported search field for resource `customers`"),
                Map.entry("amount>3", "Field `amount` is an unsupported search field for resource `customers`"),
                Map.entry("email>3", "Field `email` does not support the `>` operator"),
                Map.entry("metadata['a']~'abc'", "Field `metadata` does not support the `~` operator"),
                Map.entry("created:'yesterday'", "Field `created` is numeric"),
                Map.entry("created>null", "the > operator takes a number"),
                Map.entry("name:'a' AND email:'b' OR phone:'c'", "mixes AND and OR"),
                Map.entry("name:'a' OR email:'b' phone:'c'", "mixes AND and OR"),
                Map.entry("name:'a' email:'b' OR phone:'c'", "mixes AND and OR"),
                Map.entry("(name:'a')", "parentheses are not supported"),
                Map.entry("name:'a' OR (email:'b')", "parentheses are not supported"),
                Map.entry("name:bob", "string values are quoted"),
                Map.entry("name:'bob", "is not closed"),
                Map.entry("metadata:'x'", "Query metadata with a key"),
                Map.entry("name:", "expected a value"),
                Map.entry("name 'bob'", "expected an operator"),
                Map.entry("name:'a' AND ", "the query ends with AND"),
                Map.entry("name:'a'email:'b'", "expected a space, AND or OR"),
                Map.entry("   ", "the query is empty"));
        for (Map.Entry<String, String> error : errors.entrySet()) {
            EmulatorClient.Answer answer =
                    client.get("customers/search?query=" + EmulatorClient.encode(error.getKey()));
            assertEquals(400, answer.status(), error.getKey());
            assertEquals("invalid_request_error", answer.error().path("type").asText());
            assertEquals("query", answer.error().path("param").asText(), error.getKey());
            String message = answer.error().path("message").asText();
            assertTrue(message.contains(error.getValue()), error.getKey() + " → " + message);
        }
        EmulatorClient.Answer boolError = client.get("charges/search?query=" + EmulatorClient.encode("refunded:'yes'"));
        assertEquals(400, boolError.status());
        assertTrue(boolError.error().path("message").asText().contains("takes true or false"));
        StringBuilder eleven = new StringBuilder("name:'a'");
        for (int i = 0; i < 10; i++) {
            eleven.append(" OR name:'a").append(i).append('\'');
        }
        EmulatorClient.Answer tooMany =
                client.get("customers/search?query=" + EmulatorClient.encode(eleven.toString()));
        assertEquals(400, tooMany.status());
        assertTrue(tooMany.error().path("message").asText().contains("more than 10 clauses"));
        String ten = eleven.substring(0, eleven.lastIndexOf(" OR "));
        assertEquals(
                200,
                client.get("customers/search?query=" + EmulatorClient.encode(ten))
                        .status());
        // Clauses that are not for this object's fields: charges have no email.
        assertEquals(
                400,
                client.get("charges/search?query=" + EmulatorClient.encode("email:'a@b.c'"))
                        .status());
    }

    @Test
    void checksItsParametersAsTheListEndpointsDo() {
        EmulatorClient.Answer missing = client.get("customers/search");
        assertEquals(400, missing.status());
        assertEquals(
                "Missing required param: query.",
                missing.error().path("message").asText());
        assertEquals("query", missing.error().path("param").asText());
        assertEquals(400, client.get("customers/search?query=").status(), "an empty query counts as absent");
        String query = "query=" + EmulatorClient.encode("name~'son'");
        EmulatorClient.Answer zero = client.get("customers/search?" + query + "&limit=0");
        assertEquals(400, zero.status());
        assertEquals("limit", zero.error().path("param").asText());
        assertEquals(400, client.get("customers/search?" + query + "&limit=101").status());
        assertEquals(200, client.get("customers/search?" + query + "&limit=100").status());
        EmulatorClient.Answer unknown = client.get("customers/search?" + query + "&starting_after=cus_1");
        assertEquals(400, unknown.status());
        assertEquals("parameter_unknown", unknown.error().path("code").asText());
        assertEquals(
                200,
                client.get("customers/search?" + query + "&expand[]=data.default_source")
                        .status());
        EmulatorClient.Answer defaults = client.get("customers/search?query=" + EmulatorClient.encode("created>0"));
        assertEquals(10, defaults.ids().size(), "the default limit is 10");
        assertTrue(defaults.hasMore());
        assertFalse(defaults.body().has("total_count"), "total_count only when expanded");
        EmulatorClient.Answer counted =
                client.get("customers/search?query=" + EmulatorClient.encode("created>0") + "&expand[]=total_count");
        assertEquals(120, counted.body().path("total_count").asInt());
        // Not a search endpoint: refunds have none, and search is read only.
        assertEquals(404, client.get("refunds/search").status());
        assertNotEquals(200, client.post("customers/search", List.of()).status());
    }

    @Test
    void pagesThroughNextPageWithoutLosingOrRepeatingObjects() {
        String query = "email~\"example\"";
        List<String> expected = new ArrayList<>();
        objects("customers").stream()
                .filter(c -> containsIgnoringCase(text(c, "email"), "example"))
                .forEach(c -> expected.add(c.path("id").asText()));
        assertTrue(expected.size() > 20);
        List<String> paged = searchAll("customers", query, 7, 40);
        assertEquals(expected, paged);
        assertEquals(expected.size(), new HashSet<>(paged).size());

        EmulatorClient.Answer first = client.get("customers/search?limit=7&query=" + EmulatorClient.encode(query));
        String token = first.body().path("next_page").asText();
        EmulatorClient.Answer again = client.get("customers/search?limit=7&query=" + EmulatorClient.encode(query)
                + "&page=" + EmulatorClient.encode(token));
        assertEquals(expected.subList(7, 14), again.ids(), "the same token gives the same page");
        assertEquals(
                token,
                client.get("customers/search?limit=7&query=" + EmulatorClient.encode(query))
                        .body()
                        .path("next_page")
                        .asText());

        EmulatorClient.Answer otherQuery = client.get("customers/search?limit=7&query="
                + EmulatorClient.encode("email~\"test\"") + "&page=" + EmulatorClient.encode(token));
        assertEquals(400, otherQuery.status());
        assertEquals("page", otherQuery.error().path("param").asText());
        EmulatorClient.Answer garbage =
                client.get("customers/search?limit=7&query=" + EmulatorClient.encode(query) + "&page=not-a-token!");
        assertEquals(400, garbage.status());
        assertEquals("page", garbage.error().path("param").asText());
    }

    @Test
    void aPageTokenStaysValidWhileObjectsAreCreated() {
        try (StripeEmulator own = StripeEmulator.builder().seed(3).customers(40).start()) {
            EmulatorClient local = new EmulatorClient(own);
            String query = EmulatorClient.encode("created>0");
            EmulatorClient.Answer first = local.get("customers/search?limit=5&query=" + query);
            assertEquals(
                    200,
                    local.post("customers", List.of(Map.entry("email", "new@example.com")))
                            .status());
            EmulatorClient.Answer second = local.get("customers/search?limit=5&query=" + query + "&page="
                    + EmulatorClient.encode(first.body().path("next_page").asText()));
            List<String> ids = new ArrayList<>();
            own.objects("customers")
                    .forEach(c -> ids.add(c.toJackson().path("id").asText()));
            // The new customer comes first in the list now; the second page still follows the first.
            assertEquals(ids.subList(6, 11), second.ids());
            assertEquals(ids.subList(1, 6), first.ids());
        }
    }

    @Test
    void anIndexingLagHidesNewObjectsAndKeepsUpdatedOnesFindableByTheirPreviousState() {
        ManualClock clock = new ManualClock(NOW);
        try (StripeEmulator own = StripeEmulator.builder()
                .sizes(DataSizes.tiny())
                .clock(clock)
                .searchIndexingLag(Duration.ofSeconds(60))
                .start()) {
            assertEquals(Duration.ofSeconds(60), own.searchIndexingLag());
            EmulatorClient local = new EmulatorClient(own);
            EmulatorClient.Answer created = local.post(
                    "customers", List.of(Map.entry("email", "lag@x.example"), Map.entry("name", "Old Name")));
            String id = created.body().path("id").asText();
            String byEmail = "customers/search?query=" + EmulatorClient.encode("email:'lag@x.example'");
            assertEquals(List.of(), local.get(byEmail).ids(), "not indexed yet");
            assertEquals(id, local.get("customers?limit=1").ids().get(0), "the list has it at once");
            clock.advance(Duration.ofSeconds(59));
            assertEquals(List.of(), local.get(byEmail).ids(), "59 s later: still not");
            clock.advance(Duration.ofSeconds(2));
            assertEquals(List.of(id), local.get(byEmail).ids(), "61 s later: found");

            assertEquals(
                    200,
                    local.post("customers/" + id, List.of(Map.entry("name", "New Name")))
                            .status());
            String byOldName = "customers/search?query=" + EmulatorClient.encode("name:'old name'");
            String byNewName = "customers/search?query=" + EmulatorClient.encode("name:'new name'");
            EmulatorClient.Answer stale = local.get(byOldName);
            assertEquals(List.of(id), stale.ids(), "matched by its previous indexed state");
            assertEquals(
                    "New Name", stale.body().path("data").get(0).path("name").asText(), "answered as it is");
            assertEquals(List.of(), local.get(byNewName).ids());
            clock.advance(Duration.ofSeconds(61));
            assertEquals(List.of(), local.get(byOldName).ids());
            assertEquals(List.of(id), local.get(byNewName).ids());

            assertEquals(200, local.delete("customers/" + id).status());
            assertEquals(List.of(), local.get(byNewName).ids(), "a deleted object is gone from search at once");

            own.setSearchIndexingLag(Duration.ZERO);
            String other = local.post("customers", List.of(Map.entry("email", "now@x.example")))
                    .body()
                    .path("id")
                    .asText();
            assertEquals(
                    List.of(other),
                    local.get("customers/search?query=" + EmulatorClient.encode("email:'now@x.example'"))
                            .ids());
        }
    }

    @Test
    void searchHasItsOwnBudgetAndAppearsInTheRequestLog() {
        ManualClock clock = new ManualClock(NOW);
        try (StripeEmulator own = StripeEmulator.builder()
                .sizes(DataSizes.tiny())
                .clock(clock)
                .requestsPerSecond(1)
                .searchRequestsPerSecond(2)
                .start()) {
            assertEquals(2, own.searchRequestsPerSecond());
            EmulatorClient local = new EmulatorClient(own);
            String search = "customers/search?query=" + EmulatorClient.encode("created>0");
            assertEquals(200, local.get("customers").status());
            assertEquals(429, local.get("customers").status(), "the list budget is spent");
            assertEquals(200, local.get(search).status(), "searches do not spend the list budget");
            assertEquals(200, local.get(search).status());
            EmulatorClient.Answer limited = local.get(search);
            assertEquals(429, limited.status());
            assertEquals("rate_limit", limited.error().path("code").asText());
            assertNull(limited.header("Retry-After"), "a token bucket, like Stripe, says no Retry-After");
            clock.advance(Duration.ofMillis(500));
            assertEquals(200, local.get(search).status());

            own.setSlidingWindowSearchBudget(true);
            assertTrue(own.slidingWindowSearchBudget());
            assertEquals(200, local.get(search).status());
            assertEquals(200, local.get(search).status());
            EmulatorClient.Answer strict = local.get(search);
            assertEquals(429, strict.status());
            assertEquals("1", strict.header("Retry-After"));

            own.setSearchRequestsPerSecond(0);
            for (int i = 0; i < 5; i++) {
                assertEquals(200, local.get(search).status());
            }
            List<RecordedRequest> log = own.requestLog();
            RecordedRequest last = log.get(log.size() - 1);
            assertEquals("/v1/customers/search", last.path());
            assertEquals(List.of(Map.entry("query", "created>0")), last.queryParameters());
            assertEquals(3, log.stream().filter(r -> r.status() == 429).count(), "one list and two search 429s");
        }
    }

    @Test
    void ignoringListFiltersMakesSearchAnswerEveryObjectAfterCheckingTheQuery() {
        try (StripeEmulator own =
                StripeEmulator.builder().sizes(DataSizes.tiny()).start()) {
            EmulatorClient local = new EmulatorClient(own);
            String nobody =
                    "customers/search?limit=100&query=" + EmulatorClient.encode("email:'nobody@nowhere.example'");
            assertEquals(List.of(), local.get(nobody).ids());
            own.setIgnoreListFilters(true);
            List<String> all = new ArrayList<>();
            own.objects("customers")
                    .forEach(c -> all.add(c.toJackson().path("id").asText()));
            assertEquals(all, local.get(nobody).ids(), "every customer: a client must filter again");
            assertEquals(
                    400,
                    local.get("customers/search?query=" + EmulatorClient.encode("name~'ab'"))
                            .status());
        }
    }

    @Test
    void theCommandLineSetsTheSearchBudgetAndLag() {
        StripeEmulator.Builder builder = StripeEmulatorMain.parse(
                new String[] {
                    "--customers",
                    "5",
                    "--search-requests-per-second",
                    "20",
                    "--sliding-window-search-budget",
                    "--search-indexing-lag-ms",
                    "60000"
                },
                System.out);
        try (StripeEmulator built = builder.build()) {
            assertEquals(20, built.searchRequestsPerSecond());
            assertTrue(built.slidingWindowSearchBudget());
            assertEquals(Duration.ofSeconds(60), built.searchIndexingLag());
            assertEquals(0, built.requestsPerSecond(), "the list budget is another one");
        }
    }
}
