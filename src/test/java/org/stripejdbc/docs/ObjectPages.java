package org.stripejdbc.docs;

import java.sql.JDBCType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.stripejdbc.stripe.objects.ApiDescription;
import org.stripejdbc.stripe.objects.MovedFields;
import org.stripejdbc.stripe.objects.StripeAction;
import org.stripejdbc.stripe.objects.StripeActions;
import org.stripejdbc.stripe.objects.StripeColumn;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;
import org.stripejdbc.stripe.objects.StripeRelations;
import org.stripejdbc.stripe.objects.WriteRules;
import org.stripejdbc.types.SqlType;

/**
 * The reference page of every Stripe object, generated from the registry ({@link StripeObjects}) and from what the
 * planner does with each condition ({@link Explainer}): {@code docs/objects/<table>.md} and the index
 * {@code docs/objects/README.md}.
 */
final class ObjectPages {
    /** Sample ids, with Stripe's prefix for each object, for the examples. */
    /** {@code ## Relations}: the references the API description records, and the parent key of a child table. */
    private static void relations(StringBuilder out, StripeObject object) {
        Map<String, String> references = StripeRelations.references(object.object());
        List<String> rows = new ArrayList<>();
        for (StripeColumn column : object.columns()) {
            String resource = references.get(column.name());
            if (resource == null) {
                continue;
            }
            String target = StripeObjects.all().stream()
                    .filter(o -> o.parent() == null)
                    .filter(o -> StripeRelations.resourceName(o.object())
                            .filter(resource::equals)
                            .isPresent())
                    .map(o -> "`" + o.tableName() + ".id`")
                    .findFirst()
                    .orElse("no table (`" + resource + "`)");
            rows.add("| `" + column.name() + "` | " + target + " |\n");
        }
        if (rows.isEmpty()) {
            return;
        }
        out.append("## Relations\n\nReported by `DatabaseMetaData.getImportedKeys` when both tables are in the "
                        + "catalog:\n\n| column | references |\n|---|---|\n")
                .append(String.join("", rows))
                .append("\n");
    }

    private static final Map<String, String> ID_EXAMPLES = Map.ofEntries(
            Map.entry("accounts", "acct_1Nv0FGQ9RKHgCVdK"),
            Map.entry("balance_transactions", "txn_1NvLKv2eZvKYlo2C"),
            Map.entry("charges", "ch_3NvLKv2eZvKYlo2C"),
            Map.entry("customers", "cus_NffrFeUfNV2Hib"),
            Map.entry("disputes", "dp_1NvLKv2eZvKYlo2C"),
            Map.entry("events", "evt_1NvLKv2eZvKYlo2C"),
            Map.entry("files", "file_1NvLKv2eZvKYlo2C"),
            Map.entry("file_links", "link_1NvLKv2eZvKYlo2C"),
            Map.entry("invoices", "in_1NvLKv2eZvKYlo2C"),
            Map.entry("mandates", "mandate_1NvLKv2eZvKYlo2C"),
            Map.entry("payment_intents", "pi_3NvLKv2eZvKYlo2C"),
            Map.entry("payouts", "po_1NvLKv2eZvKYlo2C"),
            Map.entry("prices", "price_1NvLKv2eZvKYlo2C"),
            Map.entry("products", "prod_NWjs8kKbJWmuuc"),
            Map.entry("refunds", "re_3NvLKv2eZvKYlo2C"),
            Map.entry("setup_attempts", "setatt_1NvLKv2eZvKYlo2C"),
            Map.entry("setup_intents", "seti_1NvLKv2eZvKYlo2C"),
            Map.entry("subscriptions", "sub_1NvLKv2eZvKYlo2C"),
            Map.entry("tokens", "tok_1NvLKv2eZvKYlo2C"),
            Map.entry("topups", "tu_1NvLKv2eZvKYlo2C"),
            Map.entry("transfers", "tr_1NvLKv2eZvKYlo2C"),
            Map.entry("billing_meters", "mtr_1NvLKv2eZvKYlo2C"),
            Map.entry("checkout_sessions", "cs_test_a1NvLKv2eZvKYlo2C"));

    /** Sample values of pushable text fields, for the examples. */
    private static final Map<String, String> FIELD_EXAMPLES = Map.ofEntries(
            Map.entry("customer", "cus_NffrFeUfNV2Hib"), Map.entry("email", "jenny.rosen@example.com"),
            Map.entry("charge", "ch_3NvLKv2eZvKYlo2C"), Map.entry("payment_intent", "pi_3NvLKv2eZvKYlo2C"),
            Map.entry("subscription", "sub_1NvLKv2eZvKYlo2C"), Map.entry("product", "prod_NWjs8kKbJWmuuc"),
            Map.entry("setup_intent", "seti_1NvLKv2eZvKYlo2C"), Map.entry("payment_method", "pm_1NvLKv2eZvKYlo2C"),
            Map.entry("destination", "acct_1Nv0FGQ9RKHgCVdK"), Map.entry("currency", "usd"),
            Map.entry("purpose", "dispute_evidence"), Map.entry("price", "price_1NvLKv2eZvKYlo2C"));

    private static final Map<String, String> STATUS_EXAMPLES =
            Map.of("invoices", "paid", "payouts", "paid", "topups", "succeeded", "subscriptions", "active");
    private static final Map<String, String> TYPE_EXAMPLES =
            Map.of("balance_transactions", "charge", "events", "charge.succeeded", "prices", "recurring");

    private final Explainer explainer;

    ObjectPages(Explainer explainer) {
        this.explainer = Objects.requireNonNull(explainer, "explainer");
    }

    /** Every page by path relative to the repository root, index first. */
    Map<String, String> render() {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("docs/objects/README.md", index());
        for (StripeObject object : StripeObjects.all()) {
            pages.put("docs/objects/" + object.tableName() + ".md", page(object));
        }
        return pages;
    }

    private static String header() {
        return "<!-- Generated from the object registry (StripeObjects) and the planner's EXPLAIN output by\n"
                + "     DocsDriftTest; do not edit by hand. Regenerate: mvn -B -Pdocs test -->\n";
    }

    private String index() {
        StringBuilder out = new StringBuilder(header());
        out.append("\n# Stripe objects\n\n")
                .append("Every Stripe object the driver knows, as `import foreign schema stripe from server "
                        + "stripe_server "
                        + "into stripe` (or zero-config) creates it. Each page lists the columns, the "
                        + "conditions that "
                        + "become request parameters (with the exact request), what a query must say for "
                        + "objects "
                        + "that cannot be listed freely, and whether the object can be written.\n\n")
                .append("| table | Stripe API path | read | conditions pushed to Stripe | writable |\n")
                .append("|---|---|---|---|---|\n");
        for (StripeObject object : StripeObjects.all()) {
            out.append("| [`")
                    .append(object.tableName())
                    .append("`](")
                    .append(object.tableName())
                    .append(".md) | `/v1/")
                    .append(object.object())
                    .append("` | ")
                    .append(readSummary(object))
                    .append(" | ")
                    .append(pushedSummary(object))
                    .append(" | ")
                    .append(writableSummary(object))
                    .append(" |\n");
        }
        out.append("\n\"API decides\": the FDW documents INSERT/UPDATE/DELETE only for customers, products and "
                + "subscriptions; the driver sends the request for any table with `rowid_column` and reports "
                + "Stripe's answer. \"needs `allow_dangerous_writes`\": those writes move money or destroy an "
                + "account, and are refused before any request unless the table has that option (see the object's "
                + "page). Every write is checked by the guards of the README's \"Writes and their guards\".\n");
        return out.toString();
    }

    private static String writableSummary(StripeObject object) {
        if (object.shape() == StripeObject.Shape.BALANCE) {
            return "no";
        }
        String base = object.writable() ? "yes" : "API decides";
        List<String> dangerous = object.writes().dangerous().keySet().stream()
                .sorted()
                .map(Enum::name)
                .toList();
        return dangerous.isEmpty()
                ? base
                : base + "; " + String.join(" and ", dangerous) + (dangerous.size() == 1 ? " needs" : " need")
                        + " `allow_dangerous_writes`";
    }

    private static String readSummary(StripeObject object) {
        if (object.shape() == StripeObject.Shape.BALANCE) {
            return "one row per balance entry";
        }
        if (!object.listable()) {
            return "by `id` only";
        }
        if (object.requiredFilter() != null) {
            return "list per `" + object.requiredFilter() + "`" + (object.retrievable() ? ", or by `id`" : "");
        }
        return object.retrievable() ? "list, or by `id`" : "list";
    }

    private static String pushedSummary(StripeObject object) {
        List<String> parts = new ArrayList<>();
        if (object.hasId() && object.retrievable()) {
            parts.add("`id`");
        }
        for (String field : pushableColumns(object)) {
            parts.add("`" + field + "`");
        }
        for (String field : object.rangeFields()) {
            if (object.column(field).isPresent()) {
                parts.add("`" + field + "` ranges");
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** The pushable fields that are columns (subscriptions' {@code price} is not: it is nested in items). */
    private static List<String> pushableColumns(StripeObject object) {
        return object.pushableFields().stream()
                .filter(f -> object.column(f).isPresent())
                .toList();
    }

    private String page(StripeObject object) {
        String table = "stripe." + object.tableName();
        StringBuilder out = new StringBuilder(header());
        out.append("\n# ")
                .append(object.title())
                .append(" (`")
                .append(table)
                .append("`)\n\n")
                .append(object.description())
                .append(" Stripe API path: `/v1/")
                .append(object.object())
                .append("`.")
                .append(
                        object.apiVersion() == null
                                ? ""
                                : " Made from the API description of Stripe version `" + object.apiVersion()
                                        + "`, which its requests send as `Stripe-Version` unless the server sets "
                                        + "`api_version`.")
                .append("\n\n");

        out.append("## Columns\n\n| column | SQL type | JDBC type | Java class | read from |\n|---|---|---|---|---|\n");
        for (StripeColumn column : object.columns()) {
            String source = "top-level field `" + column.name() + "`";
            if (object.parent() != null && object.parent().column().equals(column.name())) {
                source = "the " + object.parent().parentResource() + " id of the request path (parent key)";
            } else if (object.parent() != null
                    && object.listParameter(column.name()).isPresent()
                    && ApiDescription.pinned()
                            .resource(object.parent().childResource())
                            .map(r -> !r.fields().containsKey(column.name()))
                            .orElse(false)) {
                source = "the `" + column.name() + "` parameter of the request (the object has no such field)";
            }
            Optional<List<String>> moved = MovedFields.newPlace(object.object(), column.name());
            if (moved.isPresent()) {
                source += "; derived from `" + String.join(".", moved.get()) + "` where the object lacks it (API "
                        + "version 2025-03-31.basil moved it there)";
            }
            Optional<String> removed = MovedFields.removed(object.object(), column.name());
            if (removed.isPresent()) {
                source += "; where the object lacks it: " + removed.get();
            }
            out.append(columnRow(column.name(), column.type(), source));
        }
        out.append(columnRow("attrs", SqlType.JSONB, "the whole object as Stripe returned it"));
        out.append("\nTimestamps are Stripe's Unix seconds as UTC wall-clock time (`timestamp without time zone`). A "
                + "column you declare that is not listed here reads the top-level field of the same name (for "
                + "example `livemode bool` or `metadata jsonb`).\n\n");

        relations(out, object);

        out.append("## Reading\n\n");
        if (object.parent() != null) {
            StripeObject.ParentKey parent = object.parent();
            out.append("A child table: Stripe lists these only per ")
                    .append(parent.parentResource())
                    .append(" (`GET /v1/")
                    .append(object.object())
                    .append("`). A condition `")
                    .append(parent.column())
                    .append(" = '...'`, `")
                    .append(parent.column())
                    .append(" IN (...)` or a join on `")
                    .append(parent.column())
                    .append("` from a small side gives the keys: one list walk per key. ")
                    .append(
                            parent.walkable()
                                    ? "Without one, the scan walks `GET /v1/" + parent.parentPath()
                                            + "` and then each one's list (one request per parent at least), as "
                                            + "EXPLAIN says. "
                                    : "Without one, the driver refuses the query before any request (SQLSTATE "
                                            + "0A000): the parent cannot be listed. ")
                    .append("The parent's embedded first page is never used as the whole list.\n\n");
            if (!object.requiredParameters().isEmpty()) {
                out.append("Stripe computes this list from parameters it requires: ")
                        .append(codes(object.requiredParameters()))
                        .append(". Each comes from a condition `column = value`")
                        .append(
                                object.requiredParameters().contains("start_time")
                                        ? " (and the window also from `start_time >= ...` and `end_time <= ...`: "
                                                + "every summary of the window starts and ends within it, so with "
                                                + "`value_grouping_window` these give all the window's hours or days)"
                                        : "")
                        .append("; without one the driver refuses the query before any request (SQLSTATE 0A000), "
                                + "naming the missing ones.\n\n");
            }
        } else if (object.shape() == StripeObject.Shape.BALANCE) {
            out.append("One request, no parameters; one row per entry of `available`, then of `pending` (every "
                    + "currency). No condition is pushed: all of them are evaluated locally.\n\n");
        } else if (!object.listable()) {
            out.append("Stripe has no list endpoint for ")
                    .append(object.title().toLowerCase(Locale.ROOT))
                    .append(": a query must say `WHERE id = '...'` (or `id IN (...)`); without it the driver "
                            + "refuses the query before any request (SQLSTATE 0A000).\n\n");
        } else if (object.requiredFilter() != null) {
            out.append("Stripe lists ")
                    .append(object.tableName())
                    .append(" only for one `")
                    .append(object.requiredFilter())
                    .append("`: a query must say `WHERE ")
                    .append(object.requiredFilter())
                    .append(" = '...'` (or `IN (...)`)")
                    .append(object.retrievable() ? " or `WHERE id = '...'`" : "")
                    .append("; without it the driver refuses the query before any request (SQLSTATE 0A000).\n\n");
        } else {
            out.append("Lists page through Stripe lazily (100 objects a page, `starting_after` the last id while "
                    + "`has_more`): the first rows arrive after one request, and a LIMIT stops the walk once "
                    + "enough rows came when every condition was pushed exactly.\n\n");
        }
        if (!object.defaultListParameters().isEmpty()) {
            out.append("Every list request carries ")
                    .append(object.defaultListParameters().entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .map(e -> "`" + e.getKey() + "=" + e.getValue() + "`")
                            .collect(Collectors.joining(", ")))
                    .append(" unless a condition on the same field is pushed, so "
                            + "that the table holds every object (Stripe's default hides some).\n\n");
        }
        List<String> notColumns = object.pushableFields().stream()
                .filter(f -> object.column(f).isEmpty())
                .toList();
        if (!notColumns.isEmpty()) {
            out.append("The original FDW lists ")
                    .append(notColumns.stream().map(f -> "`" + f + "`").collect(Collectors.joining(", ")))
                    .append(" as a filter, but it is not a top-level field of the "
                            + "object, so it is no column and cannot be filtered on.\n\n");
        }

        out.append("### Conditions and the requests they become\n\n")
                .append("| `select * from ")
                .append(table)
                .append(" ...` | request |\n|---|---|\n");
        for (String example : examples(object)) {
            List<String> requests = explainer.requests("select * from " + table + " " + example);
            out.append("| `")
                    .append(example.isEmpty() ? "(no condition)" : example)
                    .append("` | ")
                    .append(requests.stream().map(ObjectPages::cell).collect(Collectors.joining("<br>")))
                    .append(" |\n");
        }
        out.append("\nEvery other condition (`<>`, `LIKE`, `OR`, functions, `attrs->>...`) is evaluated locally on "
                + "the rows fetched; a pushed condition only narrows what is fetched and never changes the result. "
                + "With a `LIMIT` and only exactly pushed conditions, the first request asks for no more than the "
                + "rows needed (`limit=10` for `LIMIT 10`; EXPLAIN shows the default page size).\n\n");

        out.append("## Writing\n\n");
        if (object.parent() != null) {
            out.append("Read-only here: writes to a child list go through its parent's endpoints.\n");
        } else if (object.shape() == StripeObject.Shape.BALANCE) {
            out.append("Read-only: the imported table has no `rowid_column`, so INSERT, UPDATE and DELETE fail before "
                    + "any request (SQLSTATE HV00J).\n");
        } else {
            String path = "/v1/" + object.object();
            out.append(
                    object.writable()
                            ? "Documented as writable.\n\n"
                            : "Not documented as writable by Stripe's API for every field; the driver sends the "
                                    + "request and "
                                    + "Stripe decides (an error comes back as an SQLException with Stripe's "
                                    + "message).\n\n");
            out.append("| statement | request |\n|---|---|\n")
                    .append("| `insert into ")
                    .append(table)
                    .append(" (...) values (...)` | `POST ")
                    .append(path)
                    .append("` (one per row, form-encoded, `Idempotency-Key` per row) |\n")
                    .append("| `update ")
                    .append(table)
                    .append(" set ... where id = '...'` | `POST ")
                    .append(path)
                    .append("/<id>` with the SET columns |\n")
                    .append("| `delete from ")
                    .append(table)
                    .append(" where id = '...'` | `DELETE ")
                    .append(path)
                    .append("/<id>` |\n")
                    .append("\nOther WHERE conditions first read every matching row (as above, every page, to the "
                            + "end), then write each one; a failure while reading writes nothing. `RETURNING` gives "
                            + "Stripe's answer as rows and `getGeneratedKeys()` the new `id`. `EXPLAIN` of a write is "
                            + "a dry run: it reads the rows and lists the requests without sending them. UPDATE and "
                            + "DELETE need a WHERE clause (`stripe.safe_updates`), and one statement writes at most "
                            + "`max_write_rows` rows (1,000 by default).\n");
            writeRules(out, object, table);
            actions(out, object, table);
        }

        out.append("\n## Table definition\n\nWhat IMPORT FOREIGN SCHEMA (and zero-config) creates:\n\n```sql\n")
                .append("create foreign table if not exists ")
                .append(table)
                .append(" (\n");
        for (StripeColumn column : object.columns()) {
            out.append("  ")
                    .append(column.name())
                    .append(' ')
                    .append(ddlType(column.type()))
                    .append(",\n");
        }
        out.append("  attrs jsonb\n) server stripe_server options (object '")
                .append(object.object())
                .append('\'')
                .append(object.shape() == StripeObject.Shape.BALANCE ? "" : ", rowid_column 'id'")
                .append(");\n```\n");
        return out.toString();
    }

    /** {@code ## Actions}: the object's actions from the API description ({@code StripeActions}), if any. */
    private static void actions(StringBuilder out, StripeObject object, String table) {
        List<StripeAction> actions = StripeActions.of(object.object());
        if (actions.isEmpty()) {
            return;
        }
        out.append("\n## Actions\n\nCalled from SQL with `stripe_action` (see [actions](../actions.md)), one request "
                + "per row, each POST with its own `Idempotency-Key`:\n\n```sql\n");
        actions.stream()
                .filter(a -> a.ids() == 1)
                .findFirst()
                .ifPresent(first -> out.append("select stripe_action('")
                        .append(object.tableName())
                        .append("', '")
                        .append(first.name())
                        .append("', id) from ")
                        .append(table)
                        .append(" where ...;\nselect * from stripe_action('")
                        .append(object.tableName())
                        .append("', '")
                        .append(first.name())
                        .append("', '<id>', '{...parameters...}');\n"));
        for (StripeAction action : actions) {
            if (action.ids() == 0) {
                out.append("select * from stripe_action('")
                        .append(object.tableName())
                        .append("', '")
                        .append(action.name())
                        .append("', '{...parameters...}');  -- addresses no object\n");
            } else if (action.ids() == 2) {
                out.append("select * from stripe_action('")
                        .append(object.tableName())
                        .append("', '")
                        .append(action.name())
                        .append("', '<parent id>', '<id>', '{...parameters...}');  -- addresses two objects\n");
            }
        }
        out.append("```\n\n| action | request | parameters | notes |\n").append("|---|---|---|---|\n");
        for (StripeAction action : actions) {
            String notes = action.danger()
                    .map(d -> "needs `allow_dangerous_writes`: " + d)
                    .orElse(action.testHelper() ? "a test helper (test mode only)" : "");
            if (action.testHelper() && action.danger().isPresent()) {
                notes = "a test helper (test mode only); " + notes;
            }
            if (!action.writes()) {
                notes = "changes nothing: a read-only connection may run it";
            }
            out.append("| `")
                    .append(action.name())
                    .append("` | `")
                    .append(action.endpoint())
                    .append("` | ")
                    .append(action.parameters().keySet().stream()
                            .sorted()
                            .map(n -> "`" + n + "`")
                            .collect(Collectors.joining(", ")))
                    .append(" | ")
                    .append(notes)
                    .append(" |\n");
        }
    }

    /** The dangerous writes and the read-only fields of an object, from its {@code WriteRules}. */
    private static void writeRules(StringBuilder out, StripeObject object, String table) {
        WriteRules rules = object.writes();
        if (!rules.dangerous().isEmpty()) {
            out.append("\n**Writes that move money or destroy an account** are refused before any request (SQLSTATE "
                    + "42501) unless the table has the option `allow_dangerous_writes`:\n\n");
            rules.dangerous().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.append("- ")
                            .append(e.getKey().name())
                            .append(" ")
                            .append(e.getValue())
                            .append(
                                    e.getKey() == WriteRules.Operation.UPDATE
                                            ? " (setting only `description` and `metadata` "
                                                    + "stays allowed without the option)"
                                            : "")
                            .append(".\n"));
            out.append("\n```sql\nalter foreign table ")
                    .append(table)
                    .append(" options (add allow_dangerous_writes " + "'true');\n```\n");
        }
        List<String> computed = new ArrayList<>(new TreeSet<>(WriteRules.ALWAYS_COMPUTED));
        new TreeSet<>(rules.computed()).forEach(computed::add);
        List<String> createOnly = new ArrayList<>(List.of("id"));
        new TreeSet<>(rules.createOnly()).forEach(createOnly::add);
        out.append("\n**Read-only fields** (a column or an `attrs` key setting one is refused before any request, "
                        + "SQLSTATE 428C9): Stripe computes ")
                .append(codes(computed))
                .append(" (no INSERT or UPDATE sets them); ")
                .append(codes(createOnly))
                .append(" can be given to INSERT only (an UPDATE cannot change them).\n");
    }

    private static String codes(List<String> names) {
        return names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
    }

    private static String columnRow(String name, SqlType type, String source) {
        return "| `" + name + "` | " + ddlType(type) + " | "
                + JDBCType.valueOf(type.jdbcType()).getName() + " | `"
                + type.javaClass().getSimpleName() + "` | " + source + " |\n";
    }

    /** The type as IMPORT FOREIGN SCHEMA spells it. */
    private static String ddlType(SqlType type) {
        return type == SqlType.BOOLEAN ? "bool" : type.postgresName();
    }

    private static String cell(String request) {
        String text = request.replace("|", "\\|");
        return request.startsWith("error ") ? "refused: " + text.substring("error ".length()) : "`" + text + "`";
    }

    /** The conditions documented for an object, in order: none, id, id IN, each pushable field, created. */
    private static List<String> examples(StripeObject object) {
        if (object.parent() != null && !object.requiredParameters().isEmpty()) {
            return computedExamples(object);
        }
        List<String> out = new ArrayList<>();
        out.add("");
        String id = ID_EXAMPLES.get(object.tableName());
        if (object.hasId() && object.retrievable() && id != null) {
            out.add("where id = '" + id + "'");
            out.add("where id in ('" + id + "', '" + id.substring(0, id.length() - 1) + "X')");
        }
        // Objects listed only per some field: the other examples say it too.
        String required = object.requiredFilter() == null
                ? ""
                : object.requiredFilter() + " = '" + example(object, object.requiredFilter()) + "' and ";
        for (String field : pushableColumns(object)) {
            SqlType type = object.column(field).orElseThrow().type();
            if (type == SqlType.BOOLEAN) {
                out.add("where " + field);
                out.add("where not " + field);
            } else {
                out.add("where " + field + " = '" + example(object, field) + "'");
            }
        }
        List<String> text = pushableColumns(object).stream()
                .filter(f -> object.column(f).orElseThrow().type() == SqlType.TEXT)
                .toList();
        if (!text.isEmpty()) {
            out.add("where " + text.get(0) + " in ('" + example(object, text.get(0)) + "', 'other')");
        }
        if (object.createdFilter() && object.column("created").isPresent()) {
            out.add("where " + required + "created >= '2024-01-01' and created < '2024-02-01'");
            out.add("where " + required + "created between '2024-01-01' and '2024-01-31 23:59:59'");
        }
        for (String field : object.rangeFields()) {
            if (!field.equals("created") && object.column(field).isPresent()) {
                out.add("where " + required + field + " >= '2024-01-01'");
            }
        }
        if (object.listable() && object.shape() != StripeObject.Shape.BALANCE) {
            out.add("where " + required
                    + "description like 'a%'"
                            .replace(
                                    "description",
                                    object.columns().stream()
                                            .map(StripeColumn::name)
                                            .filter(n -> !n.equals("id")
                                                    && object.column(n)
                                                                    .orElseThrow()
                                                                    .type()
                                                            == SqlType.TEXT
                                                    && !object.isPushable(n))
                                            .findFirst()
                                            .orElse("id")));
        }
        return out;
    }

    /**
     * The conditions documented for a child list that needs more than its parent key: none (refused), the parameters
     * alone (the parent list walked), with a parent key, and, for a time window, its bounds and grouping.
     */
    private static List<String> computedExamples(StripeObject object) {
        List<String> parameters = new ArrayList<>();
        for (String field : object.requiredParameters()) {
            boolean time = object.column(field).orElseThrow().type() == SqlType.TIMESTAMP;
            parameters.add(field + " = '"
                    + (time ? (field.startsWith("end") ? "2025-01-02" : "2025-01-01") : example(object, field)) + "'");
        }
        String all = String.join(" and ", parameters);
        String key = object.parent().column() + " = '"
                + example(object, object.parent().column()) + "'";
        List<String> out = new ArrayList<>(List.of("", "where " + key, "where " + all, "where " + key + " and " + all));
        if (object.listParameter("value_grouping_window").isPresent()) {
            out.add("where " + key + " and "
                    + all.replace("start_time =", "start_time >=").replace("end_time =", "end_time <=")
                    + " and value_grouping_window = 'hour'");
        }
        return out;
    }

    private static String example(StripeObject object, String field) {
        String example = commonExample(object, field);
        // An example the pinned version's enumeration refuses would not be sent: show one it accepts.
        List<String> allowed = object.listParameter(field).map(p -> p.allowed()).orElse(List.of());
        return allowed.isEmpty() || allowed.contains(example) ? example : allowed.get(0);
    }

    private static String commonExample(StripeObject object, String field) {
        return FIELD_EXAMPLES.getOrDefault(
                field,
                switch (field) {
                    case "status" -> STATUS_EXAMPLES.getOrDefault(object.tableName(), "succeeded");
                    case "type" -> TYPE_EXAMPLES.getOrDefault(object.tableName(), "card");
                    default -> "value";
                });
    }
}
