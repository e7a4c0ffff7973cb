package org.stripejdbc.runtime;

/**
 * Cancellation and timeout of a running statement. Long operations (paging, sorting) call
 * {@link #checkCancelled()} regularly; it throws {@code 57014 query_canceled} when the statement was
 * cancelled or its timeout passed.
 *
 * <p>Work that blocks without polling (an HTTP exchange waiting for Stripe's answer) registers how to abort it
 * with {@link #onCancel(Runnable)} for as long as it runs; a control that can push (the driver's
 * {@link StatementControl}) runs that action the moment the statement is cancelled, times out or is closed, so the
 * waiting thread wakes up with an I/O error and then finds {@link #checkCancelled()} throwing. Example, as the
 * Stripe client uses it:
 * <pre>
 *   try (QueryControl.Registration r = control.onCancel(request::cancel)) {
 *       response = http.execute(request);     // Statement.cancel() elsewhere aborts this at once
 *   } catch (IOException e) {
 *       control.checkCancelled();              // 57014 "canceling statement due to user request"
 *       ...
 *   }
 * </pre>
 * Controls that only poll (lambdas, {@link #NONE}) keep the default, which registers nothing.
 */
public interface QueryControl {
    QueryControl NONE = () -> {};

    void checkCancelled();

    /**
     * Registers {@code abort} to run (once, on the cancelling thread) if the statement is cancelled, times out or
     * ends while the returned registration is open; runs it at once when that has already happened. The caller
     * closes the registration when its work is done. The default registers nothing: a polling-only control.
     */
    default Registration onCancel(Runnable abort) {
        return Registration.NONE;
    }

    /** An open {@link #onCancel(Runnable)} registration; closing it forgets the abort action. */
    interface Registration extends AutoCloseable {
        Registration NONE = () -> {};

        @Override
        void close();
    }
}
