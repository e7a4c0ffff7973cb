package org.stripejdbc.cli;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jline.reader.Completer;
import sqlline.BuiltInProperty;
import sqlline.CommandHandler;
import sqlline.DispatchCallback;
import sqlline.SqlLine;

/**
 * psql's meta-commands in sqlline: {@link StripeSqlLine} hands a line that starts with a backslash to sqlline as the
 * command {@code !\dt ...}, and this handler runs it through {@link MetaCommand#runOn}, as {@code -e} and {@code -f}
 * do. A listing ({@code \dt}, {@code \d customers}, {@code \dn}) is run as sqlline runs any query (its output format,
 * its row count); {@code \x} switches sqlline's output format to {@code vertical} and back; {@code \timing} switches
 * sqlline's {@code showElapsedTime}; {@code \q} ends the session.
 *
 * <p>Example: typing {@code \d stripe.customers} at the {@code 0: jdbc:stripe:...>} prompt prints the columns of
 * {@code stripe.customers} at once, without waiting for a {@code ;}.
 */
final class MetaCommandHandler implements CommandHandler {
    private final SqlLine sqlLine;
    private final CommandHandler sql;
    private String formatBeforeExpanded = "table";

    /** {@code sql} is sqlline's own {@code !sql} command, which runs the listing queries. */
    MetaCommandHandler(SqlLine sqlLine, CommandHandler sql) {
        this.sqlLine = sqlLine;
        this.sql = sql;
    }

    @Override
    public String getName() {
        return "\\";
    }

    @Override
    public List<String> getNames() {
        return List.of(getName());
    }

    @Override
    public String getHelpText() {
        return "psql's meta-commands: \\dt, \\d [table], \\dn, \\x, \\timing, \\?, \\q (\\? lists them)";
    }

    /** sqlline gives the line without its {@code !}: this handler takes {@code \dt ...}, nothing else. */
    @Override
    public String matches(String line) {
        return line != null && line.startsWith("\\") ? getName() : null;
    }

    @Override
    public void execute(String line, DispatchCallback callback) {
        Optional<MetaCommand> command;
        try {
            command = MetaCommand.parse(line);
        } catch (IllegalArgumentException e) {
            sqlLine.error(e.getMessage());
            callback.setToFailure();
            return;
        }
        if (command.isEmpty()) {
            callback.setToFailure();
            return;
        }
        callback.setToSuccess();
        command.get().runOn(new MetaCommand.Shell() {
            @Override
            public boolean query(String text) {
                sql.execute("sql " + text, callback);
                return callback.isSuccess();
            }

            @Override
            public boolean toggleExpanded() {
                String format = sqlLine.getOpts().getOutputFormat();
                boolean on = !"vertical".equals(format.toLowerCase(Locale.ROOT));
                if (on) {
                    formatBeforeExpanded = format;
                }
                sqlLine.getOpts().set(BuiltInProperty.OUTPUT_FORMAT, on ? "vertical" : formatBeforeExpanded);
                return on;
            }

            @Override
            public boolean toggleTiming() {
                boolean on = !sqlLine.getOpts().getShowElapsedTime();
                sqlLine.getOpts().set(BuiltInProperty.SHOW_ELAPSED_TIME, on);
                return on;
            }

            @Override
            public void print(String text) {
                sqlLine.output(text);
            }

            @Override
            public void quit() {
                sqlLine.setExit(true);
            }
        });
    }

    @Override
    public List<Completer> getParameterCompleters() {
        return List.of();
    }

    @Override
    public boolean echoToFile() {
        return true;
    }
}
