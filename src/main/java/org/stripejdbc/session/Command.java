package org.stripejdbc.session;

import java.util.List;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.types.SqlType;

/** A prepared statement of the engine: planned once, executed any number of times with parameters. */
public interface Command {

    /** What executing it gives. RETURNING, EXPLAIN and SHOW are {@link Kind#QUERY}: they return rows. */
    enum Kind {
        QUERY,
        UPDATE,
        OTHER
    }

    Kind kind();

    /** The result columns of a {@link Kind#QUERY} (empty otherwise); known before execution. */
    List<ResultColumn> columns();

    /** One entry per {@code ?} parameter: its inferred type, {@link SqlType#UNKNOWN} when nothing tells. */
    List<SqlType> parameterTypes();

    /** Runs the statement; rows of a query are produced lazily by the returned iterator. */
    CommandResult execute(ExecutionContext context);
}
