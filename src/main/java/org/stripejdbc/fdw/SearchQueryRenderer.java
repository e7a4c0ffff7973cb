package org.stripejdbc.fdw;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.stripejdbc.engine.ConstantEvaluator;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.json.Json;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprPrinter;
import org.stripejdbc.stripe.objects.SearchFields;
import org.stripejdbc.types.SqlType;

/**
 * Gives the clauses of a search their values for one execution and writes the query string. Strings are quoted
 * with {@code "} ({@code '} inside metadata), with {@code \} before a quote or a backslash; numbers and Unix times
 * are bare; comparisons are never narrower than SQL's over whole numbers:
 * <pre>
 *   amount &gt; 10.5   →  amount&gt;10        amount &gt;= 10.5  →  amount&gt;=11
 *   amount &lt; 10.5   →  amount&lt;11        amount &lt;= 10.5  →  amount&lt;=10
 *   created &gt; '2024-01-01 00:00:00.5'  →  created&gt;1704067200
 *   name like 'O''Br%'                  →  name~"O'Br"
 *   email = 'say "hi"@x.io'             →  email:"say \"hi\"@x.io"
 * </pre>
 * A value that cannot be searched for (NULL, an empty text, a LIKE pattern without 3 literal characters in a row,
 * a metadata key with a bracket, a number that is not one, an equality with a fraction) makes the query
 * {@link Unsearchable}: the scan lists instead. In EXPLAIN without bound parameters, a value is shown as its
 * placeholder ({@code name~$1}).
 */
final class SearchQueryRenderer {
    /** The query cannot be written for this execution; {@code reason} says why. */
    static final class Unsearchable extends RuntimeException {
        Unsearchable(String reason) {
            super(reason, null, false, false);
        }
    }

    private final ConstantEvaluator constants;
    private final ExecutionContext context;
    private final boolean placeholders;

    SearchQueryRenderer(ConstantEvaluator constants, ExecutionContext context, boolean placeholders) {
        this.constants = Objects.requireNonNull(constants, "constants");
        this.context = Objects.requireNonNull(context, "context");
        this.placeholders = placeholders;
    }

    /** The fragments of a term, in order (one per clause; a {@code @>} gives one per metadata key). */
    List<String> fragments(SearchTranslator.Term term) {
        List<String> out = new ArrayList<>();
        for (SearchClause clause : term.clauses()) {
            out.addAll(render(clause, term.condition()));
        }
        return out;
    }

    private List<String> render(SearchClause clause, Expr condition) {
        if (clause instanceof SearchClause.Match match) {
            return List.of((match.negated() ? "-" : "") + match.field() + ":" + exactValue(match, condition));
        }
        if (clause instanceof SearchClause.Substring substring) {
            return List.of(substring.field() + "~" + quoted(literalRun(substring, condition), '"'));
        }
        if (clause instanceof SearchClause.Compare compare) {
            return List.of(comparison(compare, condition));
        }
        if (clause instanceof SearchClause.Null isNull) {
            return List.of((isNull.negated() ? "-" : "") + isNull.field() + ":null");
        }
        if (clause instanceof SearchClause.Metadata metadata) {
            return List.of(metadataClause(text(metadata.key(), condition), text(metadata.value(), condition)));
        }
        return metadataContains((SearchClause.MetadataContains) clause, condition);
    }

    private String exactValue(SearchClause.Match match, Expr condition) {
        if (isPlaceholder(match.value())) {
            return ExprPrinter.print(match.value());
        }
        Object value = value(
                match.value(), match.kind() == SearchFields.Kind.NUMBER ? SqlType.NUMERIC : match.type(), condition);
        return switch (match.kind()) {
            case NUMBER -> {
                BigDecimal number = number(value, condition);
                if (number.stripTrailingZeros().scale() > 0) {
                    throw new Unsearchable(ExprPrinter.print(condition) + " compares with a fraction");
                }
                yield number.setScale(0, RoundingMode.UNNECESSARY).toPlainString();
            }
            case BOOLEAN -> quoted(String.valueOf(value), '"');
            default -> {
                String text = String.valueOf(value);
                if (text.isEmpty()) {
                    throw new Unsearchable(ExprPrinter.print(condition) + " compares with an empty text");
                }
                if (match.negated() && !text.equals(text.toLowerCase(Locale.ROOT))) {
                    // Stripe's values of an enumeration are lower case; a search may match regardless of case, so
                    // -status:"Failed" could drop the 'failed' rows that status <> 'Failed' keeps.
                    throw new Unsearchable(ExprPrinter.print(condition) + " negates a value that is not lower case");
                }
                yield quoted(text, '"');
            }
        };
    }

    /** The longest run of literal characters of a LIKE pattern (the first of the longest), 3 or more. */
    private String literalRun(SearchClause.Substring substring, Expr condition) {
        if (isPlaceholder(substring.pattern())) {
            return ExprPrinter.print(substring.pattern());
        }
        String pattern = text(substring.pattern(), condition);
        String escapeText = substring.escape() == null ? "\\" : text(substring.escape(), condition);
        String best = longestLiteralRun(pattern, escapeText.isEmpty() ? null : escapeText.charAt(0));
        if (best.codePointCount(0, best.length()) < SearchFields.MIN_SUBSTRING) {
            throw new Unsearchable(ExprPrinter.print(condition) + " has no " + SearchFields.MIN_SUBSTRING
                    + " literal characters in a row");
        }
        return best;
    }

    /**
     * The longest run of literal characters of a LIKE pattern (the first of the longest), escapes resolved:
     * {@code 'Jo%son'} → {@code son}, {@code 'a\_b%'} → {@code a_b}.
     */
    static String longestLiteralRun(String pattern, Character escape) {
        String best = "";
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escape != null && c == escape && i + 1 < pattern.length()) {
                run.append(pattern.charAt(++i));
            } else if (c == '%' || c == '_') {
                best = run.length() > best.length() ? run.toString() : best;
                run.setLength(0);
            } else {
                run.append(c);
            }
        }
        return run.length() > best.length() ? run.toString() : best;
    }

    private String comparison(SearchClause.Compare compare, Expr condition) {
        String operator = compare.operator().toString();
        String field = compare.field();
        if (isPlaceholder(compare.value())) {
            return field + symbol(compare) + ExprPrinter.print(compare.value());
        }
        Object value = value(
                compare.value(),
                compare.kind() == SearchFields.Kind.TIME ? compare.type() : SqlType.NUMERIC,
                condition);
        BigDecimal number =
                compare.kind() == SearchFields.Kind.TIME ? epochSeconds(value, condition) : number(value, condition);
        BigDecimal whole = switch (compare.operator()) {
            case GREATER, LESS_OR_EQUAL -> number.setScale(0, RoundingMode.FLOOR);
            case GREATER_OR_EQUAL, LESS -> number.setScale(0, RoundingMode.CEILING);
            default -> throw new IllegalStateException("not a range: " + operator);
        };
        return field + symbol(compare) + whole.toPlainString();
    }

    private static String symbol(SearchClause.Compare compare) {
        return switch (compare.operator()) {
            case GREATER -> ">";
            case GREATER_OR_EQUAL -> ">=";
            case LESS -> "<";
            case LESS_OR_EQUAL -> "<=";
            default -> throw new IllegalStateException("not a range: " + compare.operator());
        };
    }

    private List<String> metadataContains(SearchClause.MetadataContains contains, Expr condition) {
        if (isPlaceholder(contains.json())) {
            return List.of("metadata[..]:" + ExprPrinter.print(contains.json()));
        }
        Object value = value(contains.json(), SqlType.JSONB, condition);
        Json metadata = value instanceof Json json && json.isObject() ? json.get("metadata") : null;
        List<String> out = new ArrayList<>();
        if (metadata != null && metadata.isObject()) {
            for (Map.Entry<String, Json> member :
                    metadata.membersInArrivalOrder().entrySet()) {
                String text =
                        member.getValue() == null ? null : member.getValue().stringValue();
                // A member that is not a string matches no metadata (Stripe keeps strings): leaving it out only
                // widens the search, and the condition is checked on every row.
                if (text != null) {
                    out.add(metadataClause(member.getKey(), text));
                }
            }
        }
        if (out.isEmpty()) {
            throw new Unsearchable(ExprPrinter.print(condition) + " holds no metadata text to search for");
        }
        return out;
    }

    private String metadataClause(String key, String value) {
        if (key.isEmpty() || key.indexOf('[') >= 0 || key.indexOf(']') >= 0) {
            throw new Unsearchable("the metadata key '" + key + "' cannot be searched for");
        }
        if (value.isEmpty()) {
            throw new Unsearchable("the metadata value of '" + key + "' is empty");
        }
        return "metadata[" + quoted(key, '\'') + "]:" + quoted(value, '\'');
    }

    /** {@code "text"} with {@code \} before each quote and backslash. */
    static String quoted(String text, char quote) {
        StringBuilder out = new StringBuilder().append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append(quote).toString();
    }

    // ------------------------------------------------------------------------------------------------ values

    private boolean isPlaceholder(Expr expression) {
        return placeholders
                && Exprs.parameters(expression).stream()
                        .anyMatch(index -> index > context.parameters().size());
    }

    private String text(Expr expression, Expr condition) {
        if (isPlaceholder(expression)) {
            return ExprPrinter.print(expression);
        }
        return String.valueOf(value(expression, SqlType.TEXT, condition));
    }

    private Object value(Expr expression, SqlType type, Expr condition) {
        Optional<Object> value;
        try {
            value = constants.evaluate(expression, type, context);
        } catch (RuntimeException e) {
            // The executor evaluates the condition on every row and reports the problem itself.
            throw new Unsearchable(ExprPrinter.print(condition) + " cannot be evaluated here");
        }
        if (value.isEmpty()) {
            throw new Unsearchable(ExprPrinter.print(condition) + " compares with NULL");
        }
        return value.get();
    }

    private static BigDecimal number(Object value, Expr condition) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                return BigDecimal.valueOf(d);
            }
        }
        throw new Unsearchable(ExprPrinter.print(condition) + " does not compare with a number");
    }

    private static BigDecimal epochSeconds(Object value, Expr condition) {
        Instant instant;
        if (value instanceof LocalDateTime timestamp) {
            instant = timestamp.toInstant(ZoneOffset.UTC);
        } else if (value instanceof OffsetDateTime timestamp) {
            instant = timestamp.toInstant();
        } else if (value instanceof ZonedDateTime timestamp) {
            instant = timestamp.toInstant();
        } else if (value instanceof LocalDate date) {
            instant = date.atStartOfDay().toInstant(ZoneOffset.UTC);
        } else if (value instanceof Instant at) {
            instant = at;
        } else {
            throw new Unsearchable(ExprPrinter.print(condition) + " does not compare with a timestamp");
        }
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9));
    }
}
