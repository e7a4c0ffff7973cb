package org.stripejdbc.fdw;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.stripejdbc.json.Json;
import org.stripejdbc.types.SqlType;

/**
 * Conversions of one JSON field to a runtime value, following the original FDW: no coercion, and a JSON value
 * of the wrong kind becomes SQL NULL ({@code null}) silently.
 *
 * <pre>
 *   "cus_1"     as text       →  "cus_1"          42 as text          →  null
 *   1234567890  as timestamp  →  2009-02-13T23:31:30 (UTC wall clock)
 *   12.5        as bigint     →  null             true as boolean     →  true
 * </pre>
 */
final class JsonValues {
    private static final long SECONDS_PER_DAY = 86_400;

    /** The day of the last timestamp read: rows of a page mostly share days, and a day is costly to compute. */
    private record Day(long epochDay, LocalDate date) {}

    private static volatile Day lastDay = new Day(0, LocalDate.EPOCH);

    private JsonValues() {}

    /** A JSON integer (no fraction, no exponent making it fractional) that fits a long, else null. */
    static Long integer(Json value) {
        return value == null ? null : value.longValue();
    }

    /** Unix seconds → the UTC wall-clock time, else null (also when out of the supported range). */
    static LocalDateTime timestamp(Json value) {
        Long seconds = integer(value);
        if (seconds == null) {
            return null;
        }
        long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
        Day day = lastDay;
        if (day.epochDay() != epochDay) {
            try {
                day = new Day(epochDay, LocalDate.ofEpochDay(epochDay));
            } catch (DateTimeException e) {
                return null;
            }
            lastDay = day;
        }
        // The same as LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC), without computing the day again.
        return LocalDateTime.of(day.date(), LocalTime.ofSecondOfDay(Math.floorMod(seconds, SECONDS_PER_DAY)));
    }

    /** The JSON value itself for a json/jsonb column; JSON null and a missing field are SQL NULL. */
    static Json json(Json value) {
        return value == null || value.isNull() ? null : value;
    }

    /**
     * Reads a field the way the FDW reads one of its known columns, with the registry type: text from a JSON
     * string, bigint from a JSON integer fitting a long, boolean from a JSON bool, timestamp from JSON integer
     * Unix seconds, numeric from a JSON number or a decimal string ({@code "12.5"}: Stripe's decimal strings).
     */
    static Object registryValue(Json value, SqlType registryType) {
        if (value == null) {
            return null;
        }
        return switch (registryType) {
            case TEXT -> value.stringValue();
            case BIGINT -> integer(value);
            case BOOLEAN -> value.booleanValue();
            case TIMESTAMP -> timestamp(value);
            case NUMERIC -> decimal(value);
            default -> null;
        };
    }

    private static BigDecimal decimal(Json value) {
        BigDecimal number = value.numberValue();
        String text = value.stringValue();
        if (number != null || text == null) {
            return number;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Reads a field of a column the registry does not know, by the column's declared type: text from a JSON
     * string, integers from a JSON integer, numeric/real/double from any JSON number, boolean from a JSON bool,
     * timestamp/timestamptz/date from JSON integer Unix seconds (UTC), json/jsonb as the value itself, uuid and
     * time from a JSON string in their text form, arrays from a JSON array (elements as String, Long,
     * BigDecimal, Boolean, null or Json). For smallint/integer this returns the long; the caller narrows it.
     * Interval and unknown read NULL.
     */
    static Object declaredValue(Json value, SqlType declaredType) {
        if (value == null || value.isNull()) {
            return null;
        }
        switch (declaredType) {
            case TEXT:
                return value.stringValue();
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                return integer(value);
            case NUMERIC:
                return value.numberValue();
            case REAL: {
                BigDecimal number = value.numberValue();
                return number == null ? null : number.floatValue();
            }
            case DOUBLE: {
                BigDecimal number = value.numberValue();
                return number == null ? null : number.doubleValue();
            }
            case BOOLEAN:
                return value.booleanValue();
            case TIMESTAMP:
                return timestamp(value);
            case TIMESTAMPTZ: {
                LocalDateTime utc = timestamp(value);
                return utc == null ? null : utc.atOffset(ZoneOffset.UTC);
            }
            case DATE: {
                LocalDateTime utc = timestamp(value);
                return utc == null ? null : utc.toLocalDate();
            }
            case JSON:
            case JSONB:
                return value;
            case UUID: {
                String text = value.stringValue();
                if (text == null) {
                    return null;
                }
                try {
                    return UUID.fromString(text);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
            case TIME: {
                String text = value.stringValue();
                if (text == null) {
                    return null;
                }
                try {
                    return LocalTime.parse(text);
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
            case ARRAY:
                return value.isArray() ? arrayElements(value) : null;
            default:
                return null;
        }
    }

    private static List<Object> arrayElements(Json array) {
        List<Object> out = new ArrayList<>(array.size());
        for (Json element : array.elements()) {
            switch (element.kind()) {
                case STRING -> out.add(element.stringValue());
                case BOOLEAN -> out.add(element.booleanValue());
                case NULL -> out.add(null);
                case NUMBER -> {
                    Long whole = integer(element);
                    out.add(whole != null ? whole : element.numberValue());
                }
                default -> out.add(element);
            }
        }
        return out;
    }
}
