package org.stripejdbc.json;

import java.math.BigDecimal;

/**
 * Prints {@link Json} values: the jsonb form (keys in jsonb order, one space after {@code :} and {@code ,}) and
 * the compact form (keys in arrival order, no spaces), both with exact numbers in plain notation.
 *
 * <p>Example: {@code {"name":"x","id":1.50}} prints as {@code {"id": 1.50, "name": "x"}} (jsonb) and
 * {@code {"name":"x","id":1.50}} (compact).
 */
final class JsonText {
    private JsonText() {}

    static void writeJsonb(Json value, StringBuilder out) {
        write(value, out, true);
    }

    static void writeCompact(Json value, StringBuilder out) {
        write(value, out, false);
    }

    /** jsonb: keys in jsonb order, {@code ": "} and {@code ", "}; compact: keys in arrival order, no spaces. */
    private static void write(Json value, StringBuilder out, boolean jsonb) {
        if (!jsonb && value.jsonText() != null) {
            out.append(value.jsonText());
            return;
        }
        switch (value.kind()) {
            case OBJECT -> {
                String cached = jsonb ? value.cachedText() : null;
                if (cached != null) {
                    out.append(cached);
                    return;
                }
                JsonMembers members = value.membersOrEmpty();
                String[] prefixes = jsonb ? members.order.prefixes() : null;
                out.append('{');
                for (int position = 0; position < members.size(); position++) {
                    int i = jsonb ? position : members.arrivalIndex(position);
                    if (position > 0) {
                        out.append(jsonb ? ", " : ",");
                    }
                    if (jsonb) {
                        out.append(prefixes[i]);
                    } else {
                        writeString(members.key(i), out);
                        out.append(':');
                    }
                    write(members.values[i], out, jsonb);
                }
                out.append('}');
            }
            case ARRAY -> {
                Json[] elements = value.elementsOrEmpty();
                out.append('[');
                for (int i = 0; i < elements.length; i++) {
                    if (i > 0) {
                        out.append(jsonb ? ", " : ",");
                    }
                    write(elements[i], out, jsonb);
                }
                out.append(']');
            }
            default -> writeScalar(value, out);
        }
    }

    private static void writeScalar(Json value, StringBuilder out) {
        Object scalar = value.scalar();
        if (scalar instanceof String s) {
            writeString(s, out);
        } else if (scalar instanceof BigDecimal decimal) {
            out.append(decimal.toPlainString());
        } else if (scalar instanceof Long number) {
            out.append(number.longValue());
        } else if (scalar != null) {
            out.append(scalar); // BigInteger, Boolean
        } else {
            out.append("null");
        }
    }

    /** A JSON string literal; runs of characters that need no escape are appended in one go. */
    static void writeString(String s, StringBuilder out) {
        out.append('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, plain, i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    out.append("\\u00");
                    out.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                }
            }
            plain = i + 1;
        }
        if (plain == 0) {
            out.append(s); // nothing escaped: one copy (append(s, 0, n) copies character by character)
        } else {
            out.append(s, plain, s.length());
        }
        out.append('"');
    }
}
