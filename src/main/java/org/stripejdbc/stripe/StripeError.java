package org.stripejdbc.stripe;

import org.stripejdbc.vault.Redactor;
import org.stripejdbc.vault.Secret;

/**
 * The {@code error} object of a Stripe error response; every field may be {@code null}.
 *
 * <p>Example: {@code {"error":{"type":"invalid_request_error","code":"resource_missing","param":"id",
 * "message":"No such customer: 'cus_x'","doc_url":"https://stripe.com/docs/error-codes/resource-missing"}}} →
 * {@code StripeError[type=invalid_request_error, code=resource_missing, message=No such customer: 'cus_x',
 * param=id, declineCode=null, docUrl=https://stripe.com/docs/error-codes/resource-missing]}.
 */
public record StripeError(String type, String code, String message, String param, String declineCode, String docUrl) {

    /** No error body (empty or not Stripe's JSON). */
    public static final StripeError NONE = new StripeError(null, null, null, null, null, null);

    /** A copy with every field passed through Stripe-key redaction. */
    StripeError redacted(Secret apiKey) {
        return new StripeError(
                Redactor.redactShapes(type, apiKey),
                Redactor.redactShapes(code, apiKey),
                Redactor.redactShapes(message, apiKey),
                Redactor.redactShapes(param, apiKey),
                Redactor.redactShapes(declineCode, apiKey),
                Redactor.redactShapes(docUrl, apiKey));
    }
}
