package org.stripejdbc.fdw;

/**
 * Which filter values may be sent to Stripe. Stripe reads an empty parameter ({@code ?email=}) as no filter at all,
 * so {@code where email = ''} sent as is would list every customer; a blank value is read the same way by some
 * servers, and a value longer than Stripe's parameter limits is a 400 where SQL simply finds no row. Such a value is
 * never sent: the condition is evaluated locally instead, which can only cost requests, never change a result.
 *
 * <pre>
 *   isSendable("a@b.c")   → true
 *   isSendable("")        → false   (Stripe: no filter)
 *   isSendable("   ")     → false
 *   isSendable(600 × "x") → false   (over {@value #MAXIMUM_LENGTH} characters)
 * </pre>
 */
final class RequestValues {
    /** The longest value sent as a filter: Stripe's limit for {@code email} (ids allow more, but are short). */
    static final int MAXIMUM_LENGTH = 512;

    private RequestValues() {}

    /** Whether {@code value} can be sent as a list filter and be read by Stripe as that value. */
    static boolean isSendable(String value) {
        return !value.isBlank() && value.length() <= MAXIMUM_LENGTH;
    }
}
