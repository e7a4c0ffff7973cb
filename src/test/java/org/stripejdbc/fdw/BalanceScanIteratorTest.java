package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.testkit.Sql.context;
import static org.stripejdbc.testkit.Tables.drain;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.testkit.Fixtures;
import org.stripejdbc.testkit.Tables;

/** The balance object as rows: every entry of available, then of pending (§9 row 7). */
class BalanceScanIteratorTest {
    private final FakeStripeClient client = new FakeStripeClient();
    private final ForeignTableDefinition table = Tables.define(
            "balance", "balance", "balance_type text, amount bigint, currency text, source_types jsonb, attrs jsonb");

    private StripeScanPlan plan() {
        return new StripeTableSource(table, client, new FakeConstantEvaluator()).plan(List.of());
    }

    @Test
    void oneRowPerEntryOfEveryCurrency() {
        client.singleton("balance", Fixtures.json("objects/balance.json"));
        List<Object[]> rows = drain(plan().open(context(), -1));
        assertEquals(
                List.of(
                        "balance_type=available; amount=666670; currency=usd; source_types={\"card\": 666670}",
                        "balance_type=available; amount=1200; currency=eur; source_types={\"card\": 1200}",
                        "balance_type=pending; amount=61414; currency=usd; source_types={\"card\": 61414}"),
                Tables.render(table, rows));
        assertEquals(
                Json.parse("{\"amount\":1200,\"currency\":\"eur\",\"source_types\":{\"card\":1200},"
                        + "\"balance_type\":\"available\"}"),
                rows.get(1)[4]);
        assertEquals(List.of("GET balance"), client.requests());
    }

    @Test
    void requestWaitsForTheFirstRowAndHonoursTheLimit() {
        client.singleton("balance", Fixtures.json("objects/balance.json"));
        try (RowIterator rows = plan().open(context(), 2)) {
            assertEquals(List.of(), client.requests());
            assertTrue(rows.next());
            assertTrue(rows.next());
            assertFalse(rows.next());
        }
        assertEquals(List.of("GET balance"), client.requests());
    }

    @Test
    void emptyArraysGiveNoRow() {
        client.singleton("balance", Json.parse("{\"object\":\"balance\",\"available\":[],\"pending\":[]}"));
        assertEquals(List.of(), drain(plan().open(context(), -1)));
    }

    @Test
    void missingArrayIsAnInvalidResponse() {
        client.singleton("balance", Json.parse("{\"object\":\"balance\",\"available\":[]}"));
        RowIterator rows = plan().open(context(), -1);
        StripeJdbcException error = assertThrows(StripeJdbcException.class, rows::next);
        assertEquals(SqlState.FDW_ERROR, error.sqlState());
        assertEquals(
                "invalid response from Stripe for stripe.balance: the balance object has no \"pending\" array",
                error.getMessage());
    }

    @Test
    void entryThatIsNotAnObjectIsAnInvalidResponse() {
        client.singleton("balance", Json.parse("{\"object\":\"balance\",\"available\":[5],\"pending\":[]}"));
        StripeJdbcException error = assertThrows(StripeJdbcException.class, () -> drain(plan().open(context(), -1)));
        assertTrue(error.getMessage().startsWith("invalid response"), error.getMessage());
    }

    @Test
    void limitZeroMakesNoRequest() {
        assertEquals(List.of(), drain(plan().open(context(), 0)));
        assertEquals(List.of(), client.requests());
    }
}
