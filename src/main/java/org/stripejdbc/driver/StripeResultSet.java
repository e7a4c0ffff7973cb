package org.stripejdbc.driver;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.TimeZone;
import java.util.UUID;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.stripejdbc.types.DateTimeText;

/**
 * A result set. Adds {@code getObject(column, Class)} for the boxed types, {@code String}, {@code BigDecimal},
 * java.time ({@code LocalDateTime} = the UTC wall clock of a {@code timestamp}; {@code OffsetDateTime} and
 * {@code Instant} = that wall clock at UTC) and java.sql date/time classes; and SQLSTATE-preserving errors
 * while rows are fetched.
 */
final class StripeResultSet extends AvaticaResultSet {

    StripeResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
                    ResultSetMetaData resultSetMetaData, TimeZone timeZone, Meta.Frame firstFrame)
            throws SQLException {
        super(statement, state, signature, resultSetMetaData, timeZone, firstFrame);
        java.util.concurrent.atomic.AtomicBoolean flag = null;
        if (statement.getConnection() instanceof StripeConnection connection) {
            this.cursorGeneration = connection.stripeMeta().cursorGeneration(statement.handle);
            try {
                flag = connection.getCancelFlag(statement.handle);
            } catch (org.apache.calcite.avatica.NoSuchStatementException e) {
                // a metadata result set: nothing to cancel
            }
        } else {
            this.cursorGeneration = -1;
        }
        this.cancelFlag = flag;
        this.timestampColumns = new boolean[signature.columns.size()];
        for (int i = 0; i < timestampColumns.length; i++) {
            timestampColumns[i] = signature.columns.get(i).type.id == Types.TIMESTAMP;
        }
    }

    /** The statement's cursor this result set reads (a later execution opens a newer one). */
    private final long cursorGeneration;
    /** The statement's cancel flag ({@code Statement.cancel()}), looked up once rather than at every row; or null. */
    private final java.util.concurrent.atomic.AtomicBoolean cancelFlag;
    /** Which columns are {@code timestamp}s, by 0-based index. */
    private final boolean[] timestampColumns;

    @Override
    public void close() {
        // Stop the scan behind this result set (no further pages are requested). The statement's connection is
        // read from its field: getConnection() throws (an SQLException with its stack trace, tens of microseconds)
        // when the statement closes its result set while closing itself, which every try-with-resources does.
        if (statement.connection instanceof StripeConnection connection) {
            connection.stripeMeta().closeCursor(statement.handle, cursorGeneration);
        }
        super.close();
    }

    @Override
    public boolean next() throws SQLException {
        if (statement.getConnection() instanceof StripeConnection && cancelFlag != null && !isClosed()
                && cancelFlag.get()) {
            throw new java.sql.SQLTimeoutException("canceling statement due to user request", "57014");
        }
        return SqlExceptions.call(super::next);
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return getObject(findColumn(columnLabel), type);
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        if (type == null) {
            throw new SQLException("getObject: the target class must not be null", "22023");
        }
        Object value = convert(columnIndex, type);
        if (value == null || wasNull()) {
            return null;
        }
        return type.cast(value);
    }

    private Object convert(int columnIndex, Class<?> type) throws SQLException {
        int sqlType = getMetaData().getColumnType(columnIndex);
        boolean temporal = sqlType == Types.TIMESTAMP || sqlType == Types.DATE || sqlType == Types.TIME;
        if (type == String.class) {
            return getString(columnIndex);
        } else if (type == Long.class) {
            long v = getLong(columnIndex);
            return wasNull() ? null : v;
        } else if (type == Integer.class) {
            int v = getInt(columnIndex);
            return wasNull() ? null : v;
        } else if (type == Short.class) {
            short v = getShort(columnIndex);
            return wasNull() ? null : v;
        } else if (type == Byte.class) {
            byte v = getByte(columnIndex);
            return wasNull() ? null : v;
        } else if (type == Boolean.class) {
            boolean v = getBoolean(columnIndex);
            return wasNull() ? null : v;
        } else if (type == Double.class) {
            double v = getDouble(columnIndex);
            return wasNull() ? null : v;
        } else if (type == Float.class) {
            float v = getFloat(columnIndex);
            return wasNull() ? null : v;
        } else if (type == BigDecimal.class) {
            return getBigDecimal(columnIndex);
        } else if (type == BigInteger.class) {
            BigDecimal d = getBigDecimal(columnIndex);
            return d == null ? null : d.toBigInteger();
        } else if (type == Timestamp.class) {
            return getTimestamp(columnIndex);
        } else if (type == java.sql.Date.class) {
            return getDate(columnIndex);
        } else if (type == java.sql.Time.class) {
            return getTime(columnIndex);
        } else if (type == LocalDateTime.class) {
            return localDateTime(columnIndex, sqlType);
        } else if (type == OffsetDateTime.class) {
            LocalDateTime t = localDateTime(columnIndex, sqlType);
            return t == null ? null : t.atOffset(ZoneOffset.UTC);
        } else if (type == ZonedDateTime.class) {
            LocalDateTime t = localDateTime(columnIndex, sqlType);
            return t == null ? null : t.atZone(ZoneOffset.UTC);
        } else if (type == Instant.class) {
            LocalDateTime t = localDateTime(columnIndex, sqlType);
            return t == null ? null : t.toInstant(ZoneOffset.UTC);
        } else if (type == LocalDate.class) {
            if (sqlType == Types.DATE) {
                java.sql.Date d = getDate(columnIndex);
                return d == null ? null : d.toLocalDate();
            }
            LocalDateTime t = localDateTime(columnIndex, sqlType);
            return t == null ? null : t.toLocalDate();
        } else if (type == LocalTime.class) {
            if (sqlType == Types.TIME) {
                java.sql.Time t = getTime(columnIndex);
                return t == null ? null : t.toLocalTime();
            }
            LocalDateTime t = localDateTime(columnIndex, sqlType);
            return t == null ? null : t.toLocalTime();
        } else if (type == UUID.class) {
            String s = getString(columnIndex);
            try {
                return s == null ? null : UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                throw new SQLDataException("invalid input syntax for type uuid: \"" + s + "\"", "22P02");
            }
        } else if (type == Object.class) {
            return getObject(columnIndex);
        } else if (temporal && type == java.util.Date.class) {
            return getTimestamp(columnIndex);
        }
        Object raw = getObject(columnIndex);
        if (raw == null || type.isInstance(raw)) {
            return raw;
        }
        throw new SQLDataException("cannot convert column " + columnIndex + " ("
                + getMetaData().getColumnTypeName(columnIndex) + ") to " + type.getName(), "22000");
    }

    /** The UTC wall clock a TIMESTAMP column holds (as epoch millis), or null. */
    private LocalDateTime wallClock(int columnIndex) throws SQLException {
        long millis = super.getLong(columnIndex);
        if (wasNull()) {
            return null;
        }
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
    }

    private boolean isTimestamp(int columnIndex) throws SQLException {
        if (columnIndex >= 1 && columnIndex <= timestampColumns.length) {
            return timestampColumns[columnIndex - 1];
        }
        return getMetaData().getColumnType(columnIndex) == Types.TIMESTAMP; // Avatica's error for a bad index
    }

    /**
     * A {@code timestamp} as pgjdbc gives it: the same wall clock in the JVM's zone (Avatica's own conversion
     * captures the default zone once, at class load, and goes wrong when it changes).
     */
    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        if (!isTimestamp(columnIndex)) {
            if (isText(columnIndex)) {
                return timestampFromText(columnIndex);
            }
            try {
                return super.getTimestamp(columnIndex);
            } catch (SQLDataException e) {
                throw cannotConvert(columnIndex, "java.sql.Timestamp");
            }
        }
        LocalDateTime t = wallClock(columnIndex);
        return t == null ? null : inDefaultZone(t);
    }

    /** The ids of the zones without offset changes ever, where a wall clock is its UTC instant. */
    private static final java.util.Set<String> UTC_ZONES = java.util.Set.of("UTC", "Etc/UTC", "GMT", "Etc/GMT", "UCT",
            "Etc/UCT", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu", "Greenwich", "Etc/Greenwich", "GMT0", "Etc/GMT0",
            "Etc/GMT+0", "Etc/GMT-0");

    /**
     * {@code Timestamp.valueOf(t)}: the wall clock {@code t} in the JVM's current zone. When that zone is UTC (most
     * servers) the value is computed directly, without the legacy calendar arithmetic {@code valueOf} does for
     * every call; the result is the same (the legacy calendar only differs before the Gregorian reform of 1582).
     */
    static Timestamp inDefaultZone(LocalDateTime t) {
        if (t.getYear() < 1900 || !UTC_ZONES.contains(java.util.TimeZone.getDefault().getID())) {
            return Timestamp.valueOf(t);
        }
        Timestamp timestamp = new Timestamp(t.toEpochSecond(ZoneOffset.UTC) * 1000L);
        timestamp.setNanos(t.getNano());
        return timestamp;
    }

    /**
     * A {@code timestamp} as Postgres prints it: {@code 2024-01-02 03:04:05}, with the fraction when there is one
     * ({@code 2024-01-02 03:04:05.25}; results carry milliseconds). Avatica's own text drops the fraction.
     */
    @Override
    public String getString(int columnIndex) throws SQLException {
        if (!isTimestamp(columnIndex)) {
            return super.getString(columnIndex);
        }
        LocalDateTime t = wallClock(columnIndex);
        return t == null ? null : DateTimeText.formatTimestamp(t);
    }

    @Override
    public String getString(String columnLabel) throws SQLException {
        return getString(findColumn(columnLabel));
    }

    private Timestamp timestampFromText(int columnIndex) throws SQLException {
        LocalDateTime t = textAsTimestamp(super.getString(columnIndex));
        return t == null ? null : inDefaultZone(t);
    }

    /**
     * A text value read as a timestamp, as pgjdbc does: the text in any form Postgres accepts for
     * {@code timestamp}; anything else is {@code 22007} naming the text. Null stays null.
     */
    private static LocalDateTime textAsTimestamp(String text) throws SQLDataException {
        if (text == null) {
            return null;
        }
        try {
            return DateTimeText.parseTimestamp(text, Instant.now());
        } catch (RuntimeException e) {
            throw new SQLDataException("invalid input syntax for type timestamp: \"" + text + "\"", "22007");
        }
    }

    private boolean isText(int columnIndex) throws SQLException {
        int type = getMetaData().getColumnType(columnIndex);
        return type == Types.VARCHAR || type == Types.CHAR || type == Types.LONGVARCHAR;
    }

    /** Avatica's "cannot convert" names an internal accessor; this names the column, its type and the target. */
    private SQLDataException cannotConvert(int columnIndex, String target) throws SQLException {
        return new SQLDataException("cannot convert column " + columnIndex + " (" + getMetaData().getColumnLabel(
                columnIndex) + ", " + getMetaData().getColumnTypeName(columnIndex) + ") to " + target, "22000");
    }

    /** The wall clock read in the calendar's zone (UTC calendar: the true instant). */
    @Override
    public Timestamp getTimestamp(int columnIndex, java.util.Calendar calendar) throws SQLException {
        if (calendar == null || !isTimestamp(columnIndex)) {
            return calendar == null ? getTimestamp(columnIndex) : super.getTimestamp(columnIndex, calendar);
        }
        LocalDateTime t = wallClock(columnIndex);
        return t == null ? null : Timestamp.from(t.atZone(calendar.getTimeZone().toZoneId()).toInstant());
    }

    @Override
    public Timestamp getTimestamp(String columnLabel) throws SQLException {
        return getTimestamp(findColumn(columnLabel));
    }

    @Override
    public Timestamp getTimestamp(String columnLabel, java.util.Calendar calendar) throws SQLException {
        return getTimestamp(findColumn(columnLabel), calendar);
    }

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        return isTimestamp(columnIndex) ? getTimestamp(columnIndex) : super.getObject(columnIndex);
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        return getObject(findColumn(columnLabel));
    }

    private LocalDateTime localDateTime(int columnIndex, int sqlType) throws SQLException {
        if (sqlType == Types.DATE) {
            java.sql.Date d = getDate(columnIndex);
            return d == null ? null : d.toLocalDate().atStartOfDay();
        }
        if (sqlType == Types.TIMESTAMP) {
            return wallClock(columnIndex);
        }
        return textAsTimestamp(getString(columnIndex));
    }
}
