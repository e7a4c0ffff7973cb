package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ListQueryParserTest {

    private static ListQuery parse(String path, String query) {
        return ListQueryParser.parse(EmulatedObjects.require(path), FormCodec.parsePairs(query));
    }

    private static ApiError error(String path, String query) {
        return assertThrows(ApiErrorException.class, () -> parse(path, query)).error();
    }

    @Test
    void defaultsToTenObjectsWithoutConditions() {
        ListQuery query = parse("customers", "");
        assertEquals(10, query.limit());
        assertNull(query.startingAfter());
        assertEquals(0, query.conditions().size());
        assertEquals(Long.MIN_VALUE, query.createdMinimum());
        assertEquals(Long.MAX_VALUE, query.createdMaximum());
    }

    @Test
    void validatesTheLimit() {
        assertEquals(1, parse("customers", "limit=1").limit());
        assertEquals(100, parse("customers", "limit=100").limit());
        ApiError zero = error("customers", "limit=0");
        assertEquals(400, zero.status());
        assertEquals("limit", zero.param());
        assertEquals("invalid_request_error", zero.type());
        assertEquals("This value must be greater than or equal to 1.", zero.message());
        assertEquals(
                "This value must be less than or equal to 100.",
                error("customers", "limit=101").message());
        assertEquals("Invalid integer: ten", error("customers", "limit=ten").message());
        assertEquals("Invalid integer: 1.5", error("customers", "limit=1.5").message());
        assertEquals("limit", error("customers", "limit=-3").param());
    }

    @Test
    void rangesOnEveryRangeParameterOfTheDescription() {
        ListQuery query = parse("invoices", "due_date[gte]=100&due_date[lt]=200&due_date[gt]=150&limit=5");
        assertEquals(1, query.conditions().size());
        ListQuery.Condition due = query.conditions().get(0);
        assertTrue(due.range());
        assertEquals(151, due.minimum());
        assertEquals(199, due.maximum());
        ListQuery exact = parse("payouts", "arrival_date=300");
        assertEquals(300, exact.conditions().get(0).minimum());
        assertEquals(300, exact.conditions().get(0).maximum());
        assertEquals(
                "Invalid integer: soon", error("invoices", "due_date[gte]=soon").message());
        assertEquals("due_date[near]", error("invoices", "due_date[near]=1").param());
        ListQuery clocks = parse("issuing/cards", "created[gte]=10&status=active");
        assertEquals(10, clocks.createdMinimum());
        assertEquals(1, clocks.conditions().size());
    }

    @Test
    void acceptsTheDescriptionsOtherListParametersAndAppliesNone() {
        // GET /v1/charges takes transfer_group in the pinned version: accepted, not applied (the driver never sends
        // a parameter that is not pushable); one the endpoint does not take is still refused.
        assertEquals(
                0, parse("charges", "transfer_group=g1&limit=3").conditions().size());
        assertEquals(
                0,
                parse("subscriptions", "automatic_tax[enabled]=true&status=all")
                        .conditions()
                        .size());
        assertEquals(
                "Received unknown parameter: colour",
                error("charges", "colour=red").message());
        assertEquals(
                "Invalid status: must be one of active, canceled, or inactive",
                error("issuing/cards", "status=lost").message());
    }

    @Test
    void refusesUnknownParametersLikeStripe() {
        ApiError error = error("customers", "limit=3&foo=bar");
        assertEquals("Received unknown parameter: foo", error.message());
        assertEquals("foo", error.param());
        assertEquals("customer", error("customers", "customer=cus_1").param());
        assertEquals(
                "created[between]", error("customers", "created[between]=1").param());
        assertEquals("created", error("billing/meters", "created=1").param());
        assertEquals("created[gt]", error("billing/meters", "created[gt]=1").param());
    }

    @Test
    void ignoresExpandAndEmptyValues() {
        ListQuery query = parse("charges", "expand[]=data.customer&expand[]=data.invoice&customer=&limit=");
        assertEquals(10, query.limit());
        assertEquals(0, query.conditions().size());
    }

    @Test
    void turnsCreatedOperatorsIntoAnInclusiveRange() {
        ListQuery query = parse("customers", "created[gt]=100&created[lte]=200");
        assertEquals(101, query.createdMinimum());
        assertEquals(200, query.createdMaximum());
        query = parse("customers", "created[gte]=100&created[lt]=200&created[gte]=150");
        assertEquals(150, query.createdMinimum());
        assertEquals(199, query.createdMaximum());
        query = parse("customers", "created=123");
        assertEquals(123, query.createdMinimum());
        assertEquals(123, query.createdMaximum());
        ApiError error = error("customers", "created[gt]=yesterday");
        assertEquals("created[gt]", error.param());
        assertEquals("Invalid integer: yesterday", error.message());
    }

    @Test
    void requiresTheSetupIntentOfSetupAttempts() {
        ApiError error = error("setup_attempts", "limit=100");
        assertEquals("Missing required param: setup_intent.", error.message());
        assertEquals("setup_intent", error.param());
        assertEquals("parameter_missing", error.code());
        assertEquals(
                1, parse("setup_attempts", "setup_intent=seti_1").conditions().size());
    }

    @Test
    void refusesBothCursors() {
        ApiError error = error("customers", "starting_after=cus_1&ending_before=cus_2");
        assertTrue(error.message().contains("ending_before, starting_after"), error.message());
    }

    @Test
    void excludesCanceledSubscriptionsUnlessAskedLikeStripe() {
        ListQuery byDefault = parse("subscriptions", "");
        assertEquals(1, byDefault.conditions().size());
        Set<String> values = byDefault.conditions().get(0).values();
        assertTrue(values.contains("active") && values.contains("incomplete_expired") && !values.contains("canceled"));
        assertEquals(0, parse("subscriptions", "status=all").conditions().size());
        assertEquals(
                Set.of("canceled", "incomplete_expired"),
                parse("subscriptions", "status=ended").conditions().get(0).values());
        assertEquals(
                Set.of("canceled"),
                parse("subscriptions", "status=canceled").conditions().get(0).values());
        ApiError error = error("subscriptions", "status=deleted");
        assertEquals("status", error.param());
        assertTrue(error.message().startsWith("Invalid status: must be one of active, past_due"), error.message());
        assertTrue(error.message().endsWith("all, or ended"), error.message());
    }

    @Test
    void validatesBooleansCurrenciesAndEnumerations() {
        assertEquals("Invalid boolean: yes", error("prices", "active=yes").message());
        assertEquals(
                Set.of("usd"),
                parse("prices", "currency=USD").conditions().get(0).values());
        assertEquals("currency", error("prices", "currency=dollars").param());
        assertEquals(
                "Invalid type: must be one of one_time or recurring",
                error("prices", "type=metered").message());
        assertEquals("status", error("invoices", "status=unpaid").param());
        assertEquals("status", error("payouts", "status=done").param());
        assertEquals("status", error("topups", "status=done").param());
    }

    @Test
    void readsEventTypeWildcards() {
        ListQuery.Condition condition =
                parse("events", "type=customer.*").conditions().get(0);
        assertEquals("customer.", condition.prefix());
        assertTrue(condition.matches(new String[][] {{"customer.subscription.created"}}));
        assertTrue(!condition.matches(new String[][] {{"charge.succeeded"}}));
    }

    @Test
    void lastValueOfARepeatedParameterWins() {
        assertEquals(
                Set.of("b@x.y"),
                parse("customers", "email=a@x.y&email=b@x.y")
                        .conditions()
                        .get(0)
                        .values());
    }
}
