package org.stripejdbc.stripe;

import org.stripejdbc.runtime.QueryControl;

/**
 * Per-request settings: the Connect account ({@code Stripe-Account} header, null for none) and the running
 * statement's cancellation/timeout check, polled between retries and pages.
 */
public record RequestOptions(String stripeAccount, QueryControl control) {
    public static final RequestOptions DEFAULT = new RequestOptions(null, QueryControl.NONE);

    public RequestOptions {
        control = control == null ? QueryControl.NONE : control;
    }
}
