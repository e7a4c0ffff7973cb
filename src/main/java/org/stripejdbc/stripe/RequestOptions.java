package org.stripejdbc.stripe;

import org.stripejdbc.runtime.QueryControl;

/**
 * Per-request settings: the Connect account ({@code Stripe-Account} header, null for none), the running
 * statement's cancellation/timeout control, polled between retries and pages and told about every exchange in flight
 * so that a cancel or timeout aborts it ({@link QueryControl#onCancel(Runnable)}), and an observer told how each call
 * ended ({@link RequestObserver}, for {@code EXPLAIN ANALYZE}).
 */
public record RequestOptions(String stripeAccount, QueryControl control, RequestObserver observer) {
    public static final RequestOptions DEFAULT = new RequestOptions(null, QueryControl.NONE);

    public RequestOptions {
        control = control == null ? QueryControl.NONE : control;
        observer = observer == null ? RequestObserver.NONE : observer;
    }

    /** Options with no observer. */
    public RequestOptions(String stripeAccount, QueryControl control) {
        this(stripeAccount, control, RequestObserver.NONE);
    }
}
