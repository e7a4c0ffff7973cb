package org.stripejdbc.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.stripe.objects.StripeColumn;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.types.SqlType;

/**
 * The table IMPORT FOREIGN SCHEMA generates for one Stripe object, as upstream's generated DDL would create it:
 * <pre>
 *   create foreign table if not exists customers (id text, email text, name text, description text,
 *     created timestamp, attrs jsonb) server stripe_server options (object 'customers', rowid_column 'id')
 * </pre>
 * Deviation from upstream: {@code rowid_column 'id'} only when the object has an id column (not for
 * {@code balance}, where upstream's option would name a column that does not exist).
 */
final class ImportedTables {
    private ImportedTables() {}

    static ForeignTable of(StripeObject object, QualifiedName name, String server, String stripeAccount) {
        List<ForeignColumn> columns = new ArrayList<>();
        for (StripeColumn column : object.columns()) {
            columns.add(
                    new ForeignColumn(column.name(), typeName(column.type()), column.type(), false, Map.of(), null));
        }
        columns.add(new ForeignColumn("attrs", "jsonb", SqlType.JSONB, false, Map.of(), null));
        LinkedHashMap<String, String> options = new LinkedHashMap<>();
        options.put(ForeignTable.OBJECT, object.object());
        if (object.hasId()) {
            options.put(ForeignTable.ROWID_COLUMN, "id");
        }
        if (stripeAccount != null) {
            options.put(ForeignTable.STRIPE_ACCOUNT, stripeAccount);
        }
        return new ForeignTable(name.schema(), name.name(), server, columns, options, null);
    }

    /** The type names upstream's generated DDL spells ({@code bool}, {@code timestamp}, {@code bigint}, {@code text}).
     * */
    static String typeName(SqlType type) {
        return type == SqlType.BOOLEAN ? "bool" : type.postgresName();
    }
}
