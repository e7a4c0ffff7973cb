package org.stripejdbc.fdw.modify;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.stripejdbc.catalog.ForeignColumn;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.ForeignTableDefinition;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.FormEncoder;
import org.stripejdbc.stripe.objects.ApiDescription;
import org.stripejdbc.stripe.objects.WriteEndpoints;
import org.stripejdbc.stripe.objects.WriteRules;

/**
 * Turns one INSERT row, or the SET list of an UPDATE, into the Stripe form body of its request: the ordered
 * {@code key=value} pairs that {@code StripeClient.create/update} send as {@code application/x-www-form-urlencoded}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Order</b>: the columns in the order the statement names them; {@code attrs} expands at its position.</li>
 *   <li><b>Keys</b>: the column name as declared; a bracketed name such as {@code "items[0][price]"} is the key
 *       as written.</li>
 *   <li><b>Values</b> (see {@link FormValues}): text as is; smallint/integer/bigint/numeric in plain decimal
 *       ({@code 12.50} stays {@code 12.50}); real/double without trailing zeros; boolean {@code true}/{@code false};
 *       timestamp (UTC wall clock), timestamptz and date (midnight UTC) as Unix seconds; uuid as text; arrays as
 *       {@code col[0]=…&col[1]=…}; jsonb/json nested under the column name with bracket keys
 *       ({@code metadata jsonb} = {@code {"a":"b"}} → {@code metadata[a]=b}). Text given for a json/jsonb column is
 *       parsed as JSON (malformed → {@code 22P02} naming the column). Interval and time: {@code 42804}.</li>
 *   <li><b>{@code attrs}</b> (jsonb, json or text holding JSON) must be a JSON object of Stripe parameters; its
 *       members are merged into the body at top level in their written order: nested objects and arrays become
 *       bracket keys, flat keys such as {@code "metadata[foo]"} pass through as written, a JSON null member is an
 *       empty value ({@code description=}, Stripe's "unset"). Anything but an object: {@code 22023}. SQL NULL or
 *       JSON {@code null} attrs sends nothing, on INSERT and on UPDATE alike (attrs is not a Stripe field, so
 *       there is nothing to unset).</li>
 *   <li><b>Conflicts</b>: a Stripe parameter given twice (by a column and attrs, or twice inside attrs), or given
 *       both as a value and as nested parameters ({@code metadata=} and {@code metadata[a]=b}), is a {@code 42701}
 *       error before any request: upstream let attrs silently overwrite the column; we refuse to guess.</li>
 *   <li><b>NULL</b>: on INSERT a NULL column (or a JSON {@code null} in a json column) is omitted, as upstream;
 *       on UPDATE {@code SET col = NULL} sends {@code col=} (an empty value, which Stripe reads as "unset").</li>
 *   <li><b>rowid_column</b>: on INSERT its value is sent only when given (Stripe accepts a custom id for some
 *       objects, such as products, coupons and plans; for others its 400 answer decides, as upstream); on UPDATE
 *       assigning it is a {@code 428C9} error (Stripe ids cannot change; upstream sent an empty POST).</li>
 *   <li><b>Read-only fields</b> ({@link WriteRules} of the table's object): a parameter Stripe computes
 *       ({@code created}, {@code livemode}, charges' {@code status}...) is a {@code 428C9} error on INSERT and
 *       UPDATE; one only a create sets ({@code id}, charges' {@code amount}...) on UPDATE. The check is on the
 *       top-level parameter ({@code metadata} of {@code metadata[a]}), from a column or from attrs alike, before
 *       any request.</li>
 *   <li><b>Empty UPDATE</b>: a SET list that gives no Stripe parameter ({@code set attrs = '{}'}) is a {@code 22023}
 *       error: the request would change nothing and is never sent.</li>
 *   <li><b>Parameters of the endpoint</b> ({@link WriteEndpoints}, from the API description): every top-level
 *       parameter, from a column or an attrs key, must be one the create (INSERT) or update (UPDATE) endpoint
 *       accepts, else {@code 22023} naming the parameters it accepts, before any request. {@code 22023} rather
 *       than {@code 42703}: the column exists in the table; it is the value's use as a Stripe parameter that is
 *       invalid (as Stripe's own 400 "Received unknown parameter"). Objects the description does not list are
 *       not checked (the API decides).</li>
 *   <li>A column the table does not declare: {@code 42703}.</li>
 * </ul>
 *
 * <h2>Worked examples</h2>
 * For {@code stripe.customers (id text, email text, name text, description text, created timestamp,
 * livemode bool, metadata jsonb, "items[0][price]" text, attrs jsonb)}, pairs shown decoded:
 * <pre>
 *   insertBody({email='test@test.com', name='test name', description=NULL})
 *       → email=test@test.com &amp; name=test name
 *   insertBody({email='a@b.c', attrs='{"metadata":{"a":"b"},"items":[{"price":"p"}]}'})
 *       → email=a@b.c &amp; metadata[a]=b &amp; items[0][price]=p
 *   insertBody({balance=1250, metadata='{"a":"b"}', created=NULL})
 *       → balance=1250 &amp; metadata[a]=b                 (a NULL is omitted, even for a read-only column)
 *   insertBody({created=2023-11-14 22:13:20})      → 428C9 cannot assign to column "created" (Stripe computes it)
 *   insertBody({"items[0][price]"='price_1'})      → items[0][price]=price_1
 *   updateBody({description='hello fdw'})          → description=hello fdw
 *   updateBody({attrs='{"metadata[foo]": "bar"}'}) → metadata[foo]=bar
 *   updateBody({description=NULL, attrs=NULL})     → description=
 *   updateBody({id='cus_2', name='n'})             → 428C9 cannot assign to column "id" (the rowid_column)
 *   updateBody({created=now()})                    → 428C9 cannot assign to column "created" (Stripe computes it)
 *   insertBody({email='a@b.c', attrs='{"email":"x@y.z"}'})  → 42701 "email" is given twice
 * </pre>
 * On the wire the pairs are percent-encoded with brackets literal in keys: {@code name=test+name},
 * {@code email=a%40b.c}, {@code items[0][price]=p}.
 */
public final class RowEncoder {
    private static final String ATTRS = "attrs";

    private final ForeignTableDefinition table;
    private final WriteEndpoints endpoints;

    public RowEncoder(ForeignTableDefinition table) {
        this.table = Objects.requireNonNull(table, "table");
        this.endpoints = WriteEndpoints.of(table.object().object());
    }

    /** The body of {@code POST /<object>} for one INSERT row (declared column name → runtime value, in order). */
    public List<Map.Entry<String, String>> insertBody(Map<String, ?> row) {
        return insertBody(row, ModifyOperation.INSERT.on(table.qualifiedName()));
    }

    /** The body of {@code POST /<object>/<id>} for an UPDATE's SET list (column name → new value, in order). */
    public List<Map.Entry<String, String>> updateBody(Map<String, ?> assignments) {
        return updateBody(assignments, ModifyOperation.UPDATE.on(table.qualifiedName()));
    }

    /**
     * Refuses ({@code 428C9}), before anything is evaluated, an UPDATE assigning {@code column}: the rowid column,
     * a field Stripe computes, or one only a create sets. {@code attrs} passes (its members are checked when
     * encoded).
     */
    public void checkAssignable(String column) {
        String location = ModifyOperation.UPDATE.on(table.qualifiedName());
        if (column.equals(table.rowidColumn())) {
            throw rowidAssigned(column, location);
        }
        if (!column.equals(ATTRS)) {
            checkAccess("column \"" + column + "\"", column, true, location);
        }
    }

    /** As {@link #insertBody(Map)}; messages start with {@code location} ({@code INSERT into t, row 2 of 3}). */
    List<Map.Entry<String, String>> insertBody(Map<String, ?> row, String location) {
        return encode(row, false, location);
    }

    /** As {@link #updateBody(Map)}; messages start with {@code location}. */
    List<Map.Entry<String, String>> updateBody(Map<String, ?> assignments, String location) {
        return encode(assignments, true, location);
    }

    private List<Map.Entry<String, String>> encode(Map<String, ?> values, boolean update, String location) {
        if (values == null) {
            throw new StripeJdbcException(SqlState.INTERNAL_ERROR, location + ": no column values were given");
        }
        FormBodyBuilder body = new FormBodyBuilder(location);
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            ForeignColumn column = declared(entry.getKey(), location);
            String name = column.name();
            if (update && name.equals(table.rowidColumn())) {
                throw rowidAssigned(name, location);
            }
            String columnLocation = location + ", column \"" + name + "\"";
            Object value = entry.getValue();
            if (name.equals(ATTRS)) {
                addAttrs(body, value, columnLocation, update, location);
                continue;
            }
            Json json = value == null ? Json.NULL : FormValues.toJson(value, column.type(), columnLocation);
            String source = "column \"" + name + "\"";
            if (json.isNull()) {
                if (update) {
                    checkAccess(source, name, update, location);
                    body.add(source, name, "");
                }
                continue;
            }
            List<Map.Entry<String, String>> pairs = flatten(name, json, columnLocation);
            for (Map.Entry<String, String> pair : pairs) {
                checkAccess(source, pair.getKey(), update, location);
            }
            body.add(source, pairs);
        }
        List<Map.Entry<String, String>> pairs = body.pairs();
        if (update && pairs.isEmpty()) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    location + ": the SET list gives no "
                            + "Stripe parameter (" + String.join(", ", values.keySet())
                            + " sent nothing), so the request "
                            + "would change nothing; it is not sent. Set a column, or give attrs a JSON object with "
                            + "at least "
                            + "one parameter");
        }
        return pairs;
    }

    /**
     * Refuses ({@code 428C9}) a parameter the request cannot set: one Stripe computes, or on UPDATE one only a
     * create sets. {@code key} is a form key; its top-level name ({@code metadata} of {@code metadata[a]}) counts.
     */
    private void checkAccess(String source, String key, boolean update, String location) {
        int bracket = key.indexOf('[');
        String field = bracket > 0 ? key.substring(0, bracket) : key;
        WriteRules.FieldAccess access = table.object().writes().access(field);
        String object = table.object().object();
        if (access == WriteRules.FieldAccess.COMPUTED) {
            throw computed(source, object, field, location);
        }
        if (update && access == WriteRules.FieldAccess.CREATE_ONLY) {
            throw createOnly(source, object, field, location);
        }
        checkParameter(source, field, update, location);
    }

    /**
     * Refuses ({@code 22023}) a top-level parameter the endpoint does not accept, naming those it does; nothing
     * for an object the description does not list.
     */
    private void checkParameter(String source, String field, boolean update, String location) {
        if (!endpoints.described()) {
            return;
        }
        Optional<ApiDescription.Operation> endpoint = update ? endpoints.update() : endpoints.create();
        if (endpoint.isEmpty() || endpoint.get().parameters().containsKey(field)) {
            // No endpoint at all is refused once per statement (StripeModifier.checkModifiable).
            return;
        }
        ApiDescription.Operation operation = endpoint.get();
        throw new StripeJdbcException(
                SqlState.INVALID_PARAMETER_VALUE,
                location + ": " + source + " is not a parameter of " + operation.method() + " "
                        + operation.path().replace("{}", "{id}") + " (" + field
                        + " is unknown to Stripe's API version "
                        + ApiDescription.pinned().apiVersion()
                        + "), so nothing was sent. It accepts: "
                        + String.join(", ", new TreeSet<>(operation.parameters().keySet())));
    }

    private static StripeJdbcException computed(String source, String object, String field, String location) {
        return new StripeJdbcException(
                SqlState.GENERATED_ALWAYS,
                location + ": cannot assign to " + source + ": Stripe computes " + object + "." + field
                        + " itself, so no request can set it");
    }

    private static StripeJdbcException createOnly(String source, String object, String field, String location) {
        return new StripeJdbcException(
                SqlState.GENERATED_ALWAYS,
                location + ": cannot assign to " + source
                        + ": Stripe sets " + object + "." + field
                        + " only when the object is created, and an update cannot change it");
    }

    private StripeJdbcException rowidAssigned(String name, String location) {
        return new StripeJdbcException(
                SqlState.GENERATED_ALWAYS,
                location + ": cannot assign to column \"" + name
                        + "\": it is the rowid_column of " + table.qualifiedName()
                        + ", and a Stripe object's id cannot be "
                        + "changed");
    }

    private void addAttrs(FormBodyBuilder body, Object value, String location, boolean update, String statement) {
        if (value == null) {
            return;
        }
        Json attrs = value instanceof String text
                ? FormValues.parseJson(text, location)
                : FormValues.toJson(value, table.column(ATTRS).orElseThrow().type(), location);
        if (attrs.isNull()) {
            return;
        }
        if (!attrs.isObject()) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    location
                            + ": attrs must be a JSON object of Stripe parameters (such as {\"metadata\": {\"k\": "
                            + "\"v\"}}), not "
                            + (attrs.isArray() ? "an " : "a ") + attrs.typeName());
        }
        List<Map.Entry<String, String>> pairs = flatten(attrs, location);
        for (Map.Entry<String, String> pair : pairs) {
            int bracket = pair.getKey().indexOf('[');
            checkAccess(
                    "attrs key \"" + (bracket > 0 ? pair.getKey().substring(0, bracket) : pair.getKey()) + "\"",
                    pair.getKey(),
                    update,
                    statement);
        }
        body.add(ATTRS, pairs);
    }

    /** {@code name} = {@code value} flattened: {@code metadata} {@code {"a":"b"}} → {@code metadata[a]=b}. */
    private static List<Map.Entry<String, String>> flatten(String name, Json value, String location) {
        return flatten(Json.of(Map.of(name, value)), location);
    }

    private static List<Map.Entry<String, String>> flatten(Json object, String location) {
        try {
            return FormEncoder.flatten(object);
        } catch (StripeJdbcException e) {
            throw new StripeJdbcException(e.sqlState(), location + ": " + e.getMessage(), e);
        }
    }

    private ForeignColumn declared(String name, String location) {
        if (name == null) {
            throw new StripeJdbcException(SqlState.UNDEFINED_COLUMN, location + ": a column value has no column name");
        }
        return table.column(name)
                .orElseThrow(() -> new StripeJdbcException(
                        SqlState.UNDEFINED_COLUMN,
                        location + ": column \"" + name + "\" of relation " + table.qualifiedName()
                                + " does not exist"));
    }
}
