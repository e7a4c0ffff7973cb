package org.stripejdbc.engine;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A query result reduced to what two SQL engines must agree on: column labels, type families and values as
 * normalised strings, so that stripe-jdbc and PostgreSQL results compare with {@link #differences}.
 *
 * <p>Values are read with {@code getString} and normalised per type family: numbers by value
 * ({@code 1.50} and {@code 1.5} agree), booleans as {@code t}/{@code f}, timestamps with time zone as the UTC
 * instant, everything else (text, timestamps, dates, intervals, jsonb, arrays) as the Postgres text form. NULL is
 * {@code NULL}, distinct from the text {@code 'NULL'} (rendered {@code 'NULL'} in quotes).
 *
 * <p>Example: {@code select count(*) as n, avg(amount) from stripe.charges} read from either engine gives labels
 * {@code [n, avg]}, types {@code [bigint, numeric]} and one row {@code ["29", "4711.2413793103448276"]} (numbers
 * stripped of trailing zeros).
 */
record ResultTable(List<String> labels, List<String> types, List<List<String>> rows) {
    ResultTable {
        labels = List.copyOf(labels);
        types = List.copyOf(types);
        rows = List.copyOf(rows);
    }

    /** Reads every row of {@code rs}. */
    static ResultTable read(ResultSet rs) throws SQLException {
        ResultSetMetaData metaData = rs.getMetaData();
        int width = metaData.getColumnCount();
        List<String> labels = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 1; i <= width; i++) {
            labels.add(metaData.getColumnLabel(i));
            types.add(family(metaData.getColumnTypeName(i)));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>(width);
            for (int i = 1; i <= width; i++) {
                row.add(normalise(types.get(i - 1), rs.getString(i)));
            }
            rows.add(row);
        }
        return new ResultTable(labels, types, rows);
    }

    /**
     * The type family of a type name as either driver reports it: Postgres' internal names ({@code int8},
     * {@code bool}, {@code varchar}) and the SQL names ({@code bigint}, {@code boolean}, {@code text}) map to one
     * name; an array type is its element's family and {@code []} ({@code _int8}: {@code bigint[]}), so that arrays
     * must agree on their element type too.
     */
    static String family(String typeName) {
        String name = typeName == null ? "unknown" : typeName.toLowerCase(Locale.ROOT);
        if (name.startsWith("_")) {
            return family(name.substring(1)) + "[]";
        }
        if (name.endsWith("[]") || name.equals("array")) {
            return "array";
        }
        switch (name) {
            case "text":
            case "varchar":
            case "character varying":
            case "bpchar":
            case "char":
            case "character":
            case "name":
            case "unknown":
                return "text";
            case "int2":
            case "smallint":
                return "smallint";
            case "int4":
            case "integer":
            case "int":
                return "integer";
            case "int8":
            case "bigint":
                return "bigint";
            case "float4":
            case "real":
                return "real";
            case "float8":
            case "double precision":
            case "double":
                return "double precision";
            case "bool":
            case "boolean":
                return "boolean";
            case "timestamp":
            case "timestamp without time zone":
                return "timestamp";
            case "timestamptz":
            case "timestamp with time zone":
                return "timestamptz";
            default:
                return name;
        }
    }

    private static String normalise(String family, String value) {
        if (value == null) {
            return "NULL";
        }
        switch (family) {
            case "smallint":
            case "integer":
            case "bigint":
            case "numeric":
            case "real":
            case "double precision":
                return number(value);
            case "boolean":
                return value.equals("t") || value.equalsIgnoreCase("true")
                        ? "t"
                        : value.equals("f") || value.equalsIgnoreCase("false") ? "f" : value;
            case "timestamptz":
                return value.endsWith("+00") ? value.substring(0, value.length() - 3) : value;
            case "text":
                return value.equals("NULL") ? "'NULL'" : value;
            default:
                return value;
        }
    }

    private static String number(String value) {
        switch (value) {
            case "NaN":
            case "Infinity":
            case "-Infinity":
                return value;
            default:
                try {
                    BigDecimal number = new BigDecimal(value);
                    return number.signum() == 0
                            ? "0"
                            : number.stripTrailingZeros().toPlainString();
                } catch (NumberFormatException e) {
                    return value;
                }
        }
    }

    /**
     * What differs between {@code this} (the engine's result) and {@code expected} (PostgreSQL's); empty when they
     * agree. Rows are compared in order when {@code ordered}, else as multisets.
     */
    List<String> differences(ResultTable expected, boolean ordered) {
        Objects.requireNonNull(expected, "expected");
        List<String> out = new ArrayList<>();
        if (!labels.equals(expected.labels)) {
            out.add("labels: engine " + labels + ", postgres " + expected.labels);
        }
        if (!types.equals(expected.types)) {
            out.add("types: engine " + types + ", postgres " + expected.types);
        }
        if (ordered) {
            if (!rows.equals(expected.rows)) {
                int limit = Math.max(rows.size(), expected.rows.size());
                for (int i = 0; i < limit && out.size() < 12; i++) {
                    List<String> actualRow = i < rows.size() ? rows.get(i) : null;
                    List<String> expectedRow = i < expected.rows.size() ? expected.rows.get(i) : null;
                    if (!Objects.equals(actualRow, expectedRow)) {
                        out.add("row " + (i + 1) + ": engine " + actualRow + ", postgres " + expectedRow);
                    }
                }
            }
        } else {
            Map<List<String>, Integer> counts = new TreeMap<>(ResultTable::compareRows);
            for (List<String> row : rows) {
                counts.merge(row, 1, Integer::sum);
            }
            for (List<String> row : expected.rows) {
                counts.merge(row, -1, Integer::sum);
            }
            counts.forEach((row, count) -> {
                if (count > 0 && out.size() < 12) {
                    out.add("only in engine (" + count + "x): " + row);
                } else if (count < 0 && out.size() < 12) {
                    out.add("only in postgres (" + -count + "x): " + row);
                }
            });
        }
        if (rows.size() != expected.rows.size()) {
            out.add("row count: engine " + rows.size() + ", postgres " + expected.rows.size());
        }
        return out;
    }

    private static int compareRows(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
