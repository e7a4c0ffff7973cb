package org.stripejdbc.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Completer;
import sqlline.Application;
import sqlline.CommandHandler;
import sqlline.DispatchCallback;
import sqlline.SqlLine;
import sqlline.SqlLineOpts;

/**
 * sqlline's application configuration for the shell ({@code -ac org.stripejdbc.cli.StripeSqlLineApplication}):
 * sqlline's own commands, except that the table commands also accept a schema-qualified name, as psql users
 * type it (sqlline alone reads {@code !columns stripe.customers} as the table pattern {@code stripe} and prints
 * nothing), plus psql's meta-commands ({@link MetaCommandHandler}); and the options given on sqlline's command line
 * are kept (sqlline alone replaces them with its defaults when it loads an application, so that the shell's
 * {@code --isolation=TRANSACTION_NONE} was lost and the connection was asked for {@code TRANSACTION_REPEATABLE_READ},
 * with a warning at every start).
 *
 * <p>Example: {@code !columns stripe.customers} runs as {@code !columns stripe customers};
 * {@code !describe stripe.customers} as {@code !columns stripe customers}; {@code !primarykeys stripe.customers}
 * as {@code !primarykeys stripe customers}. Unqualified and quoted names are passed on unchanged.
 */
public class StripeSqlLineApplication extends Application {
    /** The commands whose first argument is a table name. */
    static final Set<String> TABLE_COMMANDS =
            Set.of("columns", "describe", "primarykeys", "indexes", "exportedkeys", "importedkeys");

    private static final Pattern QUALIFIED = Pattern.compile(
            "^(\\s*\\S+)\\s+([A-Za-z_][A-Za-z0-9_$]*)\\.([A-Za-z_%][A-Za-z0-9_$%]*)(\\s.*)?$", Pattern.DOTALL);

    /** sqlline instantiates it by name (public, no arguments). */
    public StripeSqlLineApplication() {}

    @Override
    public Collection<CommandHandler> getCommandHandlers(SqlLine sqlLine) {
        Collection<CommandHandler> defaults = super.getCommandHandlers(sqlLine);
        CommandHandler columns = defaults.stream()
                .filter(h -> h.getName().equals("columns"))
                .findFirst()
                .orElse(null);
        List<CommandHandler> out = new ArrayList<>(defaults.size() + 1);
        for (CommandHandler handler : defaults) {
            out.add(
                    TABLE_COMMANDS.contains(handler.getName()) && columns != null
                            ? new QualifiedTableCommand(handler, columns)
                            : handler);
        }
        defaults.stream()
                .filter(h -> h.getName().equals("sql"))
                .findFirst()
                .ifPresent(sql -> out.add(new MetaCommandHandler(sqlLine, sql)));
        return out;
    }

    /**
     * The options sqlline already has: those of its command line ({@code --isolation=...}, {@code --outputformat=...}),
     * which sqlline reads before it loads this application.
     */
    @Override
    public SqlLineOpts getOpts(SqlLine sqlLine) {
        SqlLineOpts current = sqlLine.getOpts();
        return current != null ? current : super.getOpts(sqlLine);
    }

    /**
     * The line a table command runs as: {@code schema.table} split into {@code schema table}, and
     * {@code describe schema.table} as {@code columns schema table} (sqlline's describe takes one word).
     */
    static String rewrite(String commandName, String line) {
        Matcher m = QUALIFIED.matcher(line);
        if (!m.matches()) {
            return line;
        }
        String command = m.group(1);
        if (commandName.equals("describe")) {
            command = command.replaceFirst("(?i)[a-z]+$", "columns");
        }
        String rest = m.group(4) == null ? "" : m.group(4);
        return command + " " + m.group(2) + " " + m.group(3) + rest;
    }

    /** A sqlline table command that first splits a schema-qualified name. */
    private record QualifiedTableCommand(CommandHandler delegate, CommandHandler columns) implements CommandHandler {
        QualifiedTableCommand {
            Objects.requireNonNull(delegate, "delegate");
            Objects.requireNonNull(columns, "columns");
        }

        @Override
        public String getName() {
            return delegate.getName();
        }

        @Override
        public List<String> getNames() {
            return delegate.getNames();
        }

        @Override
        public String getHelpText() {
            return delegate.getHelpText();
        }

        @Override
        public String matches(String line) {
            return delegate.matches(line);
        }

        @Override
        public void execute(String line, DispatchCallback callback) {
            String name = delegate.getName().toLowerCase(Locale.ROOT);
            String rewritten = rewrite(name, line);
            CommandHandler target = name.equals("describe") && !rewritten.equals(line) ? columns : delegate;
            target.execute(rewritten, callback);
        }

        @Override
        public List<Completer> getParameterCompleters() {
            return delegate.getParameterCompleters();
        }

        @Override
        public boolean echoToFile() {
            return delegate.echoToFile();
        }
    }
}
