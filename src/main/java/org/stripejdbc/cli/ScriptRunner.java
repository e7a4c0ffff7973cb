package org.stripejdbc.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.parse.SqlFrontEnd;

/**
 * The shell's non-interactive mode ({@code -e}, {@code -f}): runs statements in order, prints each result as
 * a psql-style table on stdout, and stops at the first error, printed on stderr as
 * {@code ERROR:  <message>  (SQLSTATE 42P01)}. The exit status is 0 when every statement succeeded, else 1.
 */
final class ScriptRunner {
    private final Connection connection;
    private final PrintStream out;
    private final PrintStream err;

    ScriptRunner(Connection connection, PrintStream out, PrintStream err) {
        this.connection = connection;
        this.out = out;
        this.err = err;
    }

    int run(String script) {
        List<String> statements;
        try {
            statements = SqlFrontEnd.splitScript(script);
        } catch (StripeJdbcException e) {
            err.println(
                    "ERROR:  " + e.getMessage() + "  (SQLSTATE " + e.sqlState().code() + ")");
            return 1;
        }
        for (String sql : statements) {
            try (Statement statement = connection.createStatement()) {
                if (statement.execute(sql)) {
                    try (ResultSet rs = statement.getResultSet()) {
                        printTable(rs);
                    }
                } else {
                    out.println(commandTag(sql, statement.getUpdateCount()));
                }
                printWarnings(statement.getWarnings());
            } catch (SQLException e) {
                err.println("ERROR:  " + e.getMessage() + "  (SQLSTATE " + e.getSQLState() + ")");
                return 1;
            }
        }
        out.flush();
        return 0;
    }

    private void printWarnings(SQLWarning warning) {
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            err.println("NOTICE:  " + w.getMessage());
        }
    }

    private static String commandTag(String sql, int count) {
        String first = sql.trim().split("\\s+")[0].toUpperCase(Locale.ROOT);
        switch (first) {
            case "INSERT":
                return "INSERT 0 " + count;
            case "UPDATE":
            case "DELETE":
                return first + " " + count;
            default:
                return first;
        }
    }

    /** Prints the rows aligned, like psql: a header, a rule, the rows, and {@code (n rows)}. */
    private void printTable(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String[]> rows = new ArrayList<>();
        int[] widths = new int[n];
        String[] header = new String[n];
        for (int i = 0; i < n; i++) {
            header[i] = md.getColumnLabel(i + 1);
            widths[i] = header[i].length();
        }
        while (rs.next()) {
            String[] row = new String[n];
            for (int i = 0; i < n; i++) {
                String v = rs.getString(i + 1);
                row[i] = v == null ? "" : v;
                widths[i] = Math.max(widths[i], row[i].length());
            }
            rows.add(row);
        }
        StringBuilder line = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            line.append(i == 0 ? " " : " | ").append(pad(header[i], widths[i]));
            rule.append(i == 0 ? "-" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(line.toString().stripTrailing());
        out.println(rule.append('-'));
        for (String[] row : rows) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < n; i++) {
                text.append(i == 0 ? " " : " | ").append(pad(row[i], widths[i]));
            }
            out.println(text.toString().stripTrailing());
        }
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
        out.println();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
