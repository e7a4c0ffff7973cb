package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WindowWorkTest {

    private static WindowWork.Walk walk(long from, long to) {
        return new WindowWork.Walk(new CreatedWindow(from, to), null);
    }

    private static CompletableFuture<WindowWork.Walk> nextLater(WindowWork work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.next();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Waits (bounded) until {@code count} walkers are idle in {@link WindowWork#next()}. */
    private static void awaitIdle(WindowWork work, int count) throws InterruptedException {
        for (int i = 0; i < 500 && work.idleWalkers() < count; i++) {
            Thread.sleep(10);
        }
        assertEquals(count, work.idleWalkers());
    }

    @Test
    void windowsGoOutNewestFirstAndTheWorkEndsWhenAllAreDone() throws Exception {
        WindowWork.Walk old = walk(0, 100);
        WindowWork.Walk recent = walk(200, 300);
        WindowWork.Walk middle = walk(100, 200);
        WindowWork work = new WindowWork(List.of(old, recent, middle), 4);
        assertSame(recent, work.next());
        assertSame(middle, work.next());
        assertSame(old, work.next());
        work.done();
        work.done();
        // One walker still holds a window it may split: the next caller waits.
        CompletableFuture<WindowWork.Walk> waiting = nextLater(work);
        awaitIdle(work, 1);
        work.done();
        assertNull(waiting.get(5, TimeUnit.SECONDS));
        assertNull(work.next());
        assertEquals(3, work.windowCount());
    }

    @Test
    void aWalkerSplitsItsRestOnlyForIdleWalkers() throws Exception {
        WindowWork work = new WindowWork(List.of(walk(0, 10_001)), 8);
        WindowWork.Walk mine = work.next();
        PageDensity density = new PageDensity(100, 10_049, 10_000);
        // Nobody idle: no split.
        assertEquals(List.of(), work.offerSplit(mine, 10_000, density));
        CompletableFuture<WindowWork.Walk> first = nextLater(work);
        CompletableFuture<WindowWork.Walk> second = nextLater(work);
        awaitIdle(work, 2);
        List<CreatedWindow> queued = work.offerSplit(mine, 10_000, density);
        assertEquals(List.of(new CreatedWindow(8_501, 9_501), new CreatedWindow(0, 8_501)), queued);
        assertEquals(new CreatedWindow(9_501, 10_001), mine.window());
        assertEquals(java.util.Set.copyOf(queued), java.util.Set.of(first.get(5, TimeUnit.SECONDS).window(),
                second.get(5, TimeUnit.SECONDS).window()));
        assertEquals(3, work.windowCount());
    }

    @Test
    void stopEndsEveryWait() throws Exception {
        WindowWork work = new WindowWork(List.of(walk(0, 10)), 2);
        work.next();
        CompletableFuture<WindowWork.Walk> waiting = nextLater(work);
        awaitIdle(work, 1);
        work.stop();
        assertNull(waiting.get(5, TimeUnit.SECONDS));
        assertTrue(work.stopped());
    }
}
