package org.stripejdbc.fdw.modify;

import java.util.UUID;

/**
 * Where the {@code Idempotency-Key} of each written row comes from: one fresh key per row, asked for once before
 * the row's first request and reused by every retry of that request (the Stripe client does the retries).
 *
 * <p>Example: with {@link #RANDOM}, {@code INSERT ... VALUES (...), (...)} sends
 * {@code POST /v1/customers} twice, the first with {@code Idempotency-Key: 3f1c...-a9} (on every retry of that
 * POST), the second with a different key. Tests inject a counter ({@code () -> "key-" + n++}).
 */
@FunctionalInterface
public interface IdempotencyKeys {

    /** Random UUIDs, as Stripe's own SDKs send them. */
    IdempotencyKeys RANDOM = () -> UUID.randomUUID().toString();

    /** A key never handed out before in this process (non-empty printable ASCII, at most 255 characters). */
    String next();
}
