package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.testkit.Await;

class PageBufferTest {
    private static final List<Object[]> PAGE = List.<Object[]>of(new Object[] {"cus_1"});

    /**
     * A walker asking {@code buffer} for a slot on a thread of its own; its answer completes {@code answer} (true on
     * interruption, which the tests never cause).
     */
    private static Thread askForASlot(PageBuffer buffer, CompletableFuture<Boolean> answer) {
        Thread walker = new Thread(
                () -> {
                    try {
                        answer.complete(buffer.acquireSlot());
                    } catch (InterruptedException e) {
                        answer.complete(true);
                    }
                },
                "page-buffer-test-walker");
        walker.start();
        return walker;
    }

    /**
     * Whether a walker asking for a slot now has to wait: a thread asks, and the answer is known once it either got
     * the slot or is waiting on the buffer (at most {@link Await#DEFAULT_TIMEOUT}); a waiting thread is released by
     * closing.
     */
    private static boolean mustWait(PageBuffer buffer) throws Exception {
        int before = buffer.slotsInUse();
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Thread walker = askForASlot(buffer, answer);
        Await.until(
                "the walker either got a slot or waits for one",
                () -> buffer.slotsInUse() > before || walker.getState() == Thread.State.WAITING);
        if (buffer.slotsInUse() > before) {
            assertTrue(answer.get(5, TimeUnit.SECONDS));
            return false;
        }
        buffer.close();
        assertFalse(answer.get(5, TimeUnit.SECONDS), "a walker woken by close gets no slot");
        return true;
    }

    @Test
    void slotsOpenOneMorePerPageTakenUpToTheCapacity() throws Exception {
        PageBuffer buffer = new PageBuffer(4, 2);
        assertTrue(buffer.acquireSlot());
        assertTrue(buffer.acquireSlot());
        buffer.put(PAGE);
        buffer.put(PAGE);
        assertEquals(2, buffer.slotsInUse());
        assertSame(PAGE, buffer.take(1, TimeUnit.SECONDS));
        // One slot freed and one more opened: two requests may go out.
        assertTrue(buffer.acquireSlot());
        assertTrue(buffer.acquireSlot());
        assertEquals(3, buffer.slotsInUse());
        buffer.take(1, TimeUnit.SECONDS);
        assertTrue(buffer.acquireSlot());
        assertTrue(buffer.acquireSlot());
        // Capacity reached: four slots in use, the fifth waits.
        assertEquals(4, buffer.slotsInUse());
        assertTrue(mustWait(buffer));
    }

    @Test
    void aReleasedSlotIsFreeAgain() throws Exception {
        PageBuffer buffer = new PageBuffer(1, 1);
        assertTrue(buffer.acquireSlot());
        buffer.releaseSlot();
        assertFalse(mustWait(buffer));
        assertEquals(1, buffer.slotsInUse());
    }

    @Test
    void takeTimesOutThenSeesPagesThenTheEnd() throws Exception {
        PageBuffer buffer = new PageBuffer(2, 2);
        assertNull(buffer.take(1, TimeUnit.MILLISECONDS));
        buffer.acquireSlot();
        buffer.put(PAGE);
        buffer.finish();
        assertSame(PAGE, buffer.take(1, TimeUnit.SECONDS));
        assertSame(PageBuffer.END, buffer.take(1, TimeUnit.SECONDS));
    }

    @Test
    void aFailureComesBeforeQueuedPagesAndStopsTheWalkers() throws Exception {
        PageBuffer buffer = new PageBuffer(2, 2);
        buffer.acquireSlot();
        buffer.put(PAGE);
        StripeJdbcException failure = new StripeJdbcException(SqlState.CONNECTION_FAILURE, "Stripe answered 500");
        buffer.fail(failure);
        assertSame(failure, assertThrows(StripeJdbcException.class, () -> buffer.take(1, TimeUnit.SECONDS)));
        assertFalse(buffer.acquireSlot());
    }

    @Test
    void closeDropsPagesAndWakesWaitingWalkers() throws Exception {
        PageBuffer buffer = new PageBuffer(1, 1);
        buffer.acquireSlot();
        CompletableFuture<Boolean> waiting = new CompletableFuture<>();
        Await.waiting(askForASlot(buffer, waiting));
        buffer.close();
        assertFalse(waiting.get(5, TimeUnit.SECONDS));
        buffer.put(PAGE);
        assertEquals(0, buffer.queuedPages());
    }

    @Test
    void invalidSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PageBuffer(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PageBuffer(2, 3));
    }
}
