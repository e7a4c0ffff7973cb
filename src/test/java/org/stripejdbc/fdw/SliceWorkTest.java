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
        SliceWork work = new SliceWork(List.of(old, recent, middle), 4, 0);
        assertSame(recent, work.next());
        assertSame(middle, work.next());
        assertSame(old, work.next());
        work.done(recent);
        work.done(middle);
        // One walker still holds a slice it may split: the next caller waits.
        CompletableFuture<SliceWork.Walk> waiting = nextLater(work);
        awaitIdle(work, 1);
        work.done(old);
        assertNull(waiting.get(5, TimeUnit.SECONDS));
        assertNull(work.next());
        assertEquals(3, work.sliceCount());
    }

    @Test
    void aWalkerSplitsItsRestOnlyForIdleWalkers() throws Exception {
        // 1,100 objects listed and more to come: at least 12 requests, the budget allows four slices.
        SliceWork work = new SliceWork(List.of(walk(0, 10_001)), 8, 1_100);
        assertEquals(4, work.sliceBudget());
        SliceWork.Walk mine = work.next();
        PageDensity density = new PageDensity(100, 10_049, 10_000);
        // Nobody idle: no split.
        assertEquals(List.of(), work.offerSplit(mine, 10_000, density));
        CompletableFuture<SliceWork.Walk> first = nextLater(work);
        CompletableFuture<SliceWork.Walk> second = nextLater(work);
        awaitIdle(work, 2);
        List<CreatedSlice> queued = work.offerSplit(mine, 10_000, density);
        // 2 objects a second; the walk keeps the 1,100 objects listed so far's worth: 550 seconds, as each other.
        assertEquals(List.of(new CreatedSlice(8_901, 9_451), new CreatedSlice(0, 8_901)), queued);
        assertEquals(new CreatedSlice(9_451, 10_001), mine.slice());
        assertEquals(
                Set.copyOf(queued),
                Set.of(
                        first.get(5, TimeUnit.SECONDS).slice(),
                        second.get(5, TimeUnit.SECONDS).slice()));
        assertEquals(3, work.sliceCount());
    }

    @Test
    void theBudgetAllowsOneSliceMoreForEveryFourRequestsTheScanNeedsAtLeast() {
        SliceWork work = new SliceWork(List.of(walk(0, 10)), 16, 200);
        // 200 objects and more to come: at least 3 requests, one slice.
        assertEquals(1, work.sliceBudget());
        work.listed(99);
        assertEquals(1, work.sliceBudget());
        work.listed(1);
        // 300 objects: at least 4 requests, two slices.
        assertEquals(2, work.sliceBudget());
        work.listed(300);
        assertEquals(2, work.sliceBudget());
        work.listed(100);
        // 700 objects: at least 8 requests, three slices.
        assertEquals(3, work.sliceBudget());
        work.listed(19_300);
        assertEquals(1 + 201 / 4, work.sliceBudget());
        assertEquals(20_000, work.objectsListed());
    }

    @Test
    void noSplitBeyondTheBudgetEvenWithIdleWalkers() throws Exception {
        SliceWork work = new SliceWork(List.of(walk(0, 10_001)), 8, 200);
        SliceWork.Walk mine = work.next();
        PageDensity density = new PageDensity(100, 10_049, 10_000);
        CompletableFuture<SliceWork.Walk> idle = nextLater(work);
        awaitIdle(work, 1);
        assertEquals(List.of(), work.offerSplit(mine, 10_000, density), "200 objects: one slice only");
        work.listed(100);
        List<CreatedSlice> queued = work.offerSplit(mine, 9_990, density);
        assertEquals(1, queued.size(), "300 objects: one slice more");
        assertEquals(queued.get(0), idle.get(5, TimeUnit.SECONDS).slice());
        assertEquals(2, work.sliceCount());
    }

    @Test
    void onlyTheWalkWithTheMostLeftSplits() throws Exception {
        SliceWork work = new SliceWork(List.of(walk(5_000, 10_001), walk(0, 5_000)), 8, 5_000);
        SliceWork.Walk recent = work.next();
        SliceWork.Walk oldest = work.next();
        CompletableFuture<SliceWork.Walk> idle = nextLater(work);
        awaitIdle(work, 1);
        // The oldest slice is unbounded below: whatever it holds, the bounded one splits only once it knows more.
        PageDensity density = new PageDensity(100, 9_999, 9_950);
        assertEquals(List.of(), work.offerSplit(recent, 9_950, density));
        List<CreatedSlice> queued = work.offerSplit(oldest, 4_000, new PageDensity(100, 4_049, 4_000));
        assertEquals(1, queued.size());
        assertEquals(queued.get(0), idle.get(5, TimeUnit.SECONDS).slice());
    }

    @Test
    void stopEndsEveryWait() throws Exception {
        SliceWork work = new SliceWork(List.of(walk(0, 10)), 2, 0);
        work.next();
        CompletableFuture<SliceWork.Walk> waiting = nextLater(work);
        awaitIdle(work, 1);
        work.stop();
        assertNull(waiting.get(5, TimeUnit.SECONDS));
        assertTrue(work.stopped());
    }
}
