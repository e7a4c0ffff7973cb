package org.stripejdbc.fdw.modify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.stripejdbc.catalog.ForeignColumn;
import org.stripejdbc.fdw.ForeignTableDefinition;
import org.stripejdbc.stripe.objects.StripeObjects;
import org.stripejdbc.types.SqlType;

/** Test helpers: foreign tables from DDL column lists, ordered value maps, and form pairs as text. */
final class Tables {
    /** The doc's customers table plus a few extra columns of every kind. */
    static final String CUSTOMER_COLUMNS = "id text, email text, name text, description text, created timestamp, "
            + "livemode bool, balance bigint, metadata jsonb, \"items[0][price]\" text, attrs jsonb";

    private Tables() {
    }

    static ForeignTableDefinition customers() {
        return define("customers", "customers", CUSTOMER_COLUMNS, "id");
    }

    /** {@code stripe.<table>} over registry object {@code object}, columns as written in DDL. */
    static ForeignTableDefinition define(String table, String object, String columns, String rowidColumn) {
        return define(table, object, columns, rowidColumn, null);
    }

    static ForeignTableDefinition define(String table, String object, String columns, String rowidColumn,
                                         String stripeAccount) {
        return new ForeignTableDefinition("stripe", table, StripeObjects.byObject(object).orElseThrow(),
                parseColumns(columns), rowidColumn, stripeAccount);
    }

    static List<ForeignColumn> parseColumns(String columns) {
        List<ForeignColumn> out = new ArrayList<>();
        for (String part : columns.split(",")) {
            String column = part.trim();
            String name;
            String type;
            if (column.startsWith("\"")) {
                int close = column.indexOf('"', 1);
                name = column.substring(1, close);
                type = column.substring(close + 1).trim();
            } else {
                int space = column.indexOf(' ');
                name = column.substring(0, space);
                type = column.substring(space + 1).trim();
            }
            out.add(ForeignColumn.of(name, SqlType.fromName(type).orElseThrow(() ->
                    new IllegalArgumentException("unknown type " + type))));
        }
        return out;
    }

    /** An ordered map that allows NULL values: {@code values("email", "a@b.c", "description", null)}. */
    static Map<String, Object> values(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must pair up");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }

    /** Pairs as {@code "k=v & k=v"} (not encoded). */
    static String show(List<Map.Entry<String, String>> pairs) {
        StringJoiner out = new StringJoiner(" & ");
        for (Map.Entry<String, String> pair : pairs) {
            out.add(pair.getKey() + "=" + pair.getValue());
        }
        return out.toString();
    }
}
