package org.stripejdbc.session;

import java.util.List;
import java.util.Optional;

/**
 * One connection's view of the engine: it prepares statements, answers metadata questions and holds the
 * session state ({@code search_path}). Thread-confined like a JDBC connection, except {@link #close()}.
 * The JDBC layer is its only caller.
 */
public interface Session extends AutoCloseable {

    /**
     * Parses and plans {@code sql} (one statement, or a {@link Script} of several). No I/O happens here except
     * catalog reads. Throws {@link org.stripejdbc.error.StripeJdbcException} for syntax, unknown objects or
     * unsupported SQL.
     */
    Command prepare(String sql);

    /**
     * When {@code sql} is one INSERT, UPDATE or DELETE: that statement returning {@code columns} ({@code "*"} for all)
     * as rows, which JDBC reports as its generated keys ({@code prepareStatement(sql, new String[] {"id",
     * "created"})}); a statement with its own RETURNING list keeps it. Empty for any other text.
     */
    default Optional<Command> prepareReturning(String sql, List<String> columns) {
        return Optional.empty();
    }

    /** The catalog as DatabaseMetaData shows it: schemas, tables, columns, keys. */
    MetadataView metadata();

    /** The first schema of the search path (JDBC {@code getSchema}). */
    String currentSchema();

    /** Sets the search path to this one schema (JDBC {@code setSchema}). */
    void setCurrentSchema(String schema);

    /**
     * Makes the session read-only or writable again (JDBC {@code setReadOnly}). While read-only, statements that
     * write (INSERT, UPDATE, DELETE, vault functions, catalog DDL) fail at execution with SQLSTATE 25006 and make
     * no request; queries, EXPLAIN, SET and SHOW run as usual.
     */
    void setReadOnly(boolean readOnly);

    /** A description of where the session is connected, without secrets (JDBC {@code getURL}). */
    String describe();

    @Override
    void close();
}
