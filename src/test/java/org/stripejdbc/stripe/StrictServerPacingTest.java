package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stripejdbc.emulator.EmulatorClock;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.vault.Secret;

/**
 * The client's pacing against a strict server: the emulator with a sliding-window budget of 100 requests/s (no
 * one-second window may hold more), over HTTP on loopback, with the client's and the emulator's clock one fake
 * clock that only moves when the client waits (no sleeping; the times asserted are the fake clock's, exact).
 */
class StrictServerPacingTest {
    private static final int RATE = 100;
    private static final long SECOND = 1_000_000_000L;

    private final FakeTime time = new FakeTime();
    private StripeEmulator emulator;

    /** The emulator sees the fake clock: arrivals are stamped with it, its window counts with it. */
    private final EmulatorClock emulatorClock = new EmulatorClock() {
        @Override
        public Instant now() {
            return Instant.EPOCH.plusNanos(time.getAsLong());
        }

        @Override
        public long nanoTime() {
            return time.getAsLong();
        }

        @Override
        public void sleep(Duration duration) {
            throw new AssertionError("no latency is configured");
        }
    };

    @BeforeEach
    void start() {
        emulator = StripeEmulator.builder()
                .customers(20)
                .clock(emulatorClock)
                .requestsPerSecond(RATE)
                .slidingWindowBudget(true)
                .start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private HttpStripeClient client(double requestsPerSecond) {
        return new HttpStripeClient(StripeClientConfig.builder(Secret.of("sk_test_strict_" + UUID.randomUUID()))
                .apiUrl(emulator.baseUrl())
                .requestsPerSecond(requestsPerSecond)
                .sleeper(time)
                .nanoTime(time)
                .jitter(() -> 0.0)
                .build());
    }

    private static void list(HttpStripeClient client, int requests) {
        for (int i = 0; i < requests; i++) {
            client.list("customers", List.of(new SimpleImmutableEntry<>("limit", "1")), RequestOptions.DEFAULT);
        }
    }

    private static long nanos(RecordedRequest request) {
        Instant at = request.timestamp();
        return at.getEpochSecond() * SECOND + at.getNano();
    }

    /** The most requests of {@code log} (in arrival order) whose arrivals lie within one second of each other. */
    private static int busiestSecond(List<RecordedRequest> log) {
        int most = 0;
        for (int i = 0; i < log.size(); i++) {
            int within = 0;
            for (int j = i; j < log.size() && nanos(log.get(j)) - nanos(log.get(i)) < SECOND; j++) {
                within++;
            }
            most = Math.max(most, within);
        }
        return most;
    }

    @Test
    void pacedToTheServersRateNoRequestIsRefusedAndNoSecondHoldsMore() {
        try (HttpStripeClient client = client(RATE)) {
            long started = time.getAsLong();
            list(client, 350);
            List<RecordedRequest> log = emulator.requestLog();
            assertEquals(350, log.size());
            assertTrue(log.stream().allMatch(r -> r.status() == 200), "no 429");
            assertEquals(RATE, busiestSecond(log));
            // 350 requests: three full windows of a second and its margin, the fourth under way.
            long elapsed = time.getAsLong() - started;
            assertEquals(3 * (SECOND + RateLimiter.MARGIN.toNanos()), elapsed);
            assertEquals(
                    3 * (SECOND + RateLimiter.MARGIN.toNanos()),
                    client.statistics().rateLimitedNanos());
        }
    }

    @Test
    void after429TheClientWaitsOutRetryAfterAndResumesCloseToTheRate() {
        try (HttpStripeClient other = client(0);
                HttpStripeClient client = client(RATE)) {
            // Another process spends 60 of the account's 100 requests of this second.
            list(other, 60);
            long pausedAt = time.getAsLong();
            // This client does not know: its 41st request of the second is refused, with Retry-After: 1.
            list(client, 340);
            List<RecordedRequest> log = emulator.requestLog();
            List<RecordedRequest> refused =
                    log.stream().filter(r -> r.status() == 429).toList();
            assertEquals(1, refused.size(), "one 429, retried: none reached the caller");
            assertEquals(pausedAt, nanos(refused.get(0)));
            assertTrue(time.delaysMillis().contains(1_000L), "waited the Retry-After: " + time.delaysMillis());
            List<RecordedRequest> served =
                    log.stream().filter(r -> r.status() == 200).toList();
            assertEquals(RATE, busiestSecond(served), "no second held more requests served than the rate");
            // After the pause the client resumes at 80% of the rate, back to 100% at 5% a second: in the two seconds
            // after the pause it sends more than 160 requests (halving the rate would send about 105).
            long resumed = pausedAt + SECOND;
            long inTwoSeconds = log.stream()
                    .filter(r -> r.status() == 200)
                    .filter(r -> nanos(r) >= resumed && nanos(r) < resumed + 2 * SECOND)
                    .count();
            assertTrue(inTwoSeconds > 160, inTwoSeconds + " requests in the two seconds after the pause");
            assertEquals(400, log.stream().filter(r -> r.status() == 200).count());
        }
    }
}
