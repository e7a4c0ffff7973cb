/**
 * The Stripe API client: the one place that speaks HTTP to Stripe.
 *
 * <p>Entry points: the narrow {@link org.stripejdbc.stripe.StripeClient} interface ({@code list}, {@code search},
 * {@code retrieve}, {@code get}, {@code create}, {@code update}, {@code delete}) that the Stripe adapter and the
 * modifier use, and its implementation {@link org.stripejdbc.stripe.HttpStripeClient} over Apache HttpClient 5,
 * configured by a {@link org.stripejdbc.stripe.StripeClientConfig}. Around a call ({@code StripeCall}): the client-side
 * {@code RateLimiter} (one sliding window per API key in the JVM: never more than the rate in any second), a second
 * {@code RateLimiter} per key for search requests (Stripe counts them apart), {@code RecentWrites} (the object types
 * written through this JVM, for search's read-your-writes), {@code RetryPolicy} (backoff, {@code Retry-After}, {@code
 * Stripe-Should-Retry}), {@code AnswerBudget} ({@code read_timeout} shared by all attempts), {@code AttemptOutcome}
 * (what each failure becomes), {@code ResponseBodies} and {@code LimitedInputStream} ({@code max_response_size}),
 * {@code StripeJsonReader} (responses read with Jackson's streaming parser straight into {@code json.Json} values; a
 * list page's frame found by {@code PageScanner} and its objects built only as the page is read, from a
 * {@code PageBody}: a streamed {@link org.stripejdbc.stripe.StripePage}) and {@code FormEncoder} (Stripe's
 * bracket-key form bodies). Errors are {@link org.stripejdbc.stripe.StripeApiException}s with Stripe's message, code
 * and request id, and a SQLSTATE by cause.
 *
 * <pre>
 *   list("customers", [email=a@b.c, limit=100], options)  → GET /v1/customers?email=a%40b.c&amp;limit=100
 *   update("customers", "cus_1", [name=n], key, options)   → POST /v1/customers/cus_1  name=n, Idempotency-Key: key
 *   a 429 with Retry-After: 3, then a 200                   → one call, two attempts, 3 s apart
 * </pre>
 *
 * <p>The only package that knows HttpClient; it knows Jackson for its streaming reads and form bodies, {@code json},
 * {@code runtime} (cancellation of the exchange in flight), {@code vault} (the key as a {@code Secret}; the
 * {@code Redactor} for every message that may echo one) and {@code error}. Must not know SQL, the catalog, the engine,
 * the adapter or the JDBC layer: a call is a path, parameters and options. {@code stripe.objects} beside it holds the
 * registry of objects, which this package does not need either.
 */
package org.stripejdbc.stripe;
