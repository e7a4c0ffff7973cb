package org.stripejdbc.runtime;

/**
 * Cancellation and timeout of a running statement. Long operations (paging, sorting) call
 * {@link #checkCancelled()} regularly; it throws {@code 57014 query_canceled} when the statement was
 * cancelled or its timeout passed.
 */
public interface QueryControl {
    QueryControl NONE = () -> { };

    void checkCancelled();
}
