package org.stripejdbc.stripe;

import java.nio.charset.StandardCharsets;

/**
 * The quick look at a list page's body that the thread making the request takes before the next request can be
 * sent: where the {@code data} array lies, how many objects it holds, the last one's {@code id} and {@code has_more},
 * found by one pass over the bytes that builds nothing but that id (no tokens, no field names, no symbol table).
 * It costs a small part of what Jackson's tokenizer costs, and it is on the sequential scan's critical path.
 *
 * <p>It checks the page's frame: the top-level object, its members, the array and the boundaries of each object in it
 * (strings, nesting and brackets matched, members of the top level and of each object separated as JSON says). What
 * is inside an object's values is checked by Jackson when the object is built ({@link PageBody}); a malformed value
 * then fails, naming the request, when the reader reaches that object. Anything this scan does not expect (an escape
 * in a member name or an id, a top-level member that is not a string, a number or a literal, a {@code data} member
 * that is not an array of objects, a {@code has_more} that is not a boolean, bytes that are not UTF-8 JSON) makes it
 * answer {@code null}, and {@link StripeJsonReader#readPage} reads the body with Jackson instead, which names the
 * fault as before.
 *
 * <p>Example: {@code {"object":"list","data":[{"id":"a","n":[1]},{"id":"b"}],"has_more":true,"url":"/v1/x"}} →
 * {@code Frame[dataStart=24, dataEnd=55, size=2, lastId=b, hasMore=true]}.
 */
final class PageScanner {
    /** What the scan found; offsets are of the {@code [} and just after the {@code ]} of {@code data}. */
    record Frame(int dataStart, int dataEnd, int size, String lastId, boolean hasMore) {}

    /** Thrown inside the scan when the body is not what it expects; never escapes {@link #scan}. */
    private static final class Unexpected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private static final Unexpected INSTANCE = new Unexpected();

        private Unexpected() {
            super(null, null, false, false);
        }
    }

    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HAS_MORE = "has_more".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID = "id".getBytes(StandardCharsets.US_ASCII);
    /** Nesting deeper than this is left to Jackson (and its limits). */
    private static final int MAXIMUM_DEPTH = 256;

    private final byte[] bytes;
    private int position;
    /** The end of the last string read by {@link #string()}: its closing quote. */
    private int stringEnd;
    /** Whether the last string read by {@link #string()} holds an escape. */
    private boolean escaped;

    private PageScanner(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The frame of a list page's body, or null when the body is not a plain UTF-8 list page (see above). */
    static Frame scan(byte[] bytes) {
        try {
            return new PageScanner(bytes).page();
        } catch (Unexpected | ArrayIndexOutOfBoundsException e) {
            return null; // Jackson reads it instead, and says what is wrong if anything is
        }
    }

    private Frame page() {
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            position = 3; // a UTF-8 byte order mark
        }
        expect('{');
        int dataStart = -1;
        int dataEnd = -1;
        int size = 0;
        String lastId = null;
        boolean hasMore = false;
        if (peek() != '}') {
            do {
                int nameStart = plainString();
                int nameEnd = stringEnd;
                expect(':');
                byte first = peek();
                if (is(nameStart, nameEnd, DATA)) {
                    if (first != '[') {
                        throw Unexpected.INSTANCE;
                    }
                    dataStart = position;
                    position++;
                    size = 0;
                    lastId = null;
                    if (peek() == ']') {
                        position++;
                    } else {
                        do {
                            lastId = object();
                            size++;
                        } while (separator(']'));
                    }
                    dataEnd = position;
                } else if (is(nameStart, nameEnd, HAS_MORE)) {
                    hasMore = literal();
                } else if (first == '"') {
                    string();
                } else {
                    scalar();
                }
            } while (separator('}'));
        } else {
            position++;
        }
        if (peekOrEnd() != -1 || dataStart < 0) {
            throw Unexpected.INSTANCE;
        }
        return new Frame(dataStart, dataEnd, size, lastId, hasMore);
    }

    /** One object of {@code data}, skipped; its {@code id} member's text, null when it has no string id. */
    private String object() {
        expect('{');
        String id = null;
        if (peek() == '}') {
            position++;
            return null;
        }
        do {
            int nameStart = plainString();
            int nameEnd = stringEnd;
            expect(':');
            boolean isId = is(nameStart, nameEnd, ID);
            if (peek() == '"') {
                int start = isId ? plainString() : string();
                if (isId) {
                    id = new String(bytes, start, stringEnd - start, StandardCharsets.UTF_8);
                }
            } else {
                if (isId) {
                    id = null; // a later id member wins, as when the object is built; a non-string is no id
                }
                value(1);
            }
        } while (separator('}'));
        return id;
    }

    /** Skips any value at nesting {@code depth}, matching brackets and strings; its inside is Jackson's to check. */
    private void value(int depth) {
        byte first = peek();
        if (first == '"') {
            string();
        } else if (first == '{' || first == '[') {
            if (depth >= MAXIMUM_DEPTH) {
                throw Unexpected.INSTANCE;
            }
            byte close = first == '{' ? (byte) '}' : (byte) ']';
            position++;
            if (peek() == close) {
                position++;
                return;
            }
            do {
                if (close == '}') {
                    string();
                    expect(':');
                }
                value(depth + 1);
            } while (separator(close));
        } else {
            scalar();
        }
    }

    /** After a member or element: true on {@code ,} (another follows), false on {@code close} (consumed). */
    private boolean separator(int close) {
        byte next = peek();
        position++;
        if (next == ',') {
            return true;
        }
        if (next == close) {
            return false;
        }
        throw Unexpected.INSTANCE;
    }

    /**
     * Skips a string: the position after its opening quote; {@link #stringEnd} is its closing quote's and
     * {@link #escaped} tells whether it holds an escape (whose text only Jackson decodes).
     */
    private int string() {
        expect('"');
        // Locals, not fields, in the loop: this is the scan's hot spot (most of a page's bytes are in strings).
        byte[] body = bytes;
        int start = position;
        int at = start;
        boolean escape = false;
        byte b;
        while ((b = body[at]) != '"') {
            if (b == '\\') {
                escape = true;
                at += 2; // the escaped character, whatever it is: Jackson checks it when it matters
            } else if (b >= 0 && b < 0x20) {
                throw Unexpected.INSTANCE; // a control character: not JSON
            } else {
                at++;
            }
        }
        escaped = escape;
        stringEnd = at;
        position = at + 1;
        return start;
    }

    /** A name, or an id: a string whose text matters, so without escapes (else Jackson reads the body). */
    private int plainString() {
        int start = string();
        if (escaped) {
            throw Unexpected.INSTANCE;
        }
        return start;
    }

    /** A number or a literal, skipped: its characters are those of JSON numbers and literals. */
    private void scalar() {
        int start = position;
        while (position < bytes.length) {
            byte b = bytes[position];
            if ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || b == '-' || b == '+' || b == '.' || b == 'E') {
                position++;
            } else {
                break;
            }
        }
        if (position == start) {
            throw Unexpected.INSTANCE;
        }
    }

    /** {@code true} or {@code false}, exactly. */
    private boolean literal() {
        if (matches("true")) {
            return true;
        }
        if (matches("false")) {
            return false;
        }
        throw Unexpected.INSTANCE;
    }

    private boolean matches(String literal) {
        int end = position + literal.length();
        if (end > bytes.length) {
            return false;
        }
        for (int i = 0; i < literal.length(); i++) {
            if (bytes[position + i] != literal.charAt(i)) {
                return false;
            }
        }
        byte after = end < bytes.length ? bytes[end] : (byte) ' ';
        if ((after >= 'a' && after <= 'z') || (after >= '0' && after <= '9')) {
            return false;
        }
        position = end;
        return true;
    }

    private boolean is(int start, int end, byte[] name) {
        if (end - start != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (bytes[start + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw Unexpected.INSTANCE;
        }
        position++;
    }

    /** The next byte that is not JSON whitespace (the position is left on it). */
    private byte peek() {
        int next = peekOrEnd();
        if (next < 0) {
            throw Unexpected.INSTANCE;
        }
        return (byte) next;
    }

    /** As {@link #peek()}, or -1 at the end of the body. */
    private int peekOrEnd() {
        while (position < bytes.length) {
            byte b = bytes[position];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b & 0xFF;
            }
            position++;
        }
        return -1;
    }
}
