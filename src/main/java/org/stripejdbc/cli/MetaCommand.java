package org.stripejdbc.cli;

import java.util.Locale;
import java.util.Optional;

/**
 * psql's meta-commands people type by reflex, read from one line that starts with a backslash: they end at the end
 * of the line (no {@code ;}), as in psql. The listing commands become queries of {@code information_schema}, so
 * they work on any connection and print like any result.
 * <pre>
 *   \dt [pattern]      the tables (Stripe's foreign tables included), as psql's \d lists relations
 *   \d                 the same;  \d stripe.customers (or customers): its columns
 *   \dn                the schemas
 *   \x                 expanded output on/off;  \timing   timing on/off
 *   \?                 this list;  \q   quit
 * </pre>
 * Example: {@code \dt cust*} is the query of the tables whose name is like {@code cust%}.
 *
 * <p>{@link #runOn} is the one meaning of each command; the two shells differ only in their {@link Shell}: the
 * {@code -e}/{@code -f} runner ({@code ScriptRunner}) and sqlline ({@code StripeSqlLineApplication}).
 */
record MetaCommand(Kind kind, String sql) {
    enum Kind {
        QUERY,
        EXPANDED,
        TIMING,
        HELP,
        QUIT
    }

    /** What a meta-command acts on: the shell that read it. */
    interface Shell {
        /** Runs a listing query and prints its result; false when it failed. */
        boolean query(String sql);

        /** Turns expanded output on or off, whichever it was not; returns whether it is now on. */
        boolean toggleExpanded();

        /** Turns the timing of statements on or off, whichever it was not; returns whether it is now on. */
        boolean toggleTiming();

        /** Prints a message as psql prints its answers (on the result output). */
        void print(String text);

        /** Ends the session: nothing after {@code \q} runs. */
        void quit();
    }

    /**
     * Runs this command on {@code shell}: a query, or psql's answer ({@code Expanded display is on.},
     * {@code Timing is off.}, the help). False when nothing after it may run (the query failed, or {@code \q}).
     */
    boolean runOn(Shell shell) {
        switch (kind) {
            case QUERY:
                return shell.query(sql);
            case EXPANDED:
                shell.print("Expanded display is " + (shell.toggleExpanded() ? "on." : "off."));
                return true;
            case TIMING:
                shell.print("Timing is " + (shell.toggleTiming() ? "on." : "off."));
                return true;
            case HELP:
                shell.print(HELP.stripTrailing());
                return true;
            case QUIT:
            default:
                shell.quit();
                return false;
        }
    }

    static final String HELP = String.join(
            "\n",
            "  \\dt [PATTERN]     list tables (Stripe's foreign tables included)",
            "  \\d [NAME]         describe a table (its columns); without a name, list tables",
            "  \\dn               list schemas",
            "  \\x                toggle expanded output",
            "  \\timing           toggle timing of statements",
            "  \\?                this help",
            "  \\q                quit",
            "");

    /** The meta-command on {@code line}, or empty when the line is no meta-command (SQL). */
    static Optional<MetaCommand> parse(String line) {
        String text = line.strip();
        if (!text.startsWith("\\")) {
            return Optional.empty();
        }
        String[] words = text.substring(1).split("\\s+", 2);
        String name = words[0].toLowerCase(Locale.ROOT);
        String argument = words.length > 1 ? words[1].strip().replaceAll(";+$", "") : "";
        return Optional.of(
                switch (name) {
                    case "dt", "dt+", "d", "d+" -> {
                        if (name.startsWith("dt") || argument.isEmpty()) {
                            yield new MetaCommand(Kind.QUERY, tables(argument));
                        }
                        yield new MetaCommand(Kind.QUERY, describe(argument));
                    }
                    case "dn", "dn+" -> new MetaCommand(Kind.QUERY, SCHEMAS);
                    case "x" -> new MetaCommand(Kind.EXPANDED, null);
                    case "timing" -> new MetaCommand(Kind.TIMING, null);
                    case "?" -> new MetaCommand(Kind.HELP, null);
                    case "q", "quit" -> new MetaCommand(Kind.QUIT, null);
                    default ->
                        throw new IllegalArgumentException(
                                "invalid command \\" + words[0] + " (\\? lists the commands)");
                });
    }

    private static final String SCHEMAS = "select schema_name as \"Name\", schema_owner as \"Owner\""
            + " from information_schema.schemata where schema_name not like 'pg\\_%' and schema_name <>"
            + " 'information_schema' order by 1";

    private static String tables(String pattern) {
        String where = "table_schema not in ('pg_catalog', 'information_schema')";
        if (!pattern.isEmpty()) {
            String[] parts = pattern.split("\\.", 2);
            where += parts.length == 2
                    ? " and table_schema like " + like(parts[0]) + " and table_name like " + like(parts[1])
                    : " and table_name like " + like(parts[0]);
        }
        return "select table_schema as \"Schema\", table_name as \"Name\", case table_type when 'FOREIGN' then"
                + " 'foreign table' when 'VIEW' then 'view' else 'table' end as \"Type\", 'stripe' as \"Owner\""
                + " from information_schema.tables where " + where + " order by 1, 2";
    }

    private static String describe(String name) {
        String[] parts = name.split("\\.", 2);
        String table = parts.length == 2 ? parts[1] : parts[0];
        String schema = parts.length == 2
                ? literal(unquote(parts[0]))
                : "(select t.table_schema from information_schema.tables t where t.table_name = "
                        + literal(unquote(table)) + " order by t.table_schema <> current_schema(), t.table_schema"
                        + " limit 1)";
        return "select column_name as \"Column\", case when data_type = 'ARRAY' then udt_name else data_type end"
                + " || coalesce('(' || character_maximum_length || ')', '') as \"Type\", case is_nullable when 'NO'"
                + " then 'not null' else '' end as \"Nullable\" from information_schema.columns where table_schema = "
                + schema + " and table_name = " + literal(unquote(table)) + " order by ordinal_position";
    }

    /** psql's pattern: {@code *} any text, {@code ?} one character, otherwise literal (lower-cased unless quoted). */
    private static String like(String pattern) {
        String text = unquote(pattern).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return literal(text.replace('*', '%').replace('?', '_'));
    }

    private static String unquote(String name) {
        return name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2
                ? name.substring(1, name.length() - 1)
                : name.toLowerCase(Locale.ROOT);
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
