package org.stripejdbc.types;

/**
 * Postgres text output of runtime values for JDBC {@code getString} of OTHER columns (intervals, jsonb, arrays,
 * uuids): the same text as {@link PostgresText#format(Object)}, except that a boolean on its own is
 * {@code true}/{@code false}. Examples: {@code Interval(14, 3, 4_000_000)} → {@code 1 year 2 mons 3 days 00:00:04};
 * {@code Interval(0, -1, 7_200_000_000L)} → {@code -1 days +02:00:00}; {@code List.of(true, false)} → {@code {t,f}}.
 */
public final class ValueFormat {
    private ValueFormat() {
    }

    /** The Postgres text form of {@code value}; null for SQL NULL. */
    public static String toText(Object value) {
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        return PostgresText.format(value);
    }
}
