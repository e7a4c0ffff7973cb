/**
 * Cancellation and timeouts of a running statement: {@link org.stripejdbc.runtime.QueryControl}, which long work
 * polls ({@code checkCancelled()}: {@code 57014} once the statement is cancelled or timed out) and with which work
 * that blocks registers how to abort it ({@code onCancel}: an HTTP exchange waiting for Stripe, a page read ahead),
 * and {@link org.stripejdbc.runtime.StatementControl}, the control of one JDBC execution, stopped by
 * {@code Statement.cancel()}, {@code setQueryTimeout} or closing the result.
 *
 * <p>Example: {@code setQueryTimeout(2)} on a statement whose request Stripe never answers: at 2 s the control stops
 * with the reason timeout, the exchange in flight is aborted at once, and the statement fails with {@code 57014
 * canceling statement due to statement timeout}, not after {@code read_timeout}.
 *
 * <p>Knows {@code error} only, and must not know who stops or polls it: the driver creates the controls, the engine,
 * the Stripe adapter and the HTTP client poll them and register with them.
 */
package org.stripejdbc.runtime;
