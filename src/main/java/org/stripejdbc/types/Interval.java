package org.stripejdbc.types;

/**
 * A Postgres interval: months, days and microseconds kept apart, as Postgres keeps them
 * ({@code interval '1 month 2 days 03:00:00'} is {@code Interval(1, 2, 10_800_000_000L)}).
 */
public record Interval(int months, int days, long micros) {
    public static final Interval ZERO = new Interval(0, 0, 0);
}
