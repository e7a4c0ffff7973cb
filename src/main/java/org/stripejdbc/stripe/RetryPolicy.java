package org.stripejdbc.stripe;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * When to retry a Stripe call and how long to wait first: the one place for this policy, as in stripe-java.
 *
 * <p>Retried: connection failures (refused, reset, connect timeout, no response), and the HTTP statuses 409, 429
 * and every 5xx; a {@code Stripe-Should-Retry} header overrides the status ({@code false} never retries,
 * {@code true} always does). Not retried: read timeouts, unknown hosts, TLS failures, protocol errors, other 4xx.
 * A read timeout is not retried because the attempt already waited for everything left of the call's answer budget
 * ({@link AnswerBudget}: {@code read_timeout} shared by all attempts): a silent API fails after about
 * {@code read_timeout}, not after {@code read_timeout} times the attempts. Retries of a POST are safe either way
 * (every attempt carries the call's Idempotency-Key).
 *
 * <p>Delay before retry {@code n} (1-based): {@code min(initial * 2^(n-1), max)}, jittered into
 * {@code [50%, 100%)} of that value but never below {@code initial}; a {@code Retry-After} header (seconds or an
 * HTTP date) raises the delay to its value, capped at {@code maxRetryAfter}. Example with the defaults
 * (0.5 s, 8 s, 60 s): retry 1 waits 0.5 s, retry 2 0.5–1 s, retry 3 1–2 s; with {@code Retry-After: 3} retry 1
 * waits 3 s; with {@code Retry-After: 3600} it waits 60 s.
 */
final class RetryPolicy {
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Duration maxRetryAfter;
    private final DoubleSupplier jitter;
    private final Clock clock;

    RetryPolicy(Duration initialDelay, Duration maxDelay, Duration maxRetryAfter, DoubleSupplier jitter, Clock clock) {
        this.initialDelay = Objects.requireNonNull(initialDelay, "initialDelay");
        this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
        this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    static RetryPolicy of(StripeClientConfig config) {
        return new RetryPolicy(
                config.initialRetryDelay(),
                config.maxRetryDelay(),
                config.maxRetryAfter(),
                config.jitter(),
                config.clock());
    }

    /** Whether a response with this status may be retried, given its {@code Stripe-Should-Retry} header (or null). */
    static boolean retryableStatus(int status, String shouldRetryHeader) {
        if (shouldRetryHeader != null) {
            String value = shouldRetryHeader.trim();
            if (value.equalsIgnoreCase("true")) {
                return true;
            }
            if (value.equalsIgnoreCase("false")) {
                return false;
            }
        }
        return status == 409 || status == 429 || status >= 500;
    }

    /** Whether an I/O failure is transient (the request may not have reached Stripe, or its answer was lost). */
    static boolean retryableNetworkError(IOException error) {
        if (error instanceof UnknownHostException
                || error instanceof SSLException
                || error instanceof ClientProtocolException
                || readTimeout(error)) {
            return false;
        }
        // Connect timeouts are InterruptedIOExceptions; a bare one may also mean a thread interrupt.
        if (error instanceof InterruptedIOException && !(error instanceof ConnectTimeoutException)) {
            return !Thread.currentThread().isInterrupted();
        }
        return true;
    }

    /** Whether an I/O failure is a read timeout: connected and sent, but Stripe did not answer in time. */
    static boolean readTimeout(IOException error) {
        // HttpClient's ConnectTimeoutException is a SocketTimeoutException too, but nothing was sent.
        return error instanceof SocketTimeoutException && !(error instanceof ConnectTimeoutException);
    }

    /** The delay before retry number {@code retry} (1 for the first retry), in nanoseconds. */
    long delayNanos(int retry, Duration retryAfter) {
        long initial = initialDelay.toNanos();
        long max = Math.max(maxDelay.toNanos(), 0);
        double exponential = initial * Math.pow(2, Math.max(0, retry - 1));
        double capped = Math.min(exponential, max);
        double factor = 0.5 + 0.5 * Math.min(Math.max(jitter.getAsDouble(), 0), 1);
        long delay = (long) Math.max(capped * factor, Math.min(initial, max));
        if (retryAfter != null && !retryAfter.isNegative()) {
            delay = Math.max(delay, Math.min(retryAfter.toNanos(), maxRetryAfter.toNanos()));
        }
        return delay;
    }

    /** {@code retryAfter} capped at {@code maxRetryAfter}; null stays null. */
    Duration capRetryAfter(Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative()) {
            return null;
        }
        return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
    }

    /**
     * Parses a {@code Retry-After} header: delta seconds ({@code 3}, {@code 1.5}) or an HTTP date; null when absent
     * or unreadable. A date in the past is zero.
     */
    Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            double seconds = Double.parseDouble(value);
            if (Double.isNaN(seconds) || seconds < 0) {
                return null;
            }
            // Anything beyond a day is capped later anyway; this keeps the conversion in range.
            return Duration.ofMillis((long) (Math.min(seconds, 86_400) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(clock.instant(), at.toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
