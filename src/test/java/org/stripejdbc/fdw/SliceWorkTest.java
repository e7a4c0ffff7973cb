package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stripejdbc.testkit.Await;

class SliceWorkTest {

    private static SliceWork.Walk walk(long from, long to) {
        return new SliceWork.Walk(new CreatedSlice(from, to), null);
    }

    private static CompletableFuture<SliceWork.Walk> nextLater(SliceWork work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.next();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Waits (bounded) until {@code count} walkers are idle in {@link SliceWork#next()}. */
    private static void awaitIdle(SliceWork work, int count) {
        Await.until(count + " walkers idle in SliceWork.next()", () -> work.idleWalkers() >= count);
        assertEquals(count, work.idleWalkers());
    }

    @Test
    void slicesGoOutNewestFirstAndTheWorkEndsWhenAllAreDone() throws Exception {
        SliceWork.Walk old = walk(0, 100);
        SliceWork.Walk recent = walk(200, 300);
        SliceWork.Walk middle = walk(100, 200);
        SliceWork work = new SliceWork(List.of(old, recent, middle), 4);
        assertSame(recent, work.next());
        assertSame(middle, work.next());
        assertSame(old, work.next());
        work.done();
        work.done();
        // One walker still holds a slice it may split: the next caller waits.
        CompletableFuture<SliceWork.Walk> waiting = nextLater(work);
        awaitIdle(work, 1);
        work.done();
        assertNull(waiting.get(5, TimeUnit.SECONDS));
        assertNull(work.next());
        assertEquals(3, work.sliceCount());
    }

    @Test
    void aWalkerSplitsItsRestOnlyForIdleWalkers() throws Exception {
        SliceWork work = new SliceWork(List.of(walk(0, 10_001)), 8);
        SliceWork.Walk mine = work.next();
        PageDensity density = new PageDensity(100, 10_049, 10_000);
        // Nobody idle: no split.
        assertEquals(List.of(), work.offerSplit(mine, 10_000, density));
        CompletableFuture<SliceWork.Walk> first = nextLater(work);
        CompletableFuture<SliceWork.Walk> second = nextLater(work);
        awaitIdle(work, 2);
        List<CreatedSlice> queued = work.offerSplit(mine, 10_000, density);
        assertEquals(List.of(new CreatedSlice(8_501, 9_501), new CreatedSlice(0, 8_501)), queued);
        assertEquals(new CreatedSlice(9_501, 10_001), mine.slice());
        assertEquals(
                Set.copyOf(queued),
                Set.of(
                        first.get(5, TimeUnit.SECONDS).slice(),
                        second.get(5, TimeUnit.SECONDS).slice()));
        assertEquals(3, work.sliceCount());
    }

    @Test
    void stopEndsEveryWait() throws Exception {
        SliceWork work = new SliceWork(List.of(walk(0, 10)), 2);
        work.next();
        CompletableFuture<SliceWork.Walk> waiting = nextLater(work);
        awaitIdle(work, 1);
        work.stop();
        assertNull(waiting.get(5, TimeUnit.SECONDS));
        assertTrue(work.stopped());
    }
}
