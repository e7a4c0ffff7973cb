package org.stripejdbc.engine.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;

/**
 * The accessor subset of SQL/JSON paths ({@code jsonpath}) that {@code jsonb_path_query_first},
 * {@code jsonb_path_query_array} and {@code jsonb_path_exists} evaluate: {@code $}, member accessors
 * ({@code .key}, {@code ."quoted key"}, {@code .*}), array accessors ({@code [0]}, {@code [*]}, {@code [last]},
 * {@code [last - 1]}, {@code [1 to 3]}, {@code [0, 2]}), in {@code lax} (the default) or {@code strict} mode.
 *
 * <p>Lax mode, as in Postgres: a member accessor applied to an array applies to each of its elements, an array
 * accessor applied to a non-array treats it as a one-element array, and a missing key or index yields nothing.
 * Strict mode raises those as errors ({@code 22023}).
 *
 * <p>Example: for {@code {"items": {"data": [{"price": {"id": "p1"}}, {"price": {"id": "p2"}}]}}}, the path
 * {@code $.items.data[*].price.id} yields {@code "p1"}, {@code "p2"}, and {@code $.items.data.price.id} the same
 * in lax mode. Filters ({@code ?(...)}), methods ({@code .size()}), arithmetic and {@code **} are 0A000.
 */
final class JsonPath {
    private final boolean strict;
    private final List<Step> steps;

    private sealed interface Step permits Member, AnyMember, Elements {}

    private record Member(String key) implements Step {}

    private record AnyMember() implements Step {}

    /** {@code [subscripts]}; an empty list means {@code [*]}. */
    private record Elements(List<Subscript> subscripts) implements Step {}

    /** {@code from} (or {@code from to to}); each an index counted from the start, or from {@code last}. */
    private record Subscript(Index from, Index to) {}

    private record Index(boolean fromLast, int offset) {
        int resolve(int size) {
            return fromLast ? size - 1 - offset : offset;
        }
    }

    private JsonPath(boolean strict, List<Step> steps) {
        this.strict = strict;
        this.steps = List.copyOf(steps);
    }

    /** Parses {@code text}; {@code 42601} for a syntax error, {@code 0A000} for path features not supported. */
    static JsonPath parse(String text) {
        Objects.requireNonNull(text, "text");
        return new Parser(text).parse();
    }

    /** Every item the path selects from {@code root}, in document order. */
    List<Json> evaluate(Json root) {
        List<Json> current = List.of(root);
        for (Step step : steps) {
            List<Json> next = new ArrayList<>();
            for (Json item : current) {
                apply(step, item, next, true);
            }
            current = next;
        }
        return current;
    }

    private void apply(Step step, Json item, List<Json> out, boolean unwrap) {
        if (step instanceof Member member) {
            if (item.isObject()) {
                Json value = item.get(member.key());
                if (value != null) {
                    out.add(value);
                } else if (strict) {
                    throw new StripeJdbcException(
                            SqlState.INVALID_PARAMETER_VALUE,
                            "JSON object does not contain key \"" + member.key() + "\"");
                }
            } else if (item.isArray() && !strict && unwrap) {
                for (Json element : item.elements()) {
                    apply(step, element, out, false);
                }
            } else if (strict) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE, "jsonpath member accessor can only be applied to an object");
            }
        } else if (step instanceof AnyMember) {
            if (item.isObject()) {
                for (Map.Entry<String, Json> member : item.members().entrySet()) {
                    out.add(member.getValue());
                }
            } else if (item.isArray() && !strict && unwrap) {
                for (Json element : item.elements()) {
                    apply(step, element, out, false);
                }
            } else if (strict) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE,
                        "jsonpath wildcard member accessor can only be applied to an object");
            }
        } else {
            Elements elements = (Elements) step;
            List<Json> array;
            if (item.isArray()) {
                array = item.elements();
            } else if (!strict) {
                array = List.of(item);
            } else {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE, "jsonpath array accessor can only be applied to an array");
            }
            if (elements.subscripts().isEmpty()) {
                out.addAll(array);
                return;
            }
            for (Subscript subscript : elements.subscripts()) {
                int from = subscript.from().resolve(array.size());
                int to = subscript.to() == null ? from : subscript.to().resolve(array.size());
                if (strict && (from < 0 || to >= array.size() || from > to)) {
                    throw new StripeJdbcException(
                            SqlState.INVALID_PARAMETER_VALUE, "jsonpath array subscript is out of bounds");
                }
                for (int i = Math.max(from, 0); i <= Math.min(to, array.size() - 1); i++) {
                    out.add(array.get(i));
                }
            }
        }
    }

    /** A recursive-descent parser of the supported subset. */
    private static final class Parser {
        private final String text;
        private int position;

        Parser(String text) {
            this.text = text;
        }

        JsonPath parse() {
            skipSpaces();
            boolean strict = false;
            if (keyword("strict")) {
                strict = true;
            } else {
                keyword("lax");
            }
            skipSpaces();
            if (!accept('$')) {
                throw syntaxError();
            }
            List<Step> steps = new ArrayList<>();
            while (true) {
                skipSpaces();
                if (position >= text.length()) {
                    return new JsonPath(strict, steps);
                }
                char c = text.charAt(position);
                if (c == '.') {
                    position++;
                    steps.add(member());
                } else if (c == '[') {
                    position++;
                    steps.add(elements());
                } else if (c == '?') {
                    throw unsupported("filter expressions ?(...)");
                } else {
                    throw unsupported("operators and expressions other than accessors");
                }
            }
        }

        private Step member() {
            skipSpaces();
            if (accept('*')) {
                if (accept('*')) {
                    throw unsupported("the ** accessor");
                }
                return new AnyMember();
            }
            if (accept('"')) {
                StringBuilder key = new StringBuilder();
                while (position < text.length() && text.charAt(position) != '"') {
                    char c = text.charAt(position++);
                    if (c == '\\' && position < text.length()) {
                        char escaped = text.charAt(position++);
                        key.append(escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped);
                    } else {
                        key.append(c);
                    }
                }
                if (!accept('"')) {
                    throw syntaxError();
                }
                return new Member(key.toString());
            }
            int start = position;
            while (position < text.length()
                    && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
                position++;
            }
            if (start == position) {
                throw syntaxError();
            }
            String key = text.substring(start, position);
            skipSpaces();
            if (position < text.length() && text.charAt(position) == '(') {
                throw unsupported("item methods such as ." + key + "()");
            }
            return new Member(key);
        }

        private Step elements() {
            skipSpaces();
            if (accept('*')) {
                skipSpaces();
                if (!accept(']')) {
                    throw syntaxError();
                }
                return new Elements(List.of());
            }
            List<Subscript> subscripts = new ArrayList<>();
            while (true) {
                Index from = index();
                Index to = null;
                skipSpaces();
                if (keyword("to")) {
                    to = index();
                    skipSpaces();
                }
                subscripts.add(new Subscript(from, to));
                if (accept(',')) {
                    continue;
                }
                if (accept(']')) {
                    return new Elements(subscripts);
                }
                throw syntaxError();
            }
        }

        private Index index() {
            skipSpaces();
            if (keyword("last")) {
                skipSpaces();
                if (accept('-')) {
                    return new Index(true, number());
                }
                if (position < text.length() && text.charAt(position) == '+') {
                    throw unsupported("arithmetic in array subscripts other than last - n");
                }
                return new Index(true, 0);
            }
            return new Index(false, number());
        }

        private int number() {
            skipSpaces();
            int start = position;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
            if (start == position) {
                if (position < text.length() && (text.charAt(position) == '$' || text.charAt(position) == '@')) {
                    throw unsupported("variables in array subscripts");
                }
                throw syntaxError();
            }
            try {
                return Integer.parseInt(text.substring(start, position));
            } catch (NumberFormatException e) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE, "jsonpath array subscript is out of integer range");
            }
        }

        private boolean keyword(String word) {
            if (text.regionMatches(true, position, word, 0, word.length())
                    && (position + word.length() >= text.length()
                            || !Character.isLetterOrDigit(text.charAt(position + word.length())))) {
                position += word.length();
                return true;
            }
            return false;
        }

        private boolean accept(char c) {
            skipSpaces();
            if (position < text.length() && text.charAt(position) == c) {
                position++;
                return true;
            }
            return false;
        }

        private void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private StripeJdbcException syntaxError() {
            return new StripeJdbcException(
                    SqlState.SYNTAX_ERROR, "syntax error in jsonpath \"" + text + "\" at position " + (position + 1));
        }

        private StripeJdbcException unsupported(String what) {
            return StripeJdbcException.unsupported("jsonpath " + what + " is not supported (in \"" + text + "\")");
        }
    }
}
