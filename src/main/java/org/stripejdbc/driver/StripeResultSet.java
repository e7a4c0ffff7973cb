package org.stripejdbc.driver;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.stripejdbc.driver.NumberReads.Failure;
import org.stripejdbc.driver.NumberReads.Integral;
import org.stripejdbc.types.DateTimeInput;
import org.stripejdbc.types.DateTimeOutput;

/**
 * A result set's values, read as pgjdbc reads them from PostgreSQL 16 whose session time zone is UTC:
 * <ul>
 *   <li>{@code timestamp} is a wall clock: {@code getTimestamp} is {@code Timestamp.valueOf} of it in any JVM zone,
 *   {@code getString} {@code 2025-01-01 12:00:00}, {@code getObject(LocalDateTime.class)} the wall clock.</li>
 *   <li>{@code timestamptz} is an instant: {@code getTimestamp} of {@code timestamptz '2025-01-01 12:00:00+00'} has
 *   {@code getTime()} 1735732800000 in any JVM zone (a calendar does not move it), {@code getString} is
 *   {@code 2025-01-01 12:00:00+00}, {@code getObject(OffsetDateTime.class)} that instant at UTC.</li>
 *   <li>Numbers never wrap: {@code getInt} of {@code 3000000000::bigint} is 22003, a fraction is truncated toward
 *   zero, text that holds a number converts ({@code getLong} of {@code '12'} is 12) and text that does not is
 *   22P02 naming the column: {@code cannot convert column 7 (g, text) to long: invalid input syntax for type
 *   bigint: "x"}.</li>
 * </ul>
 * Also {@code getObject(column, Class)} for the boxed types, {@code String}, {@code BigDecimal}, java.time and
 * java.sql classes, and SQLSTATE-preserving errors while rows are fetched. Results carry timestamps to the
 * millisecond.
 */
final class StripeResultSet extends ForwardOnlyResultSet {

    /** How a column's value is held, which decides how each getter reads it. */
    private enum Kind {
        INTEGRAL,
        DECIMAL,
        FLOATING,
        BOOLEAN,
        TEXT,
        TIMESTAMP,
        TIMESTAMPTZ,
        DATE,
        TIME,
        OTHER
    }

    StripeResultSet(
            AvaticaStatement statement,
            QueryState state,
            Meta.Signature signature,
            ResultSetMetaData resultSetMetaData,
            TimeZone timeZone,
            Meta.Frame firstFrame)
            throws SQLException {
        super(statement, state, signature, resultSetMetaData, timeZone, firstFrame);
        AtomicBoolean flag = null;
        if (statement.getConnection() instanceof StripeConnection connection) {
            this.cursorGeneration = connection.stripeMeta().cursorGeneration(statement.handle);
            try {
                flag = connection.getCancelFlag(statement.handle);
            } catch (NoSuchStatementException e) {
                // a metadata result set: nothing to cancel
            }
        } else {
            this.cursorGeneration = -1;
        }
        this.cancelFlag = flag;
        this.kinds = new Kind[signature.columns.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = kindOf(signature.columns.get(i).type);
        }
    }

    /** The statement's cursor this result set reads (a later execution opens a newer one). */
    private final long cursorGeneration;
    /** The statement's cancel flag ({@code Statement.cancel()}), looked up once rather than at every row; or null. */
    private final AtomicBoolean cancelFlag;
    /** Each column's kind, by 0-based index. */
    private final Kind[] kinds;

    private static Kind kindOf(ColumnMetaData.AvaticaType type) {
        switch (type.id) {
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
            case Types.BIGINT:
                return Kind.INTEGRAL;
            case Types.NUMERIC:
            case Types.DECIMAL:
                return Kind.DECIMAL;
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE:
                return Kind.FLOATING;
            case Types.BOOLEAN:
            case Types.BIT:
                return Kind.BOOLEAN;
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.OTHER:
                return Kind.TEXT;
            case Types.TIMESTAMP:
                return "timestamptz".equals(type.name) ? Kind.TIMESTAMPTZ : Kind.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return Kind.TIMESTAMPTZ;
            case Types.DATE:
                return Kind.DATE;
            case Types.TIME:
                return Kind.TIME;
            default:
                return Kind.OTHER;
        }
    }

    /** The column's kind after checking the index (22023 when out of range, 55000 when closed). */
    private Kind kind(int columnIndex) throws SQLException {
        checkColumn(columnIndex);
        return kinds[columnIndex - 1];
    }

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

    /** Reads rows for the caller's result-set loop (the statement's {@code getMoreResults} among them). */
    StripeResultSet open() throws SQLException {
        execute();
        return this;
    }

    @Override
    public boolean next() throws SQLException {
        if (statement.getConnection() instanceof StripeConnection
                && cancelFlag != null
                && !isClosed()
                && cancelFlag.get()) {
            throw new SQLTimeoutException("canceling statement due to user request", "57014");
        }
        return SqlExceptions.call(super::next);
    }

    // ------------------------------------------------------------------ numbers and booleans

    private SQLException failure(int columnIndex, String target, Failure failure) {
        return JdbcErrors.create(
                "cannot convert " + describeColumn(columnIndex) + " to " + target + ": " + failure.getMessage(),
                failure.state);
    }

    private long integral(int columnIndex, Integral target) throws SQLException {
        Kind kind = kind(columnIndex);
        try {
            switch (kind) {
                case INTEGRAL:
                    return NumberReads.checked(super.getLong(columnIndex), target);
                case DECIMAL: {
                    BigDecimal d = super.getBigDecimal(columnIndex);
                    return d == null ? 0 : NumberReads.toLong(d, target);
                }
                case FLOATING: {
                    double d = super.getDouble(columnIndex);
                    return wasNull() ? 0 : NumberReads.toLong(d, target);
                }
                case TEXT: {
                    String s = super.getString(columnIndex);
                    return s == null ? 0 : NumberReads.parseLong(s, target);
                }
                default: {
                    String s = getString(columnIndex);
                    if (s == null) {
                        return 0;
                    }
                    throw NumberReads.invalidText(target.postgresName, s);
                }
            }
        } catch (Failure f) {
            throw failure(columnIndex, target.javaName, f);
        }
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        if (columnIndex >= 1 && columnIndex <= kinds.length && kinds[columnIndex - 1] == Kind.INTEGRAL) {
            checkOpen();
            return super.getLong(columnIndex); // the common case, without the range check a long cannot fail
        }
        return integral(columnIndex, Integral.LONG);
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        return (int) integral(columnIndex, Integral.INT);
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        return (short) integral(columnIndex, Integral.SHORT);
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        return (byte) integral(columnIndex, Integral.BYTE);
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        Kind kind = kind(columnIndex);
        try {
            switch (kind) {
                case INTEGRAL:
                case FLOATING:
                    return super.getDouble(columnIndex);
                case DECIMAL: {
                    BigDecimal d = super.getBigDecimal(columnIndex);
                    return d == null ? 0 : d.doubleValue();
                }
                case TEXT: {
                    String s = super.getString(columnIndex);
                    return s == null ? 0 : NumberReads.parseDouble(s);
                }
                default: {
                    String s = getString(columnIndex);
                    if (s == null) {
                        return 0;
                    }
                    throw NumberReads.invalidText("double precision", s);
                }
            }
        } catch (Failure f) {
            throw failure(columnIndex, "double", f);
        }
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        return (float) getDouble(columnIndex);
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        Kind kind = kind(columnIndex);
        try {
            switch (kind) {
                case INTEGRAL: {
                    long v = super.getLong(columnIndex);
                    return wasNull() ? null : BigDecimal.valueOf(v);
                }
                case DECIMAL:
                    return super.getBigDecimal(columnIndex);
                case FLOATING: {
                    double v = super.getDouble(columnIndex);
                    return wasNull() ? null : NumberReads.toBigDecimal(v);
                }
                case TEXT: {
                    String s = super.getString(columnIndex);
                    return s == null ? null : NumberReads.parseBigDecimal(s, "numeric");
                }
                default: {
                    String s = getString(columnIndex);
                    if (s == null) {
                        return null;
                    }
                    throw NumberReads.invalidText("numeric", s);
                }
            }
        } catch (Failure f) {
            throw failure(columnIndex, "java.math.BigDecimal", f);
        }
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(columnIndex);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        Kind kind = kind(columnIndex);
        try {
            switch (kind) {
                case BOOLEAN:
                    return super.getBoolean(columnIndex);
                case INTEGRAL:
                case DECIMAL:
                case FLOATING: {
                    BigDecimal d = getBigDecimal(columnIndex);
                    return d != null && NumberReads.toBoolean(d);
                }
                default: {
                    String s = getString(columnIndex);
                    return s != null && NumberReads.parseBoolean(s);
                }
            }
        } catch (Failure f) {
            throw failure(columnIndex, "boolean", f);
        }
    }

    // ------------------------------------------------------------------ text

    /**
     * The value as Postgres prints it: a {@code boolean} is {@code t} or {@code f}, as in pgjdbc. A {@code timestamp}
     * keeps its fraction ({@code 2024-01-02 03:04:05.25}; Avatica's own text drops it); a {@code timestamptz} is
     * printed in the session zone, UTC: {@code 2025-01-01 12:00:00+00}.
     */
    @Override
    public String getString(int columnIndex) throws SQLException {
        Kind kind = kind(columnIndex);
        if (kind == Kind.BOOLEAN) {
            // pgjdbc reads a boolean as the server's text (bool is never sent in binary): t or f.
            boolean value = getBoolean(columnIndex);
            return wasNull() ? null : value ? "t" : "f";
        }
        if (kind == Kind.TIMESTAMP) {
            LocalDateTime t = wallClock(columnIndex);
            return t == null ? null : DateTimeOutput.formatTimestamp(t);
        }
        if (kind == Kind.TIMESTAMPTZ) {
            LocalDateTime t = wallClock(columnIndex);
            return t == null ? null : DateTimeOutput.formatTimestampTz(t.atOffset(ZoneOffset.UTC));
        }
        try {
            return super.getString(columnIndex);
        } catch (SQLException e) {
            if (e.getSQLState() != null) {
                throw e;
            }
            throw cannotConvert(columnIndex, "java.lang.String", e);
        }
    }

    // ------------------------------------------------------------------ date and time

    /**
     * The wall clock a {@code timestamp} column holds, or the UTC wall clock of a {@code timestamptz} column's
     * instant (both are carried as epoch millis), or null.
     */
    private LocalDateTime wallClock(int columnIndex) throws SQLException {
        long millis = super.getLong(columnIndex);
        if (wasNull()) {
            return null;
        }
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
    }

    /** The instant of a {@code timestamptz} column, or null. */
    private Timestamp instant(int columnIndex) throws SQLException {
        long millis = super.getLong(columnIndex);
        return wasNull() ? null : new Timestamp(millis);
    }

    /**
     * A {@code timestamp} as pgjdbc gives it: the same wall clock in the JVM's zone (Avatica's own conversion
     * captures the default zone once, at class load, and goes wrong when it changes). A {@code timestamptz}: its
     * instant, whatever the JVM's zone.
     */
    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        switch (kind(columnIndex)) {
            case TIMESTAMP: {
                LocalDateTime t = wallClock(columnIndex);
                return t == null ? null : inDefaultZone(t);
            }
            case TIMESTAMPTZ:
                return instant(columnIndex);
            case TEXT:
                return timestampFromText(columnIndex);
            default:
                return read(columnIndex, "java.sql.Timestamp", () -> super.getTimestamp(columnIndex));
        }
    }

    /**
     * A {@code timestamp}'s wall clock read in the calendar's zone (a UTC calendar: the instant Stripe meant); a
     * {@code timestamptz} is its instant, which no calendar moves (as pgjdbc, whose text for it carries the offset).
     */
    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar calendar) throws SQLException {
        if (calendar == null) {
            return getTimestamp(columnIndex);
        }
        switch (kind(columnIndex)) {
            case TIMESTAMP: {
                LocalDateTime t = wallClock(columnIndex);
                return t == null
                        ? null
                        : Timestamp.from(
                                t.atZone(calendar.getTimeZone().toZoneId()).toInstant());
            }
            case TIMESTAMPTZ:
                return instant(columnIndex);
            case TEXT: {
                LocalDateTime t = textAsTimestamp(super.getString(columnIndex));
                return t == null
                        ? null
                        : Timestamp.from(
                                t.atZone(calendar.getTimeZone().toZoneId()).toInstant());
            }
            default:
                return read(columnIndex, "java.sql.Timestamp", () -> super.getTimestamp(columnIndex, calendar));
        }
    }

    /** The date part of a timestamp's wall clock (of a timestamptz: in the JVM's zone), at local midnight. */
    @Override
    public java.sql.Date getDate(int columnIndex) throws SQLException {
        switch (kind(columnIndex)) {
            case TIMESTAMP:
            case TIMESTAMPTZ: {
                LocalDateTime t = localDateTime(columnIndex, ZoneId.systemDefault());
                return t == null ? null : java.sql.Date.valueOf(t.toLocalDate());
            }
            default:
                return read(columnIndex, "java.sql.Date", () -> super.getDate(columnIndex));
        }
    }

    @Override
    public java.sql.Date getDate(int columnIndex, Calendar calendar) throws SQLException {
        if (calendar == null) {
            return getDate(columnIndex);
        }
        return read(columnIndex, "java.sql.Date", () -> super.getDate(columnIndex, calendar));
    }

    /** The time of day of a timestamp's wall clock (of a timestamptz: in the JVM's zone). */
    @Override
    public Time getTime(int columnIndex) throws SQLException {
        switch (kind(columnIndex)) {
            case TIMESTAMP:
            case TIMESTAMPTZ: {
                LocalDateTime t = localDateTime(columnIndex, ZoneId.systemDefault());
                return t == null ? null : Time.valueOf(t.toLocalTime());
            }
            default:
                return read(columnIndex, "java.sql.Time", () -> super.getTime(columnIndex));
        }
    }

    @Override
    public Time getTime(int columnIndex, Calendar calendar) throws SQLException {
        if (calendar == null) {
            return getTime(columnIndex);
        }
        return read(columnIndex, "java.sql.Time", () -> super.getTime(columnIndex, calendar));
    }

    /**
     * A {@code timestamp}'s wall clock; a {@code timestamptz}'s instant as a wall clock in {@code zone} (pgjdbc's
     * session zone is the JVM's; the Java types that carry no zone use UTC, this driver's session zone).
     */
    private LocalDateTime localDateTime(int columnIndex, ZoneId zone) throws SQLException {
        LocalDateTime utc = wallClock(columnIndex);
        if (utc == null || kinds[columnIndex - 1] == Kind.TIMESTAMP) {
            return utc;
        }
        return LocalDateTime.ofInstant(utc.toInstant(ZoneOffset.UTC), zone);
    }

    /** The ids of the zones without offset changes ever, where a wall clock is its UTC instant. */
    private static final Set<String> UTC_ZONES = Set.of(
            "UTC",
            "Etc/UTC",
            "GMT",
            "Etc/GMT",
            "UCT",
            "Etc/UCT",
            "Universal",
            "Etc/Universal",
            "Zulu",
            "Etc/Zulu",
            "Greenwich",
            "Etc/Greenwich",
            "GMT0",
            "Etc/GMT0",
            "Etc/GMT+0",
            "Etc/GMT-0");

    /** The last zone id checked and what {@link #UTC_ZONES} said of it (one read: racy but consistent). */
    private record ZoneCheck(String id, boolean utc) {}

    private static volatile ZoneCheck lastZone = new ZoneCheck("UTC", true);

    /**
     * Whether the zone {@code id} is one of {@link #UTC_ZONES}. The JVM's zone hands out the same id string until
     * it changes, so a row's timestamp compares one reference instead of hashing the id (a cost of every row).
     */
    private static boolean isUtc(String id) {
        ZoneCheck last = lastZone;
        if (last.id() != id) {
            last = new ZoneCheck(id, UTC_ZONES.contains(id));
            lastZone = last;
        }
        return last.utc();
    }

    /**
     * {@code Timestamp.valueOf(t)}: the wall clock {@code t} in the JVM's current zone. When that zone is UTC (most
     * servers) the value is computed directly, without the legacy calendar arithmetic {@code valueOf} does for
     * every call; the result is the same (the legacy calendar only differs before the Gregorian reform of 1582).
     */
    static Timestamp inDefaultZone(LocalDateTime t) {
        if (t.getYear() < 1900 || !isUtc(TimeZone.getDefault().getID())) {
            return Timestamp.valueOf(t);
        }
        Timestamp timestamp = new Timestamp(t.toEpochSecond(ZoneOffset.UTC) * 1000L);
        timestamp.setNanos(t.getNano());
        return timestamp;
    }

    /** As pgjdbc: text with an offset ({@code ...+00}) is that instant; without one, a wall clock in the JVM's zone. */
    private Timestamp timestampFromText(int columnIndex) throws SQLException {
        String text = super.getString(columnIndex);
        LocalDateTime t = textAsTimestamp(text);
        if (t == null) {
            return null;
        }
        OffsetDateTime instant = DateTimeInput.parseInstantIfOffset(text, Instant.now());
        return instant != null ? Timestamp.from(instant.toInstant()) : inDefaultZone(t);
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
            return DateTimeInput.parseTimestamp(text, Instant.now());
        } catch (RuntimeException e) {
            throw new SQLDataException("invalid input syntax for type timestamp: \"" + text + "\"", "22007");
        }
    }

    // ------------------------------------------------------------------ objects

    /** The array type name ({@code _int4}) of an array column, else null. */
    private String arrayTypeName(int columnIndex) throws SQLException {
        kind(columnIndex);
        String name = signature.columns.get(columnIndex - 1).type.name;
        return name != null && name.startsWith("_") ? name : null;
    }

    @Override
    public Array getArray(int columnIndex) throws SQLException {
        String typeName = arrayTypeName(columnIndex);
        if (typeName == null) {
            return super.getArray(columnIndex);
        }
        String text = super.getString(columnIndex);
        if (text == null) {
            return null;
        }
        StripeArray.Rows rows = (list, element, nested) -> statement.connection instanceof StripeConnection connection
                ? connection.stripeMeta().arrayResultSet(list, element, nested)
                : null;
        return SqlExceptions.call(() -> StripeArray.parse(text, TypeMapping.elementOf(typeName), rows));
    }

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        if (arrayTypeName(columnIndex) != null) {
            return getArray(columnIndex);
        }
        switch (kind(columnIndex)) {
            case TIMESTAMP:
            case TIMESTAMPTZ:
                return getTimestamp(columnIndex);
            default:
                // A text-carried value (attrs) is printed here, once per row (LazyText).
                return LazyText.resolve(read(columnIndex, "java.lang.Object", () -> super.getObject(columnIndex)));
        }
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
        Kind kind = kind(columnIndex);
        boolean temporal = kind == Kind.TIMESTAMP || kind == Kind.TIMESTAMPTZ || kind == Kind.DATE || kind == Kind.TIME;
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
        } else if (type == Time.class) {
            return getTime(columnIndex);
        } else if (type == LocalDateTime.class) {
            if (kind == Kind.TIMESTAMPTZ && utcDateTime(columnIndex, kind) != null) {
                // As pgjdbc 42.7: an instant has no wall clock of its own (its getLocalDateTime takes timestamp only).
                throw SqlExceptions.create(
                        "cannot convert " + describeColumn(columnIndex) + " to java.time.LocalDateTime: read a"
                                + " timestamptz as java.time.OffsetDateTime or java.time.Instant",
                        "42821",
                        null);
            }
            return utcDateTime(columnIndex, kind);
        } else if (type == OffsetDateTime.class) {
            LocalDateTime t = utcDateTime(columnIndex, kind);
            return t == null ? null : t.atOffset(ZoneOffset.UTC);
        } else if (type == ZonedDateTime.class) {
            LocalDateTime t = utcDateTime(columnIndex, kind);
            return t == null ? null : t.atZone(ZoneOffset.UTC);
        } else if (type == Instant.class) {
            LocalDateTime t = utcDateTime(columnIndex, kind);
            return t == null ? null : t.toInstant(ZoneOffset.UTC);
        } else if (type == LocalDate.class) {
            if (kind == Kind.DATE) {
                java.sql.Date d = getDate(columnIndex);
                return d == null ? null : d.toLocalDate();
            }
            LocalDateTime t = utcDateTime(columnIndex, kind);
            return t == null ? null : t.toLocalDate();
        } else if (type == LocalTime.class) {
            if (kind == Kind.TIME) {
                Time t = getTime(columnIndex);
                return t == null ? null : t.toLocalTime();
            }
            LocalDateTime t = utcDateTime(columnIndex, kind);
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
        throw cannotConvert(columnIndex, type.getName(), null);
    }

    /**
     * For the java.time classes: a {@code timestamp}'s wall clock (read as UTC for the classes with an offset, as
     * pgjdbc does), a {@code timestamptz}'s instant at UTC (the session zone), a date at midnight, text parsed.
     */
    private LocalDateTime utcDateTime(int columnIndex, Kind kind) throws SQLException {
        switch (kind) {
            case DATE: {
                java.sql.Date d = getDate(columnIndex);
                return d == null ? null : d.toLocalDate().atStartOfDay();
            }
            case TIMESTAMP:
            case TIMESTAMPTZ:
                return wallClock(columnIndex);
            default:
                return textAsTimestamp(getString(columnIndex));
        }
    }
}
