package org.stripejdbc.sql.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * The text JSqlParser reads, rebuilt from our own tokens so that JSqlParser never has to understand
 * Postgres lexical details it gets wrong, plus the tables to map its AST back.
 *
 * <p>Rewrites (each token keeps its place; the original spacing becomes one blank or nothing):
 * <ul>
 *   <li>every string constant becomes a placeholder {@code 's0'}, {@code 's1'}... whose decoded value is
 *       kept here, so escape strings, dollar quotes and odd content never reach JSqlParser's lexer;</li>
 *   <li>every quoted or non-ASCII identifier becomes {@code "i0"}..., its final name kept here;</li>
 *   <li>{@code ?} becomes {@code $n} (numbered as in the statement), so parameter numbers are ours;</li>
 *   <li>JSON operators get blanks around them: {@code attrs#>'{a}'} would otherwise lex as the column
 *       {@code attrs#} followed by {@code >};</li>
 *   <li>a typed literal {@code timestamp '2024-01-01'} / {@code interval '30 days'} / {@code jsonb '{}'}
 *       becomes {@code CAST('s0' AS timestamp)};</li>
 *   <li>{@code GROUPING SETS (} becomes the call {@code grouping$sets(} ({@link #GROUPING_SETS}), which
 *       JSqlParser reads anywhere in a GROUP BY, also after other keys and nested, as Postgres allows; a name
 *       written {@code grouping$sets} is quoted, so only the keywords give that call;</li>
 *   <li>{@code WITHIN GROUP (...) FILTER (...)} becomes {@code FILTER (...) WITHIN GROUP (...)}
 *       ({@link #filterBeforeWithinGroup}).</li>
 * </ul>
 * Example: {@code select "Id" from t where attrs#>>'{a,b}' = ?} →
 * {@code select "i0" from t where attrs #>> 's0' = $1}.
 */
final class JsqlSource {

    /** Type names that may prefix a string constant as a typed literal ({@code date '2024-01-01'}). */
    private static final Set<String> TYPED_LITERAL_TYPES = Set.of(
            "text",
            "varchar",
            "char",
            "bpchar",
            "name",
            "smallint",
            "int2",
            "int",
            "integer",
            "int4",
            "bigint",
            "int8",
            "numeric",
            "decimal",
            "real",
            "float4",
            "float8",
            "float",
            "bool",
            "boolean",
            "timestamp",
            "timestamptz",
            "date",
            "time",
            "interval",
            "jsonb",
            "json",
            "uuid");

    private static final Set<String> INTERVAL_FIELDS = Set.of("year", "month", "day", "hour", "minute", "second");
    private static final Set<String> SPACED_OPERATORS = Set.of("->", "->>", "#>", "#>>", "#-");

    /**
     * Words JSqlParser reserves that Postgres accepts as a column name: written as quoted identifiers, so that
     * {@code select number from t} and a column {@code semi} work (none is a keyword anywhere in Postgres' syntax).
     */
    private static final Set<String> NAME_WORDS = Set.of(
            "semi",
            "number",
            "force",
            "sample",
            "output",
            "verify",
            "prior",
            "nocycle",
            "straight_join",
            "xor",
            "minus",
            "sql_cache");

    /**
     * Words that Postgres accepts as a column alias after AS ({@code count(*) as window}) and JSqlParser does not;
     * a type name never is one of them, so {@code cast(x as ...)} is unaffected.
     */
    private static final Set<String> ALIAS_WORDS = Set.of(
            "window",
            "current",
            "unbounded",
            "unique",
            "using",
            "natural",
            "full",
            "inner",
            "cross",
            "join",
            "outer",
            "is",
            "like",
            "ilike",
            "between",
            "exists",
            "from",
            "left",
            "right",
            "limit",
            "offset",
            "order",
            "group",
            "having",
            "where",
            "on",
            "union",
            "intersect",
            "except",
            "fetch",
            "into",
            "lateral",
            "returning",
            "qualify",
            "connect",
            "start",
            "top",
            "global",
            "if");

    /** The function name {@code GROUPING SETS (...)} is handed to JSqlParser as. */
    static final String GROUPING_SETS = "grouping$sets";

    /** SQL value functions Postgres writes without parentheses that JSqlParser does not know as such. */
    private static final Set<String> SQL_VALUE_FUNCTIONS = Set.of("localtimestamp", "localtime");

    private final StatementSource statement;
    private final String text;
    private final List<String> strings;
    private final List<String> identifiers;
    private final int[] rewrittenStarts;
    private final int[] rewrittenEnds;

    private JsqlSource(
            StatementSource statement,
            String text,
            List<String> strings,
            List<String> identifiers,
            int[] rewrittenStarts,
            int[] rewrittenEnds) {
        this.statement = statement;
        this.text = text;
        this.strings = strings;
        this.identifiers = identifiers;
        this.rewrittenStarts = rewrittenStarts;
        this.rewrittenEnds = rewrittenEnds;
    }

    static JsqlSource of(StatementSource statement) {
        List<Token> tokens = filterBeforeWithinGroup(statement.tokens());
        checkClauses(statement);
        StringBuilder out = new StringBuilder(statement.text().length() + 16);
        List<String> strings = new ArrayList<>();
        List<String> identifiers = new ArrayList<>();
        int[] starts = new int[tokens.size()];
        int[] ends = new int[tokens.size()];
        int bracketDepth = 0;
        int closeArrayAfter = -1;
        Set<Integer> usingJoins = usingJoinItems(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.type() == TokenType.END) {
                starts[i] = out.length();
                ends[i] = out.length();
                continue;
            }
            Token previous = i > 0 ? tokens.get(i - 1) : null;
            boolean typedLiteral = isTypedLiteralType(tokens, i);
            if (previous != null
                    && (previous.end() < token.start()
                            || spaced(previous)
                            || spaced(token)
                            || mustSeparate(previous, token))) {
                out.append(' ');
            } else if (previous != null
                    && (previous.type() == TokenType.OPERATOR
                                    && !previous.text().equals("::")
                            || token.type() == TokenType.OPERATOR
                                    && !token.text().equals("::"))) {
                // JSqlParser lexes "#x" or "a#" as one identifier; Postgres never does.
                out.append(' ');
            }
            if (usingJoins.contains(i)) {
                out.append('(');
            }
            starts[i] = out.length();
            switch (token.type()) {
                case STRING:
                    out.append("'s").append(strings.size()).append('\'');
                    strings.add(token.value());
                    break;
                case QUOTED_IDENTIFIER:
                    out.append("\"i").append(identifiers.size()).append('"');
                    identifiers.add(token.value());
                    break;
                case IDENTIFIER:
                    if (typedLiteral) {
                        int first = i;
                        i = typedLiteral(statement, tokens, i, out, strings, starts, ends);
                        for (int k = first; k <= i; k++) {
                            if (usingJoins.contains(-k - 1)) {
                                out.append(')'); // a USING item ending in a typed literal
                            }
                        }
                        continue;
                    }
                    if (token.isKeyword("grouping")
                            && tokens.get(i + 1).isKeyword("sets")
                            && tokens.get(i + 2).type() == TokenType.LEFT_PAREN) {
                        out.append(GROUPING_SETS);
                        ends[i] = out.length();
                        starts[i + 1] = out.length();
                        ends[i + 1] = out.length();
                        i++;
                        continue;
                    }
                    if (!isAscii(token.text())
                            || isKeywordName(tokens, i)
                            || token.value().equals(GROUPING_SETS)) {
                        out.append("\"i").append(identifiers.size()).append('"');
                        identifiers.add(token.value());
                    } else if (SQL_VALUE_FUNCTIONS.contains(token.value())
                            && tokens.get(i + 1).type() != TokenType.LEFT_PAREN
                            && (previous == null || previous.type() != TokenType.DOT)) {
                        // localtimestamp is a function written without parentheses, which JSqlParser does not know.
                        out.append(token.value()).append("()");
                    } else {
                        out.append(token.text());
                    }
                    break;
                case PARAMETER:
                    if (tokens.get(i + 1).type() == TokenType.NUMBER) {
                        // JSqlParser would read "$1 0" as the parameter $0.
                        throw SqlErrors.syntaxErrorAt(statement.source(), tokens.get(i + 1));
                    }
                    out.append('$').append(token.parameterIndex());
                    break;
                case LEFT_BRACKET:
                    bracketDepth++;
                    out.append(token.text());
                    break;
                case RIGHT_BRACKET:
                    bracketDepth--;
                    out.append(token.text());
                    break;
                case COLON:
                    if (bracketDepth > 0) {
                        // A slice: blanks around, or JSqlParser reads ":3" as a named parameter; [:3] is [1:3]
                        // (arrays here always start at 1), which JSqlParser reads as the operator 1 : 3.
                        // [2:] likewise is [2:2147483647]: the upper bound clamps to the array's end.
                        out.append(previous != null && previous.type() == TokenType.LEFT_BRACKET ? "1 : " : " : ");
                        if (tokens.get(i + 1).type() == TokenType.RIGHT_BRACKET) {
                            out.append(Integer.MAX_VALUE);
                        }
                        break;
                    }
                    throw SqlErrors.syntaxErrorAt(statement.source(), token);
                case OPERATOR:
                    if (token.text().equals("??")) {
                        // jsonb "key exists", written ?? in JDBC as in pgjdbc: x ?? 'k' is x ?| array['k'].
                        if (!isSimpleKeyOperand(tokens, i + 1)) {
                            throw SqlErrors.unsupported(
                                    "the jsonb key-exists operator ? (written ?? in JDBC) with "
                                            + "anything but a string or a parameter on its right",
                                    "write attrs ?? 'key', attrs ?? ?, or attrs ?| array[...]");
                        }
                        out.append("?| ARRAY[");
                        closeArrayAfter = i + 1;
                        break;
                    }
                    out.append(token.text());
                    break;
                default:
                    out.append(token.text());
            }
            if (i == closeArrayAfter) {
                out.append(']');
            }
            ends[i] = out.length();
            if (usingJoins.contains(-i - 1)) {
                out.append(')');
            }
        }
        return new JsqlSource(statement, out.toString(), List.copyOf(strings), List.copyOf(identifiers), starts, ends);
    }

    /**
     * JSqlParser reads {@code DELETE ... USING a JOIN b ON ...} only with the joined items in parentheses, which
     * Postgres allows and does not need: each comma-separated USING item holding a JOIN is wrapped, {@code using a
     * join b on b.x = a.x, c} → {@code using (a join b on b.x = a.x), c}. Returns the index {@code i} of each item's
     * first token and {@code -j - 1} for the index {@code j} of its last; empty for anything but such a DELETE.
     */
    private static Set<Integer> usingJoinItems(List<Token> tokens) {
        Set<Integer> out = new HashSet<>();
        if (tokens.isEmpty() || !tokens.get(0).isKeyword("delete")) {
            return out;
        }
        int depth = 0;
        int itemStart = -1;
        boolean joined = false;
        for (int i = 1; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.type() == TokenType.LEFT_PAREN) {
                depth++;
                continue;
            }
            if (token.type() == TokenType.RIGHT_PAREN) {
                depth--;
                continue;
            }
            if (depth != 0) {
                continue;
            }
            if (itemStart < 0) {
                if (token.isKeyword("using")) {
                    itemStart = i + 1;
                }
                continue;
            }
            boolean ends = token.type() == TokenType.END
                    || token.type() == TokenType.COMMA
                    || token.isKeyword("where")
                    || token.isKeyword("returning");
            if (ends) {
                if (joined && i - 1 > itemStart) {
                    out.add(itemStart);
                    out.add(-(i - 1) - 1);
                }
                if (token.type() != TokenType.COMMA) {
                    return out;
                }
                itemStart = i + 1;
                joined = false;
            } else if (token.isKeyword("join")) {
                joined = true;
            }
        }
        return out;
    }

    /**
     * The tokens with each {@code WITHIN GROUP (...) FILTER (...)} written {@code FILTER (...) WITHIN GROUP (...)}:
     * Postgres' order, which JSqlParser reads only the other way round ({@code percentile_cont(0.5) within group
     * (order by amount) filter (where paid)}). An error inside the moved parts points at a token near its place.
     */
    static List<Token> filterBeforeWithinGroup(List<Token> tokens) {
        List<Token> out = tokens;
        for (int i = 0; i + 2 < out.size(); i++) {
            if (!word(out, i, "within") || !word(out, i + 1, "group") || !kind(out, i + 2, TokenType.LEFT_PAREN)) {
                continue;
            }
            int groupEnd = closing(out, i + 2);
            if (groupEnd < 0 || !word(out, groupEnd + 1, "filter") || !kind(out, groupEnd + 2, TokenType.LEFT_PAREN)) {
                continue;
            }
            int filterEnd = closing(out, groupEnd + 2);
            if (filterEnd < 0) {
                continue;
            }
            List<Token> moved = new ArrayList<>(out.subList(0, i));
            moved.addAll(out.subList(groupEnd + 1, filterEnd + 1));
            moved.addAll(out.subList(i, groupEnd + 1));
            moved.addAll(out.subList(filterEnd + 1, out.size()));
            out = moved;
            i = filterEnd;
        }
        return out;
    }

    private static boolean word(List<Token> tokens, int i, String value) {
        return i < tokens.size()
                && tokens.get(i).type() == TokenType.IDENTIFIER
                && tokens.get(i).value().equals(value);
    }

    private static boolean kind(List<Token> tokens, int i, TokenType type) {
        return i < tokens.size() && tokens.get(i).type() == type;
    }

    /** The index of the parenthesis closing the one at {@code open}, or -1. */
    private static int closing(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            TokenType type = tokens.get(i).type();
            if (type == TokenType.LEFT_PAREN) {
                depth++;
            } else if (type == TokenType.RIGHT_PAREN && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether the word at {@code i} is a name that JSqlParser would read as a keyword: one of {@link #NAME_WORDS}, or
     * one of {@link #ALIAS_WORDS} after AS or a dot ({@code n.window}).
     */
    private static boolean isKeywordName(List<Token> tokens, int i) {
        String word = tokens.get(i).value();
        if (NAME_WORDS.contains(word)) {
            return tokens.get(i + 1).type() != TokenType.LEFT_PAREN;
        }
        Token previous = i > 0 ? tokens.get(i - 1) : null;
        return ALIAS_WORDS.contains(word)
                && previous != null
                && (previous.type() == TokenType.DOT
                        || previous.type() == TokenType.IDENTIFIER
                                && previous.value().equals("as"));
    }

    /**
     * Two things JSqlParser accepts silently and Postgres refuses, checked on the tokens per parenthesis level:
     * a dangling {@code NULLS} in {@code ORDER BY x DESC NULLS} (JSqlParser drops it; in an ORDER BY a
     * {@code nulls} right after a sort expression must be followed by FIRST or LAST), and a repeated LIMIT or
     * OFFSET ({@code limit 1 offset 2 limit 3}, where JSqlParser keeps the last). Both are syntax errors at
     * the offending token.
     */
    private static void checkClauses(StatementSource statement) {
        List<Token> tokens = statement.tokens();
        ArrayDeque<Level> levels = new ArrayDeque<>();
        levels.push(new Level());
        for (int i = 0; i < tokens.size() - 1; i++) {
            Token token = tokens.get(i);
            Level level = levels.peek();
            if (token.type() == TokenType.LEFT_PAREN) {
                levels.push(new Level());
            } else if (token.type() == TokenType.RIGHT_PAREN) {
                if (levels.size() > 1) {
                    levels.pop();
                }
            } else if (token.isKeyword("order") && tokens.get(i + 1).isKeyword("by")) {
                level.inOrderBy = true;
            } else if (token.isKeyword("union") || token.isKeyword("intersect") || token.isKeyword("except")) {
                levels.pop();
                levels.push(new Level());
            } else if (token.isKeyword("limit") || token.isKeyword("offset") || token.isKeyword("fetch")) {
                level.inOrderBy = false;
                String clause = token.value().equals("fetch") ? "limit" : token.value();
                if (!level.seenClauses.add(clause)) {
                    throw SqlErrors.syntaxErrorAt(statement.source(), token);
                }
            } else if (ORDER_BY_ENDS.contains(token.type() == TokenType.IDENTIFIER ? token.value() : "")) {
                level.inOrderBy = false;
            } else if (token.isKeyword("nulls") && level.inOrderBy && i > 0 && endsExpression(tokens.get(i - 1))) {
                Token next = tokens.get(i + 1);
                if (!next.isKeyword("first") && !next.isKeyword("last")) {
                    throw SqlErrors.syntaxErrorAt(statement.source(), next);
                }
            }
        }
    }

    /** Clause state of one parenthesis level for {@link #checkClauses}. */
    private static final class Level {
        boolean inOrderBy;
        final Set<String> seenClauses = new HashSet<>();
    }

    private static final Set<String> ORDER_BY_ENDS = Set.of("for", "rows", "range", "groups");

    private static boolean endsExpression(Token token) {
        return token.isName() && !token.isKeyword("by")
                || token.type() == TokenType.NUMBER
                || token.type() == TokenType.STRING
                || token.type() == TokenType.PARAMETER
                || token.type() == TokenType.RIGHT_PAREN
                || token.type() == TokenType.RIGHT_BRACKET;
    }

    /**
     * Whether the right operand of {@code ??} is one string or parameter that nothing binds tighter to (no cast,
     * subscript or field access after it), so that it can be wrapped into {@code ARRAY[...]} as it is.
     */
    private static boolean isSimpleKeyOperand(List<Token> tokens, int index) {
        if (index + 1 >= tokens.size()) {
            return false;
        }
        Token operand = tokens.get(index);
        Token after = tokens.get(index + 1);
        boolean simple = operand.type() == TokenType.STRING || operand.type() == TokenType.PARAMETER;
        boolean bindsTighter = after.type() == TokenType.LEFT_BRACKET
                || after.text().equals("::")
                || after.text().equals(".");
        return simple && !bindsTighter;
    }

    /**
     * Tokens that touch in the original but would merge once rewritten: two string placeholders
     * ({@code 'a'$$b$$} → {@code 's0''s1'} reads as one string) or a parameter and a word ({@code ?x}).
     */
    private static boolean mustSeparate(Token previous, Token token) {
        return previous.type() == TokenType.STRING && token.type() == TokenType.STRING
                || previous.type() == TokenType.PARAMETER && token.isName();
    }

    private static boolean spaced(Token token) {
        return token.type() == TokenType.OPERATOR && SPACED_OPERATORS.contains(token.text());
    }

    private static boolean isTypedLiteralType(List<Token> tokens, int index) {
        Token token = tokens.get(index);
        if (token.type() != TokenType.IDENTIFIER || !TYPED_LITERAL_TYPES.contains(token.value())) {
            return false;
        }
        Token next = tokens.get(index + 1);
        Token previous = index > 0 ? tokens.get(index - 1) : null;
        return next.type() == TokenType.STRING && (previous == null || previous.type() != TokenType.DOT);
    }

    /** Writes {@code CAST('sN' AS type)} for tokens {@code index} (type) and {@code index + 1} (string). */
    private static int typedLiteral(
            StatementSource statement,
            List<Token> tokens,
            int index,
            StringBuilder out,
            List<String> strings,
            int[] starts,
            int[] ends) {
        Token type = tokens.get(index);
        Token literal = tokens.get(index + 1);
        Token after = tokens.get(index + 2 < tokens.size() ? index + 2 : tokens.size() - 1);
        if (type.value().equals("interval")
                && after.type() == TokenType.IDENTIFIER
                && INTERVAL_FIELDS.contains(after.value())) {
            throw SqlErrors.unsupported(
                    "interval literal with a field restriction (interval '...' " + after.value() + ")",
                    "write the unit inside the string, e.g. interval '1 day'");
        }
        out.append("CAST(");
        starts[index + 1] = out.length();
        out.append("'s").append(strings.size()).append('\'');
        ends[index + 1] = out.length();
        strings.add(literal.value());
        out.append(" AS ");
        starts[index] = out.length();
        out.append(type.text());
        ends[index] = out.length();
        out.append(')');
        return index + 1;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    StatementSource statement() {
        return statement;
    }

    /** The text handed to JSqlParser. */
    String text() {
        return text;
    }

    /**
     * The original token at a 0-based offset of the rewritten text, or the statement's END token when the
     * offset lies past the last token.
     */
    Token tokenAt(int rewrittenOffset) {
        List<Token> tokens = statement.tokens();
        for (int i = 0; i < tokens.size() - 1; i++) {
            if (rewrittenOffset >= rewrittenStarts[i]
                    && rewrittenOffset < Math.max(rewrittenEnds[i], rewrittenStarts[i] + 1)) {
                return tokens.get(i);
            }
        }
        for (int i = 0; i < tokens.size() - 1; i++) {
            if (rewrittenStarts[i] >= rewrittenOffset) {
                return tokens.get(i);
            }
        }
        return tokens.get(tokens.size() - 1);
    }

    /** 42601 at the statement's end, for pieces JSqlParser let go missing ({@code delete from}). */
    SqlParseException syntaxErrorAtEnd() {
        List<Token> tokens = statement.tokens();
        return SqlErrors.syntaxErrorAt(statement.source(), tokens.get(tokens.size() - 1));
    }

    /** 42601 at the first unquoted occurrence of {@code word} (lower case), or at the statement's end. */
    SqlParseException syntaxErrorAtWord(String word) {
        for (Token token : statement.tokens()) {
            if (token.isKeyword(word)) {
                return SqlErrors.syntaxErrorAt(statement.source(), token);
            }
        }
        return syntaxErrorAtEnd();
    }

    /** The decoded value behind a string placeholder, given as JSqlParser shows it ({@code s3} or {@code 's3'}). */
    String string(String placeholder) {
        String bare = placeholder;
        if (bare.length() >= 2 && bare.startsWith("'") && bare.endsWith("'")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        int index = placeholderIndex(bare, 's');
        if (index < 0 || index >= strings.size()) {
            throw internal("string constant " + SqlErrors.mask(placeholder));
        }
        return strings.get(index);
    }

    /** Whether JSqlParser's raw text is one of our string placeholders ({@code 's3'}). */
    boolean isStringPlaceholder(String raw) {
        return raw != null
                && raw.length() >= 4
                && raw.startsWith("'s")
                && raw.endsWith("'")
                && placeholderIndex(raw.substring(1, raw.length() - 1), 's') >= 0;
    }

    /**
     * The final name of an identifier as JSqlParser shows it: a placeholder {@code "i2"} gives the kept name,
     * an unquoted word folds to lower case.
     */
    String identifier(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            int index = placeholderIndex(raw.substring(1, raw.length() - 1), 'i');
            if (index < 0 || index >= identifiers.size()) {
                throw internal("identifier " + SqlErrors.mask(raw));
            }
            return identifiers.get(index);
        }
        if (raw.startsWith("'") || raw.startsWith("`") || raw.startsWith("[")) {
            throw new StripeJdbcException(
                    SqlState.SYNTAX_ERROR,
                    "syntax error: " + (raw.startsWith("'") ? "a string constant" : SqlErrors.mask(raw))
                            + " cannot be used as a name");
        }
        return Tokenizer.foldCase(raw);
    }

    /** Whether JSqlParser's raw identifier text was written quoted (so it is never a keyword). */
    boolean isQuoted(String raw) {
        return raw != null && raw.startsWith("\"");
    }

    private static int placeholderIndex(String bare, char prefix) {
        if (bare.length() < 2 || bare.charAt(0) != prefix) {
            return -1;
        }
        for (int i = 1; i < bare.length(); i++) {
            if (bare.charAt(i) < '0' || bare.charAt(i) > '9') {
                return -1;
            }
        }
        return bare.length() > 10 ? -1 : Integer.parseInt(bare.substring(1));
    }

    private static StripeJdbcException internal(String what) {
        return new StripeJdbcException(SqlState.INTERNAL_ERROR, "SQL front end lost track of a " + what);
    }
}
