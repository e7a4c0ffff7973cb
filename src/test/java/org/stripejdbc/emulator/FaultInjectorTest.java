package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    private static List<Integer> errors(long seed, double rate, int count) {
        FaultInjector faults = new FaultInjector(seed, Duration.ZERO, rate, 0);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Optional<ApiError> error = faults.serverError();
            statuses.add(error.map(ApiError::status).orElse(200));
            error.ifPresent(e -> assertTrue(e.shouldRetry()));
        }
        return statuses;
    }

    @Test
    void decidesServerErrorsFromTheSeedAndTheRequestNumber() {
        List<Integer> first = errors(1, 0.2, 2_000);
        assertEquals(first, errors(1, 0.2, 2_000));
        assertNotEquals(first, errors(2, 0.2, 2_000));
        long failed = first.stream().filter(s -> s != 200).count();
        assertTrue(failed > 300 && failed < 500, "about 20%: " + failed);
        assertTrue(first.contains(500) && first.contains(503));
        assertTrue(errors(1, 0, 100).stream().allMatch(s -> s == 200));
        assertTrue(errors(1, 1, 100).stream().allMatch(s -> s >= 500));
    }

    @Test
    void decidesDroppedConnectionsIndependently() {
        FaultInjector faults = new FaultInjector(5, Duration.ZERO, 0, 0.25);
        int dropped = 0;
        for (int i = 0; i < 4_000; i++) {
            dropped += faults.dropConnection() ? 1 : 0;
        }
        assertTrue(dropped > 850 && dropped < 1150, "about 25%: " + dropped);
        faults.setDropConnectionRate(0);
        assertTrue(!faults.dropConnection());
    }

    @Test
    void refusesBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new FaultInjector(1, Duration.ofMillis(-1), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FaultInjector(1, Duration.ZERO, 1.01, 0));
        assertThrows(IllegalArgumentException.class, () -> new FaultInjector(1, Duration.ZERO, 0, -0.01));
    }
}
