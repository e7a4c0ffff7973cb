package org.stripejdbc.sql.parse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.stripejdbc.error.SqlState;

/**
 * A Postgres-compatible lexer: it turns SQL text into {@link Token}s, dropping whitespace and comments.
 *
 * <p>It knows what Postgres' own scanner knows about where a statement's pieces begin and end:
 * <ul>
 *   <li>strings {@code 'it''s'}, escape strings {@code E'a\'b\n'}, dollar-quoted strings {@code $$x$$} and
 *       {@code $tag$x$tag$}, national strings {@code N'x'}; adjacent strings separated by a newline join
 *       ({@code 'a'\n'b'} is {@code 'ab'});</li>
 *   <li>quoted identifiers {@code "Items[0]"} with {@code ""}; unquoted identifiers fold to lower case;</li>
 *   <li>{@code --} line comments and nested {@code /* ... *}{@code /} block comments;</li>
 *   <li>parameters {@code ?} and {@code $1}; {@code ?|}, {@code ?&} (and pgjdbc's escape {@code ??}) are
 *       operators;</li>
 *   <li>operators such as {@code ->>}, {@code #>>}, {@code ::}, {@code @>}, {@code <@}, {@code ||},
 *       {@code !~*}.</li>
 * </ul>
 * Example: {@code select "Id" from t where attrs->>'k' = ?} gives
 * {@code select | "Id" (Id) | from | t | where | attrs | ->> | 'k' (k) | = | ? | END}.
 *
 * <p>Errors (42601, with position): unterminated strings, quoted identifiers and comments, zero-length
 * quoted identifiers, trailing junk after numbers and parameters, characters that start no token.
 * Bit strings ({@code B'..'}, {@code X'..'}) and Unicode-escape forms ({@code U&'..'}) are 0A000.
 */
final class Tokenizer {

    /** Multi-character operators, longest first so that {@code ->>} wins over {@code ->}. */
    private static final String[] OPERATORS = {
        "!~~*", "->>", "#>>", "!~*", "!~~", "~~*", "<->", "->", "#>", "#-", "::", "@>", "<@", "@?", "@@", "?|", "?&",
        "??", "||", "!=", "<>", "<=", ">=", "~*", "!~", "~~", "&&", "<<", ">>", "=>", ":=",
    };

    private static final String SINGLE_CHAR_OPERATORS = "+-*/<>=~!@#%^&|";

    private final SourceText source;
    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private int position;

    private Tokenizer(SourceText source) {
        this.source = source;
        this.sql = source.sql();
    }

    /** Tokenizes the whole text; the last token is always {@link TokenType#END}. */
    static List<Token> tokenize(SourceText source) {
        Tokenizer tokenizer = new Tokenizer(source);
        tokenizer.run();
        return List.copyOf(tokenizer.tokens);
    }

    private void run() {
        while (true) {
            skipWhitespaceAndComments();
            if (position >= sql.length()) {
                tokens.add(new Token(TokenType.END, "", "", sql.length(), sql.length(), 0));
                return;
            }
            tokens.add(nextToken());
        }
    }

    private void skipWhitespaceAndComments() {
        while (position < sql.length()) {
            char c = sql.charAt(position);
            if (isWhitespace(c)) {
                position++;
            } else if (c == '-' && peekChar(1) == '-') {
                while (position < sql.length() && sql.charAt(position) != '\n' && sql.charAt(position) != '\r') {
                    position++;
                }
            } else if (c == '/' && peekChar(1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipBlockComment() {
        int start = position;
        int depth = 0;
        while (position < sql.length()) {
            if (sql.startsWith("/*", position)) {
                depth++;
                position += 2;
            } else if (sql.startsWith("*/", position)) {
                depth--;
                position += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                position++;
            }
        }
        throw SqlErrors.at(
                source,
                start,
                SqlState.SYNTAX_ERROR,
                "unterminated /* comment at or near \"" + SqlErrors.excerpt(sql.substring(start)) + "\"");
    }

    private Token nextToken() {
        char c = sql.charAt(position);
        char next = peekChar(1);
        if (c == '\'') {
            return quotedString(position, position, false);
        }
        if ((c == 'e' || c == 'E') && next == '\'') {
            return quotedString(position, position + 1, true);
        }
        if ((c == 'n' || c == 'N') && next == '\'') {
            return quotedString(position, position + 1, false);
        }
        if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && next == '\'') {
            throw SqlErrors.unsupported("bit-string constant " + c + "'...'", null);
        }
        if ((c == 'u' || c == 'U') && next == '&' && (peekChar(2) == '\'' || peekChar(2) == '"')) {
            throw SqlErrors.unsupported("Unicode escape form U&" + peekChar(2) + "..." + peekChar(2), null);
        }
        if (c == '"') {
            return quotedIdentifier();
        }
        if (c == '$') {
            return dollar();
        }
        if (isIdentifierStart(c)) {
            return identifier();
        }
        if (isDigit(c) || (c == '.' && isDigit(next))) {
            return number();
        }
        switch (c) {
            case '(':
                return single(TokenType.LEFT_PAREN);
            case ')':
                return single(TokenType.RIGHT_PAREN);
            case '[':
                return single(TokenType.LEFT_BRACKET);
            case ']':
                return single(TokenType.RIGHT_BRACKET);
            case ',':
                return single(TokenType.COMMA);
            case ';':
                return single(TokenType.SEMICOLON);
            case '.':
                return single(TokenType.DOT);
            case ':':
                if (next == ':' || next == '=') {
                    return operator();
                }
                return single(TokenType.COLON);
            case '?':
                if (next == '|' || next == '&' || next == '?') {
                    return operator();
                }
                position++;
                return new Token(TokenType.PARAMETER, "?", "?", position - 1, position, 0);
            default:
                if (SINGLE_CHAR_OPERATORS.indexOf(c) >= 0) {
                    return operator();
                }
                throw SqlErrors.at(
                        source,
                        position,
                        SqlState.SYNTAX_ERROR,
                        "syntax error at or near \""
                                + SqlErrors.mask(sql.substring(
                                        position, position + Character.charCount(sql.codePointAt(position))))
                                + "\"");
        }
    }

    private Token single(TokenType type) {
        int start = position++;
        String text = sql.substring(start, position);
        return new Token(type, text, text, start, position, 0);
    }

    private Token operator() {
        int start = position;
        for (String operator : OPERATORS) {
            if (sql.startsWith(operator, position)) {
                position += operator.length();
                return new Token(TokenType.OPERATOR, operator, operator, start, position, 0);
            }
        }
        position++;
        String text = sql.substring(start, position);
        return new Token(TokenType.OPERATOR, text, text, start, position, 0);
    }

    private Token identifier() {
        int start = position;
        while (position < sql.length() && isIdentifierPart(sql.charAt(position))) {
            position++;
        }
        String text = sql.substring(start, position);
        return new Token(TokenType.IDENTIFIER, text, foldCase(text), start, position, 0);
    }

    /** Postgres folds only ASCII letters of unquoted identifiers (in UTF-8 databases). */
    static String foldCase(String identifier) {
        StringBuilder folded = null;
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (folded == null) {
                    folded = new StringBuilder(identifier);
                }
                folded.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return folded == null ? identifier : folded.toString();
    }

    private Token quotedIdentifier() {
        int start = position;
        position++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (position >= sql.length()) {
                throw SqlErrors.at(
                        source,
                        start,
                        SqlState.SYNTAX_ERROR,
                        "unterminated quoted identifier at or near \"" + SqlErrors.excerpt(sql.substring(start))
                                + "\"");
            }
            char c = sql.charAt(position);
            if (c == '"') {
                if (peekChar(1) == '"') {
                    value.append('"');
                    position += 2;
                    continue;
                }
                position++;
                break;
            }
            value.append(c);
            position++;
        }
        if (value.length() == 0) {
            throw SqlErrors.at(
                    source, start, SqlState.SYNTAX_ERROR, "zero-length delimited identifier at or near \"\"\"\"");
        }
        return new Token(
                TokenType.QUOTED_IDENTIFIER, sql.substring(start, position), value.toString(), start, position, 0);
    }

    /**
     * A {@code '...'} string starting at {@code quote} (the token starts at {@code start}, before any
     * {@code E}/{@code N} prefix). Segments separated by whitespace containing a newline are joined.
     */
    private Token quotedString(int start, int quote, boolean escapes) {
        ByteArrayOutputStream bytes = escapes ? new ByteArrayOutputStream() : null;
        StringBuilder value = new StringBuilder();
        position = quote;
        while (true) {
            position++; // opening quote
            while (true) {
                if (position >= sql.length()) {
                    throw unterminatedString(start);
                }
                char c = sql.charAt(position);
                if (c == '\'') {
                    if (peekChar(1) == '\'') {
                        append(value, bytes, '\'');
                        position += 2;
                        continue;
                    }
                    position++;
                    break;
                }
                if (escapes && c == '\\') {
                    escapeSequence(bytes, start);
                    continue;
                }
                if (bytes == null) {
                    value.append(c);
                    position++;
                } else {
                    int codePoint = sql.codePointAt(position);
                    bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                    position += Character.charCount(codePoint);
                }
            }
            int continuation = continuationQuote();
            if (continuation < 0) {
                break;
            }
            position = continuation;
        }
        String decoded = escapes ? decodeUtf8(bytes, start) : value.toString();
        return new Token(TokenType.STRING, sql.substring(start, position), decoded, start, position, 0);
    }

    /** The offset of a quote continuing the string just closed (after whitespace with a newline), or -1. */
    private int continuationQuote() {
        int i = position;
        boolean newline = false;
        while (i < sql.length() && isWhitespace(sql.charAt(i))) {
            if (sql.charAt(i) == '\n' || sql.charAt(i) == '\r') {
                newline = true;
            }
            i++;
        }
        return newline && i < sql.length() && sql.charAt(i) == '\'' ? i : -1;
    }

    /** Security: the string may hold a secret, so only its opening delimiter is echoed. */
    private RuntimeException unterminatedString(int start) {
        int quote = sql.indexOf('\'', start);
        return SqlErrors.at(
                source,
                start,
                SqlState.SYNTAX_ERROR,
                "unterminated quoted string at or near \"" + sql.substring(start, quote + 1) + "...\"");
    }

    private static void append(StringBuilder value, ByteArrayOutputStream bytes, char c) {
        if (bytes == null) {
            value.append(c);
        } else {
            bytes.write(c);
        }
    }

    /** Decodes one backslash escape of an E'' string at {@code position} (which is at the backslash). */
    private void escapeSequence(ByteArrayOutputStream bytes, int start) {
        int escapeStart = position;
        position++; // backslash
        if (position >= sql.length()) {
            throw unterminatedString(start);
        }
        char c = sql.charAt(position);
        switch (c) {
            case 'b':
                bytes.write('\b');
                position++;
                return;
            case 'f':
                bytes.write('\f');
                position++;
                return;
            case 'n':
                bytes.write('\n');
                position++;
                return;
            case 'r':
                bytes.write('\r');
                position++;
                return;
            case 't':
                bytes.write('\t');
                position++;
                return;
            case 'x': {
                int digits = countHexDigits(position + 1, 2);
                if (digits == 0) {
                    bytes.write('x');
                    position++;
                    return;
                }
                int value = Integer.parseInt(sql.substring(position + 1, position + 1 + digits), 16);
                position += 1 + digits;
                writeByte(bytes, value, escapeStart);
                return;
            }
            case 'u':
            case 'U': {
                int width = c == 'u' ? 4 : 8;
                if (countHexDigits(position + 1, width) != width) {
                    throw SqlErrors.at(source, escapeStart, SqlState.SYNTAX_ERROR, "invalid Unicode escape");
                }
                long codePoint = Long.parseLong(sql.substring(position + 1, position + 1 + width), 16);
                position += 1 + width;
                writeCodePoint(bytes, codePoint, escapeStart);
                return;
            }
            default:
                if (c >= '0' && c <= '7') {
                    int end = position;
                    while (end < sql.length()
                            && end < position + 3
                            && sql.charAt(end) >= '0'
                            && sql.charAt(end) <= '7') {
                        end++;
                    }
                    int value = Integer.parseInt(sql.substring(position, end), 8) & 0xFF;
                    position = end;
                    writeByte(bytes, value, escapeStart);
                    return;
                }
                // Any other character stands for itself (\\, \', \").
                int codePoint = sql.codePointAt(position);
                position += Character.charCount(codePoint);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void writeByte(ByteArrayOutputStream bytes, int value, int escapeStart) {
        if (value == 0) {
            throw SqlErrors.at(
                    source, escapeStart, SqlState.DATA_EXCEPTION, "invalid byte sequence for encoding \"UTF8\": 0x00");
        }
        bytes.write(value);
    }

    private void writeCodePoint(ByteArrayOutputStream bytes, long codePoint, int escapeStart) {
        if (codePoint >= 0xD800 && codePoint <= 0xDBFF) {
            // A high surrogate must be followed by \\uXXXX holding the low half.
            if (sql.startsWith("\\u", position) && countHexDigits(position + 2, 4) == 4) {
                int low = Integer.parseInt(sql.substring(position + 2, position + 6), 16);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    position += 6;
                    int combined = Character.toCodePoint((char) codePoint, (char) low);
                    bytes.writeBytes(new String(Character.toChars(combined)).getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            throw SqlErrors.at(source, escapeStart, SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair");
        }
        if (codePoint == 0 || (codePoint >= 0xDC00 && codePoint <= 0xDFFF) || codePoint > Character.MAX_CODE_POINT) {
            throw SqlErrors.at(source, escapeStart, SqlState.SYNTAX_ERROR, "invalid Unicode escape value");
        }
        bytes.writeBytes(new String(Character.toChars((int) codePoint)).getBytes(StandardCharsets.UTF_8));
    }

    private int countHexDigits(int from, int max) {
        int count = 0;
        while (count < max
                && from + count < sql.length()
                && Character.digit(sql.charAt(from + count), 16) >= 0
                && sql.charAt(from + count) < 128) {
            count++;
        }
        return count;
    }

    private String decodeUtf8(ByteArrayOutputStream bytes, int start) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw SqlErrors.at(
                    source,
                    start,
                    SqlState.DATA_EXCEPTION,
                    "invalid byte sequence for encoding \"UTF8\" in escape string");
        }
    }

    /** {@code $1} (parameter), {@code $$...$$} or {@code $tag$...$tag$} (string). */
    private Token dollar() {
        int start = position;
        char next = peekChar(1);
        if (isDigit(next)) {
            int end = position + 1;
            while (end < sql.length() && isDigit(sql.charAt(end))) {
                end++;
            }
            if (end < sql.length() && isIdentifierPart(sql.charAt(end))) {
                throw SqlErrors.at(
                        source,
                        start,
                        SqlState.SYNTAX_ERROR,
                        "trailing junk after parameter at or near \""
                                + SqlErrors.mask(sql.substring(start, Math.min(sql.length(), end + 1))) + "\"");
            }
            String digits = sql.substring(position + 1, end);
            position = end;
            int index = parameterNumber(digits, start);
            return new Token(
                    TokenType.PARAMETER, sql.substring(start, end), sql.substring(start, end), start, end, index);
        }
        int tagEnd = position + 1;
        if (tagEnd < sql.length() && isIdentifierStart(sql.charAt(tagEnd))) {
            while (tagEnd < sql.length() && isIdentifierPart(sql.charAt(tagEnd)) && sql.charAt(tagEnd) != '$') {
                tagEnd++;
            }
        }
        if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$') {
            throw SqlErrors.at(source, start, SqlState.SYNTAX_ERROR, "syntax error at or near \"$\"");
        }
        String tag = sql.substring(start, tagEnd + 1);
        int contentStart = tagEnd + 1;
        int close = sql.indexOf(tag, contentStart);
        if (close < 0) {
            // Security: the string may hold a secret, so only its opening delimiter is echoed.
            throw SqlErrors.at(
                    source,
                    start,
                    SqlState.SYNTAX_ERROR,
                    "unterminated dollar-quoted string at or near \"" + SqlErrors.mask(tag) + "...\"");
        }
        position = close + tag.length();
        return new Token(
                TokenType.STRING,
                sql.substring(start, position),
                sql.substring(contentStart, close),
                start,
                position,
                0);
    }

    private int parameterNumber(String digits, int start) {
        String trimmed = digits.replaceFirst("^0+(?=.)", "");
        if (trimmed.length() > 9 || Integer.parseInt(trimmed) > SqlFrontEnd.MAX_PARAMETERS) {
            throw SqlErrors.at(
                    source,
                    start,
                    SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "parameter number too large: $" + digits + " (at most " + SqlFrontEnd.MAX_PARAMETERS + ")");
        }
        int index = Integer.parseInt(trimmed);
        if (index == 0) {
            throw SqlErrors.at(source, start, SqlState.UNDEFINED_PARAMETER, "there is no parameter $0");
        }
        return index;
    }

    private Token number() {
        int start = position;
        while (position < sql.length() && isDigit(sql.charAt(position))) {
            position++;
        }
        if (position < sql.length() && sql.charAt(position) == '.' && peekChar(1) != '.') {
            position++;
            while (position < sql.length() && isDigit(sql.charAt(position))) {
                position++;
            }
        }
        if (position < sql.length() && (sql.charAt(position) == 'e' || sql.charAt(position) == 'E')) {
            int exponent = position + 1;
            if (exponent < sql.length() && (sql.charAt(exponent) == '+' || sql.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < sql.length() && isDigit(sql.charAt(exponent))) {
                position = exponent;
                while (position < sql.length() && isDigit(sql.charAt(position))) {
                    position++;
                }
            }
        }
        if (position < sql.length() && isIdentifierPart(sql.charAt(position))) {
            int junkEnd = position;
            while (junkEnd < sql.length() && isIdentifierPart(sql.charAt(junkEnd))) {
                junkEnd++;
            }
            throw SqlErrors.at(
                    source,
                    start,
                    SqlState.SYNTAX_ERROR,
                    "trailing junk after numeric literal at or near \"" + SqlErrors.mask(sql.substring(start, junkEnd))
                            + "\"");
        }
        String text = sql.substring(start, position);
        return new Token(TokenType.NUMBER, text, text, start, position, 0);
    }

    private char peekChar(int ahead) {
        int index = position + ahead;
        return index < sql.length() ? sql.charAt(index) : '\0';
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$';
    }
}
