package org.stripejdbc.fdw.modify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.stripejdbc.engine.ColumnsRead;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.ForeignTableDefinition;
import org.stripejdbc.fdw.RowShaper;
import org.stripejdbc.fdw.WrittenRows;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.RequestOptions;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.objects.ApiDescription;
import org.stripejdbc.stripe.objects.WriteEndpoints;
import org.stripejdbc.stripe.objects.WriteRules;

/**
 * Runs INSERT, UPDATE and DELETE against one Stripe foreign table: one request per row, sequentially in row order,
 * each written row with its own {@code Idempotency-Key} that every retry of that row reuses, so a row is applied
 * exactly once even when the network fails half-way.
 *
 * <p>A write has two steps. Planning ({@code planInsert}, {@code updateBody} + {@code planUpdate},
 * {@code planUpdates}, {@code planDelete}) works out every request (a {@link WriteRequest}: method, id, form body)
 * and checks everything that can be checked, sending nothing; {@link #apply} then sends them in order. The engine
 * finds the rows first (for {@code WHERE id = 'x'} it passes the id directly; otherwise it reads every matching
 * row to the end before planning), so a failure while reading changes nothing, and a dry run
 * ({@code EXPLAIN update ...}) shows the planned requests without applying them. Worked examples for
 * {@code stripe.customers} (object {@code customers}, {@code rowid_column 'id'}); bodies shown decoded (see
 * {@link RowEncoder}):
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
 *   insert into stripe.charges (amount, currency, customer) values (500, 'usd', 'cus_1')
 *     → 42501 before any request, unless the table has the option allow_dangerous_writes 'true'
 * </pre>
 *
 * <p>Semantics:
 * <ul>
 *   <li>{@link #checkModifiable} runs first (and again inside every planning method): the table needs a
 *       {@code rowid_column} naming a declared column, for INSERT as well (as upstream), else {@code HV00J} before
 *       any request.</li>
 *   <li>Dangerous writes ({@link WriteRules#danger}: INSERT into charges, payment_intents, payouts, refunds,
 *       topups, transfers, and the described Treasury money movements, Issuing cards, climate orders and
 *       credit notes; UPDATE and DELETE of accounts) are refused ({@link ModifyRefusedException},
 *       {@code 42501}) unless the foreign table has the option {@code allow_dangerous_writes 'true'}; an UPDATE
 *       that sets only {@code description} and {@code metadata} stays allowed. Other objects: as upstream, the API
 *       decides.</li>
 *   <li>Read-only parameters and empty UPDATE bodies are refused while encoding ({@link RowEncoder}).</li>
 *   <li>A 404 on UPDATE or DELETE means the row is gone: it is not counted as affected and a warning says so
 *       (upstream failed the statement).</li>
 *   <li>Every row is encoded before the first request: a value error in row 5 sends nothing.</li>
 *   <li>A failure at row k (a Stripe error, a network failure after the client's retries, a cancel) throws
 *       {@link PartialModifyException}: SQLSTATE and message of the cause, plus how many rows, and which, Stripe
 *       had already applied.</li>
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
    private final boolean allowDangerousWrites;

    /** A modifier sending random UUIDs as idempotency keys, refusing dangerous writes. */
    public StripeModifier(ForeignTableDefinition table, StripeClient client) {
        this(table, client, IdempotencyKeys.RANDOM);
    }

    /** A modifier refusing dangerous writes. */
    public StripeModifier(ForeignTableDefinition table, StripeClient client, IdempotencyKeys keys) {
        this(table, client, keys, false);
    }

    /**
     * @param allowDangerousWrites the table option {@code allow_dangerous_writes}: whether writes that move money
     *                             or destroy an account ({@link WriteRules#danger}) may run
     */
    public StripeModifier(
            ForeignTableDefinition table, StripeClient client, IdempotencyKeys keys, boolean allowDangerousWrites) {
        this.table = Objects.requireNonNull(table, "table");
        this.client = Objects.requireNonNull(client, "client");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.encoder = new RowEncoder(table);
        this.allowDangerousWrites = allowDangerousWrites;
    }

    /** The table this modifier writes. */
    public ForeignTableDefinition table() {
        return table;
    }

    /** The encoder of this table's form bodies. */
    public RowEncoder encoder() {
        return encoder;
    }

    /** Whether the table has {@code allow_dangerous_writes 'true'}. */
    public boolean allowsDangerousWrites() {
        return allowDangerousWrites;
    }

    /** The API path of the table's object ({@code customers}, {@code checkout/sessions}). */
    public String objectPath() {
        return table.object().object();
    }

    /**
     * Checks, before any request, that the table accepts {@code operation}: the table option {@code rowid_column}
     * must be set ({@code HV00J option 'rowid_column' is required ...}, naming the table) and name a declared
     * column ({@code 42703 rowid_column attribute "x" does not exist ...}); and the API description must know the
     * endpoint for an object it lists ({@code 0A000} for {@code insert into stripe.events}). The engine should call
     * it before it scans for the rows of an UPDATE or DELETE.
     */
    public void checkModifiable(ModifyOperation operation) {
        Objects.requireNonNull(operation, "operation");
        String rowid = table.rowidColumn();
        if (rowid == null) {
            throw new StripeJdbcException(
                    SqlState.FDW_OPTION_NAME_NOT_FOUND,
                    "option 'rowid_column' is required for "
                            + operation.on(table.qualifiedName())
                            + ": the foreign table has no rowid_column option (set it "
                            + "to the column holding the object id, usually 'id', with ALTER FOREIGN TABLE "
                            + table.qualifiedName() + " OPTIONS (ADD rowid_column 'id'))");
        }
        if (table.column(rowid).isEmpty()) {
            throw new StripeJdbcException(
                    SqlState.UNDEFINED_COLUMN,
                    "rowid_column attribute \"" + rowid
                            + "\" does not exist in foreign table " + table.qualifiedName() + " ("
                            + operation.on(table.qualifiedName()) + ")");
        }
        WriteEndpoints endpoints = WriteEndpoints.of(objectPath());
        if (endpoints.described() && endpoints.endpoint(operation.rule()).isEmpty()) {
            String verb = switch (operation) {
                case INSERT -> "create";
                case UPDATE -> "update";
                case DELETE -> "delete";
            };
            throw new StripeJdbcException(
                    SqlState.FEATURE_NOT_SUPPORTED,
                    operation.on(table.qualifiedName()) + " is not possible: Stripe's API has no " + verb
                            + " endpoint for " + objectPath() + " (API version "
                            + ApiDescription.pinned().apiVersion() + "); nothing was sent");
        }
    }

    /** {@link #checkModifiable(ModifyOperation)} by name ({@code INSERT}, {@code update}...). */
    public void checkModifiable(String operation) {
        checkModifiable(ModifyOperation.of(operation));
    }

    /**
     * Refuses ({@link ModifyRefusedException}, {@code 42501}), before any request, an INSERT or DELETE the
     * registry marks dangerous for this object unless the table has {@code allow_dangerous_writes 'true'}. For
     * UPDATE it refuses only when {@code assignedColumns} (the SET columns) include one that can carry more than
     * description and metadata; {@code attrs} is checked on its encoded body ({@link #updateBody}).
     */
    public void checkAllowed(ModifyOperation operation, Collection<String> assignedColumns) {
        Optional<String> danger = danger(operation);
        if (danger.isEmpty()) {
            return;
        }
        if (operation != ModifyOperation.UPDATE) {
            throw dangerous(operation, danger.get(), null);
        }
        for (String column : assignedColumns) {
            if (!column.equals("attrs") && !WriteRules.HARMLESS_UPDATE_FIELDS.contains(topLevel(column))) {
                throw dangerous(operation, danger.get(), column);
            }
        }
    }

    private Optional<String> danger(ModifyOperation operation) {
        return allowDangerousWrites ? Optional.empty() : table.object().writes().danger(operation.rule());
    }

    private ModifyRefusedException dangerous(ModifyOperation operation, String reason, String field) {
        String name = table.qualifiedName();
        String what = field == null
                ? operation.on(name) + " " + reason
                : operation.on(name) + " setting \"" + field + "\" " + reason;
        return new ModifyRefusedException(
                SqlState.INSUFFICIENT_PRIVILEGE,
                what + ". Refused before any request: the "
                        + "foreign table " + name + " does not have the option " + WriteRules.ALLOW_DANGEROUS_WRITES
                        + " 'true'"
                        + (field == null ? "" : " (without it, an UPDATE may set only description and metadata)")
                        + ". To allow it: ALTER FOREIGN TABLE " + name + " OPTIONS (ADD "
                        + WriteRules.ALLOW_DANGEROUS_WRITES
                        + " 'true') (SET instead of ADD when the option is there already)");
    }

    /**
     * Checks, before any request, that RETURNING rows can be shaped: every declared type can hold its column's
     * values ({@code 42804} otherwise, as a SELECT would fail).
     */
    public void checkReturning() {
        new RowShaper(table).check();
    }

    /**
     * The RETURNING rows of an INSERT's or UPDATE's {@code result} (kept with {@link Returning#ROWS}), shaped as a
     * SELECT of the table would give them, with a column the API version removed derived as a scan derives it when
     * the list reads it ({@code read}: {@link WrittenRows}).
     */
    public List<Object[]> returningRows(ModifyResult result, ColumnsRead read, ExecutionContext context) {
        return WrittenRows.shape(table, result.objects(), read, client, context);
    }

    // ------------------------------------------------------------------------------------------------ planning

    /**
     * The {@code POST /<object>} request of every row (declared column name → value, only the columns the INSERT
     * named, in their order; NULLs are omitted). Checks and encodes every row; sends nothing.
     */
    public List<WriteRequest> planInsert(List<? extends Map<String, ?>> rows) {
        Objects.requireNonNull(rows, "rows");
        checkModifiable(ModifyOperation.INSERT);
        checkAllowed(ModifyOperation.INSERT, List.of());
        String statement = ModifyOperation.INSERT.on(table.qualifiedName());
        List<WriteRequest> requests = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String location = rows.size() == 1 ? statement : statement + ", row " + (i + 1) + " of " + rows.size();
            requests.add(new WriteRequest(ModifyOperation.INSERT, null, encoder.insertBody(rows.get(i), location)));
        }
        return requests;
    }

    /**
     * The form body of an UPDATE's SET list (column name → new value), checked: read-only parameters
     * ({@code 428C9}), an empty body ({@code 22023}) and, for an object whose UPDATE is dangerous, parameters other
     * than description and metadata ({@code 42501}). Sends nothing.
     */
    public List<Map.Entry<String, String>> updateBody(Map<String, ?> assignments) {
        return updateBody(assignments, ModifyOperation.UPDATE.on(table.qualifiedName()));
    }

    private List<Map.Entry<String, String>> updateBody(Map<String, ?> assignments, String location) {
        Objects.requireNonNull(assignments, "assignments");
        checkModifiable(ModifyOperation.UPDATE);
        checkAllowed(ModifyOperation.UPDATE, assignments.keySet());
        List<Map.Entry<String, String>> body = encoder.updateBody(assignments, location);
        Optional<String> danger = danger(ModifyOperation.UPDATE);
        if (danger.isPresent()) {
            for (Map.Entry<String, String> pair : body) {
                if (!WriteRules.HARMLESS_UPDATE_FIELDS.contains(topLevel(pair.getKey()))) {
                    throw dangerous(ModifyOperation.UPDATE, danger.get(), topLevel(pair.getKey()));
                }
            }
        }
        return body;
    }

    /** {@code POST /<object>/<id>} with the same {@code body} (from {@link #updateBody}) for every id. */
    public List<WriteRequest> planUpdate(List<String> ids, List<Map.Entry<String, String>> body) {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(body, "body");
        checkModifiable(ModifyOperation.UPDATE);
        checkIds(ModifyOperation.UPDATE, ids);
        List<Map.Entry<String, String>> shared = List.copyOf(body);
        List<WriteRequest> requests = new ArrayList<>(ids.size());
        for (String id : ids) {
            requests.add(new WriteRequest(ModifyOperation.UPDATE, id, shared));
        }
        return requests;
    }

    /**
     * {@code POST /<object>/<id>} per id with that row's own SET values ({@code set description = upper(email)}):
     * {@code assignments.get(i)} belongs to {@code ids.get(i)}. Every body is encoded and checked first.
     */
    public List<WriteRequest> planUpdates(List<String> ids, List<? extends Map<String, ?>> assignments) {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(assignments, "assignments");
        if (ids.size() != assignments.size()) {
            throw new IllegalArgumentException(ids.size() + " ids but " + assignments.size() + " SET lists");
        }
        checkModifiable(ModifyOperation.UPDATE);
        checkIds(ModifyOperation.UPDATE, ids);
        String statement = ModifyOperation.UPDATE.on(table.qualifiedName());
        List<WriteRequest> requests = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String location = ids.size() == 1
                    ? statement
                    : statement + ", row " + (i + 1) + " of " + ids.size() + " (" + ids.get(i) + ")";
            requests.add(
                    new WriteRequest(ModifyOperation.UPDATE, ids.get(i), updateBody(assignments.get(i), location)));
        }
        return requests;
    }

    /**
     * The {@code attrs} to send for an UPDATE that computes it from the row ({@code set attrs = attrs || '{"metadata":
     * {"a": "b"}}'}): only what differs from the row as read ({@link AttrsChange}), so that the response-only fields
     * of the object ({@code id}, {@code object}...) are not sent back. Both values as the engine gives a jsonb
     * column (Json, or text holding JSON); the empty object when nothing changed.
     */
    public Json attrsChange(Object before, Object after) {
        String location = ModifyOperation.UPDATE.on(table.qualifiedName()) + ", column \"attrs\"";
        var type = table.column("attrs").orElseThrow().type();
        Json old = before == null ? Json.NULL : FormValues.toJson(before, type, location);
        Json now = after == null ? Json.NULL : FormValues.toJson(after, type, location);
        return AttrsChange.between(old, now);
    }

    /** {@code DELETE /<object>/<id>} per id. */
    public List<WriteRequest> planDelete(List<String> ids) {
        Objects.requireNonNull(ids, "ids");
        checkModifiable(ModifyOperation.DELETE);
        checkAllowed(ModifyOperation.DELETE, List.of());
        checkIds(ModifyOperation.DELETE, ids);
        List<WriteRequest> requests = new ArrayList<>(ids.size());
        for (String id : ids) {
            requests.add(new WriteRequest(ModifyOperation.DELETE, id, List.of()));
        }
        return requests;
    }

    // ------------------------------------------------------------------------------------------------ applying

    /**
     * Sends the planned requests in order, keeping the response objects when {@code returning} is
     * {@link Returning#ROWS}. A 404 on UPDATE or DELETE counts the row as not affected. All requests must be of
     * one statement kind.
     */
    public ModifyResult apply(List<WriteRequest> requests, ExecutionContext context, Returning returning) {
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(returning, "returning");
        if (requests.isEmpty()) {
            return new ModifyResult(0, List.of(), List.of(), List.of());
        }
        ModifyOperation operation = requests.get(0).operation();
        checkModifiable(operation);
        ModifyProgress progress = new ModifyProgress(operation, table.qualifiedName(), objectPath(), returning);
        RequestOptions options = new RequestOptions(table.stripeAccount(), context.control());
        long row = 0;
        for (WriteRequest request : requests) {
            row++;
            if (request.operation() != operation) {
                throw new IllegalArgumentException(
                        "one statement's requests mix " + operation + " and " + request.operation());
            }
            try {
                context.control().checkCancelled();
                send(request, options, progress);
            } catch (RuntimeException e) {
                throw progress.failure(row, requests.size(), e);
            }
        }
        return progress.result();
    }

    private void send(WriteRequest request, RequestOptions options, ModifyProgress progress) {
        switch (request.operation()) {
            case INSERT -> {
                Json created = client.create(objectPath(), request.body(), nextKey(), options);
                Json id = created.get("id");
                progress.applied(id == null || id.isNull() ? null : id.asText(), created);
            }
            case UPDATE -> {
                Optional<Json> updated = client.update(objectPath(), request.id(), request.body(), nextKey(), options);
                updated.ifPresentOrElse(
                        object -> progress.applied(request.id(), object), () -> progress.notFound(request.id()));
            }
            case DELETE -> {
                // No Idempotency-Key: DELETE is idempotent in Stripe, and a repeated one answers 404 (not affected).
                Optional<Json> deleted = client.delete(objectPath(), request.id(), options);
                deleted.ifPresentOrElse(
                        object -> progress.applied(request.id(), object), () -> progress.notFound(request.id()));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ shortcuts

    /** {@link #planInsert} then {@link #apply}, keeping the response objects. */
    public ModifyResult insert(List<? extends Map<String, ?>> rows, ExecutionContext context) {
        return apply(planInsert(rows), context, Returning.ROWS);
    }

    /** {@link #updateBody}, {@link #planUpdate} then {@link #apply}, keeping the response objects. */
    public ModifyResult update(List<String> ids, Map<String, ?> assignments, ExecutionContext context) {
        return apply(planUpdate(ids, updateBody(assignments)), context, Returning.ROWS);
    }

    /** {@link #planDelete} then {@link #apply}, keeping the responses. */
    public ModifyResult delete(List<String> ids, ExecutionContext context) {
        return apply(planDelete(ids), context, Returning.ROWS);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** {@code metadata} of {@code metadata[a]}. */
    private static String topLevel(String key) {
        int bracket = key.indexOf('[');
        return bracket > 0 ? key.substring(0, bracket) : key;
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
            String id = ids.get(i);
            if (id == null || id.isEmpty()) {
                throw new StripeJdbcException(
                        SqlState.NULL_VALUE_NOT_ALLOWED,
                        operation.on(table.qualifiedName())
                                + ", row " + (i + 1) + ": the rowid_column \"" + table.rowidColumn() + "\" is "
                                + (id == null ? "NULL" : "empty") + ", so the row cannot be addressed in Stripe");
            }
        }
    }
}
