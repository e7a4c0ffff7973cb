package org.stripejdbc.testkit;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.stripejdbc.catalog.ForeignColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.fdw.ForeignTableDefinition;
import org.stripejdbc.stripe.objects.StripeObjects;
import org.stripejdbc.types.SqlType;

/**
 * Foreign tables for the Stripe adapter's tests, declared as DDL declares them, and their rows and writes shown as
 * text: {@code define("customers", "customers", "id text, email text, created timestamp, attrs jsonb")} is
 * {@code create foreign table stripe.customers (...) server ... options (object 'customers', rowid_column 'id')};
 * a row read from it renders as {@code "id=cus_1; email=a@b.c; created=2023-04-05T00:00:00"}.
 */
public final class Tables {
    /** The FDW documentation's customers table plus a few extra columns of every kind (the write tests' table). */
    public static final String CUSTOMER_COLUMNS = "id text, email text, name text, description text, "
            + "created timestamp, livemode bool, balance bigint, metadata jsonb, \"items[0][price]\" text, attrs jsonb";

    private Tables() {}

    /** {@code stripe.customers} with {@link #CUSTOMER_COLUMNS}, rowid column {@code id}. */
    public static ForeignTableDefinition customers() {
        return define("customers", "customers", CUSTOMER_COLUMNS);
    }

    /**
     * {@code stripe.<table>} over registry object {@code object} (a path such as {@code checkout/sessions}), columns
     * as written in DDL ({@code id text, created timestamp, "items[0][price]" text, attrs jsonb}), rowid column
     * {@code id}, no connected account.
     */
    public static ForeignTableDefinition define(String table, String object, String columns) {
        return define(table, object, columns, "id", null);
    }

    /**
     * As {@link #define(String, String, String)}, with the options {@code rowid_column} (null: none, the table
     * cannot be updated or deleted from) and {@code stripe_account} (null: none; else every request of the table
     * is sent for that connected account).
     */
    public static ForeignTableDefinition define(
            String table, String object, String columns, String rowidColumn, String stripeAccount) {
        return new ForeignTableDefinition(
                "stripe",
                table,
                StripeObjects.byObject(object).orElseThrow(),
                parseColumns(columns),
                rowidColumn,
                stripeAccount);
    }

    /** The columns of a DDL column list: {@code id text, "items[0][price]" text, attrs jsonb}. */
    public static List<ForeignColumn> parseColumns(String columns) {
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
            out.add(ForeignColumn.of(
                    name,
                    SqlType.fromName(type).orElseThrow(() -> new IllegalArgumentException("unknown type " + type))));
        }
        return out;
    }

    // ---------------------------------------------------------------- rows read

    /** Reads every row (at most 100,000, so that a scan that never ends fails instead of hanging) and closes. */
    public static List<Object[]> drain(RowIterator rows) {
        List<Object[]> out = new ArrayList<>();
        try (rows) {
            for (int i = 0; i < 100_000 && rows.next(); i++) {
                out.add(rows.current());
            }
        }
        return out;
    }

    /** {@code "id=cus_1; email=a@b.c"}; attrs is shown as {@code attrs=<json>} only when {@code withAttrs}. */
    public static String render(ForeignTableDefinition table, Object[] row, boolean withAttrs) {
        StringJoiner out = new StringJoiner("; ");
        for (int i = 0; i < row.length; i++) {
            String name = table.columns().get(i).name();
            if (!withAttrs && name.equals("attrs")) {
                continue;
            }
            out.add(name + "=" + show(row[i]));
        }
        return out.toString();
    }

    /** Each row as {@link #render(ForeignTableDefinition, Object[], boolean) rendered}, without attrs. */
    public static List<String> render(ForeignTableDefinition table, List<Object[]> rows) {
        return rows.stream().map(row -> render(table, row, false)).toList();
    }

    /** Timestamps always with seconds ({@code 2023-04-05T00:00:00}), everything else by toString. */
    public static String show(Object value) {
        if (value instanceof LocalDateTime timestamp) {
            return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").format(timestamp);
        }
        return String.valueOf(value);
    }

    /** The ids (first column) of the rows. */
    public static List<Object> ids(List<Object[]> rows) {
        return rows.stream().map(row -> row[0]).toList();
    }

    // ---------------------------------------------------------------- rows written

    /** An ordered map that allows NULL values: {@code values("email", "a@b.c", "description", null)}. */
    public static Map<String, Object> values(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must pair up");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }

    /** Form pairs as {@code "k=v & k=v"} (not encoded). */
    public static String showForm(List<Map.Entry<String, String>> pairs) {
        StringJoiner out = new StringJoiner(" & ");
        for (Map.Entry<String, String> pair : pairs) {
            out.add(pair.getKey() + "=" + pair.getValue());
        }
        return out.toString();
    }
}
