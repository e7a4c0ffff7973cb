package org.stripejdbc.sql;

import java.util.Set;

/**
 * Postgres 16's key words that an unquoted name cannot be, in one place for the parser that refuses them and the
 * printer that quotes them.
 * <ul>
 *   <li>{@link #isReserved}: the reserved key words ({@code select}, {@code order}, {@code user}...). The printer
 *       double-quotes an identifier that is one of them: a column named {@code order} prints as {@code "order"}.</li>
 *   <li>{@link #cannotBeName}: those, and the key words that may name a type or a function but not a table, column,
 *       schema or server ({@code left}, {@code like}, {@code verbose}...): {@code create schema select} and
 *       {@code create schema left} are both a syntax error at the key word.</li>
 * </ul>
 * Words are given in lower case, as the tokenizer folds unquoted words.
 */
public final class ReservedWords {
    /** Postgres' reserved key words (and those that cannot be column names). */
    private static final Set<String> RESERVED = Set.of(
            "all",
            "analyse",
            "analyze",
            "and",
            "any",
            "array",
            "as",
            "asc",
            "asymmetric",
            "both",
            "case",
            "cast",
            "check",
            "collate",
            "column",
            "constraint",
            "create",
            "current_catalog",
            "current_date",
            "current_role",
            "current_time",
            "current_timestamp",
            "current_user",
            "default",
            "deferrable",
            "desc",
            "distinct",
            "do",
            "else",
            "end",
            "except",
            "false",
            "fetch",
            "for",
            "foreign",
            "from",
            "grant",
            "group",
            "having",
            "in",
            "initially",
            "intersect",
            "into",
            "lateral",
            "leading",
            "limit",
            "localtime",
            "localtimestamp",
            "not",
            "null",
            "offset",
            "on",
            "only",
            "or",
            "order",
            "placing",
            "primary",
            "references",
            "returning",
            "select",
            "session_user",
            "some",
            "symmetric",
            "system_user",
            "table",
            "then",
            "to",
            "trailing",
            "true",
            "union",
            "unique",
            "user",
            "using",
            "variadic",
            "when",
            "where",
            "window",
            "with");

    /** Postgres' "type_func_name" key words: a type or function name, never a table, column, schema or server. */
    private static final Set<String> TYPE_OR_FUNCTION_NAMES = Set.of(
            "authorization",
            "binary",
            "collation",
            "concurrently",
            "cross",
            "current_schema",
            "freeze",
            "full",
            "ilike",
            "inner",
            "is",
            "isnull",
            "join",
            "left",
            "like",
            "natural",
            "notnull",
            "outer",
            "overlaps",
            "right",
            "similar",
            "tablesample",
            "verbose");

    private ReservedWords() {}

    /** Whether {@code word} (lower case) is a reserved key word: {@code isReserved("order")} is true. */
    public static boolean isReserved(String word) {
        return RESERVED.contains(word);
    }

    /**
     * Whether {@code word} (lower case), unquoted, cannot name a table, column, schema or server: a reserved key word
     * or a type or function name key word ({@code cannotBeName("left")} is true, {@code cannotBeName("name")} false).
     */
    public static boolean cannotBeName(String word) {
        return RESERVED.contains(word) || TYPE_OR_FUNCTION_NAMES.contains(word);
    }
}
