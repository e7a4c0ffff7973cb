package org.stripejdbc.engine.function;

import static org.stripejdbc.types.SqlType.DATE;
import static org.stripejdbc.types.SqlType.DOUBLE;
import static org.stripejdbc.types.SqlType.INTEGER;
import static org.stripejdbc.types.SqlType.INTERVAL;
import static org.stripejdbc.types.SqlType.NUMERIC;
import static org.stripejdbc.types.SqlType.TEXT;
import static org.stripejdbc.types.SqlType.TIMESTAMP;
import static org.stripejdbc.types.SqlType.TIMESTAMPTZ;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.value.Arithmetic;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.types.Interval;
import org.stripejdbc.types.PostgresText;
import org.stripejdbc.types.SqlType;

/**
 * Date/time functions for a UTC session: {@code now()} (the statement time), {@code to_timestamp(1700000000)}
 * ({@code 2023-11-14 22:13:20+00}), {@code date_trunc('month', created)}, {@code extract(epoch from created)}
 * (numeric, {@code 1700000000.000000}), {@code date_part} (double precision), {@code age}, {@code to_char} (whose
 * templates {@link DateTimeFormat} reads).
 */
public final class DateTimeFunctions {
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private DateTimeFunctions() {}

    static void register(FunctionRegistry.Builder b) {
        for (String name : List.of("now", "current_timestamp", "transaction_timestamp", "statement_timestamp")) {
            b.add(name, List.of(), TIMESTAMPTZ, (a, e) -> now(e));
        }
        b.add(
                "clock_timestamp",
                List.of(),
                TIMESTAMPTZ,
                (a, e) -> Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
        b.add("localtimestamp", List.of(), TIMESTAMP, (a, e) -> now(e).toLocalDateTime());
        b.add("localtime", List.of(), SqlType.TIME, (a, e) -> now(e).toLocalTime());
        b.add("current_time", List.of(), SqlType.TIME, (a, e) -> {
            throw StripeJdbcException.unsupported(
                    "current_time (time with time zone); use localtime or " + "current_timestamp");
        });
        b.add(
                "timezone",
                List.of(TEXT, TIMESTAMPTZ),
                TIMESTAMP,
                (a, e) -> ((OffsetDateTime) a[1])
                        .atZoneSameInstant(zone((String) a[0]))
                        .toLocalDateTime());
        b.add(
                "timezone",
                List.of(TEXT, TIMESTAMP),
                TIMESTAMPTZ,
                (a, e) -> ((LocalDateTime) a[1])
                        .atZone(zone((String) a[0]))
                        .toOffsetDateTime()
                        .withOffsetSameInstant(ZoneOffset.UTC));
        b.add("current_date", List.of(), DATE, (a, e) -> now(e).toLocalDate());
        b.add("to_timestamp", List.of(DOUBLE), TIMESTAMPTZ, (a, e) -> toTimestamp((Double) a[0]));
        b.add(
                "date_trunc",
                List.of(TEXT, TIMESTAMP),
                TIMESTAMP,
                (a, e) -> truncate((String) a[0], (LocalDateTime) a[1], "timestamp"));
        b.add(
                "date_trunc",
                List.of(TEXT, TIMESTAMPTZ),
                TIMESTAMPTZ,
                (a, e) -> truncate(
                                (String) a[0],
                                ((OffsetDateTime) a[1])
                                        .withOffsetSameInstant(ZoneOffset.UTC)
                                        .toLocalDateTime(),
                                "timestamp with time zone")
                        .atOffset(ZoneOffset.UTC));
        b.add("date_trunc", List.of(TEXT, INTERVAL), INTERVAL, (a, e) -> truncate((String) a[0], (Interval) a[1]));
        for (SqlType source : List.of(TIMESTAMP, TIMESTAMPTZ, INTERVAL)) {
            b.add(
                    "date_part",
                    List.of(TEXT, source),
                    DOUBLE,
                    (a, e) -> extract((String) a[0], a[1], source).doubleValue());
        }
        b.add(
                "age",
                List.of(TIMESTAMP, TIMESTAMP),
                INTERVAL,
                (a, e) -> age((LocalDateTime) a[0], (LocalDateTime) a[1]));
        b.add("age", List.of(TIMESTAMPTZ, TIMESTAMPTZ), INTERVAL, (a, e) -> age(utc(a[0]), utc(a[1])));
        b.add(
                "age",
                List.of(TIMESTAMP),
                INTERVAL,
                (a, e) -> age(now(e).toLocalDate().atStartOfDay(), (LocalDateTime) a[0]));
        b.add(
                "age",
                List.of(TIMESTAMPTZ),
                INTERVAL,
                (a, e) -> age(now(e).toLocalDate().atStartOfDay(), utc(a[0])));
        b.add("make_date", List.of(INTEGER, INTEGER, INTEGER), DATE, (a, e) -> {
            try {
                return LocalDate.of((Integer) a[0], (Integer) a[1], (Integer) a[2]);
            } catch (DateTimeException ex) {
                throw new StripeJdbcException(
                        SqlState.DATETIME_FIELD_OVERFLOW,
                        "date field value out of range: " + a[0] + "-"
                                + String.format(Locale.ROOT, "%02d-%02d", a[1], a[2]));
            }
        });
        b.add("justify_days", List.of(INTERVAL), INTERVAL, (a, e) -> {
            Interval i = (Interval) a[0];
            return new Interval(i.months() + i.days() / 30, i.days() % 30, i.micros());
        });
        b.add("justify_hours", List.of(INTERVAL), INTERVAL, (a, e) -> {
            Interval i = (Interval) a[0];
            return new Interval(
                    i.months(),
                    (int) (i.days() + i.micros() / Arithmetic.MICROS_PER_DAY),
                    i.micros() % Arithmetic.MICROS_PER_DAY);
        });
        b.add("justify_interval", List.of(INTERVAL), INTERVAL, (a, e) -> justifyInterval((Interval) a[0]));
        b.add(
                "to_char",
                List.of(TIMESTAMP, TEXT),
                TEXT,
                (a, e) -> DateTimeFormat.format((LocalDateTime) a[0], (String) a[1], false));
        b.add(
                "to_char",
                List.of(TIMESTAMPTZ, TEXT),
                TEXT,
                (a, e) -> DateTimeFormat.format(utc(a[0]), (String) a[1], true));
        b.add("to_char", List.of(NUMERIC, TEXT), TEXT, (a, e) -> NumberFormat.format((BigDecimal) a[0], (String) a[1]));
        b.add(
                "to_char",
                List.of(SqlType.BIGINT, TEXT),
                TEXT,
                (a, e) -> NumberFormat.format(BigDecimal.valueOf((Long) a[0]), (String) a[1]));
        b.add(
                "to_char",
                List.of(INTEGER, TEXT),
                TEXT,
                (a, e) -> NumberFormat.format(BigDecimal.valueOf((Integer) a[0]), (String) a[1]));
        b.add("to_char", List.of(SqlType.DOUBLE, TEXT), TEXT, (a, e) -> {
            throw StripeJdbcException.unsupported(
                    "to_char(double precision, text) is not supported; cast the value " + "to numeric first");
        });
        b.add(
                "to_timestamp",
                List.of(TEXT, TEXT),
                TIMESTAMPTZ,
                (a, e) ->
                        DateTimeParse.toTimestamp((String) a[0], (String) a[1]).atOffset(ZoneOffset.UTC));
        b.add("to_date", List.of(TEXT, TEXT), DATE, (a, e) -> DateTimeParse.toDate((String) a[0], (String) a[1]));
        b.add(
                "date_bin",
                List.of(INTERVAL, TIMESTAMP, TIMESTAMP),
                TIMESTAMP,
                (a, e) -> dateBin((Interval) a[0], (LocalDateTime) a[1], (LocalDateTime) a[2]));
        b.add(
                "date_bin",
                List.of(INTERVAL, TIMESTAMPTZ, TIMESTAMPTZ),
                TIMESTAMPTZ,
                (a, e) -> dateBin((Interval) a[0], utc(a[1]), utc(a[2])).atOffset(ZoneOffset.UTC));
        List<SqlType> timestampFields = List.of(INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE);
        b.add("make_timestamp", timestampFields, TIMESTAMP, (a, e) -> makeTimestamp(a));
        b.add(
                "make_timestamptz",
                timestampFields,
                TIMESTAMPTZ,
                (a, e) -> makeTimestamp(a).atOffset(ZoneOffset.UTC));
        b.add(
                "make_timestamptz",
                List.of(INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE, TEXT),
                TIMESTAMPTZ,
                (a, e) -> makeTimestamp(a)
                        .atZone(zone((String) a[6]))
                        .toOffsetDateTime()
                        .withOffsetSameInstant(ZoneOffset.UTC));
    }

    /**
     * {@code date_bin(stride, source, origin)}: the start of the stride-wide bin holding {@code source}, bins counted
     * from {@code origin}; {@code date_bin('15 minutes', '2024-01-01 10:22', '2000-01-01')} is {@code 10:15}.
     */
    static LocalDateTime dateBin(Interval stride, LocalDateTime source, LocalDateTime origin) {
        if (stride.months() != 0) {
            throw new StripeJdbcException(
                    SqlState.FEATURE_NOT_SUPPORTED,
                    "timestamps cannot be binned into intervals containing months or years");
        }
        long strideMicros;
        long sourceMicros;
        try {
            strideMicros =
                    Math.addExact(Math.multiplyExact((long) stride.days(), Arithmetic.MICROS_PER_DAY), stride.micros());
            sourceMicros = ChronoUnit.MICROS.between(origin, source);
        } catch (ArithmeticException ex) {
            throw new StripeJdbcException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
        if (strideMicros <= 0) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "stride must be greater than zero");
        }
        return origin.plus(Math.floorDiv(sourceMicros, strideMicros) * strideMicros, ChronoUnit.MICROS);
    }

    /** {@code make_timestamp(year, month, day, hour, min, sec)}, seconds with a fraction (to the microsecond). */
    static LocalDateTime makeTimestamp(Object[] a) {
        LocalDate date;
        try {
            date = LocalDate.of((Integer) a[0], (Integer) a[1], (Integer) a[2]);
        } catch (DateTimeException ex) {
            throw new StripeJdbcException(
                    SqlState.DATETIME_FIELD_OVERFLOW,
                    "date field value out of range: " + a[0] + "-"
                            + String.format(Locale.ROOT, "%02d-%02d", a[1], a[2]));
        }
        int hour = (Integer) a[3];
        int minute = (Integer) a[4];
        double seconds = (Double) a[5];
        long micros = Math.round(seconds * MICROS_PER_SECOND);
        if (hour < 0
                || hour > 24
                || minute < 0
                || minute > 59
                || micros < 0
                || micros > 60 * MICROS_PER_SECOND
                || (hour == 24 && (minute > 0 || micros > 0))) {
            throw new StripeJdbcException(
                    SqlState.DATETIME_FIELD_OVERFLOW,
                    "time field value out of range: " + hour + ":" + String.format(Locale.ROOT, "%02d", minute) + ":"
                            + PostgresText.formatDouble(seconds));
        }
        return date.atStartOfDay().plusHours(hour).plusMinutes(minute).plus(micros, ChronoUnit.MICROS);
    }

    /**
     * {@code justify_interval}: whole days out of the time, whole months out of the days, then the signs made to
     * agree ({@code 1 mon -1 hour} is {@code 29 days 23:00:00}), as Postgres' interval_justify_interval.
     */
    static Interval justifyInterval(Interval i) {
        long months = i.months();
        long days = i.days() + i.micros() / Arithmetic.MICROS_PER_DAY;
        long micros = i.micros() % Arithmetic.MICROS_PER_DAY;
        months += days / 30;
        days = days % 30;
        if (months > 0 && (days < 0 || (days == 0 && micros < 0))) {
            days += 30;
            months--;
        } else if (months < 0 && (days > 0 || (days == 0 && micros > 0))) {
            days -= 30;
            months++;
        }
        if (days > 0 && micros < 0) {
            micros += Arithmetic.MICROS_PER_DAY;
            days--;
        } else if (days < 0 && micros > 0) {
            micros -= Arithmetic.MICROS_PER_DAY;
            days++;
        }
        return new Interval(Math.toIntExact(months), Math.toIntExact(days), micros);
    }

    private static final java.util.Map<String, String> ZONES_BY_LOWER_CASE = zonesByLowerCase();

    private static java.util.Map<String, String> zonesByLowerCase() {
        java.util.Map<String, String> zones = new java.util.HashMap<>();
        for (String id : java.time.ZoneId.getAvailableZoneIds()) {
            zones.put(id.toLowerCase(Locale.ROOT), id);
        }
        return java.util.Collections.unmodifiableMap(zones);
    }

    /**
     * A time zone as {@code AT TIME ZONE} reads it: a name ({@code America/New_York}, case-insensitive), UTC/GMT/Z,
     * or a POSIX offset, where (as in Postgres) a positive number means west of Greenwich: {@code '+05'} is UTC-5.
     */
    static java.time.ZoneId zone(String name) {
        String trimmed = name.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.equals("utc") || lower.equals("gmt") || lower.equals("z") || lower.equals("zulu")) {
            return ZoneOffset.UTC;
        }
        String id = ZONES_BY_LOWER_CASE.get(lower);
        if (id != null) {
            return java.time.ZoneId.of(id);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:utc|gmt)?([+-]?)(\\d{1,2})(?::?(\\d{2}))?")
                .matcher(lower);
        if (m.matches()) {
            int hours = Integer.parseInt(m.group(2));
            int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            int sign = m.group(1).equals("-") ? 1 : -1;
            if (hours <= 15 && minutes < 60) {
                return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            }
        }
        throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + name + "\" not recognized");
    }

    static OffsetDateTime now(Environment environment) {
        return environment.statementTime().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static LocalDateTime utc(Object value) {
        return ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    /** {@code to_timestamp(seconds)}: Unix seconds (fraction kept to the microsecond) as a timestamptz. */
    static OffsetDateTime toTimestamp(double seconds) {
        if (Double.isNaN(seconds)) {
            throw new StripeJdbcException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp cannot be NaN");
        }
        if (Double.isInfinite(seconds) || Math.abs(seconds) > 9.2e12) {
            throw new StripeJdbcException(
                    SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range: \"" + seconds + "\"");
        }
        long micros = Math.round(seconds * MICROS_PER_SECOND);
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static String unit(String field) {
        String f = field.trim().toLowerCase(Locale.ROOT);
        switch (f) {
            case "microsecond":
            case "microseconds":
            case "us":
            case "usec":
            case "usecs":
            case "useconds":
                return "microseconds";
            case "millisecond":
            case "milliseconds":
            case "ms":
            case "msec":
            case "msecs":
            case "mseconds":
                return "milliseconds";
            case "second":
            case "seconds":
            case "s":
            case "sec":
            case "secs":
                return "second";
            case "minute":
            case "minutes":
            case "m":
            case "min":
            case "mins":
                return "minute";
            case "hour":
            case "hours":
            case "h":
            case "hr":
            case "hrs":
                return "hour";
            case "day":
            case "days":
            case "d":
                return "day";
            case "week":
            case "weeks":
            case "w":
                return "week";
            case "month":
            case "months":
            case "mon":
            case "mons":
                return "month";
            case "quarter":
            case "qtr":
                return "quarter";
            case "year":
            case "years":
            case "y":
            case "yr":
            case "yrs":
                return "year";
            case "decade":
            case "decades":
            case "dec":
                return "decade";
            case "century":
            case "centuries":
            case "c":
            case "cent":
                return "century";
            case "millennium":
            case "millennia":
            case "mil":
            case "mils":
            case "millenniums":
                return "millennium";
            case "epoch":
            case "dow":
            case "isodow":
            case "doy":
            case "isoyear":
            case "julian":
            case "timezone":
            case "timezone_hour":
            case "timezone_minute":
                return f;
            default:
                return null;
        }
    }

    /** {@code date_trunc(field, timestamp)}. */
    static LocalDateTime truncate(String field, LocalDateTime t, String typeName) {
        String unit = unit(field);
        if (unit == null) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE, typeName + " units \"" + field + "\" not recognized");
        }
        int year = t.getYear();
        switch (unit) {
            case "microseconds":
                return t;
            case "milliseconds":
                return t.truncatedTo(ChronoUnit.MILLIS);
            case "second":
                return t.truncatedTo(ChronoUnit.SECONDS);
            case "minute":
                return t.truncatedTo(ChronoUnit.MINUTES);
            case "hour":
                return t.truncatedTo(ChronoUnit.HOURS);
            case "day":
                return t.truncatedTo(ChronoUnit.DAYS);
            case "week":
                return t.toLocalDate().with(DayOfWeek.MONDAY).atStartOfDay();
            case "month":
                return LocalDate.of(year, t.getMonthValue(), 1).atStartOfDay();
            case "quarter":
                return LocalDate.of(year, ((t.getMonthValue() - 1) / 3) * 3 + 1, 1)
                        .atStartOfDay();
            case "year":
                return LocalDate.of(year, 1, 1).atStartOfDay();
            case "decade":
                return LocalDate.of(year > 0 ? (year / 10) * 10 : -((8 - (year - 1)) / 10) * 10, 1, 1)
                        .atStartOfDay();
            case "century":
                return LocalDate.of(
                                year > 0 ? ((year + 99) / 100) * 100 - 99 : -((99 - (year - 1)) / 100) * 100 + 1, 1, 1)
                        .atStartOfDay();
            case "millennium":
                return LocalDate.of(
                                year > 0 ? ((year + 999) / 1000) * 1000 - 999 : -((999 - (year - 1)) / 1000) * 1000 + 1,
                                1,
                                1)
                        .atStartOfDay();
            default:
                throw StripeJdbcException.unsupported(typeName + " units \"" + field + "\" not supported");
        }
    }

    /** {@code date_trunc(field, interval)}. */
    static Interval truncate(String field, Interval i) {
        String unit = unit(field);
        if (unit == null) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE, "interval units \"" + field + "\" not recognized");
        }
        long micros = i.micros();
        switch (unit) {
            case "microseconds":
                return i;
            case "milliseconds":
                return new Interval(i.months(), i.days(), micros - micros % 1000);
            case "second":
                return new Interval(i.months(), i.days(), micros - micros % MICROS_PER_SECOND);
            case "minute":
                return new Interval(i.months(), i.days(), micros - micros % (60 * MICROS_PER_SECOND));
            case "hour":
                return new Interval(i.months(), i.days(), micros - micros % (3600 * MICROS_PER_SECOND));
            case "day":
                return new Interval(i.months(), i.days(), 0);
            case "month":
                return new Interval(i.months(), 0, 0);
            case "quarter":
                return new Interval(i.months() - i.months() % 3, 0, 0);
            case "year":
                return new Interval(i.months() - i.months() % 12, 0, 0);
            case "decade":
                return new Interval(i.months() - i.months() % 120, 0, 0);
            case "century":
                return new Interval(i.months() - i.months() % 1200, 0, 0);
            case "millennium":
                return new Interval(i.months() - i.months() % 12000, 0, 0);
            default:
                throw StripeJdbcException.unsupported("interval units \"" + field + "\" not supported");
        }
    }

    /**
     * {@code extract(field from value)} as Postgres 14+ computes it: a numeric, with scale 6 for seconds and epoch
     * of timestamps and intervals, 3 for milliseconds, 0 otherwise. {@code type} is the value's type.
     */
    public static BigDecimal extract(String field, Object value, SqlType type) {
        String unit = unit(field);
        String typeName = TypeRules.displayName(type);
        if (unit == null) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE, "unit \"" + field + "\" not recognized for type " + typeName);
        }
        if (type == INTERVAL) {
            return extractInterval(unit, field, (Interval) value);
        }
        LocalDateTime t;
        if (value instanceof LocalDate d) {
            if (unit.equals("microseconds")
                    || unit.equals("milliseconds")
                    || unit.equals("second")
                    || unit.equals("minute")
                    || unit.equals("hour")
                    || unit.startsWith("timezone")) {
                throw StripeJdbcException.unsupported("unit \"" + field + "\" not supported for type date");
            }
            t = d.atStartOfDay();
        } else if (value instanceof OffsetDateTime o) {
            t = utc(o);
        } else {
            t = (LocalDateTime) value;
        }
        long secondMicros = t.getSecond() * MICROS_PER_SECOND + t.getNano() / 1000;
        int year = t.getYear();
        switch (unit) {
            case "microseconds":
                return BigDecimal.valueOf(secondMicros);
            case "milliseconds":
                return BigDecimal.valueOf(secondMicros, 3);
            case "second":
                return BigDecimal.valueOf(secondMicros, 6);
            case "minute":
                return BigDecimal.valueOf(t.getMinute());
            case "hour":
                return BigDecimal.valueOf(t.getHour());
            case "day":
                return BigDecimal.valueOf(t.getDayOfMonth());
            case "month":
                return BigDecimal.valueOf(t.getMonthValue());
            case "quarter":
                return BigDecimal.valueOf((t.getMonthValue() - 1) / 3 + 1);
            case "year":
                return BigDecimal.valueOf(year > 0 ? year : year - 1);
            case "decade":
                return BigDecimal.valueOf(Math.floorDiv(year, 10));
            case "century":
                return BigDecimal.valueOf(year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100));
            case "millennium":
                return BigDecimal.valueOf(year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000));
            case "week":
                return BigDecimal.valueOf(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case "isoyear":
                return BigDecimal.valueOf(t.get(IsoFields.WEEK_BASED_YEAR));
            case "dow":
                return BigDecimal.valueOf(t.getDayOfWeek().getValue() % 7);
            case "isodow":
                return BigDecimal.valueOf(t.getDayOfWeek().getValue());
            case "doy":
                return BigDecimal.valueOf(t.getDayOfYear());
            case "epoch": {
                long micros = ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t);
                return value instanceof LocalDate
                        ? BigDecimal.valueOf(micros / MICROS_PER_SECOND)
                        : BigDecimal.valueOf(micros, 6);
            }
            case "timezone":
            case "timezone_hour":
            case "timezone_minute":
                if (type == TIMESTAMPTZ) {
                    return BigDecimal.ZERO;
                }
                throw StripeJdbcException.unsupported("unit \"" + field + "\" not supported for type " + typeName);
            default:
                throw StripeJdbcException.unsupported("unit \"" + field + "\" not supported for type " + typeName);
        }
    }

    private static BigDecimal extractInterval(String unit, String field, Interval i) {
        long micros = i.micros();
        switch (unit) {
            case "microseconds":
                return BigDecimal.valueOf(micros % (60 * MICROS_PER_SECOND));
            case "milliseconds":
                return BigDecimal.valueOf(micros % (60 * MICROS_PER_SECOND), 3);
            case "second":
                return BigDecimal.valueOf(micros % (60 * MICROS_PER_SECOND), 6);
            case "minute":
                return BigDecimal.valueOf((micros / (60 * MICROS_PER_SECOND)) % 60);
            case "hour":
                return BigDecimal.valueOf(micros / (3600 * MICROS_PER_SECOND));
            case "day":
                return BigDecimal.valueOf(i.days());
            case "month":
                return BigDecimal.valueOf(i.months() % 12);
            case "quarter":
                return BigDecimal.valueOf((i.months() % 12) / 3 + 1);
            case "year":
                return BigDecimal.valueOf(i.months() / 12);
            case "decade":
                return BigDecimal.valueOf(i.months() / 120);
            case "century":
                return BigDecimal.valueOf(i.months() / 1200);
            case "millennium":
                return BigDecimal.valueOf(i.months() / 12000);
            case "epoch": {
                BigDecimal seconds = BigDecimal.valueOf(micros, 6)
                        .add(BigDecimal.valueOf(i.days()).multiply(BigDecimal.valueOf(86400)))
                        .add(BigDecimal.valueOf(i.months() / 12).multiply(BigDecimal.valueOf(31_557_600)))
                        .add(BigDecimal.valueOf(i.months() % 12).multiply(BigDecimal.valueOf(2_592_000)));
                return seconds.setScale(6, RoundingMode.UNNECESSARY);
            }
            default:
                throw StripeJdbcException.unsupported("unit \"" + field + "\" not supported for type interval");
        }
    }

    /** {@code age(a, b)}: the symbolic difference in years, months and days, as Postgres computes it. */
    static Interval age(LocalDateTime a, LocalDateTime b) {
        if (a.isBefore(b)) {
            // age(a, b) = -age(b, a): Postgres borrows from the earlier value's month either way
            Interval later = age(b, a);
            return new Interval(-later.months(), -later.days(), -later.micros());
        }
        long fraction = a.getNano() / 1000 - b.getNano() / 1000;
        long second = a.getSecond() - b.getSecond();
        long minute = a.getMinute() - b.getMinute();
        long hour = a.getHour() - b.getHour();
        long day = a.getDayOfMonth() - b.getDayOfMonth();
        long month = a.getMonthValue() - b.getMonthValue();
        long year = a.getYear() - b.getYear();
        while (fraction < 0) {
            fraction += MICROS_PER_SECOND;
            second--;
        }
        while (second < 0) {
            second += 60;
            minute--;
        }
        while (minute < 0) {
            minute += 60;
            hour--;
        }
        while (hour < 0) {
            hour += 24;
            day--;
        }
        while (day < 0) {
            day += YearMonth.of(b.getYear(), b.getMonthValue()).lengthOfMonth();
            month--;
        }
        while (month < 0) {
            month += 12;
            year--;
        }
        long micros = ((hour * 60 + minute) * 60 + second) * MICROS_PER_SECOND + fraction;
        return new Interval((int) (year * 12 + month), (int) day, micros);
    }
}
