package org.stripejdbc.engine;

import java.util.Objects;

/**
 * The most rows a recursive WITH query may produce ({@code rows}, 0 = no bound) and the name of the setting that
 * says so, for the error past it. Example: {@code new RecursionBound(5000, "max_recursive_rows")} lets a recursive
 * query give 5,000 rows; its 5,001st fails with 54001 {@code recursive query "t" produced more than 5000 rows, the
 * bound max_recursive_rows...}.
 */
public record RecursionBound(long rows, String setting) {
    /** The bound when none is configured: the default of the connection property max_recursive_rows. */
    public static final RecursionBound DEFAULT = new RecursionBound(100_000, "max_recursive_rows");

    public RecursionBound {
        if (rows < 0) {
            throw new IllegalArgumentException("negative recursion bound");
        }
        Objects.requireNonNull(setting, "setting");
    }
}
