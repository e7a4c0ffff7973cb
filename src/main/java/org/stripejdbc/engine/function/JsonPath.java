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
 * in lax mode.
 *
 * <p>Filters: {@code ? (predicate)} after any accessor keeps the items for which the predicate is true (lax mode
 * unwraps an array first). A predicate compares values with {@code == != <> < <= > >=} (true when any pair of items
 * compares true; items of different types are unknown, except that {@code null} equals only {@code null}), combines
 * with {@code && || !} and parentheses, tests {@code exists (path)}, {@code value like_regex "re" [flag "i"]} and
 * {@code value starts with "text"}; a value is a path from {@code @} (the current item) or {@code $} (the root), a
 * string, a number, {@code true}, {@code false} or {@code null}. A whole path may be a predicate ({@code $.a == 1}),
 * as {@code jsonb_path_match} needs: its single item is then {@code true}, {@code false} or {@code null} (unknown).
 * Example: {@code $.a[*] ? (@.t == "smb").v} over {@code {"a": [{"t": "smb", "v": 1}, {"t": "x", "v": 2}]}} yields
 * {@code 1}. Item methods ({@code .size()}), arithmetic, variables other than {@code $} and {@code @}, {@code **},
 * {@code like_regex} flags other than {@code i}, and {@code is unknown} are 0A000 naming the construct.
 */
final class JsonPath {
    private final boolean strict;
    private final List<Step> steps;
    /** When the whole path is a predicate ({@code $.a == 1}): evaluated instead of {@link #steps}. */
    private final Predicate predicate;

    private sealed interface Step permits Member, AnyMember, Elements, Filter {}

    private record Filter(Predicate predicate) implements Step {}

    /** A path inside a predicate: from the root ({@code $}) or the current item ({@code @}). */
    private record PathValue(boolean fromRoot, List<Step> steps) {}

    /** A value in a predicate: a path or a literal item. */
    private record Operand(PathValue path, Json literal) {}

    /** A predicate: TRUE, FALSE or null (unknown). */
    private sealed interface Predicate permits Comparison, Logical, Not, Exists, LikeRegex, StartsWith {}

    private record Comparison(Operand left, String operator, Operand right) implements Predicate {}

    private record Logical(Predicate left, boolean and, Predicate right) implements Predicate {}

    private record Not(Predicate operand) implements Predicate {}

    private record Exists(PathValue path) implements Predicate {}

    private record LikeRegex(Operand operand, java.util.regex.Pattern pattern) implements Predicate {}

    private record StartsWith(Operand operand, Operand prefix) implements Predicate {}

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

    private JsonPath(boolean strict, List<Step> steps, Predicate predicate) {
        this.strict = strict;
        this.steps = List.copyOf(steps);
        this.predicate = predicate;
    }

    /** Parses {@code text}; {@code 42601} for a syntax error, {@code 0A000} for path features not supported. */
    static JsonPath parse(String text) {
        Objects.requireNonNull(text, "text");
        return new Parser(text).parse();
    }

    /** Every item the path selects from {@code root}, in document order. */
    List<Json> evaluate(Json root) {
        if (predicate != null) {
            Boolean result = test(predicate, root, root);
            return List.of(result == null ? Json.NULL : Json.of(result));
        }
        return walk(steps, root, root);
    }

    /**
     * {@code jsonb_path_match}: the single boolean item of a predicate path; NULL when unknown or not boolean
     * (Postgres raises 22038 in strict mode; this is the lax answer with silent errors).
     */
    Boolean match(Json root) {
        List<Json> items = evaluate(root);
        if (items.size() != 1 || items.get(0).kind() != Json.Kind.BOOLEAN) {
            if (items.size() == 1 && items.get(0).isNull()) {
                return null;
            }
            throw new StripeJdbcException(
                    SqlState.SINGLETON_SQL_JSON_ITEM_REQUIRED, "single boolean result is expected");
        }
        return items.get(0).booleanValue();
    }

    private List<Json> walk(List<Step> path, Json start, Json root) {
        List<Json> current = List.of(start);
        for (Step step : path) {
            List<Json> next = new ArrayList<>();
            for (Json item : current) {
                apply(step, item, next, true, root);
            }
            current = next;
        }
        return current;
    }

    private Boolean test(Predicate p, Json current, Json root) {
        if (p instanceof Logical logical) {
            Boolean left = test(logical.left(), current, root);
            if (logical.and() ? Boolean.FALSE.equals(left) : Boolean.TRUE.equals(left)) {
                return left;
            }
            Boolean right = test(logical.right(), current, root);
            if (logical.and() ? Boolean.FALSE.equals(right) : Boolean.TRUE.equals(right)) {
                return right;
            }
            return left == null || right == null ? null : left;
        }
        if (p instanceof Not not) {
            Boolean value = test(not.operand(), current, root);
            return value == null ? null : !value;
        }
        if (p instanceof Exists exists) {
            return !items(new Operand(exists.path(), null), current, root).isEmpty();
        }
        if (p instanceof LikeRegex like) {
            return any(
                    items(like.operand(), current, root),
                    item -> item.kind() == Json.Kind.STRING
                            ? like.pattern().matcher(item.stringValue()).find()
                            : null);
        }
        if (p instanceof StartsWith starts) {
            List<Json> prefixes = items(starts.prefix(), current, root);
            if (prefixes.size() != 1 || prefixes.get(0).kind() != Json.Kind.STRING) {
                return null;
            }
            String prefix = prefixes.get(0).stringValue();
            return any(
                    items(starts.operand(), current, root),
                    item -> item.kind() == Json.Kind.STRING ? item.stringValue().startsWith(prefix) : null);
        }
        Comparison comparison = (Comparison) p;
        List<Json> lefts = items(comparison.left(), current, root);
        List<Json> rights = items(comparison.right(), current, root);
        boolean unknown = false;
        for (Json left : lefts) {
            for (Json right : rights) {
                Boolean result = compare(left, comparison.operator(), right);
                if (Boolean.TRUE.equals(result)) {
                    return true;
                }
                unknown |= result == null;
            }
        }
        return unknown ? null : false;
    }

    private static Boolean any(List<Json> items, java.util.function.Function<Json, Boolean> test) {
        boolean unknown = false;
        for (Json item : items) {
            Boolean result = test.apply(item);
            if (Boolean.TRUE.equals(result)) {
                return true;
            }
            unknown |= result == null;
        }
        return unknown ? null : false;
    }

    private List<Json> items(Operand operand, Json current, Json root) {
        if (operand.literal() != null) {
            return List.of(operand.literal());
        }
        PathValue path = operand.path();
        List<Json> items = walk(path.steps(), path.fromRoot() ? root : current, root);
        if (strict) {
            return items;
        }
        // Lax mode: a comparison operand that is an array compares its elements.
        List<Json> unwrapped = new ArrayList<>();
        for (Json item : items) {
            if (item.isArray()) {
                unwrapped.addAll(item.elements());
            } else {
                unwrapped.add(item);
            }
        }
        return unwrapped;
    }

    /** One comparison of two items: null (unknown) for items of different types, objects or arrays. */
    private static Boolean compare(Json left, String operator, Json right) {
        if (left.kind() != right.kind()) {
            if (left.isNull() || right.isNull()) {
                return operator.equals("!=");
            }
            return null;
        }
        int order;
        switch (left.kind()) {
            case NULL -> order = 0;
            case BOOLEAN -> order = Boolean.compare(left.booleanValue(), right.booleanValue());
            case NUMBER -> order = left.numberValue().compareTo(right.numberValue());
            case STRING -> order = compareCodePoints(left.stringValue(), right.stringValue());
            default -> {
                return null;
            }
        }
        return switch (operator) {
            case "==" -> order == 0;
            case "!=" -> order != 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            default -> order >= 0;
        };
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private void apply(Step step, Json item, List<Json> out, boolean unwrap, Json root) {
        if (step instanceof Filter filter) {
            if (item.isArray() && !strict && unwrap) {
                for (Json element : item.elements()) {
                    apply(step, element, out, false, root);
                }
            } else if (Boolean.TRUE.equals(test(filter.predicate(), item, root))) {
                out.add(item);
            }
            return;
        }
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
                    apply(step, element, out, false, root);
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
                    apply(step, element, out, false, root);
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
            Object expression = disjunction();
            skipSpaces();
            if (position < text.length()) {
                throw trailing();
            }
            if (expression instanceof Operand operand) {
                if (operand.path() == null || !operand.path().fromRoot()) {
                    throw syntaxError();
                }
                return new JsonPath(strict, operand.path().steps(), null);
            }
            return new JsonPath(strict, List.of(), (Predicate) expression);
        }

        /** An operand or a predicate: {@code a || b}. */
        private Object disjunction() {
            Object left = conjunction();
            while (symbol("||")) {
                left = new Logical(predicate(left), false, predicate(conjunction()));
            }
            return left;
        }

        private Object conjunction() {
            Object left = negation();
            while (symbol("&&")) {
                left = new Logical(predicate(left), true, predicate(negation()));
            }
            return left;
        }

        private Object negation() {
            skipSpaces();
            if (position + 1 < text.length() && text.charAt(position) == '!' && text.charAt(position + 1) != '=') {
                position++;
                if (!accept('(')) {
                    throw syntaxError();
                }
                Object inner = disjunction();
                if (!accept(')')) {
                    throw syntaxError();
                }
                return new Not(predicate(inner));
            }
            return comparison();
        }

        private Object comparison() {
            skipSpaces();
            if (keyword("exists")) {
                if (!accept('(')) {
                    throw syntaxError();
                }
                Operand path = operand();
                if (path.path() == null || !accept(')')) {
                    throw syntaxError();
                }
                return new Exists(path.path());
            }
            Object left;
            if (accept('(')) {
                left = disjunction();
                if (!accept(')')) {
                    throw syntaxError();
                }
                if (left instanceof Predicate) {
                    return left;
                }
            } else {
                left = operand();
            }
            Operand operand = (Operand) left;
            skipSpaces();
            for (String operator : List.of("==", "!=", "<>", "<=", ">=", "<", ">")) {
                if (symbol(operator)) {
                    return new Comparison(operand, operator.equals("<>") ? "!=" : operator, operand());
                }
            }
            if (keyword("like_regex")) {
                skipSpaces();
                String regex = string();
                boolean insensitive = false;
                skipSpaces();
                if (keyword("flag")) {
                    skipSpaces();
                    String flags = string();
                    if (!flags.replace("i", "").isEmpty()) {
                        throw unsupported("like_regex flags other than \"i\"");
                    }
                    insensitive = !flags.isEmpty();
                }
                return new LikeRegex(operand, Patterns.regex(regex, insensitive));
            }
            if (keyword("starts")) {
                skipSpaces();
                if (!keyword("with")) {
                    throw syntaxError();
                }
                return new StartsWith(operand, operand());
            }
            if (keyword("is")) {
                throw unsupported("is unknown");
            }
            if (position < text.length() && "+-*/%".indexOf(text.charAt(position)) >= 0) {
                throw unsupported("arithmetic");
            }
            return operand;
        }

        private Predicate predicate(Object expression) {
            if (expression instanceof Predicate predicate) {
                return predicate;
            }
            throw syntaxError();
        }

        /** A path from {@code $} or {@code @} with its accessors and filters, or a literal. */
        private Operand operand() {
            skipSpaces();
            if (position >= text.length()) {
                throw syntaxError();
            }
            char c = text.charAt(position);
            if (c == '$' || c == '@') {
                position++;
                if (c == '$' && position < text.length() && Character.isLetter(text.charAt(position))) {
                    throw unsupported("variables other than $ and @ (PASSING)");
                }
                return new Operand(new PathValue(c == '$', steps()), null);
            }
            if (c == '"') {
                return new Operand(null, Json.of(string()));
            }
            if (Character.isDigit(c) || c == '-' || c == '+') {
                int start = position;
                position++;
                while (position < text.length()
                        && (Character.isDigit(text.charAt(position))
                                || ".eE".indexOf(text.charAt(position)) >= 0
                                || ((text.charAt(position) == '-' || text.charAt(position) == '+')
                                        && "eE".indexOf(text.charAt(position - 1)) >= 0))) {
                    position++;
                }
                try {
                    return new Operand(null, Json.of(new java.math.BigDecimal(text.substring(start, position))));
                } catch (NumberFormatException e) {
                    throw syntaxError();
                }
            }
            if (keyword("true")) {
                return new Operand(null, Json.of(true));
            }
            if (keyword("false")) {
                return new Operand(null, Json.of(false));
            }
            if (keyword("null")) {
                return new Operand(null, Json.NULL);
            }
            throw syntaxError();
        }

        private List<Step> steps() {
            List<Step> steps = new ArrayList<>();
            while (true) {
                skipSpaces();
                if (position >= text.length()) {
                    return steps;
                }
                char c = text.charAt(position);
                if (c == '.') {
                    position++;
                    steps.add(member());
                } else if (c == '[') {
                    position++;
                    steps.add(elements());
                } else if (c == '?') {
                    position++;
                    if (!accept('(')) {
                        throw syntaxError();
                    }
                    Predicate filter = predicate(disjunction());
                    if (!accept(')')) {
                        throw syntaxError();
                    }
                    steps.add(new Filter(filter));
                } else {
                    return steps;
                }
            }
        }

        private String string() {
            if (!accept('"')) {
                throw syntaxError();
            }
            StringBuilder value = new StringBuilder();
            while (position < text.length() && text.charAt(position) != '"') {
                char c = text.charAt(position++);
                if (c == '\\' && position < text.length()) {
                    char escaped = text.charAt(position++);
                    value.append(escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped);
                } else {
                    value.append(c);
                }
            }
            if (!accept('"')) {
                throw syntaxError();
            }
            return value.toString();
        }

        private boolean symbol(String symbol) {
            skipSpaces();
            if (text.startsWith(symbol, position)) {
                position += symbol.length();
                return true;
            }
            return false;
        }

        private StripeJdbcException trailing() {
            char c = text.charAt(position);
            if ("+-*/%".indexOf(c) >= 0) {
                return unsupported("arithmetic");
            }
            return syntaxError();
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
