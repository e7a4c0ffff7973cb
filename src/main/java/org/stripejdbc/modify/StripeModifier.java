package org.stripejdbc.modify;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.exec.ExecutionContext;
import org.stripejdbc.json.Json;
import org.stripejdbc.plan.ForeignTableDefinition;
import org.stripejdbc.plan.RowShaper;
import org.stripejdbc.stripe.RequestOptions;
import org.stripejdbc.stripe.StripeClient;

/**
 * Runs INSERT, UPDATE and DELETE against one Stripe foreign table: one request per row, sequentially in row order,
 * each written row with its own {@code Idempotency-Key} that every retry of that row reuses, so a row is applied
 * exactly once even when the network fails half-way.
 *
 * <p>The engine parses the statement, evaluates the values, and for UPDATE/DELETE finds the rows (for
 * {@code WHERE id = 'x'} it passes the id directly; otherwise it scans and passes the ids of matching rows, which
 * may stream through the {@code Iterator} overloads). Worked examples for {@code stripe.customers} (object
 * {@code customers}, {@code rowid_column 'id'}); bodies shown decoded (see {@link RowEncoder}):
 * <pre>
 *   insert into stripe.customers(email,name,description) values ('test@test.com', 'test name', null)
 *     → POST   /v1/customers         email=test@test.com &amp; name=test name        Idempotency-Key: k1
 *       warning "inserted customers cus_123"; ids [cus_123]
 *   update stripe.customers set description='hello fdw' where id ='cus_xxx'
 *     → POST   /v1/customers/cus_xxx description=hello fdw                         Idempotency-Key: k2
 *   update stripe.customers set attrs='{"metadata[foo]": "bar"}' where id ='cus_xxx'
 *     → POST   /v1/customers/cus_xxx metadata[foo]=bar                             Idempotency-Key: k3
 *   delete from stripe.customers where id ='cus_xxx'
 *     → DELETE /v1/customers/cus_xxx                                               (no key: DELETE is idempotent)
 * </pre>
 *
 * <p>Semantics:
 * <ul>
 *   <li>{@link #checkWritable} runs first (and again inside every modify method): the table needs a
 *       {@code rowid_column} naming a declared column, for INSERT as well (as upstream), else {@code HV00J} before
 *       any request. There is no client-side list of writable objects: as upstream, the API decides.</li>
 *   <li>A 404 on UPDATE or DELETE means the row is gone: it is not counted as affected and a warning says so
 *       (upstream failed the statement).</li>
 *   <li>Value errors of a list input (a bad JSON in row 5) are raised before any request. Streamed input is
 *       encoded row by row.</li>
 *   <li>A failure at row k (a Stripe error, a network failure after the client's retries, a cancel, a failing
 *       scan feeding the ids) throws {@link PartialModifyException}: SQLSTATE and message of the cause, plus how
 *       many rows, and which, Stripe had already applied.</li>
 *   <li>{@code context.control().checkCancelled()} runs before every row; the client also polls it between
 *       retries.</li>
 *   <li>Warnings, as upstream's INFO lines: {@code inserted customers cus_123}, {@code updated customers cus_123},
 *       {@code deleted customers cus_123} (the object path as in the option: {@code checkout/sessions}).</li>
 * </ul>
 * Rows run one after the other, which keeps order and failure reporting simple; a bounded parallelism (as the
 * retrieve scan has) is a possible later optimisation.
 */
public final class StripeModifier {
    /** Per-row warning lines kept per statement; a last line counts the rows beyond. */
    public static final int MAX_ROW_WARNINGS = 100;

    private final ForeignTableDefinition table;
    private final StripeClient client;
    private final IdempotencyKeys keys;
    private final RowEncoder encoder;

    /** A modifier sending random UUIDs as idempotency keys. */
    public StripeModifier(ForeignTableDefinition table, StripeClient client) {
        this(table, client, IdempotencyKeys.RANDOM);
    }

    public StripeModifier(ForeignTableDefinition table, StripeClient client, IdempotencyKeys keys) {
        this.table = Objects.requireNonNull(table, "table");
        this.client = Objects.requireNonNull(client, "client");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.encoder = new RowEncoder(table);
    }

    /** The table this modifier writes. */
    public ForeignTableDefinition table() {
        return table;
    }

    /** The encoder of this table's form bodies. */
    public RowEncoder encoder() {
        return encoder;
    }

    /**
     * Checks, before any request, that the table accepts {@code operation}: the table option {@code rowid_column}
     * must be set ({@code HV00J option 'rowid_column' is required ...}, naming the table) and name a declared
     * column ({@code 42703 rowid_column attribute "x" does not exist ...}). The engine should call it before it
     * scans for the rows of an UPDATE or DELETE.
     */
    public void checkWritable(ModifyOperation operation) {
        Objects.requireNonNull(operation, "operation");
        String rowid = table.rowidColumn();
        if (rowid == null) {
            throw new StripeJdbcException(SqlState.FDW_OPTION_NAME_NOT_FOUND, "option 'rowid_column' is required for "
                    + operation.on(table.qualifiedName()) + ": the foreign table has no rowid_column option (set it "
                    + "to the column holding the object id, usually 'id', with ALTER FOREIGN TABLE "
                    + table.qualifiedName() + " OPTIONS (ADD rowid_column 'id'))");
        }
        if (table.column(rowid).isEmpty()) {
            throw new StripeJdbcException(SqlState.UNDEFINED_COLUMN, "rowid_column attribute \"" + rowid
                    + "\" does not exist in foreign table " + table.qualifiedName() + " ("
                    + operation.on(table.qualifiedName()) + ")");
        }
    }

    /** {@link #checkWritable(ModifyOperation)} by name ({@code INSERT}, {@code update}...). */
    public void checkWritable(String operation) {
        checkWritable(ModifyOperation.of(operation));
    }

    /**
     * Checks, before any request, that RETURNING rows can be shaped: every declared type can hold its column's
     * values ({@code 42804} otherwise, as a SELECT would fail).
     */
    public void checkReturning() {
        new RowShaper(table).check();
    }

    // ------------------------------------------------------------------------------------------------ INSERT

    /**
     * {@code POST /<object>} per row, keeping the response objects. {@code rows}: declared column name → value,
     * only the columns the INSERT named, in their order; NULLs are omitted. Every row is encoded before the first
     * request.
     */
    public ModifyResult insert(List<? extends Map<String, ?>> rows, ExecutionContext context) {
        Objects.requireNonNull(rows, "rows");
        checkWritable(ModifyOperation.INSERT);
        String statement = ModifyOperation.INSERT.on(table.qualifiedName());
        List<List<Map.Entry<String, String>>> bodies = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String location = rows.size() == 1 ? statement : statement + ", row " + (i + 1) + " of " + rows.size();
            bodies.add(encoder.insertBody(rows.get(i), location));
        }
        return run(ModifyOperation.INSERT, bodies.iterator(), rows.size(), context, Returning.ROWS, List.of(),
                (body, row, options, progress) -> create(body, options, progress));
    }

    /** As {@link #insert(List, ExecutionContext)} for streamed rows (INSERT ... SELECT), encoded row by row. */
    public ModifyResult insert(Iterator<? extends Map<String, ?>> rows, ExecutionContext context,
                               Returning returning) {
        Objects.requireNonNull(rows, "rows");
        checkWritable(ModifyOperation.INSERT);
        String statement = ModifyOperation.INSERT.on(table.qualifiedName());
        return run(ModifyOperation.INSERT, rows, -1, context, returning, List.of(), (values, row, options, progress) ->
                create(encoder.insertBody(values, statement + ", row " + row), options, progress));
    }

    private void create(List<Map.Entry<String, String>> body, RequestOptions options, ModifyProgress progress) {
        Json created = client.create(path(), body, nextKey(), options);
        Json id = created.get("id");
        progress.applied(id == null || id.isNull() ? null : id.asText(), created);
    }

    // ------------------------------------------------------------------------------------------------ UPDATE

    /**
     * {@code POST /<object>/<id>} per id with the SET columns (minus the rowid column), keeping the response
     * objects. A 404 counts the row as not affected. The ids are checked before the first request.
     */
    public ModifyResult update(List<String> ids, Map<String, ?> assignments, ExecutionContext context) {
        Objects.requireNonNull(ids, "ids");
        checkWritable(ModifyOperation.UPDATE);
        List<Map.Entry<String, String>> body = encoder.updateBody(assignments,
                ModifyOperation.UPDATE.on(table.qualifiedName()));
        checkIds(ModifyOperation.UPDATE, ids);
        return update(ids.iterator(), ids.size(), body, assignments, context, Returning.ROWS);
    }

    /** As {@link #update(List, Map, ExecutionContext)} for ids streamed from a scan; nothing is buffered. */
    public ModifyResult update(Iterator<String> ids, Map<String, ?> assignments, ExecutionContext context,
                               Returning returning) {
        Objects.requireNonNull(ids, "ids");
        checkWritable(ModifyOperation.UPDATE);
        List<Map.Entry<String, String>> body = encoder.updateBody(assignments,
                ModifyOperation.UPDATE.on(table.qualifiedName()));
        return update(ids, -1, body, assignments, context, returning);
    }

    private ModifyResult update(Iterator<String> ids, long total, List<Map.Entry<String, String>> body,
                                Map<String, ?> assignments, ExecutionContext context, Returning returning) {
        List<String> warnings = assignments.containsKey(table.rowidColumn())
                ? List.of("column \"" + table.rowidColumn() + "\" is the rowid_column of " + table.qualifiedName()
                        + " and is not sent: a Stripe object's id cannot be changed")
                : List.of();
        return run(ModifyOperation.UPDATE, ids, total, context, returning, warnings, (id, row, options, progress) -> {
            checkId(ModifyOperation.UPDATE, id, row);
            Optional<Json> updated = client.update(path(), id, body, nextKey(), options);
            updated.ifPresentOrElse(object -> progress.applied(id, object), () -> progress.notFound(id));
        });
    }

    // ------------------------------------------------------------------------------------------------ DELETE

    /** {@code DELETE /<object>/<id>} per id, keeping the responses; a 404 counts the row as not affected. */
    public ModifyResult delete(List<String> ids, ExecutionContext context) {
        Objects.requireNonNull(ids, "ids");
        checkWritable(ModifyOperation.DELETE);
        checkIds(ModifyOperation.DELETE, ids);
        return delete(ids.iterator(), ids.size(), context, Returning.ROWS);
    }

    /** As {@link #delete(List, ExecutionContext)} for ids streamed from a scan; nothing is buffered. */
    public ModifyResult delete(Iterator<String> ids, ExecutionContext context, Returning returning) {
        Objects.requireNonNull(ids, "ids");
        checkWritable(ModifyOperation.DELETE);
        return delete(ids, -1, context, returning);
    }

    private ModifyResult delete(Iterator<String> ids, long total, ExecutionContext context, Returning returning) {
        return run(ModifyOperation.DELETE, ids, total, context, returning, List.of(), (id, row, options, progress) -> {
            checkId(ModifyOperation.DELETE, id, row);
            // No Idempotency-Key: DELETE is idempotent in Stripe, and a repeated one answers 404 (not affected).
            Optional<Json> deleted = client.delete(path(), id, options);
            deleted.ifPresentOrElse(object -> progress.applied(id, object), () -> progress.notFound(id));
        });
    }

    // ------------------------------------------------------------------------------------------------ the loop

    /** What to do with one input row; {@code row} is its 1-based number. */
    @FunctionalInterface
    private interface RowAction<T> {
        void apply(T input, long row, RequestOptions options, ModifyProgress progress);
    }

    private <T> ModifyResult run(ModifyOperation operation, Iterator<? extends T> inputs, long total,
                                 ExecutionContext context, Returning returning, List<String> statementWarnings,
                                 RowAction<T> action) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(returning, "returning");
        ModifyProgress progress = new ModifyProgress(operation, table.qualifiedName(), path(), returning);
        statementWarnings.forEach(progress::warn);
        RequestOptions options = new RequestOptions(table.stripeAccount(), context.control());
        long row = 0;
        while (true) {
            row++;
            try {
                // The input may be a lazy scan: reading it can fail after rows were applied, too.
                if (!inputs.hasNext()) {
                    break;
                }
                context.control().checkCancelled();
                action.apply(inputs.next(), row, options, progress);
            } catch (RuntimeException e) {
                throw progress.failure(row, total, e);
            }
        }
        return progress.result();
    }

    private String path() {
        return table.object().object();
    }

    private String nextKey() {
        String key = keys.next();
        if (key == null || key.isBlank()) {
            throw new StripeJdbcException(SqlState.INTERNAL_ERROR, "the idempotency key supplier gave no key");
        }
        return key;
    }

    private void checkIds(ModifyOperation operation, List<String> ids) {
        for (int i = 0; i < ids.size(); i++) {
            checkId(operation, ids.get(i), i + 1);
        }
    }

    private void checkId(ModifyOperation operation, String id, long row) {
        if (id == null || id.isEmpty()) {
            throw new StripeJdbcException(SqlState.NULL_VALUE_NOT_ALLOWED, operation.on(table.qualifiedName())
                    + ", row " + row + ": the rowid_column \"" + table.rowidColumn() + "\" is "
                    + (id == null ? "NULL" : "empty") + ", so the row cannot be addressed in Stripe");
        }
    }
}
