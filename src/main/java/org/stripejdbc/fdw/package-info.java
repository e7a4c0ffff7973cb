/**
 * Planning and scanning of Stripe foreign tables: which WHERE conjuncts become Stripe requests, which stay
 * for local evaluation, how pages are fetched, and how JSON objects become rows.
 *
 * <p>Entry point: {@link org.stripejdbc.fdw.StripeTableSource} (a {@code TableSource} built from a
 * {@link org.stripejdbc.fdw.ForeignTableDefinition}), whose {@code plan()} gives a
 * {@link org.stripejdbc.fdw.StripeScanPlan}. {@link org.stripejdbc.sql.ExprPrinter} renders expressions back
 * to SQL for EXPLAIN and messages.
 *
 * <pre>
 *   select * from stripe.charges where customer in ('cus_a', 'cus_b') and created &gt;= '2024-01-01' limit 5
 *   →  GET /v1/charges?customer=cus_a&amp;created[gte]=1704067200&amp;limit=5
 *      GET /v1/charges?customer=cus_b&amp;created[gte]=1704067200&amp;limit=..   (only if fewer than 5 rows so far)
 * </pre>
 *
 * <p>Large list scans of objects that accept {@code created} ranges run as concurrent {@code created} slices once
 * their first page says there is more ({@link org.stripejdbc.fdw.ScanParallelism} says when,
 * {@code ParallelListScanIterator} how): the same rows as a sequential walk, in no particular order, with at most
 * 1.25 times its requests ({@code SliceWork} holds the budget).
 *
 * <p>Fewest requests: lookups by many keys (retrieves by more than 10 ids, walks per value of more than 10 values)
 * may read the list instead, whichever needs fewer requests ({@code LookupOrScanIterator}, by the engine's
 * {@code LookupOrScan}); a list is read newest first ({@code StripeScanPlan.listsNewestFirst} declares which), so
 * {@code ORDER BY created DESC LIMIT n} and {@code max(created)} read only its first rows ({@code openInOrder}).
 *
 * <p>Search routing: a list scan of charges, customers, invoices, payment_intents, prices, products or subscriptions
 * whose conditions the list cannot take translate into Stripe's search language ({@code SearchTranslator}:
 * {@code name like '%son%'} → {@code name~"son"}) reads {@code GET /v1/<object>/search} instead when that is
 * expected to read fewer pages and the object type was not written through this JVM lately ({@code SearchRouting},
 * per execution; {@code SearchSettings}), sequentially by {@code next_page} ({@code SearchScanIterator}). Every
 * condition is still evaluated on every row: a search never widens a result.
 *
 * <p>A removed field: {@code charges.invoice}, which API version 2025-03-31.basil removed, is filled from the
 * invoice payments when the statement reads it ({@code engine.ColumnsRead}): {@code where invoice = 'in_1'} on a server
 * pinned to basil or later reads that invoice's payments and the charges of their payment intents
 * ({@code InvoiceKeyedScanIterator}), other scans look
 * each charge's payment intent up, then walk every invoice payment once ({@code InvoiceLinks}).
 *
 * <p>Words, used in this sense only (here and in the packages around it):
 * <ul>
 *   <li><b>scan</b>: reading one foreign table for one query ({@code StripeScanPlan}, {@code ScanRows},
 *       {@code ScanProgress}); a scan makes one or more retrieves or walks;</li>
 *   <li><b>walk</b>: paging one list query with {@code starting_after} until {@code has_more} is false;</li>
 *   <li><b>slice</b>: a half-open range of whole {@code created} seconds that a parallel scan walks on its own
 *       ({@code CreatedSlice}); "window" is left to SQL window functions;</li>
 *   <li><b>iterator</b>: the pull interface {@code RowIterator} ({@code next()}, {@code current()}) and its
 *       implementations, such as the {@code *ScanIterator}s (on their base {@code ScanIterator});</li>
 *   <li><b>cursor</b>: the JDBC side's position in a result ({@code driver.RowCursor}), never a Stripe page
 *       position (that is a {@code starting_after} id).</li>
 * </ul>
 *
 * <p>Knows the engine's API ({@code TableSource}, {@code ScanPlan}, {@code RowIterator}, {@code ColumnsRead},
 * {@code ConstantEvaluator},
 * {@code LookupOrScan}, {@code ScanOrder}),
 * the statement model ({@code sql.Expr}), {@code stripe.StripeClient} and the registry, {@code catalog.ForeignColumn},
 * {@code json}, {@code types}, {@code runtime}, {@code vault.Secret}, {@code config.SearchMode} and {@code error}. It
 * must not know the session, the parser, the JDBC layer, the engine's subpackages, nor HttpClient or Jackson (requests
 * go through {@code StripeClient}, objects arrive as {@code json.Json}); and it does not know {@code fdw.modify}, which
 * builds on it.
 */
package org.stripejdbc.fdw;
