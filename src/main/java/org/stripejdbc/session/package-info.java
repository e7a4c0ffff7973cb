/**
 * One connection's statement dispatch: where SQL text becomes a {@link org.stripejdbc.session.Command} and where the
 * engine meets the Stripe adapter.
 *
 * <p>Entry points: {@link org.stripejdbc.session.StripeEngine} (the {@link org.stripejdbc.session.SessionFactory} of
 * the JVM: one shared catalog per location, zero-config import when a key meets an empty catalog) opens a
 * {@link org.stripejdbc.session.Session}; {@code Session.prepare(sql)} parses (through {@code sql.parse.ParseCache})
 * and dispatches each statement:
 * <pre>
 *   SELECT / VALUES / WITH        → engine.QueryCompiler over the Stripe tables (QueryCompilerFacade); compiled
 *                                   commands are kept per text and catalog snapshot (CompiledQueries)
 *   INSERT / UPDATE / DELETE      → ModifyStatements: read every row first (ModifyRowFinder), check the guards,
 *                                   then fdw.modify.StripeModifier writes (ModifyPlan, CompiledModify)
 *   UPDATE ... FROM, DELETE ... USING → JoinedModify: the whole join read first, each target once (JoinedTargets),
 *                                   an unlinked FROM item a cross product for safe updates (JoinLinks)
 *   select stripe_action(...)     → ActionStatements: an action of Stripe's API per row, run like an UPDATE
 *                                   (fdw.modify.StripeActionRunner); recognised before the SELECT is compiled
 *   EXPLAIN                       → the engine's plan, or a write's or an action's dry run (ModifyDryRun)
 *   CREATE SERVER, IMPORT ...     → DdlExecutor → catalog
 *   vault.secrets, vault.*()      → VaultStatements, VaultTables
 *   SET / SHOW / RESET            → SessionVariables (search_path, stripe.safe_updates, stripe.max_write_rows)
 * </pre>
 * A table name is resolved on the search path ({@code SearchPath}) to an {@code fdw.StripeTableSource} built from the
 * catalog's foreign table ({@code TableDefinitions}) and the server's pooled client ({@code StripeClients}), once per
 * catalog snapshot. Example: {@code select email from customers where id = 'cus_1'} with the default search path
 * resolves {@code customers} to {@code stripe.customers} and runs as one {@code GET /v1/customers/cus_1}.
 * A session opened for a remote client of the serve mode applies {@code ServedRestrictions} (42501).
 *
 * <p>Knows the engine's API (never its subpackages), {@code sql} and {@code sql.parse}'s front end, {@code catalog},
 * {@code vault}, {@code fdw} and {@code fdw.modify}, {@code stripe} (to build clients), {@code stripe.objects},
 * {@code config}, {@code types} and {@code error}. Must not know the JDBC layer (Avatica), nor JSqlParser, HttpClient
 * or Jackson: it works on the statement model, {@code StripeClient} and {@code json.Json}.
 */
package org.stripejdbc.session;
