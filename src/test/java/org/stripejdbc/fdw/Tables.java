package org.stripejdbc.fdw;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.stripejdbc.catalog.ForeignColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.objects.StripeObjects;
import org.stripejdbc.types.SqlType;

/** Test helpers: foreign tables from DDL column lists, and rows rendered as {@code "id=cus_1; email=a@b.c"}. */
final class Tables {
    private Tables() {
    }

    /**
     * {@code stripe.<table>} over registry object {@code object}, columns as written in DDL
     * ({@code id text, created timestamp, "items[0][price]" text, attrs jsonb}).
     */
    static ForeignTableDefinition define(String table, String object, String columns) {
        return define(table, object, columns, null);
    }

    static ForeignTableDefinition define(String table, String object, String columns, String stripeAccount) {
        return new ForeignTableDefinition("stripe", table, StripeObjects.byObject(object).orElseThrow(),
                parseColumns(columns), "id", stripeAccount);
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

    /** Reads every row and closes the iterator. */
    static List<Object[]> drain(RowIterator rows) {
        List<Object[]> out = new ArrayList<>();
        try (rows) {
            for (int i = 0; i < 100_000 && rows.next(); i++) {
                out.add(rows.current());
            }
        }
        return out;
    }

    /** {@code "id=cus_1; email=a@b.c"}; attrs is shown as {@code attrs=<json>} only when {@code withAttrs}. */
    static String render(ForeignTableDefinition table, Object[] row, boolean withAttrs) {
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

    /** Timestamps always with seconds ({@code 2023-04-05T00:00:00}), everything else by toString. */
    static String show(Object value) {
        if (value instanceof LocalDateTime timestamp) {
            return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").format(timestamp);
        }
        return String.valueOf(value);
    }

    static List<String> render(ForeignTableDefinition table, List<Object[]> rows) {
        return rows.stream().map(row -> render(table, row, false)).toList();
    }

    /** The ids (first column) of the rows. */
    static List<Object> ids(List<Object[]> rows) {
        return rows.stream().map(row -> row[0]).toList();
    }

    static Json json(String text) {
        return Json.parse(text);
    }
}
