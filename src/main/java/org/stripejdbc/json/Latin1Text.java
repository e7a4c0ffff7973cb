package org.stripejdbc.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The fast path of the jsonb text: a value whose text is Latin-1 (every character below U+0100, which is nearly
 * every Stripe object) is written as bytes into a buffer of the thread's, then copied once into its {@code String}
 * (a Latin-1 string holds one byte per character). Without it the text went through a {@code StringBuilder} of
 * one and a half times the last text's length, allocated per object, and the copy that {@code toString} makes.
 *
 * <p>The first character above U+00FF ends the attempt: {@link #jsonb(Json)} returns null and the caller prints
 * the value with {@link JsonText#writeJsonb} instead. Both give the same text, character for character. Example:
 * {@code {"name":"Zoë","id":1}} → {@code {"id": 1, "name": "Zoë"}} here; {@code {"name":"€"}} → null here.
 */
final class Latin1Text {
    /** A buffer that grew past this is dropped after use, so one huge object does not stay in memory. */
    private static final int KEPT_CAPACITY = 64 * 1024;

    private static final ThreadLocal<Latin1Text> BUFFERS = ThreadLocal.withInitial(Latin1Text::new);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private byte[] bytes = new byte[4096];
    private int length;

    private Latin1Text() {}

    /** The jsonb text of {@code value}, or null when it holds a character above U+00FF. */
    static String jsonb(Json value) {
        Latin1Text out = BUFFERS.get();
        out.length = 0;
        boolean latin1 = out.write(value);
        String text = latin1 ? new String(out.bytes, 0, out.length, StandardCharsets.ISO_8859_1) : null;
        if (out.bytes.length > KEPT_CAPACITY) {
            out.bytes = new byte[4096];
        }
        return text;
    }

    private boolean write(Json value) {
        switch (value.kind()) {
            case OBJECT -> {
                String cached = value.cachedText();
                if (cached != null) {
                    return writeRaw(cached);
                }
                JsonMembers members = value.membersOrEmpty();
                byte[][] prefixes = members.order.latin1Prefixes();
                if (prefixes == null) {
                    return false;
                }
                put((byte) '{');
                for (int i = 0; i < members.size(); i++) {
                    if (i > 0) {
                        put((byte) ',');
                        put((byte) ' ');
                    }
                    put(prefixes[i]);
                    if (!write(members.values[i])) {
                        return false;
                    }
                }
                put((byte) '}');
                return true;
            }
            case ARRAY -> {
                Json[] elements = value.elementsOrEmpty();
                put((byte) '[');
                for (int i = 0; i < elements.length; i++) {
                    if (i > 0) {
                        put((byte) ',');
                        put((byte) ' ');
                    }
                    if (!write(elements[i])) {
                        return false;
                    }
                }
                put((byte) ']');
                return true;
            }
            default -> {
                return writeScalar(value.scalar());
            }
        }
    }

    private boolean writeScalar(Object scalar) {
        if (scalar instanceof String s) {
            return writeString(s);
        } else if (scalar instanceof Long number) {
            writeLong(number);
        } else if (scalar instanceof Boolean bool) {
            put(bool ? TRUE : FALSE);
        } else if (scalar instanceof BigDecimal decimal) {
            return writeRaw(decimal.toPlainString());
        } else if (scalar != null) {
            return writeRaw(scalar.toString()); // BigInteger
        } else {
            put(NULL);
        }
        return true;
    }

    /** A JSON string literal, escaped as {@link JsonText#writeString} escapes it; false past Latin-1. */
    private boolean writeString(String s) {
        int n = s.length();
        ensure(n + 2);
        byte[] out = bytes;
        int at = length;
        out[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                if (c > 0xFF) {
                    return false;
                }
                out[at++] = (byte) c;
                continue;
            }
            length = at;
            ensure(n - i + 6);
            out = bytes;
            at = escape(c, out, at);
        }
        out[at++] = '"';
        length = at;
        return true;
    }

    /** Writes the escape of {@code c} (a quote, a backslash or a control character) at {@code at}. */
    private static int escape(char c, byte[] out, int at) {
        out[at++] = '\\';
        switch (c) {
            case '"' -> out[at++] = '"';
            case '\\' -> out[at++] = '\\';
            case '\n' -> out[at++] = 'n';
            case '\r' -> out[at++] = 'r';
            case '\t' -> out[at++] = 't';
            case '\b' -> out[at++] = 'b';
            case '\f' -> out[at++] = 'f';
            default -> {
                out[at++] = 'u';
                out[at++] = '0';
                out[at++] = '0';
                out[at++] = HEX[c >> 4];
                out[at++] = HEX[c & 0xf];
            }
        }
        return at;
    }

    /** Text that needs no escaping (jsonb text already printed, a number); false past Latin-1. */
    private boolean writeRaw(String s) {
        int n = s.length();
        ensure(n);
        byte[] out = bytes;
        int at = length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                return false;
            }
            out[at++] = (byte) c;
        }
        length = at;
        return true;
    }

    private void writeLong(long number) {
        if (number == Long.MIN_VALUE) {
            writeRaw(Long.toString(number));
            return;
        }
        ensure(20);
        if (number < 0) {
            bytes[length++] = '-';
            number = -number;
        }
        int digits = 1;
        for (long rest = number / 10; rest > 0; rest /= 10) {
            digits++;
        }
        int at = length + digits;
        length = at;
        do {
            bytes[--at] = (byte) ('0' + (number % 10));
            number /= 10;
        } while (number > 0);
    }

    private void put(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            byte[] grown = new byte[Math.max(bytes.length * 2, length + more)];
            System.arraycopy(bytes, 0, grown, 0, length);
            bytes = grown;
        }
    }
}
