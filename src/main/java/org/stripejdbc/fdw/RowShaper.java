package org.stripejdbc.fdw;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.catalog.ForeignColumn;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;

/**
 * Turns Stripe objects into rows of the declared columns, in declaration order (see {@link ColumnReader} for
 * each column's rule). Example: for {@code (id text, created timestamp, livemode bool, attrs jsonb)} the object
 * {@code {"id":"cus_1","created":1234567890,"livemode":false}} becomes
 * {@code ["cus_1", 2009-02-13T23:31:30, false, {"id": "cus_1", ...}]}.
 *
 * <p>The balance object becomes one row per entry of {@code available}, then of {@code pending}: each entry
 * plus a {@code "balance_type"} key is read like any object ({@link #balanceEntries(Json)}).
 *
 * <p>Public so that the modify executor shapes INSERT/UPDATE/DELETE responses into {@code RETURNING} rows typed
 * exactly like a SELECT of the same table.
 */
public final class RowShaper {
    private final ForeignTableDefinition table;
    private final List<ColumnReader> readers;

    /** A shaper for the declared columns of {@code table}. */
    public RowShaper(ForeignTableDefinition table) {
        this.table = Objects.requireNonNull(table, "table");
        List<ColumnReader> list = new ArrayList<>();
        for (ForeignColumn column : table.columns()) {
            list.add(ColumnReader.of(table.object(), column, table.qualifiedName()));
        }
        this.readers = List.copyOf(list);
    }

    /** Rejects declared types that cannot hold their column's values (42804), before any request. */
    public void check() {
        readers.forEach(ColumnReader::check);
    }

    /** The row for one Stripe object (a list element, a retrieved object, a balance entry). */
    public Object[] shape(Json object) {
        if (object == null || !object.isObject()) {
            throw invalidResponse("expected a JSON object, got " + (object == null ? "nothing" : object.typeName()));
        }
        Object[] row = new Object[readers.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = readers.get(i).read(object);
        }
        return row;
    }

    /**
     * The row for {@code object} with the declared column {@code column} read from {@code {"<column>": value}}
     * instead: a field the object lacks that the scan derived ({@code charges.invoice} on API version
     * 2025-03-31.basil and later, {@link InvoiceLinks}); every other column, {@code attrs} included, is Stripe's
     * answer as it came.
     */
    Object[] shape(Json object, String column, Json value) {
        Object[] row = shape(object);
        int index = table.indexOf(column);
        if (index >= 0) {
            row[index] = readers.get(index).read(Json.of(java.util.Map.of(column, value)));
        }
        return row;
    }

    /**
     * The balance object's entries as objects to shape: every entry of {@code available} with
     * {@code "balance_type": "available"}, then every entry of {@code pending} with {@code "pending"}. A missing
     * array is the error {@code invalid response}, as upstream.
     */
    List<Json> balanceEntries(Json balance) {
        if (balance == null || !balance.isObject()) {
            throw invalidResponse("the balance is not a JSON object");
        }
        List<Json> entries = new ArrayList<>();
        for (String type : List.of("available", "pending")) {
            Json array = balance.get(type);
            if (array == null || !array.isArray()) {
                throw invalidResponse("the balance object has no \"" + type + "\" array");
            }
            for (Json entry : array.elements()) {
                if (!entry.isObject()) {
                    throw invalidResponse("an entry of the balance's \"" + type + "\" array is not an object");
                }
                Map<String, Object> withType = new LinkedHashMap<>();
                for (String key : entry.keys()) {
                    withType.put(key, entry.get(key));
                }
                withType.put("balance_type", type);
                entries.add(Json.of(withType));
            }
        }
        return entries;
    }

    private StripeJdbcException invalidResponse(String detail) {
        return new StripeJdbcException(
                SqlState.FDW_ERROR, "invalid response from Stripe for " + table.qualifiedName() + ": " + detail);
    }
}
