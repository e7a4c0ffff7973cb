package org.stripejdbc.session;

import java.util.List;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;

/** What executing a {@link Command} gave. {@code warnings} become {@code SQLWarning}s on the statement. */
public sealed interface CommandResult {

    List<String> warnings();

    /** Rows, pulled lazily. The caller closes the iterator. */
    record Rows(List<ResultColumn> columns, RowIterator rows, List<String> warnings) implements CommandResult {
        public Rows {
            columns = List.copyOf(columns);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * An update count. {@code generatedKeys} holds the ids of rows an INSERT created, in order (what
     * {@code getGeneratedKeys()} returns).
     */
    record Count(long count, List<String> generatedKeys, List<String> warnings) implements CommandResult {
        public Count {
            generatedKeys = List.copyOf(generatedKeys);
            warnings = List.copyOf(warnings);
        }

        public static Count of(long count) {
            return new Count(count, List.of(), List.of());
        }
    }
}
