package org.stripejdbc.types;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.stripejdbc.json.Json;

/**
 * The SQL types the driver knows, named as Postgres names them.
 *
 * <p>Runtime values of each type are carried as one Java class, everywhere in the engine:
 * <pre>
 *   TEXT        String
 *   SMALLINT    Short          INTEGER   Integer        BIGINT  Long
 *   NUMERIC     BigDecimal     REAL      Float          DOUBLE  Double
 *   BOOLEAN     Boolean
 *   TIMESTAMP   LocalDateTime  (UTC wall clock, as the FDW's "timestamp without time zone")
 *   TIMESTAMPTZ OffsetDateTime (always at offset UTC)
 *   DATE        LocalDate      TIME      LocalTime
 *   INTERVAL    org.stripejdbc.types.Interval
 *   JSONB/JSON  org.stripejdbc.json.Json
 *   UUID        java.util.UUID
 *   TEXT_ARRAY  java.util.List (elements of any of the above)
 *   UNKNOWN     the type of an untyped NULL or of a string literal not yet resolved
 * </pre>
 */
public enum SqlType {
    TEXT("text", Types.VARCHAR, String.class),
    SMALLINT("smallint", Types.SMALLINT, Short.class),
    INTEGER("integer", Types.INTEGER, Integer.class),
    BIGINT("bigint", Types.BIGINT, Long.class),
    NUMERIC("numeric", Types.NUMERIC, BigDecimal.class),
    REAL("real", Types.REAL, Float.class),
    DOUBLE("double precision", Types.DOUBLE, Double.class),
    BOOLEAN("boolean", Types.BOOLEAN, Boolean.class),
    TIMESTAMP("timestamp", Types.TIMESTAMP, LocalDateTime.class),
    TIMESTAMPTZ("timestamptz", Types.TIMESTAMP_WITH_TIMEZONE, OffsetDateTime.class),
    DATE("date", Types.DATE, LocalDate.class),
    TIME("time", Types.TIME, LocalTime.class),
    INTERVAL("interval", Types.OTHER, Interval.class),
    JSONB("jsonb", Types.OTHER, Json.class),
    JSON("json", Types.OTHER, Json.class),
    UUID("uuid", Types.OTHER, UUID.class),
    ARRAY("array", Types.ARRAY, List.class),
    UNKNOWN("unknown", Types.OTHER, Object.class);

    private final String postgresName;
    private final int jdbcType;
    private final Class<?> javaClass;

    SqlType(String postgresName, int jdbcType, Class<?> javaClass) {
        this.postgresName = postgresName;
        this.jdbcType = jdbcType;
        this.javaClass = javaClass;
    }

    /** The name Postgres prints for this type ({@code text}, {@code bigint}, {@code jsonb}...). */
    public String postgresName() {
        return postgresName;
    }

    /** The {@link java.sql.Types} code reported through JDBC metadata. */
    public int jdbcType() {
        return jdbcType;
    }

    /** The Java class of runtime values of this type. */
    public Class<?> javaClass() {
        return javaClass;
    }

    public boolean isNumeric() {
        return this == SMALLINT
                || this == INTEGER
                || this == BIGINT
                || this == NUMERIC
                || this == REAL
                || this == DOUBLE;
    }

    public boolean isInteger() {
        return this == SMALLINT || this == INTEGER || this == BIGINT;
    }

    public boolean isJson() {
        return this == JSONB || this == JSON;
    }

    /**
     * Resolves a type name as written in DDL or a cast ({@code int8}, {@code varchar(20)},
     * {@code timestamp without time zone}, {@code bool}...). Modifiers in parentheses are ignored.
     * Array types ({@code text[]}) resolve to {@link #ARRAY}.
     */
    public static Optional<SqlType> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (n.endsWith("[]")) {
            return Optional.of(ARRAY);
        }
        int paren = n.indexOf('(');
        if (paren >= 0) {
            int close = n.indexOf(')', paren);
            n = (n.substring(0, paren) + (close >= 0 ? n.substring(close + 1) : ""))
                    .trim()
                    .replaceAll("\\s+", " ");
        }
        if (n.startsWith("pg_catalog.")) {
            n = n.substring("pg_catalog.".length());
        }
        switch (n) {
            case "text":
            case "varchar":
            case "character varying":
            case "char":
            case "character":
            case "bpchar":
            case "name":
            case "citext":
                return Optional.of(TEXT);
            case "smallint":
            case "int2":
                return Optional.of(SMALLINT);
            case "int":
            case "integer":
            case "int4":
            case "serial":
                return Optional.of(INTEGER);
            case "bigint":
            case "int8":
            case "bigserial":
                return Optional.of(BIGINT);
            case "numeric":
            case "decimal":
                return Optional.of(NUMERIC);
            case "real":
            case "float4":
                return Optional.of(REAL);
            case "double precision":
            case "float8":
            case "float":
            case "double":
                return Optional.of(DOUBLE);
            case "bool":
            case "boolean":
                return Optional.of(BOOLEAN);
            case "timestamp":
            case "timestamp without time zone":
                return Optional.of(TIMESTAMP);
            case "timestamptz":
            case "timestamp with time zone":
                return Optional.of(TIMESTAMPTZ);
            case "date":
                return Optional.of(DATE);
            case "time":
            case "time without time zone":
                return Optional.of(TIME);
            case "interval":
                return Optional.of(INTERVAL);
            case "jsonb":
                return Optional.of(JSONB);
            case "json":
                return Optional.of(JSON);
            case "uuid":
                return Optional.of(UUID);
            default:
                return Optional.empty();
        }
    }
}
