package org.stripejdbc.emulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses the {@code query} of {@code GET /v1/<object>/search} as Stripe's search query language, with its limits and
 * errors (400 {@code invalid_request_error}, param {@code query}).
 *
 * <pre>
 *   clause  = ["-"] field operator value
 *   field   = name ("." name)*  |  "metadata[" quoted "]"
 *   operator= ":" | "~" | ">" | "<" | ">=" | "<="
 *   value   = 'text' | "text" (backslash escapes the next character) | a bare number | null | true | false
 *   query   = clause (whitespace [AND | OR whitespace] clause)*      at most 10 clauses, AND and OR not mixed
 * </pre>
 *
 * <p>Examples on customers: {@code email:"amy@example.com"}, {@code name~"son" -metadata['plan']:null},
 * {@code created>=1700000000 AND created<1700086400}, {@code name:'a' or name:'b'}. Refused:
 * {@code name:'a' AND name:'b' OR name:'c'} (mixed), {@code (name:'a')} (parentheses), {@code name~"ab"} (a
 * substring of fewer than 3 characters), {@code nickname:'x'} (not a customer search field), {@code email>3} (not
 * numeric), {@code name:bob} (a string value must be quoted), 11 clauses.
 */
final class SearchQueryParser {
    /** Stripe's limit on the clauses of one query. */
    static final int MAXIMUM_CLAUSES = 10;
    /** The shortest substring {@code ~} accepts. */
    static final int MINIMUM_SUBSTRING = 3;

    private static final String PARSE_HELP = "We were unable to parse your search query. Try using the format "
            + "`metadata['key']:'value'` to query for metadata or `key:'value'` to query for other fields.";

    private final String query;
    private final String resource;
    private final Map<String, SearchField> fields;
    private int position;

    private SearchQueryParser(String query, String resource, Map<String, SearchField> fields) {
        this.query = query;
        this.resource = resource;
        this.fields = fields;
    }

    /**
     * Parses {@code query} for the object listed at {@code resource} ({@code customers}), whose search fields are
     * {@code fields}.
     *
     * @throws ApiErrorException 400, param query, for anything Stripe refuses
     */
    static SearchQuery parse(String query, String resource, Map<String, SearchField> fields) {
        return new SearchQueryParser(query, resource, fields).query();
    }

    private SearchQuery query() {
        List<SearchQuery.Clause> clauses = new ArrayList<>();
        String joiner = null;
        skipWhitespace();
        if (atEnd()) {
            throw parseError("the query is empty");
        }
        while (true) {
            clauses.add(clause());
            if (clauses.size() > MAXIMUM_CLAUSES) {
                throw invalid("Your search query has more than " + MAXIMUM_CLAUSES + " clauses; a query may hold at "
                        + "most " + MAXIMUM_CLAUSES + ".");
            }
            int before = position;
            skipWhitespace();
            if (atEnd()) {
                break;
            }
            if (position == before) {
                throw parseError("expected a space, AND or OR after the clause ending at position " + position);
            }
            String keyword = keyword();
            if (keyword != null) {
                if (joiner != null && !joiner.equals(keyword)) {
                    throw invalid("Your search query mixes AND and OR: clauses are joined either all by AND or all "
                            + "by OR, and parentheses are not supported.");
                }
                joiner = keyword;
                skipWhitespace();
                if (atEnd()) {
                    throw parseError("the query ends with " + keyword);
                }
            } else if ("OR".equals(joiner)) {
                // Whitespace alone joins by AND.
                throw invalid("Your search query mixes AND and OR: clauses are joined either all by AND or all by "
                        + "OR (whitespace alone means AND), and parentheses are not supported.");
            } else {
                joiner = joiner == null ? "AND" : joiner;
            }
        }
        return new SearchQuery(clauses, "OR".equals(joiner));
    }

    /** AND or OR (any case) followed by whitespace, consumed; else null and nothing consumed. */
    private String keyword() {
        for (String keyword : new String[] {"AND", "OR"}) {
            int end = position + keyword.length();
            if (query.regionMatches(true, position, keyword, 0, keyword.length())
                    && end < query.length()
                    && Character.isWhitespace(query.charAt(end))) {
                position = end;
                return keyword;
            }
        }
        return null;
    }

    private SearchQuery.Clause clause() {
        boolean negated = false;
        if (peek() == '-') {
            negated = true;
            position++;
        }
        if (peek() == '(' || peek() == ')') {
            throw parseError("parentheses are not supported");
        }
        int start = position;
        while (!atEnd() && isNameCharacter(peek())) {
            position++;
        }
        String name = query.substring(start, position);
        if (name.isEmpty()) {
            throw parseError("expected a field name at position " + start);
        }
        String metadataKey = null;
        if (peek() == '[') {
            if (!name.equals("metadata")) {
                throw unknownField(name + "[");
            }
            position++;
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw parseError("a metadata key is quoted: metadata['key']");
            }
            metadataKey = quoted();
            if (peek() != ']') {
                throw parseError("expected ] after the metadata key at position " + position);
            }
            position++;
        }
        SearchField field = fields.get(name);
        if (field == null) {
            throw unknownField(name);
        }
        if (field.type() == SearchField.Type.METADATA && metadataKey == null) {
            throw invalid("Query metadata with a key: `metadata['key']:'value'`.");
        }
        SearchQuery.Operator operator = operator(name);
        if (atEnd() || Character.isWhitespace(peek())) {
            throw parseError("expected a value after " + name + operator.symbol());
        }
        boolean quoted = peek() == '\'' || peek() == '"';
        String value;
        if (quoted) {
            value = quoted();
        } else {
            int valueStart = position;
            while (!atEnd() && !Character.isWhitespace(peek()) && peek() != '(' && peek() != ')') {
                position++;
            }
            value = query.substring(valueStart, position);
            if (peek() == '(' || peek() == ')') {
                throw parseError("parentheses are not supported");
            }
        }
        return checked(field, metadataKey, operator, value, quoted, negated);
    }

    private SearchQuery.Clause checked(
            SearchField field,
            String metadataKey,
            SearchQuery.Operator operator,
            String value,
            boolean quoted,
            boolean negated) {
        String name = field.name() + (metadataKey == null ? "" : "['" + metadataKey + "']");
        String written = name + operator.symbol() + (quoted ? "'" + value + "'" : value);
        boolean isNull = !quoted && value.equals("null");
        BigDecimal number = number(value);
        if (!quoted && !isNull && number == null && !value.equals("true") && !value.equals("false")) {
            throw parseError("string values are quoted: " + name + operator.symbol() + "'" + value + "'");
        }
        SearchField.Type type = field.type();
        switch (operator) {
            case EQUALS:
                break;
            case CONTAINS:
                if (type != SearchField.Type.STRING) {
                    throw unsupportedOperator(field, operator);
                }
                if (isNull || value.length() < MINIMUM_SUBSTRING) {
                    throw invalid("Substring queries (`~`) need at least " + MINIMUM_SUBSTRING + " characters: `"
                            + written + "`.");
                }
                break;
            default:
                if (type != SearchField.Type.NUMERIC) {
                    throw unsupportedOperator(field, operator);
                }
                if (isNull) {
                    throw invalid("`" + written + "`: the " + operator.symbol() + " operator takes a number.");
                }
        }
        if (!isNull && type == SearchField.Type.NUMERIC && number == null) {
            throw invalid("Field `" + field.name() + "` is numeric: `" + written + "` needs a number (Unix seconds "
                    + "for dates).");
        }
        if (!isNull && type == SearchField.Type.BOOLEAN && !value.equals("true") && !value.equals("false")) {
            throw invalid("Field `" + field.name() + "` takes true or false: `" + written + "`.");
        }
        return new SearchQuery.Clause(field, metadataKey, operator, isNull ? null : value, number, negated);
    }

    private SearchQuery.Operator operator(String name) {
        char c = peek();
        position++;
        switch (c) {
            case ':':
                return SearchQuery.Operator.EQUALS;
            case '~':
                return SearchQuery.Operator.CONTAINS;
            case '>':
            case '<':
                boolean orEqual = peek() == '=';
                if (orEqual) {
                    position++;
                }
                if (c == '>') {
                    return orEqual ? SearchQuery.Operator.GREATER_OR_EQUAL : SearchQuery.Operator.GREATER;
                }
                return orEqual ? SearchQuery.Operator.LESS_OR_EQUAL : SearchQuery.Operator.LESS;
            default:
                position--;
                throw parseError("expected an operator (: ~ > < >= <=) after " + name);
        }
    }

    /** A quoted string at the position, quotes consumed; a backslash takes the next character as it is. */
    private String quoted() {
        char quote = query.charAt(position);
        int start = position;
        position++;
        StringBuilder out = new StringBuilder();
        while (!atEnd()) {
            char c = query.charAt(position++);
            if (c == quote) {
                return out.toString();
            }
            if (c == '\\' && !atEnd()) {
                c = query.charAt(position++);
            }
            out.append(c);
        }
        throw parseError("the quote opened at position " + start + " is not closed");
    }

    private static BigDecimal number(String value) {
        if (value.isEmpty() || !(Character.isDigit(value.charAt(0)) || value.charAt(0) == '-')) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isNameCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    }

    private char peek() {
        return atEnd() ? '\0' : query.charAt(position);
    }

    private boolean atEnd() {
        return position >= query.length();
    }

    private void skipWhitespace() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            position++;
        }
    }

    private ApiErrorException unknownField(String name) {
        return invalid("Field `" + name + "` is an unsupported search field for resource `" + resource + "`. See "
                + "https://stripe.com/docs/search#query-fields-for-" + resource.replace('_', '-')
                + " for a list of supported fields.");
    }

    private ApiErrorException unsupportedOperator(SearchField field, SearchQuery.Operator operator) {
        String supported = switch (field.type()) {
            case STRING -> "`:` and `~`";
            case NUMERIC -> "`:`, `>`, `<`, `>=` and `<=`";
            default -> "`:` only";
        };
        return invalid("Field `" + field.name() + "` does not support the `" + operator.symbol() + "` operator; it "
                + "takes " + supported + ".");
    }

    private ApiErrorException parseError(String detail) {
        return invalid(PARSE_HELP + " (" + detail + ")");
    }

    private static ApiErrorException invalid(String message) {
        return ApiError.invalidRequest(message, "query").exception();
    }
}
