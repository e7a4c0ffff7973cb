/**
 * INSERT, UPDATE and DELETE against Stripe: one request per row, exactly once.
 *
 * <p>Entry point: {@link org.stripejdbc.fdw.modify.StripeModifier}, built from a
 * {@link org.stripejdbc.fdw.ForeignTableDefinition}, a {@code StripeClient} and an
 * {@link org.stripejdbc.fdw.modify.IdempotencyKeys} supplier. {@link org.stripejdbc.fdw.modify.RowEncoder} turns column
 * values into Stripe's bracket-key form bodies; {@link org.stripejdbc.fdw.modify.ModifyResult} holds the count, the
 * ids, the warnings and the response objects (RETURNING rows via {@code rows(table)});
 * {@link org.stripejdbc.fdw.modify.PartialModifyException} reports a failure half-way with what was already applied.
 *
 * <p>Words: a <b>modify</b> is one INSERT, UPDATE or DELETE statement against a foreign table (as the FDW API's
 * {@code BeginForeignModify}); it sends <b>write</b> requests, the POSTs and DELETEs that change Stripe
 * ({@link org.stripejdbc.fdw.modify.WriteRequest}, and the registry's {@code WriteRules} of what a request may
 * set). Types and methods about the statement say modify ({@code ModifySettings}, {@code ModifyResult},
 * {@code checkModifiable}); user-facing text and the option names keep "write", as the README does
 * ({@code max_write_rows}, {@code allow_dangerous_writes}, "Write requests:" in EXPLAIN), and so do the fields
 * that hold those options ({@code maxWriteRows}).
 *
 * <p>A modify is planned before it is applied: the modifier's {@code plan...} methods turn rows into
 * {@link org.stripejdbc.fdw.modify.WriteRequest}s, checking everything that can be checked (read-only fields
 * {@code 428C9}, an empty UPDATE {@code 22023}, a column or attrs key the API description's endpoint does not accept
 * {@code 22023} ({@code stripe.objects.WriteEndpoints}), a write without an endpoint {@code 0A000}, dangerous writes
 * without the table option {@code allow_dangerous_writes} {@code 42501}), and {@code apply} sends them. An UPDATE
 * computing attrs from the row sends only the difference ({@link org.stripejdbc.fdw.modify.AttrsChange}).
 * The engine reads every target row before planning; {@link org.stripejdbc.fdw.modify.ModifySettings}
 * holds the session's guards (safe updates, the row cap). Guard refusals are
 * {@link org.stripejdbc.fdw.modify.ModifyRefusedException}s, which a dry run ({@code EXPLAIN}) shows instead of
 * failing.
 *
 * <p>Actions ({@code select stripe_action('invoices', 'finalize', id) from ...}) are planned and applied the same way
 * by {@link org.stripejdbc.fdw.modify.StripeActionRunner}: one {@link org.stripejdbc.fdw.modify.ActionRequest} per
 * row (parameters checked against the action's, dangerous actions behind {@code allow_dangerous_writes}), then one
 * request per row with its own {@code Idempotency-Key}, the answers as {@link org.stripejdbc.fdw.modify.ActionResult}
 * rows. An action may address no object ({@code invoices create_preview}) or two ({@code customers verify_source}):
 * the request then carries that many ids; the objects without a table ({@code tax/transactions}) are an
 * {@link org.stripejdbc.fdw.modify.ActionTarget} named after the server's schema, whose opt-in is the server's.
 *
 * <pre>
 *   insert into stripe.customers(email, attrs) values ('a@b.c', '{"metadata":{"plan":"gold"}}') returning id
 *   →  POST /v1/customers   email=a%40b.c&amp;metadata[plan]=gold   Idempotency-Key: &lt;uuid of this row&gt;
 *      RETURNING row ["cus_123"]; warning "inserted customers cus_123"
 * </pre>
 *
 * <p>Knows {@code fdw} (the table definition, {@code RowShaper} for RETURNING rows), {@code stripe.StripeClient} and
 * the registry's {@code WriteRules}, {@code catalog.ForeignColumn}, the engine's {@code ExecutionContext},
 * {@code json}, {@code types}, {@code runtime} and {@code error}. It must not know the session (which finds the rows
 * and passes the guards in as {@code ModifySettings}), the parser or the JDBC layer.
 */
package org.stripejdbc.fdw.modify;
