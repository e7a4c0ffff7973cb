package org.stripejdbc.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.stripejdbc.sql.OrderedMaps;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;
import org.stripejdbc.stripe.objects.WriteRules;

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
public record ForeignTable(
        String schema,
        String name,
        String server,
        List<ForeignColumn> columns,
        Map<String, String> options,
        String comment) {
    public static final String OBJECT = "object";
    public static final String ROWID_COLUMN = "rowid_column";
    public static final String STRIPE_ACCOUNT = "stripe_account";
    /** The option allowing writes that move money or destroy an account ({@code 'true'}/{@code 'false'}). */
    public static final String ALLOW_DANGEROUS_WRITES = WriteRules.ALLOW_DANGEROUS_WRITES;
    /** Whether scans of the table may use Stripe's search endpoint: {@code auto}, {@code off} or {@code always}. */
    public static final String SEARCH = "search";

    public ForeignTable {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(server, "server");
        columns = List.copyOf(columns);
        options = OrderedMaps.copy(options, "option");
    }

    public QualifiedName tableName() {
        return new QualifiedName(schema, name);
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

    /**
     * The {@code allow_dangerous_writes} option: true for {@code 'true'}, {@code 'on'}, {@code 'yes'} or {@code '1'}
     * (any case); false when absent or anything else (the validator accepts only boolean words).
     */
    public boolean allowsDangerousWrites() {
        return option(ALLOW_DANGEROUS_WRITES)
                .flatMap(ForeignTable::booleanValue)
                .orElse(false);
    }

    /** A boolean option value as Postgres reads one ({@code true/false/on/off/yes/no/1/0}), or empty. */
    static Optional<Boolean> booleanValue(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true":
            case "on":
            case "yes":
            case "1":
                return Optional.of(true);
            case "false":
            case "off":
            case "no":
            case "0":
                return Optional.of(false);
            default:
                return Optional.empty();
        }
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
