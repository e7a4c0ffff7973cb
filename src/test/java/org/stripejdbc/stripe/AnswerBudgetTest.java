package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AnswerBudgetTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);

    @Test
    void attemptsShareTheBudgetAndWaitsBetweenThemDoNotCount() {
        AnswerBudget budget = new AnswerBudget(Duration.ofSeconds(80), now::get);
        assertEquals(80_000, budget.attemptTimeoutMillis());

        budget.attemptStarted();
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        budget.attemptEnded();
        now.addAndGet(Duration.ofSeconds(8).toNanos()); // backoff: not counted
        assertEquals(50_000, budget.attemptTimeoutMillis());
        assertFalse(budget.exhausted());

        budget.attemptStarted();
        now.addAndGet(Duration.ofSeconds(50).toNanos());
        budget.attemptEnded();
        assertTrue(budget.exhausted());
        assertEquals(1, budget.attemptTimeoutMillis(), "never 0, which HttpClient reads as no timeout");
        assertEquals(Duration.ofSeconds(88).toNanos(), budget.elapsedNanos());
    }

    @Test
    void anAttemptTimeoutIsRoundedUpToWholeMilliseconds() {
        AnswerBudget budget = new AnswerBudget(Duration.ofNanos(2_500_001), now::get);
        assertEquals(3, budget.attemptTimeoutMillis());
    }

    @Test
    void lessThanTenMillisecondsLeftIsNoFurtherAttempt() {
        AnswerBudget budget = new AnswerBudget(Duration.ofMillis(100), now::get);
        budget.attemptStarted();
        now.addAndGet(Duration.ofMillis(91).toNanos());
        budget.attemptEnded();
        assertTrue(budget.exhausted());
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertEquals("80 s", AnswerBudget.describe(Duration.ofMillis(80_400).toNanos()));
        assertEquals("10 s", AnswerBudget.describe(Duration.ofMillis(10_000).toNanos()));
        assertEquals("2.5 s", AnswerBudget.describe(Duration.ofMillis(2_500).toNanos()));
        assertEquals("0.2 s", AnswerBudget.describe(Duration.ofMillis(200).toNanos()));
    }
}
