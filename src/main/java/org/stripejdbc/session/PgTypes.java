package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stripejdbc.types.SqlType;

/**
 * Postgres' built-in types as {@code pg_type} and {@code information_schema.columns} describe them: oid, internal
 * name, SQL name, length and category, and the modifiers a declared type carries.
 *
 * <p>Example: a column declared {@code numeric(10,2)} is {@code pg_type} 1700 {@code numeric}, {@code atttypmod}
 * 655366, {@code data_type} {@code numeric}, precision 10, scale 2; {@code timestamp} is 1114 {@code timestamp},
 * {@code data_type} {@code timestamp without time zone}, datetime precision 6.
 */
final class PgTypes {
    /** One built-in type: {@code len} -1 is variable length; {@code arrayOid} 0 for an array type itself. */
    record PgType(
            long oid,
            String name,
            String dataType,
            int len,
            boolean byValue,
            String category,
            long elementOid,
            long arrayOid) {}

    static final List<PgType> ALL = List.of(
            new PgType(16, "bool", "boolean", 1, true, "B", 0, 1000),
            new PgType(20, "int8", "bigint", 8, true, "N", 0, 1016),
            new PgType(21, "int2", "smallint", 2, true, "N", 0, 1005),
            new PgType(23, "int4", "integer", 4, true, "N", 0, 1007),
            new PgType(25, "text", "text", -1, false, "S", 0, 1009),
            new PgType(114, "json", "json", -1, false, "U", 0, 199),
            new PgType(700, "float4", "real", 4, true, "N", 0, 1021),
            new PgType(701, "float8", "double precision", 8, true, "N", 0, 1022),
            new PgType(705, "unknown", "unknown", -2, false, "X", 0, 0),
            new PgType(1042, "bpchar", "character", -1, false, "S", 0, 1014),
            new PgType(1043, "varchar", "character varying", -1, false, "S", 0, 1015),
            new PgType(1082, "date", "date", 4, true, "D", 0, 1182),
            new PgType(1083, "time", "time without time zone", 8, true, "D", 0, 1183),
            new PgType(1114, "timestamp", "timestamp without time zone", 8, true, "D", 0, 1115),
            new PgType(1184, "timestamptz", "timestamp with time zone", 8, true, "D", 0, 1185),
            new PgType(1186, "interval", "interval", 16, false, "T", 0, 1187),
            new PgType(1700, "numeric", "numeric", -1, false, "N", 0, 1231),
            new PgType(2950, "uuid", "uuid", 16, false, "U", 0, 2951),
            new PgType(3802, "jsonb", "jsonb", -1, false, "U", 0, 3807));

    private static final Pattern MODIFIERS = Pattern.compile("\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

    private PgTypes() {}

    /** Every built-in type and its array type ({@code _text} for {@code text}), as {@code pg_type} lists them. */
    static List<PgType> withArrays() {
        List<PgType> out = new ArrayList<>(ALL);
        for (PgType t : ALL) {
            if (t.arrayOid() != 0) {
                out.add(new PgType(t.arrayOid(), "_" + t.name(), "ARRAY", -1, false, "A", t.oid(), 0));
            }
        }
        return out;
    }

    /** The type of a column of SQL type {@code type} declared as {@code typeName} ({@code varchar(20)}). */
    static PgType of(SqlType type, String typeName) {
        String declared = typeName == null ? "" : typeName.trim().toLowerCase(Locale.ROOT);
        if (type == SqlType.ARRAY) {
            String element = declared.endsWith("[]") ? declared.substring(0, declared.length() - 2) : "text";
            PgType of = of(SqlType.fromName(element).orElse(SqlType.TEXT), element);
            return new PgType(of.arrayOid(), "_" + of.name(), "ARRAY", -1, false, "A", of.oid(), 0);
        }
        String name = switch (type) {
            case TEXT ->
                declared.startsWith("varchar") || declared.startsWith("character varying")
                        ? "varchar"
                        : declared.startsWith("char") || declared.startsWith("bpchar") ? "bpchar" : "text";
            case SMALLINT -> "int2";
            case INTEGER -> "int4";
            case BIGINT -> "int8";
            case NUMERIC -> "numeric";
            case REAL -> "float4";
            case DOUBLE -> "float8";
            case BOOLEAN -> "bool";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMPTZ -> "timestamptz";
            case DATE -> "date";
            case TIME -> "time";
            case INTERVAL -> "interval";
            case JSONB -> "jsonb";
            case JSON -> "json";
            case UUID -> "uuid";
            default -> "unknown";
        };
        for (PgType t : ALL) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalStateException("no pg_type for " + name);
    }

    /** The declared modifiers: {@code numeric(10,2)} is [10, 2], {@code varchar(20)} [20, -1], none [-1, -1]. */
    static int[] modifiers(String typeName) {
        Matcher m = MODIFIERS.matcher(typeName == null ? "" : typeName);
        if (!m.find()) {
            return new int[] {-1, -1};
        }
        return new int[] {Integer.parseInt(m.group(1)), m.group(2) == null ? -1 : Integer.parseInt(m.group(2))};
    }

    /** {@code atttypmod}: -1 without modifiers, else Postgres' encoding (length + 4, or precision and scale). */
    static int typmod(PgType type, String typeName) {
        int[] m = modifiers(typeName);
        if (m[0] < 0) {
            return -1;
        }
        if (type.oid() == 1700) {
            return ((m[0] << 16) | Math.max(m[1], 0)) + 4;
        }
        return type.category().equals("S") ? m[0] + 4 : -1;
    }

    /** {@code information_schema.columns.character_maximum_length}. */
    static Integer characterMaximumLength(PgType type, String typeName) {
        int[] m = modifiers(typeName);
        return type.category().equals("S") && type.oid() != 25 && m[0] >= 0 ? m[0] : null;
    }

    /** {@code character_octet_length}: 4 bytes a character (UTF-8), 1 GB unbounded. */
    static Integer characterOctetLength(PgType type, String typeName) {
        if (!type.category().equals("S")) {
            return null;
        }
        Integer max = characterMaximumLength(type, typeName);
        return max == null ? 1_073_741_824 : max * 4;
    }

    /** {@code numeric_precision}: bits for integers and floats, the declared precision of a numeric. */
    static Integer numericPrecision(PgType type, String typeName) {
        return switch ((int) type.oid()) {
            case 21 -> 16;
            case 23 -> 32;
            case 20 -> 64;
            case 700 -> 24;
            case 701 -> 53;
            case 1700 -> modifiers(typeName)[0] < 0 ? null : modifiers(typeName)[0];
            default -> null;
        };
    }

    static Integer numericPrecisionRadix(PgType type) {
        return switch ((int) type.oid()) {
            case 21, 23, 20, 700, 701 -> 2;
            case 1700 -> 10;
            default -> null;
        };
    }

    static Integer numericScale(PgType type, String typeName) {
        return switch ((int) type.oid()) {
            case 21, 23, 20 -> 0;
            case 1700 -> modifiers(typeName)[0] < 0 ? null : Math.max(modifiers(typeName)[1], 0);
            default -> null;
        };
    }

    /** {@code datetime_precision}: 0 for a date, 6 (microseconds) for times, timestamps and intervals. */
    static Integer datetimePrecision(PgType type) {
        return switch ((int) type.oid()) {
            case 1082 -> 0;
            case 1083, 1114, 1184, 1186 -> 6;
            default -> null;
        };
    }
}
