package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RowAllowanceTest {

    private static CompletableFuture<Integer> reserveLater(RowAllowance allowance, int wanted) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return allowance.reserve(wanted);
            } catch (InterruptedException e) {
                return -1;
            }
        });
    }

    @Test
    void reservationsNeverExceedTheLimitAndShortPagesGiveRowsBack() throws Exception {
        RowAllowance allowance = RowAllowance.of(250);
        assertEquals(100, allowance.reserve(100));
        assertEquals(100, allowance.reserve(100));
        assertEquals(50, allowance.reserve(100));
        CompletableFuture<Integer> waiting = reserveLater(allowance, 100);
        // The first page held only 30 objects: 70 rows are free again.
        allowance.settle(100, 30);
        assertEquals(70, waiting.get(5, TimeUnit.SECONDS));
    }

    @Test
    void zeroOnceTheLimitIsCovered() throws Exception {
        RowAllowance allowance = RowAllowance.of(100);
        assertEquals(100, allowance.reserve(100));
        CompletableFuture<Integer> waiting = reserveLater(allowance, 100);
        allowance.settle(100, 100);
        assertEquals(0, waiting.get(5, TimeUnit.SECONDS));
        assertEquals(0, allowance.reserve(100));
    }

    @Test
    void aFailedRequestGivesItsRowsBack() throws Exception {
        RowAllowance allowance = RowAllowance.of(100);
        assertEquals(100, allowance.reserve(100));
        allowance.settle(100, 0);
        assertEquals(100, allowance.reserve(100));
    }

    @Test
    void unlimitedGrantsEverythingUntilClosed() throws Exception {
        RowAllowance allowance = RowAllowance.unlimited();
        for (int i = 0; i < 1000; i++) {
            assertEquals(100, allowance.reserve(100));
        }
        allowance.close();
        assertEquals(0, allowance.reserve(100));
    }

    @Test
    void closeWakesAWaitingReservation() throws Exception {
        RowAllowance allowance = RowAllowance.of(10);
        allowance.reserve(10);
        CompletableFuture<Integer> waiting = reserveLater(allowance, 10);
        allowance.close();
        assertEquals(0, waiting.get(5, TimeUnit.SECONDS));
        assertThrows(IllegalArgumentException.class, () -> RowAllowance.of(-1));
    }
}
