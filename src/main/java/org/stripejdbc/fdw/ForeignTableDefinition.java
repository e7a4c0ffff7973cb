package org.stripejdbc.fdw;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.stripejdbc.catalog.ForeignColumn;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.stripe.objects.StripeObject;

/**
 * A Stripe foreign table as the planner needs it, built by the engine from the catalog.
 *
 * <pre>
 *   create foreign table stripe.customers (id text, email text, created timestamp, attrs jsonb)
 *     server stripe_server options (object 'customers', rowid_column 'id');
 *   →  new ForeignTableDefinition("stripe", "customers", StripeObjects.byObject("customers").get(),
 *          List.of(ForeignColumn.of("id", TEXT), ..., ForeignColumn.of("attrs", JSONB)), "id", null)
 * </pre>
 *
 * @param schema        the schema, or null when the table lives in no named schema
 * @param tableName     the table's name
 * @param object        the registry entry chosen by the table option {@code object}
 * @param columns       the declared columns, in declaration order (names unique)
 * @param rowidColumn   the table option {@code rowid_column}, or null
 * @param stripeAccount the table option {@code stripe_account}, else the server's, or null: sent as the
 *                      {@code Stripe-Account} header of every request
 */
public record ForeignTableDefinition(
        String schema,
        String tableName,
        StripeObject object,
        List<ForeignColumn> columns,
        String rowidColumn,
        String stripeAccount) {
    public ForeignTableDefinition {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(object, "object");
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        Set<String> names = new HashSet<>();
        for (ForeignColumn column : columns) {
            if (!names.add(column.name())) {
                throw new StripeJdbcException(
                        SqlState.DUPLICATE_COLUMN,
                        "column \"" + column.name() + "\" is declared twice in foreign table " + tableName);
            }
        }
    }

    /** {@code schema.table} (or just {@code table}), as EXPLAIN, errors and the scan listener name it. */
    public String qualifiedName() {
        return schema == null ? tableName : schema + "." + tableName;
    }

    /** The declared column of that name. */
    public Optional<ForeignColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The position of the declared column of that name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
