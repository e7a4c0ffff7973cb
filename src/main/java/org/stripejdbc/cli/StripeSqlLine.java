package org.stripejdbc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import sqlline.SqlLine;
import sqlline.SqlLineParser;

/**
 * sqlline, reading psql's meta-commands as psql does: a line that starts with a backslash ends at the end of the
 * line (sqlline alone waits for a {@code ;} and takes the lines that follow into the same statement) and runs as the
 * command {@code !\dt ...}, which {@link MetaCommandHandler} carries out.
 *
 * <p>Example: the input lines {@code \dt} and {@code select 1;} are two commands, the table list and then the query;
 * sqlline alone would send {@code \dt select 1} to the database as one statement.
 */
final class StripeSqlLine extends SqlLine {

    @Override
    public LineReader getConsoleReader(InputStream inputStream, History fileHistory) throws IOException {
        LineReader reader = super.getConsoleReader(inputStream, fileHistory);
        if (reader instanceof LineReaderImpl impl && !(impl.getParser() instanceof MetaCommandParser)) {
            impl.setParser(new MetaCommandParser(this));
        }
        return metaCommandsAsCommands(reader);
    }

    /** Whether {@code line} (the whole input so far) is a meta-command: its first non-blank character a backslash. */
    static boolean isMetaCommand(String line) {
        return line != null && line.strip().startsWith("\\");
    }

    /** The line sqlline dispatches for what was typed: {@code \dt x} becomes the command {@code !\dt x}. */
    static String dispatchedLine(String line) {
        return isMetaCommand(line) ? COMMAND_PREFIX + line.strip() : line;
    }

    /** {@code reader}, with each line read that is a meta-command given to sqlline as a {@code !} command. */
    private static LineReader metaCommandsAsCommands(LineReader reader) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result;
            try {
                result = method.invoke(reader, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return method.getName().equals("readLine") ? dispatchedLine((String) result) : result;
        };
        return (LineReader)
                Proxy.newProxyInstance(LineReader.class.getClassLoader(), new Class<?>[] {LineReader.class}, handler);
    }

    /** sqlline's parser, except that a meta-command is complete at the end of its line (no {@code ;}). */
    private static final class MetaCommandParser extends SqlLineParser {
        private final DefaultParser plain = new DefaultParser();

        MetaCommandParser(SqlLine sqlLine) {
            super(sqlLine);
        }

        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            return context == ParseContext.ACCEPT_LINE && isMetaCommand(line)
                    ? plain.parse(line, cursor, context)
                    : super.parse(line, cursor, context);
        }
    }
}
