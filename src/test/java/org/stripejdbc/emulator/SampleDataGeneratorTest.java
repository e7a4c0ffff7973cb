package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stripejdbc.stripe.objects.StripeColumn;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;

class SampleDataGeneratorTest {
    private static final long END = StripeEmulator.DEFAULT_DATA_END.getEpochSecond();
    private static AccountData data;
    private static Map<String, Map<String, JsonNode>> byId;

    @BeforeAll
    static void generate() {
        data = SampleDataGenerator.generate(42, DataSizes.defaults(), END, null);
        byId = new HashMap<>();
        for (ObjectCollection collection : data.collections()) {
            Map<String, JsonNode> objects = new HashMap<>();
            for (StoredObject object : collection.newestFirst()) {
                objects.put(object.id(), object.tree());
            }
            byId.put(collection.type().path(), objects);
        }
    }

    private static Map<String, JsonNode> all(String path) {
        return byId.get(path);
    }

    private static JsonNode get(String path, String id) {
        JsonNode node = all(path).get(id);
        assertNotNull(node, path + " has no " + id);
        return node;
    }

    @Test
    void generatesEveryRegistryObjectWithItsIdPrefix() {
        for (StripeObject meta : StripeObjects.all()) {
            if (meta.shape() == StripeObject.Shape.BALANCE || meta.parent() != null) {
                continue; // a child table's list is served from its parent (ChildTablesJdbcTest)
            }
            EmulatedObject type = EmulatedObjects.require(meta.object());
            Map<String, JsonNode> objects = all(meta.object());
            assertFalse(objects.isEmpty(), meta.object() + " has sample data");
            for (Map.Entry<String, JsonNode> entry : objects.entrySet()) {
                String id = entry.getKey();
                assertTrue(
                        id.startsWith(type.idPrefix())
                                && id.length() == type.idPrefix().length() + type.idLength(),
                        meta.object() + " id " + id);
                assertEquals(type.objectType(), entry.getValue().path("object").asText(), id);
                if (meta.apiVersion() == null || entry.getValue().has("livemode")) {
                    assertFalse(entry.getValue().path("livemode").asBoolean(true), id + " livemode");
                }
            }
        }
        assertEquals(300, all("customers").size());
        assertEquals(150, all("subscriptions").size());
        assertEquals(
                92, StripeObjects.all().stream().filter(o -> o.parent() == null).count());
        assertTrue(all("accounts").keySet().stream().allMatch(id -> id.startsWith("acct_")));
        assertTrue(all("checkout/sessions").keySet().stream().allMatch(id -> id.startsWith("cs_test_")));
    }

    @Test
    void everyRegistryColumnHasItsJsonType() {
        for (StripeObject meta : StripeObjects.all()) {
            if (meta.shape() == StripeObject.Shape.BALANCE || meta.parent() != null) {
                continue; // a child table's list is served from its parent (ChildTablesJdbcTest)
            }
            for (JsonNode object : all(meta.object()).values()) {
                for (StripeColumn column : meta.columns()) {
                    JsonNode value = object.get(column.name());
                    String where = meta.object() + "." + column.name() + " of "
                            + object.path("id").asText();
                    assertNotNull(value, where + " is present");
                    if (value.isNull()) {
                        continue;
                    }
                    switch (column.type()) {
                        case TEXT:
                            assertTrue(value.isTextual(), where + " is a string: " + value);
                            break;
                        case BIGINT:
                        case TIMESTAMP:
                            assertTrue(value.isIntegralNumber(), where + " is an integer: " + value);
                            break;
                        case BOOLEAN:
                            assertTrue(value.isBoolean(), where + " is a boolean: " + value);
                            break;
                        case NUMERIC:
                            // A decimal string ("12.50", as Stripe sends unit_amount_decimal) or a JSON number.
                            assertTrue(
                                    value.isNumber() || value.asText().matches("-?[0-9]+(\\.[0-9]+)?"),
                                    where + " is a decimal: " + value);
                            break;
                        default:
                            throw new AssertionError("unexpected registry type " + column.type());
                    }
                }
            }
        }
    }

    @Test
    void relatesObjectsLikeARealAccount() {
        for (JsonNode charge : all("charges").values()) {
            JsonNode intent =
                    get("payment_intents", charge.path("payment_intent").asText());
            assertEquals(
                    charge.path("id").asText(), intent.path("latest_charge").asText());
            assertEquals(intent.path("customer"), charge.path("customer"));
            assertEquals(intent.path("amount"), charge.path("amount"));
            if (!charge.path("invoice").isNull()) {
                assertEquals(
                        charge.path("id").asText(),
                        get("invoices", charge.path("invoice").asText())
                                .path("charge")
                                .asText());
            }
            if (!charge.path("customer").isNull()) {
                get("customers", charge.path("customer").asText());
            }
            if (!charge.path("balance_transaction").isNull()) {
                assertEquals(
                        charge.path("id").asText(),
                        get(
                                        "balance_transactions",
                                        charge.path("balance_transaction").asText())
                                .path("source")
                                .asText());
            }
        }
        long refundedSum = 0;
        for (JsonNode refund : all("refunds").values()) {
            JsonNode charge = get("charges", refund.path("charge").asText());
            assertEquals(charge.path("payment_intent"), refund.path("payment_intent"));
            assertEquals(charge.path("currency"), refund.path("currency"));
            assertTrue(refund.path("amount").asLong() <= charge.path("amount").asLong());
            assertTrue(refund.path("created").asLong() >= charge.path("created").asLong());
            refundedSum += refund.path("status").asText().equals("failed")
                    ? 0
                    : refund.path("amount").asLong();
        }
        assertEquals(
                refundedSum,
                all("charges").values().stream()
                        .mapToLong(c -> c.path("amount_refunded").asLong())
                        .sum());
        for (JsonNode dispute : all("disputes").values()) {
            assertTrue(get("charges", dispute.path("charge").asText())
                    .path("disputed")
                    .asBoolean());
        }
        for (JsonNode subscription : all("subscriptions").values()) {
            JsonNode customer = get("customers", subscription.path("customer").asText());
            assertTrue(subscription.path("created").asLong()
                    >= customer.path("created").asLong());
            assertFalse(subscription.path("items").path("data").isEmpty());
            for (JsonNode item : subscription.path("items").path("data")) {
                JsonNode price = get("prices", item.path("price").path("id").asText());
                assertEquals("recurring", price.path("type").asText());
                assertEquals(subscription.path("currency"), price.path("currency"));
            }
            JsonNode invoice =
                    get("invoices", subscription.path("latest_invoice").asText());
            assertEquals(subscription.path("id"), invoice.path("subscription"));
            assertEquals(subscription.path("customer"), invoice.path("customer"));
            assertTrue(subscription.path("current_period_start").asLong()
                    < subscription.path("current_period_end").asLong());
        }
        for (JsonNode invoice : all("invoices").values()) {
            get("customers", invoice.path("customer").asText());
            assertEquals(
                    SampleDataGenerator.PLATFORM_NAME,
                    invoice.path("account_name").asText());
            long lines = 0;
            for (JsonNode line : invoice.path("lines").path("data")) {
                lines += line.path("amount").asLong();
                get("prices", line.path("price").path("id").asText());
            }
            assertEquals(
                    invoice.path("total").asLong(), lines, invoice.path("id").asText());
            if (!invoice.path("subscription").isNull()) {
                get("subscriptions", invoice.path("subscription").asText());
            }
        }
        for (JsonNode price : all("prices").values()) {
            get("products", price.path("product").asText());
        }
        for (JsonNode product : all("products").values()) {
            if (!product.path("default_price").isNull()) {
                assertEquals(
                        product.path("id"),
                        get("prices", product.path("default_price").asText()).path("product"));
            }
        }
        for (JsonNode attempt : all("setup_attempts").values()) {
            assertEquals(
                    attempt.path("customer"),
                    get("setup_intents", attempt.path("setup_intent").asText()).path("customer"));
        }
        for (JsonNode intent : all("setup_intents").values()) {
            if (!intent.path("latest_attempt").isNull()) {
                assertEquals(
                        intent.path("id"),
                        get("setup_attempts", intent.path("latest_attempt").asText())
                                .path("setup_intent"));
            }
            if (!intent.path("mandate").isNull()) {
                assertEquals(
                        intent.path("payment_method"),
                        get("mandates", intent.path("mandate").asText()).path("payment_method"));
            }
        }
        for (JsonNode link : all("file_links").values()) {
            get("files", link.path("file").asText());
        }
        for (JsonNode transfer : all("transfers").values()) {
            get("accounts", transfer.path("destination").asText());
        }
        for (JsonNode session : all("checkout/sessions").values()) {
            for (String[] relation : new String[][] {
                {"payment_intent", "payment_intents"},
                {"subscription", "subscriptions"},
                {"setup_intent", "setup_intents"},
                {"customer", "customers"}
            }) {
                if (!session.path(relation[0]).isNull()) {
                    get(relation[1], session.path(relation[0]).asText());
                }
            }
        }
        Map<String, String> sources = Map.of(
                "ch_",
                "charges",
                "re_",
                "refunds",
                "po_",
                "payouts",
                "tu_",
                "topups",
                "tr_",
                "transfers",
                "dp_",
                "disputes");
        for (JsonNode transaction : all("balance_transactions").values()) {
            String source = transaction.path("source").asText();
            get(sources.get(source.substring(0, source.indexOf('_') + 1)), source);
            assertEquals(
                    transaction.path("amount").asLong()
                            - transaction.path("fee").asLong(),
                    transaction.path("net").asLong());
        }
        for (JsonNode event : all("events").values()) {
            JsonNode object = event.path("data").path("object");
            String path = EmulatedObjects.all().stream()
                    .filter(t -> t.objectType().equals(object.path("object").asText()))
                    .findFirst()
                    .orElseThrow()
                    .path();
            get(path, object.path("id").asText());
            assertEquals(event.path("created"), object.path("created"), "an event shares its object's second");
        }
    }

    @Test
    void hasTheVarietyTheFiltersNeed() {
        assertEquals(
                Set.of("active", "past_due", "unpaid", "canceled", "incomplete_expired", "trialing"),
                values("subscriptions", "status").stream()
                        .filter(s -> !s.equals("paused") && !s.equals("incomplete"))
                        .collect(Collectors.toSet()));
        assertTrue(values("prices", "active").containsAll(Set.of("true", "false")));
        assertEquals(Set.of("one_time", "recurring"), values("prices", "type"));
        assertTrue(values("prices", "currency").size() >= 3);
        assertTrue(values("products", "active").containsAll(Set.of("true", "false")));
        assertTrue(values("invoices", "status").containsAll(Set.of("paid", "open", "draft", "void")));
        assertTrue(values("events", "type").size() >= 10);
        assertTrue(values("charges", "status").containsAll(Set.of("succeeded", "failed")));
        assertTrue(values("payouts", "status").size() >= 2);
        assertTrue(values("balance_transactions", "type").containsAll(Set.of("charge", "refund", "payout")));
        assertTrue(values("checkout/sessions", "mode").containsAll(Set.of("payment", "subscription", "setup")));
        Map<String, Integer> emails = new HashMap<>();
        all("customers").values().forEach(c -> emails.merge(c.path("email").asText(), 1, Integer::sum));
        assertTrue(emails.values().stream().anyMatch(n -> n > 1), "some customers share an email");
    }

    private static Set<String> values(String path, String field) {
        Set<String> values = new HashSet<>();
        all(path).values().forEach(node -> values.add(node.path(field).asText()));
        return values;
    }

    @Test
    void putsManyObjectsInTheSameSecondOverTwoYears() {
        for (String path : List.of("customers", "charges", "invoices", "events")) {
            Map<Long, Integer> perSecond = new HashMap<>();
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (StoredObject object : data.collection(path).newestFirst()) {
                perSecond.merge(object.created(), 1, Integer::sum);
                min = Math.min(min, object.created());
                max = Math.max(max, object.created());
            }
            assertTrue(perSecond.values().stream().anyMatch(n -> n >= 3), path + " has a second with 3+ objects");
            assertTrue(max <= END, path + " newest");
            assertTrue(min >= END - Timeline.TWO_YEARS - 400 * 86_400L, path + " oldest");
            assertTrue(max - min > 365 * 86_400L, path + " spans more than a year");
        }
    }

    @Test
    void indexesWhatTheStoredJsonSays() {
        for (ObjectCollection collection : data.collections()) {
            for (StoredObject object : collection.newestFirst()) {
                String[][] reread = collection.type().extractFilterValues(object.tree());
                for (int i = 0; i < reread.length; i++) {
                    assertArrayEquals(
                            reread[i],
                            object.filterValues()[i],
                            object.id() + " filter "
                                    + collection.type().filters().get(i).name());
                }
            }
        }
    }

    @Test
    void hasABalanceInUsdAndEur() {
        JsonNode balance = EmulatorJson.parseObject(data.balance());
        assertEquals("balance", balance.path("object").asText());
        for (String kind : List.of("available", "pending")) {
            List<String> currencies = new ArrayList<>();
            for (JsonNode entry : balance.path(kind)) {
                currencies.add(entry.path("currency").asText());
                assertTrue(entry.path("amount").isIntegralNumber());
            }
            assertEquals(List.of("usd", "eur"), currencies, kind);
        }
    }

    @Test
    void isDeterministicWithTheSeed() {
        AccountData again = SampleDataGenerator.generate(42, DataSizes.defaults(), END, null);
        AccountData other = SampleDataGenerator.generate(43, DataSizes.defaults(), END, null);
        for (int i = 0; i < data.collections().size(); i++) {
            Iterator<StoredObject> expected =
                    data.collections().get(i).newestFirst().iterator();
            Iterator<StoredObject> actual =
                    again.collections().get(i).newestFirst().iterator();
            while (expected.hasNext()) {
                StoredObject left = expected.next();
                StoredObject right = actual.next();
                assertEquals(left.key(), right.key());
                assertArrayEquals(left.json(), right.json());
            }
            assertFalse(actual.hasNext());
        }
        assertArrayEquals(data.balance(), again.balance());
        assertEquals(data.accountId(), again.accountId());
        assertNotEquals(
                data.collection("customers").newestFirst().iterator().next().id(),
                other.collection("customers").newestFirst().iterator().next().id());
    }

    @Test
    void generatesEmptyAndTinyAccounts() {
        AccountData empty =
                SampleDataGenerator.generate(1, new DataSizes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), END, null);
        assertEquals(0, empty.collection("customers").size());
        assertEquals(
                2, EmulatorJson.parseObject(empty.balance()).path("available").size());
        AccountData tiny = SampleDataGenerator.generate(1, DataSizes.tiny(), END, null);
        assertEquals(12, tiny.collection("customers").size());
        assertEquals(8, tiny.collection("subscriptions").size());
    }

    @Test
    @Tag("slow")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void generatesOneHundredThousandCustomers() {
        AccountData large = SampleDataGenerator.generate(7, DataSizes.forCustomers(100_000), END, null);
        assertEquals(100_000, large.collection("customers").size());
        ObjectCollection.Page page = large.collection("customers").list(ListQuery.all(100));
        assertEquals(100, page.data().size());
        assertTrue(page.hasMore());
        assertTrue(large.collection("subscriptions").size() > 5_000);
    }
}
