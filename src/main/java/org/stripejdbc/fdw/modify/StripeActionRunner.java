package org.stripejdbc.fdw.modify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.ForeignTableDefinition;
import org.stripejdbc.fdw.modify.ModifySettings.Restriction;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.FormEncoder;
import org.stripejdbc.stripe.RequestOptions;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.objects.ApiDescription;
import org.stripejdbc.stripe.objects.ApiParameter;
import org.stripejdbc.stripe.objects.StripeAction;
import org.stripejdbc.stripe.objects.StripeActions;
import org.stripejdbc.stripe.objects.WriteRules;
import org.stripejdbc.types.SqlType;

/**
 * Runs the actions of one Stripe foreign table ({@code stripe_action('invoices', 'finalize', id)}): one request per
 * row, in row order, each POST with its own {@code Idempotency-Key} that every retry of that row reuses (a GET, such as
 * {@code credit_notes preview}, and a DELETE carry none). Like {@link StripeModifier}, it plans first (every check,
 * every body; nothing sent) and then {@link #apply}s. An action may address no object
 * ({@code invoices create_preview}: the row gives only its parameters) or two ({@code customers verify_source}: the
 * customer and the source); the objects without a table ({@code tax/transactions}) are reached through an
 * {@link ActionTarget} that names the server's schema instead of a table.
 *
 * <pre>
 *   action("finalize")                          the invoices' finalize (42883 naming the table's actions if unknown)
 *   checkAllowed(pay)                           42501 unless the table has allow_dangerous_writes 'true'
 *   plan(finalize, "in_1", {"auto_advance": false}, "row 1")
 *                                               → POST /v1/invoices/in_1/finalize  auto_advance=false
 *   plan(cancel, "pi_1", {"cancellation_reason": "bored"}, null)
 *                                               → 22023 'bored' is not a value of the parameter ... (one of
 *                                                 duplicate, fraudulent, requested_by_customer, abandoned)
 *   plan(finalize, "in_1", {"colour": "red"}, "row 1")
 *                                               → 22023 "colour" is not a parameter of POST /v1/invoices/{id}/finalize
 *                                                 (it accepts auto_advance, expand); nothing sent
 *   apply([...])                                → rows [in_1, finalize, {"id":"in_1","status":"open",...}]
 *   plan(create_preview, [], {"customer": "cus_1"}, null)
 *                                               → POST /v1/invoices/create_preview  customer=cus_1
 *                                                 (its row's id is the answer's id, null for a preview)
 * </pre>
 * A 404 is not a row (a warning says so); a failure at row k throws with the SQLSTATE and message of the cause
 * (Stripe's message, code and request id) and says how many rows, and which, Stripe had already applied.
 */
public final class StripeActionRunner {
    private final ActionTarget table;
    private final StripeClient client;
    private final IdempotencyKeys keys;
    private final boolean allowDangerousWrites;

    /**
     * @param allowDangerousWrites the table option {@code allow_dangerous_writes}: whether actions that move money or
     *                             cannot be undone ({@link StripeAction#danger()}) may run
     */
    public StripeActionRunner(
            ForeignTableDefinition table, StripeClient client, IdempotencyKeys keys, boolean allowDangerousWrites) {
        this(ActionTarget.of(table), client, keys, allowDangerousWrites);
    }

    /**
     * Actions of {@code target}: a table, or an object without one ({@link ActionTarget#objectWithoutTable}).
     *
     * @param allowDangerousWrites the option {@code allow_dangerous_writes} of the table (of the server for an object
     *                             without a table)
     */
    public StripeActionRunner(
            ActionTarget target, StripeClient client, IdempotencyKeys keys, boolean allowDangerousWrites) {
        this.table = Objects.requireNonNull(target, "target");
        this.client = Objects.requireNonNull(client, "client");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.allowDangerousWrites = allowDangerousWrites;
    }

    /** The table (or table-less object) whose objects the actions address. */
    public ActionTarget target() {
        return table;
    }

    /** Whether the table has {@code allow_dangerous_writes 'true'}. */
    public boolean allowsDangerousWrites() {
        return allowDangerousWrites;
    }

    /** The action {@code name} of the table's object, or 42883 naming the actions it has. */
    public StripeAction action(String name) {
        String path = table.objectPath();
        Optional<StripeAction> action = name == null ? Optional.empty() : StripeActions.find(path, name);
        if (action.isEmpty()) {
            throw new StripeJdbcException(
                    SqlState.UNDEFINED_FUNCTION,
                    "stripe_action: " + table.qualifiedName() + " (Stripe object " + path + ") has no action "
                            + (name == null ? "NULL" : "'" + name + "'") + "; its actions are: "
                            + StripeActions.names(path) + " (API version "
                            + ApiDescription.pinned().apiVersion()
                            + ")");
        }
        return action.get();
    }

    /** How messages name the statement: {@code stripe_action finalize on stripe.invoices}. */
    public String statement(StripeAction action) {
        return "stripe_action " + action.name() + " on " + table.qualifiedName();
    }

    /** Refuses (42501), before any request, a dangerous action unless the table allows dangerous writes. */
    public void checkAllowed(StripeAction action) {
        if (action.danger().isEmpty() || allowDangerousWrites) {
            return;
        }
        throw new ModifyRefusedException(
                SqlState.INSUFFICIENT_PRIVILEGE,
                statement(action) + " " + action.danger().get() + ". Refused before any request: "
                        + table.optInOwner() + " does not have the option " + WriteRules.ALLOW_DANGEROUS_WRITES
                        + " 'true'. To allow it: " + table.optIn() + " (SET instead of ADD when the option is there "
                        + "already)");
    }

    /**
     * Refuses (42501), before any request, an action over a table's rows whose WHERE does not restrict them
     * ({@code select stripe_action('invoices', 'void', id) from stripe.invoices}), under safe updates.
     */
    public void checkRestricted(ModifySettings settings, StripeAction action, Restriction where) {
        if (!settings.safeUpdates() || where == Restriction.RESTRICTS) {
            return;
        }
        String what = where == Restriction.NONE
                ? "has no WHERE clause"
                : "has a WHERE clause that is true for every row (it references no column)";
        throw new ModifyRefusedException(
                SqlState.INSUFFICIENT_PRIVILEGE,
                statement(action) + " reads its rows from a FROM clause and " + what + ", so it would " + action.name()
                        + " every row of it; refused by safe updates before any request. Add a WHERE clause, or "
                        + "turn safe updates off with SET " + ModifySettings.SAFE_UPDATES + " = off (this session) "
                        + "or the connection property " + ModifySettings.SAFE_UPDATES_PROPERTY + "=false");
    }

    /** Refuses (54000), after the read and before any request, more rows than {@code max_write_rows}. */
    public void checkCount(ModifySettings settings, StripeAction action, long rows) {
        if (settings.maxWriteRows() == 0 || rows <= settings.maxWriteRows()) {
            return;
        }
        throw new ModifyRefusedException(
                SqlState.PROGRAM_LIMIT_EXCEEDED,
                statement(action) + " would send " + count(rows) + " requests (one per row), more than "
                        + ModifySettings.MAX_WRITE_ROWS_PROPERTY + " (" + count(settings.maxWriteRows())
                        + "); refused before any request. Narrow the statement, or raise the cap with SET "
                        + ModifySettings.MAX_WRITE_ROWS + " = " + rows + " (this session; 0 = no cap)");
    }

    /** {@link #plan(StripeAction, List, Object, String)} of an action addressing one object. */
    public ActionRequest plan(StripeAction action, Object id, Object parameters, String location) {
        return plan(action, java.util.Collections.singletonList(id), parameters, location);
    }

    /**
     * The request of one row: {@code ids} (as many as the action's path takes, none null or empty: 22004) and
     * {@code parameters} (SQL NULL, a jsonb object, or text holding one) checked against the action's parameters:
     * an unknown top-level key is 22023 naming those the action accepts, and so is a missing required one. Sends
     * nothing.
     *
     * @param location the row in messages ({@code row 2 of 3}), or null for a single row
     */
    public ActionRequest plan(StripeAction action, List<?> ids, Object parameters, String location) {
        String where = statement(action) + (location == null ? "" : ", " + location);
        if (ids.size() != action.ids()) {
            throw new IllegalArgumentException(action.endpoint() + " takes " + action.ids() + " ids, not " + ids);
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Object id = ids.get(i);
            if (id == null || id.toString().isEmpty()) {
                String which = ids.size() == 1 ? "the object id" : i == 0 ? "the parent id" : "the id";
                throw new StripeJdbcException(
                        SqlState.NULL_VALUE_NOT_ALLOWED,
                        where + ": " + which + " is " + (id == null ? "NULL" : "empty")
                                + ", so no object can be addressed; nothing was sent");
            }
            texts.add(id.toString());
        }
        Json json = parameters == null ? Json.NULL : FormValues.toJson(parameters, SqlType.JSONB, where);
        if (!json.isNull() && !json.isObject()) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    where + ": the parameters must be a JSON object of Stripe parameters (such as "
                            + "{\"auto_advance\": false}), not " + (json.isArray() ? "an " : "a ") + json.typeName());
        }
        List<String> given = json.isNull() ? List.of() : json.keys();
        for (String key : given) {
            if (!action.parameters().containsKey(key)) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE,
                        where + ": \"" + key + "\" is not a parameter of " + action.endpoint() + " (it accepts "
                                + action.parameterNames() + "); nothing was sent");
            }
        }
        for (String key : given) {
            ApiParameter parameter = action.parameters().get(key);
            Json value = json.get(key);
            if (value.kind() == Json.Kind.STRING && !parameter.accepts(value.stringValue())) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE,
                        where + ": '" + value.stringValue() + "' is not a value of the parameter \"" + key + "\" of "
                                + action.endpoint() + " (one of " + String.join(", ", parameter.allowed())
                                + "); nothing was sent");
            }
        }
        for (ApiParameter parameter : action.parameters().values()) {
            if (parameter.required() && !given.contains(parameter.name())) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE,
                        where + ": " + action.endpoint() + " requires the parameter \"" + parameter.name()
                                + "\" (give it in the parameters, such as {\"" + parameter.name()
                                + "\": ...}); nothing was sent");
            }
        }
        List<Map.Entry<String, String>> body;
        try {
            body = json.isNull() ? List.of() : FormEncoder.flatten(json);
        } catch (StripeJdbcException e) {
            throw new StripeJdbcException(e.sqlState(), where + ": " + e.getMessage(), e);
        }
        return new ActionRequest(action, texts, body);
    }

    /**
     * Sends the planned requests in order, checking for cancellation before each. All must be of one action.
     */
    public ActionResult apply(List<ActionRequest> requests, ExecutionContext context) {
        Objects.requireNonNull(requests, "requests");
        List<Object[]> rows = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> applied = new ArrayList<>();
        if (requests.isEmpty()) {
            return new ActionResult(rows, warnings);
        }
        StripeAction action = requests.get(0).action();
        checkAllowed(action); // again: the plan may come from an older check
        if (action.writes()) {
            // an action changes its object: a search may not show it for a while (a preview or a GET writes nothing)
            client.recentWrites().record(action.path());
        }
        RequestOptions options = new RequestOptions(table.stripeAccount(), context.control());
        for (int i = 0; i < requests.size(); i++) {
            ActionRequest request = requests.get(i);
            if (!request.action().equals(action)) {
                throw new IllegalArgumentException("one statement's requests mix actions");
            }
            Optional<Json> answer;
            try {
                context.control().checkCancelled();
                // No Idempotency-Key on DELETE (subscriptions' cancel) or GET: Stripe ignores it there; both are
                // idempotent.
                String key = action.method().equals("POST") ? nextKey() : null;
                answer = client.action(action.method(), action.path(), request.ids(), request.body(), key, options);
            } catch (RuntimeException e) {
                throw failure(action, i + 1, requests.size(), applied, e);
            }
            if (answer.isPresent()) {
                // Security: the answer may hold a secret (apps/secrets find): it is a row, never logged or echoed.
                String id = request.id() != null ? request.id() : answeredId(answer.get());
                applied.add(id == null ? "(" + action.name() + ")" : id);
                rows.add(new Object[] {id, action.name(), answer.get()});
            } else if (warnings.size() < StripeModifier.MAX_ROW_WARNINGS) {
                warnings.add(notFound(action, request));
            }
        }
        return new ActionResult(rows, warnings);
    }

    /** The answer's {@code id}, when it has one (a preview has none): the row's id of an object-less action. */
    private static String answeredId(Json answer) {
        Json id = answer.isObject() ? answer.get("id") : null;
        return id != null && id.kind() == Json.Kind.STRING ? id.stringValue() : null;
    }

    private static String notFound(StripeAction action, ActionRequest request) {
        return switch (request.ids().size()) {
            case 0 -> action.endpoint() + " answered 404 (nothing was found); " + action.name() + " gave no row";
            case 1 -> action.objectPath() + " " + request.id() + " was not found; " + action.name() + " not applied";
            default ->
                action.objectPath() + " " + String.join(" / ", request.ids()) + " was not found; " + action.name()
                        + " not applied";
        };
    }

    private StripeJdbcException failure(
            StripeAction action, long row, long total, List<String> applied, RuntimeException cause) {
        StringBuilder out = new StringBuilder(statement(action))
                .append(" failed at row ")
                .append(row)
                .append(" of ")
                .append(total);
        if (applied.isEmpty()) {
            out.append(", no rows were applied");
        } else {
            int shown = Math.min(applied.size(), PartialModifyException.IDS_IN_MESSAGE);
            out.append(" after ")
                    .append(applied.size())
                    .append(applied.size() == 1 ? " row was" : " rows were")
                    .append(" applied (")
                    .append(String.join(", ", applied.subList(0, shown)))
                    .append(applied.size() > shown ? ", and " + (applied.size() - shown) + " more" : "")
                    .append(')');
        }
        if (PartialModifyException.outcomeUnknown(cause)) {
            out.append("; row ").append(row).append(" may have been applied too (its outcome is unknown)");
        }
        out.append(": ").append(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        SqlState state = cause instanceof StripeJdbcException e ? e.sqlState() : SqlState.INTERNAL_ERROR;
        return new StripeJdbcException(state, out.toString(), cause);
    }

    private String nextKey() {
        String key = keys.next();
        if (key == null || key.isBlank()) {
            throw new StripeJdbcException(SqlState.INTERNAL_ERROR, "the idempotency key supplier gave no key");
        }
        return key;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
