package org.stripejdbc.cli;

import java.io.PrintStream;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The output formats of {@code -e} and {@code -f}: psql's aligned table (full width: never cut, wide headers shown,
 * numbers right-aligned, {@code (n rows)}), its expanded form ({@code \x}), CSV and TSV with a header line, and JSON.
 *
 * <p>Example: {@code csv} of {@code select 1 as n, 'a,b' as t} is {@code n,t} then {@code 1,"a,b"}; {@code json} is
 * {@code [{"n":1,"t":"a,b"}]}.
 */
final class ResultFormats {
    private ResultFormats() {}

    static void table(PrintStream out, String[] header, boolean[] numeric, List<String[]> rows) {
        int n = header.length;
        int[] widths = new int[n];
        for (int i = 0; i < n; i++) {
            widths[i] = header[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], text(row[i]).length());
            }
        }
        StringBuilder line = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int left = (widths[i] - header[i].length()) / 2; // psql centres headers
            line.append(i == 0 ? " " : " | ").append(" ".repeat(left)).append(pad(header[i], widths[i] - left, false));
            rule.append(i == 0 ? "-" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(line.toString().stripTrailing());
        out.println(rule.append('-'));
        for (String[] row : rows) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < n; i++) {
                text.append(i == 0 ? " " : " | ").append(pad(text(row[i]), widths[i], numeric[i]));
            }
            out.println(text.toString().stripTrailing());
        }
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
        out.println();
    }

    static void expanded(PrintStream out, String[] header, List<String[]> rows) {
        int width = 0;
        for (String h : header) {
            width = Math.max(width, h.length());
        }
        int record = 0;
        for (String[] row : rows) {
            out.println("-[ RECORD " + ++record + " ]" + "-".repeat(Math.max(0, width - 10)) + "+");
            for (int i = 0; i < header.length; i++) {
                out.println((pad(header[i], width, false) + " | " + text(row[i])).stripTrailing());
            }
        }
        if (rows.isEmpty()) {
            out.println("(0 rows)");
        }
        out.println();
    }

    static void delimited(PrintStream out, String[] header, List<String[]> rows, char separator) {
        out.println(join(header, separator));
        for (String[] row : rows) {
            out.println(join(row, separator));
        }
    }

    private static String join(String[] values, char separator) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(separator);
            }
            String v = values[i];
            if (v == null) {
                continue;
            }
            if (separator == '\t') {
                line.append(v.replace("\\", "\\\\")
                        .replace("\t", "\\t")
                        .replace("\n", "\\n")
                        .replace("\r", "\\r"));
            } else if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                line.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                line.append(v);
            }
        }
        return line.toString();
    }

    static void json(PrintStream out, String[] header, boolean[] numeric, List<String[]> rows, ResultSetMetaData md)
            throws SQLException {
        boolean[] raw = new boolean[header.length];
        for (int i = 0; i < header.length; i++) {
            int type = md.getColumnType(i + 1);
            String name = md.getColumnTypeName(i + 1);
            raw[i] = numeric[i] || type == Types.BOOLEAN || "jsonb".equals(name) || "json".equals(name);
        }
        StringBuilder text = new StringBuilder("[");
        for (int r = 0; r < rows.size(); r++) {
            text.append(r == 0 ? "" : ",").append("\n  {");
            for (int i = 0; i < header.length; i++) {
                String v = rows.get(r)[i];
                text.append(i == 0 ? "" : ",").append(quote(header[i])).append(':');
                if (v == null) {
                    text.append("null");
                } else if (raw[i] && !v.equals("NaN") && !v.contains("Infinity")) {
                    text.append(v.equals("t") ? "true" : v.equals("f") ? "false" : v);
                } else {
                    text.append(quote(v));
                }
            }
            text.append('}');
        }
        out.println(text.append(rows.isEmpty() ? "]" : "\n]"));
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
