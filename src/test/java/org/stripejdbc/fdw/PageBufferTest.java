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

class PageBufferTest {
    private static final List<Object[]> PAGE = List.<Object[]>of(new Object[] {"cus_1"});

    /**
     * Whether a walker asking for a slot now has to wait: a thread asks, and the answer is known once it either got
     * the slot or is waiting on the buffer (polled, at most 5 s); a waiting thread is released by closing.
     */
    private static boolean mustWait(PageBuffer buffer) throws Exception {
        int before = buffer.slotsInUse();
        Thread walker = new Thread(() -> {
            try {
                buffer.acquireSlot();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        walker.start();
        for (int i = 0; i < 500; i++) {
            if (buffer.slotsInUse() > before) {
                walker.join(5_000);
                return false;
            }
            if (walker.getState() == Thread.State.WAITING) {
                buffer.close();
                walker.join(5_000);
                return true;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the walker neither got a slot nor waited");
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
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return buffer.acquireSlot();
            } catch (InterruptedException e) {
                return true;
            }
        });
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
