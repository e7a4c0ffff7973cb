/**
 * A stateful emulator of the Stripe REST API, shipped in the driver jar for the shell's demo mode, the test suite
 * and the benchmarks. Start it with {@link org.stripejdbc.emulator.StripeEmulator#builder()}, point the driver's
 * {@code api_url} at {@link org.stripejdbc.emulator.StripeEmulator#baseUrl()}, and use
 * {@link org.stripejdbc.emulator.StripeEmulator#apiKey()} as the key.
 *
 * <p>How it is built:
 * <ul>
 *   <li>{@code EmulatedObjects} adds to each registry entry ({@code StripeObjects}) its JSON {@code object} name, id
 *       style and list filters with Stripe's validation; the emulator has no per-object branches for reads.</li>
 *   <li>{@code SampleDataGenerator} and its generators fill an {@code AccountData} deterministically from a seed:
 *       objects are kept as their JSON bytes in {@code ObjectCollection}s ordered newest first, with an index per
 *       filter.</li>
 *   <li>{@code EmulatorHandler} (transport, faults, authentication, idempotency, request log) hands requests to
 *       {@code ApiRouter} (lists, retrieves, balance) and the {@code ObjectWriter}s (customers, products,
 *       subscriptions). {@code RequestBudget} answers 429 beyond the requests per second set: a token bucket, or
 *       a strict sliding window whose 429s say {@code Retry-After}.</li>
 *   <li>{@code SearchEndpoint} answers {@code GET /v1/<object>/search} for the seven objects Stripe searches
 *       (fields and their types in {@code SearchField}; the language, its limits and errors in
 *       {@code SearchQueryParser}); pages go by an opaque {@code next_page} token. Searches spend a second
 *       {@code RequestBudget}, the search budget, instead of the first. {@code SearchIndexing} delays what search
 *       sees by an optional lag: each searchable {@code ObjectCollection} keeps the recent changes
 *       ({@code SearchHistory}), so that a new object is not found and an updated one is matched by its previous
 *       state until the lag has passed (the objects found are answered as they are now; a deleted one is not found
 *       at once, as Stripe has nothing left to answer with).</li>
 *   <li>{@code VersionShape} answers in the shape of the request's {@code Stripe-Version} (the data is stored in the
 *       shape before {@code 2025-03-31.basil}); {@code ChildLists} serves nested lists from their parent, and
 *       {@code ComputedChildLists} those Stripe computes from parameters (billing meter event summaries).</li>
 * </ul>
 *
 * <p>Worked example, with 300 customers and seed 42:
 * <pre>
 *   GET /v1/customers?limit=2                →  200 {"object":"list","data":[cus_…,
 *     cus_…],"has_more":true,"url":"/v1/customers"}
 *   GET /v1/customers?limit=101              →  400 invalid_request_error, param limit
 *   GET /v1/tokens                           →  404 Unrecognized request URL (GET: /v1/tokens). …
 *   GET /v1/setup_attempts                   →  400 Missing required param: setup_intent.
 *   GET /v1/subscriptions                    →  every subscription that is not canceled (status=all: all of them)
 *   GET /v1/customers/search?query=name~"son"&amp;limit=2
 *                                            →  200 {"object":"search_result","data":[cus_…, cus_…],
 *     "has_more":true,"next_page":"djE6…","url":"/v1/customers/search"}
 *   GET /v1/customers/search?query=name~"so" →  400 invalid_request_error, param query (3 characters at least)
 *   POST /v1/customers  email=a@b.c          →  200 the new customer, first in the list from now on
 * </pre>
 *
 * <p>A stand-in server, not part of the query path: it knows the registry ({@code stripe.objects}, to serve the
 * objects the driver reads), {@code json}, {@code error}, Jackson and the JDK's HTTP server. It must not know the
 * driver's SQL side (the engine, {@code fdw}, the catalog, the session, the JDBC layer) nor its HTTP client: tests
 * and the shell reach it over HTTP, as they would reach Stripe.
 */
package org.stripejdbc.emulator;
