package org.stripejdbc.session;

/**
 * Several statements in one text ({@code update ...; update ...}, {@code select 1; select 2}): a {@link Command}
 * whose {@link #execute} runs them all in order, and whose statements can also be prepared and run one by one, so
 * that the JDBC layer reports each one's result in order ({@code getMoreResults}, {@code getUpdateCount}), as pgjdbc
 * does. Each statement is prepared only when the ones before it have run, so a {@code create foreign table} is
 * visible to the statements after it. Scripts take no parameters (42601 {@code cannot insert multiple commands into
 * a prepared statement}).
 */
public interface Script extends Command {

    /** How many statements (at least two). */
    int size();

    /** Prepares statement {@code index} (0-based) against the session as it is now. */
    Command prepare(int index);

    /** The text of statement {@code index} as written, for messages. */
    String text(int index);
}
