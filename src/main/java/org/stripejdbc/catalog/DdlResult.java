package org.stripejdbc.catalog;

import java.util.List;

/**
 * What a DDL operation has to tell beyond success: Postgres NOTICEs, which the JDBC layer reports as
 * {@code SQLWarning}s. Examples: {@code server "stripe_server" already exists, skipping};
 * {@code drop cascades to foreign table stripe.customers}.
 */
public record DdlResult(List<String> notices) {
    public static final DdlResult NONE = new DdlResult(List.of());

    public DdlResult {
        notices = List.copyOf(notices);
    }

    static DdlResult of(List<String> notices) {
        return notices.isEmpty() ? NONE : new DdlResult(notices);
    }
}
