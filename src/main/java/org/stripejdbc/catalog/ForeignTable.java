package org.stripejdbc.catalog;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;

/**
 * A foreign table ({@code pg_class} + {@code pg_foreign_table} + {@code pg_attribute}). The walkthrough's
 * <pre>
 *   create foreign table stripe.customers (id text, email text, name text, description text,
 *     created timestamp, attrs jsonb) server stripe_server options (object 'customers', rowid_column 'id')
 * </pre>
 * gives schema {@code stripe}, name {@code customers}, server {@code stripe_server}, six columns, and options
 * {@code {object=customers, rowid_column=id}}. The catalog guarantees that {@code object} names an object of
 * {@link StripeObjects} and that {@code rowid_column}, when present, names a column.
 */
public record ForeignTable(String schema, String name, String server, List<ForeignColumn> columns,
                           Map<String, String> options, String comment) {
    public static final String OBJECT = "object";
    public static final String ROWID_COLUMN = "rowid_column";
    public static final String STRIPE_ACCOUNT = "stripe_account";

    public ForeignTable {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(server, "server");
        columns = List.copyOf(columns);
        options = OrderedMaps.copy(options, "option");
    }

    public TableName tableName() {
        return new TableName(schema, name);
    }

    /** The column of that name. */
    public Optional<ForeignColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** A table option's value. */
    public Optional<String> option(String optionName) {
        return Optional.ofNullable(options.get(optionName));
    }

    /** The {@code object} option: the Stripe object and API path ({@code checkout/sessions}). */
    public String object() {
        return options.getOrDefault(OBJECT, "");
    }

    /** The registry entry of {@link #object()} (present for every table the catalog accepted). */
    public Optional<StripeObject> stripeObject() {
        return StripeObjects.byObject(object());
    }

    /** The {@code rowid_column} option (required for INSERT/UPDATE/DELETE). */
    public Optional<String> rowidColumn() {
        return option(ROWID_COLUMN);
    }

    /** The table's {@code stripe_account} option, which overrides the server's. */
    public Optional<String> stripeAccount() {
        return option(STRIPE_ACCOUNT);
    }

    ForeignTable withColumns(List<ForeignColumn> newColumns) {
        return new ForeignTable(schema, name, server, newColumns, options, comment);
    }

    ForeignTable withOptions(Map<String, String> newOptions) {
        return new ForeignTable(schema, name, server, columns, newOptions, comment);
    }

    ForeignTable withName(String newName) {
        return new ForeignTable(schema, newName, server, columns, options, comment);
    }

    ForeignTable withServer(String newServer) {
        return new ForeignTable(schema, name, newServer, columns, options, comment);
    }

    ForeignTable withComment(String newComment) {
        return new ForeignTable(schema, name, server, columns, options, newComment);
    }
}
