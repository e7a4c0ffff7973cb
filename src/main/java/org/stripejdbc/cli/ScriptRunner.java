package org.stripejdbc.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.parse.SqlFrontEnd;

/**
 * The shell's non-interactive mode ({@code -e}, {@code -f}): runs statements and psql meta-commands
 * ({@link MetaCommand}: a line starting with a backslash) in order, prints each result on stdout in the output
 * format ({@code table}: psql's aligned table, never cut to the terminal's width, numbers right-aligned;
 * {@code csv}; {@code tsv}; {@code json}: one array of objects), each notice once on stderr, and stops at the first
 * error, printed on stderr as {@code ERROR:  <message>  (SQLSTATE 42P01)}. {@link #run} returns false after an error
 * or {@code \q}.
 *
 * <p>Values print as psql prints them: a numeric zero as {@code 0} (not {@code 0E-20}), a timestamp without a
 * trailing {@code .0}, NULL as nothing.
 */
final class ScriptRunner {
    static final List<String> FORMATS = List.of("table", "csv", "tsv", "json");

    private final Connection connection;
    private final PrintStream out;
    private final PrintStream err;
    private final String format;
    private boolean expanded;
    private boolean timing;
    private boolean failed;
    private boolean quit;

    ScriptRunner(Connection connection, PrintStream out, PrintStream err, String format) {
        this.connection = connection;
        this.out = out;
        this.err = err;
        this.format = format;
    }

    /** Whether a statement failed (the exit status is then 1). */
    boolean failed() {
        return failed;
    }

    /** Runs one script; false when it stopped (an error, or {@code \q}) and nothing after it may run. */
    boolean run(String script) {
        StringBuilder pending = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            if (line.strip().startsWith("\\")) {
                if (!runSql(pending.toString())) {
                    return false;
                }
                pending.setLength(0);
                if (!runMeta(line)) {
                    return false;
                }
            } else {
                pending.append(line).append('\n');
            }
        }
        boolean ok = runSql(pending.toString());
        out.flush();
        return ok;
    }

    private boolean runMeta(String line) {
        Optional<MetaCommand> parsed;
        try {
            parsed = MetaCommand.parse(line);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            failed = true;
            return false;
        }
        return parsed.orElseThrow().runOn(new MetaCommand.Shell() {
            @Override
            public boolean query(String sql) {
                return runStatement(sql, true);
            }

            @Override
            public boolean toggleExpanded() {
                expanded = !expanded;
                return expanded;
            }

            @Override
            public boolean toggleTiming() {
                timing = !timing;
                return timing;
            }

            @Override
            public void print(String text) {
                out.println(text);
            }

            @Override
            public void quit() {
                quit = true;
            }
        });
    }

    boolean quit() {
        return quit;
    }

    private boolean runSql(String text) {
        if (text.isBlank()) {
            return true;
        }
        List<String> statements;
        try {
            statements = SqlFrontEnd.splitScript(text);
        } catch (StripeJdbcException e) {
            err.println(
                    "ERROR:  " + e.getMessage() + "  (SQLSTATE " + e.sqlState().code() + ")");
            failed = true;
            return false;
        }
        for (String sql : statements) {
            if (!runStatement(sql, false)) {
                return false;
            }
        }
        return true;
    }

    private boolean runStatement(String sql, boolean meta) {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            if (statement.execute(sql)) {
                try (ResultSet rs = statement.getResultSet()) {
                    print(rs);
                }
            } else if (format.equals("table")) {
                out.println(commandTag(sql, statement.getUpdateCount()));
            }
            printWarnings(statement.getWarnings());
        } catch (SQLException e) {
            err.println("ERROR:  " + e.getMessage() + "  (SQLSTATE " + e.getSQLState() + ")");
            failed = true;
            return false;
        }
        if (timing && !meta) {
            out.printf(Locale.ROOT, "Time: %.3f ms%n", (System.nanoTime() - start) / 1e6);
        }
        return true;
    }

    /** Each notice once: a statement's warnings may repeat one (the statement's and its result's). */
    private void printWarnings(SQLWarning warning) {
        Set<String> seen = new LinkedHashSet<>();
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            seen.add(w.getMessage());
        }
        for (String message : seen) {
            err.println("NOTICE:  " + message);
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

    private void print(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        String[] header = new String[n];
        boolean[] numeric = new boolean[n];
        for (int i = 0; i < n; i++) {
            header[i] = md.getColumnLabel(i + 1);
            numeric[i] = isNumeric(md.getColumnType(i + 1));
        }
        List<String[]> rows = new ArrayList<>();
        while (rs.next()) {
            String[] row = new String[n];
            for (int i = 0; i < n; i++) {
                row[i] = value(rs, i + 1, md.getColumnType(i + 1));
            }
            rows.add(row);
        }
        switch (format) {
            case "csv" -> ResultFormats.delimited(out, header, rows, ',');
            case "tsv" -> ResultFormats.delimited(out, header, rows, '\t');
            case "json" -> ResultFormats.json(out, header, numeric, rows, md);
            default -> {
                if (expanded) {
                    ResultFormats.expanded(out, header, rows);
                } else {
                    ResultFormats.table(out, header, numeric, rows);
                }
            }
        }
    }

    static boolean isNumeric(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT,
                    Types.SMALLINT,
                    Types.INTEGER,
                    Types.BIGINT,
                    Types.NUMERIC,
                    Types.DECIMAL,
                    Types.REAL,
                    Types.FLOAT,
                    Types.DOUBLE -> true;
            default -> false;
        };
    }

    /** A value as psql prints it; null for SQL NULL. */
    static String value(ResultSet rs, int column, int jdbcType) throws SQLException {
        if (jdbcType == Types.NUMERIC || jdbcType == Types.DECIMAL) {
            BigDecimal number = rs.getBigDecimal(column);
            if (number == null) {
                return null;
            }
            if (number.toString().contains("E")) {
                return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
            }
            return number.toPlainString();
        }
        if (jdbcType == Types.BOOLEAN || jdbcType == Types.BIT) {
            boolean value = rs.getBoolean(column);
            return rs.wasNull() ? null : value ? "t" : "f";
        }
        String text = rs.getString(column);
        if (text != null && (jdbcType == Types.TIMESTAMP || jdbcType == Types.TIMESTAMP_WITH_TIMEZONE)) {
            return text.replaceFirst("\\.0(?=$|[+-])", "");
        }
        return text;
    }
}
