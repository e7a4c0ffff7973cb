package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.testkit.Sql.col;
import static org.stripejdbc.testkit.Sql.context;
import static org.stripejdbc.testkit.Sql.in;
import static org.stripejdbc.testkit.Sql.where;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.testkit.Sql;
import org.stripejdbc.testkit.Tables;

/** Concurrent retrieves of {@link RetrieveScanIterator}: order, errors, close and cancellation. */
class RetrieveScanIteratorTest {
    private final FakeStripeClient client = new FakeStripeClient();

    private StripeScanPlan plan(int parallelism, String... ids) {
        client.add("customers", FakeStripeClient.customers(5, 1_700_000_000L));
        StripeTableSource source = new StripeTableSource(
                Tables.define("customers", "customers", "id text"), client, new FakeConstantEvaluator(), parallelism);
        return source.plan(where(in(col("id"), Arrays.stream(ids).map(Sql::text).toArray(Expr[]::new))));
    }

    @Test
    void workerErrorReachesTheCaller() {
        client.failRetrieveOf("cus_002");
        RowIterator rows = plan(4, "cus_001", "cus_002", "cus_003").open(context(), -1);
        assertTrue(rows.next());
        StripeJdbcException error = assertThrows(StripeJdbcException.class, rows::next);
        assertEquals(SqlState.CONNECTION_FAILURE, error.sqlState());
        assertEquals("Stripe answered 500 for cus_002", error.getMessage());
        assertFalse(rows.next(), "a failed scan is closed");
    }

    @Test
    void closeInterruptsRetrievesStillRunning() throws InterruptedException {
        client.blockRetrieveOf("cus_003");
        RowIterator rows = plan(4, "cus_001", "cus_003").open(context(), -1);
        assertTrue(rows.next());
        assertEquals("cus_001", rows.current()[0]);
        assertTrue(client.blockedRetrieveStarted.await(5, TimeUnit.SECONDS));
        rows.close();
        assertTrue(client.blockedRetrieveInterrupted.await(5, TimeUnit.SECONDS), "close() cancels the retrieve");
        assertFalse(rows.next());
    }

    @Test
    void cancellationIsNoticedWhileWaiting() throws InterruptedException {
        client.blockRetrieveOf("cus_001");
        AtomicBoolean cancelled = new AtomicBoolean();
        QueryControl control = () -> {
            if (cancelled.get()) {
                throw new StripeJdbcException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        };
        ExecutionContext context = new ExecutionContext(List.of(), Instant.now(), 0, control, null);
        RowIterator rows = plan(2, "cus_001", "cus_002").open(context, -1);
        Thread canceller = new Thread(() -> {
            try {
                if (client.blockedRetrieveStarted.await(5, TimeUnit.SECONDS)) {
                    cancelled.set(true);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        canceller.start();
        StripeJdbcException error = assertThrows(StripeJdbcException.class, rows::next);
        assertEquals(SqlState.QUERY_CANCELED, error.sqlState());
        assertTrue(client.blockedRetrieveInterrupted.await(5, TimeUnit.SECONDS));
        canceller.join(5000);
    }

    @Test
    void parallelismOfOneRunsOnTheCallingThreadOneAtATime() {
        RowIterator rows = plan(1, "cus_001", "cus_002", "cus_003").open(context(), -1);
        assertTrue(rows.next());
        assertEquals(1, client.requests().size(), "the second retrieve waits for the second row");
        assertEquals(List.of("cus_002", "cus_003"), Tables.ids(Tables.drain(rows)));
        String caller = Thread.currentThread().getName();
        assertTrue(client.calls().stream().allMatch(call -> call.thread().equals(caller)));
    }

    @Test
    void idsThatAreAllMissingGiveNoRows() {
        assertEquals(List.of(), Tables.drain(plan(8, "cus_900", "cus_901").open(context(), -1)));
        assertEquals(2, client.requests().size());
    }
}
