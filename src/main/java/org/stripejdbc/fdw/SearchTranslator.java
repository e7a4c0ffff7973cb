package org.stripejdbc.fdw;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.stripejdbc.catalog.ForeignColumn;
import org.stripejdbc.engine.ConstantEvaluator;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.stripe.objects.SearchFields;
import org.stripejdbc.stripe.objects.SearchFields.Kind;
import org.stripejdbc.stripe.objects.SearchFields.SearchField;
import org.stripejdbc.stripe.objects.StripeColumn;
import org.stripejdbc.types.SqlType;

/**
 * Translates WHERE conjuncts of a searchable table into search clauses ({@link SearchClause}), each never narrower
 * than its condition: search is tokenised and case-insensitive, so it may return more rows than the condition holds
 * for, and every condition is still evaluated on every row; it must never return fewer.
 *
 * <pre>
 *   name like '%son%', name ilike 'jo%son'          →  name~"son"        (the longest literal run, 3 or more)
 *   email = 'a@b.c'                                  →  email:"a@b.c"
 *   status &lt;&gt; 'canceled', not (status = 'canceled')  →  -status:"canceled"  (enumerations, lower case)
 *   attrs-&gt;'metadata'-&gt;&gt;'plan' = 'gold'              →  metadata['plan']:'gold'
 *   attrs @&gt; '{"metadata": {"plan": "gold"}}'        →  metadata['plan']:'gold'
 *   amount &gt;= 1000, created &lt; '2024-01-01'          →  amount&gt;=1000, created&lt;1704067200
 *   amount between 10 and 20                         →  amount&gt;=10 AND amount&lt;=20
 *   email is null, email is not null                →  email:null, -email:null
 *   status in ('active', 'trialing')                 →  status:"active" OR status:"trialing"
 *   email = 'a' or name like '%son%'                 →  email:"a" OR name~"son"
 *
 *   not translated: name like '%so%' (fewer than 3 literal characters), name not like '%son%', name &lt;&gt; 'Bob'
 *   (free text matches case-insensitively: a negation could drop 'BOB'), customer &lt;&gt; 'cus_1' (ids likewise),
 *   attrs-&gt;'metadata'-&gt;&gt;'k' &lt;&gt; 'v',
 *   an OR with a member that does not translate, a column whose declared type differs from the field's
 * </pre>
 *
 * A term of several clauses is an AND ({@code BETWEEN}, {@code @>} with two keys) or an OR ({@code IN}, {@code OR});
 * how terms combine into one query is {@link SearchCandidate}'s business.
 */
final class SearchTranslator {
    /** One translated conjunct: its clauses, joined by OR when {@code or}, else by AND. */
    record Term(Expr condition, List<SearchClause> clauses, boolean or) {
        Term {
            Objects.requireNonNull(condition, "condition");
            clauses = List.copyOf(clauses);
        }
    }

    private final ForeignTableDefinition table;
    private final ConstantEvaluator constants;
    private final String object;

    SearchTranslator(ForeignTableDefinition table, ConstantEvaluator constants) {
        this.table = Objects.requireNonNull(table, "table");
        this.constants = Objects.requireNonNull(constants, "constants");
        this.object = table.object().object();
    }

    /** Whether the table's object has a search endpoint. */
    boolean searchable() {
        return table.object().parent() == null && SearchFields.searchable(object);
    }

    /** The term of a conjunct, or empty when it does not translate. */
    Optional<Term> translate(Expr conjunct) {
        if (!searchable()) {
            return Optional.empty();
        }
        List<SearchClause> and = clauses(conjunct);
        if (and != null) {
            return Optional.of(new Term(conjunct, and, false));
        }
        List<SearchClause> or = disjunction(conjunct);
        return or == null ? Optional.empty() : Optional.of(new Term(conjunct, or, true));
    }

    /** The clauses of an OR ({@code a OR b}, {@code x IN (..)}) each of whose members is one clause; else null. */
    private List<SearchClause> disjunction(Expr expression) {
        if (expression instanceof Expr.Binary binary && binary.operator() == BinaryOperator.OR) {
            List<SearchClause> out = new ArrayList<>();
            for (Expr side : List.of(binary.left(), binary.right())) {
                List<SearchClause> single = clauses(side);
                List<SearchClause> members = single != null && single.size() == 1 ? single : disjunction(side);
                if (members == null) {
                    return null;
                }
                out.addAll(members);
            }
            return out;
        }
        if (expression instanceof Expr.InList in && !in.negated() && !in.items().isEmpty()) {
            Field field = field(in.value());
            if (field == null || !field.exactMatch()) {
                return null;
            }
            List<SearchClause> out = new ArrayList<>();
            for (Expr item : in.items()) {
                if (!isConstant(item)) {
                    return null;
                }
                out.add(field.match(item, false));
            }
            return out;
        }
        return null;
    }

    /** The clauses (joined by AND) of a condition, or null when it does not translate. */
    private List<SearchClause> clauses(Expr expression) {
        if (expression instanceof Expr.Unary unary && unary.operator() == Expr.UnaryOperator.NOT) {
            return negation(unary.operand());
        }
        if (expression instanceof Expr.Like like && !like.negated()) {
            Field field = field(like.value());
            return field != null
                            && field.kind() == Kind.STRING
                            && isConstant(like.pattern())
                            && (like.escape() == null || isConstant(like.escape()))
                            && !tooShort(like)
                    ? List.of(new SearchClause.Substring(field.name(), like.pattern(), like.escape()))
                    : null;
        }
        if (expression instanceof Expr.IsNull isNull) {
            Field field = field(isNull.value());
            return field == null ? null : List.of(new SearchClause.Null(field.name(), isNull.negated()));
        }
        if (expression instanceof Expr.Between between && !between.negated()) {
            Field field = field(between.value());
            if (field == null || !field.ordered() || !isConstant(between.low()) || !isConstant(between.high())) {
                return null;
            }
            return List.of(
                    field.compare(BinaryOperator.GREATER_OR_EQUAL, between.low()),
                    field.compare(BinaryOperator.LESS_OR_EQUAL, between.high()));
        }
        if (expression instanceof Expr.ColumnRef || expression instanceof Expr.IsBoolean) {
            return flag(expression);
        }
        if (expression instanceof Expr.Binary binary && binary.operator() == BinaryOperator.JSON_CONTAINS) {
            return isAttrs(binary.left()) && isConstant(binary.right())
                    ? List.of(new SearchClause.MetadataContains(binary.right()))
                    : null;
        }
        if (!(expression instanceof Expr.Binary binary) || !binary.operator().isComparison()) {
            return null;
        }
        Expr fieldSide = binary.left();
        Expr value = binary.right();
        BinaryOperator operator = binary.operator();
        if (!isConstant(value) && isConstant(fieldSide)) {
            fieldSide = binary.right();
            value = binary.left();
            operator = commute(operator);
        }
        if (!isConstant(value)) {
            return null;
        }
        Expr metadataKey = metadataKey(fieldSide);
        if (metadataKey != null) {
            return operator == BinaryOperator.EQUALS ? List.of(new SearchClause.Metadata(metadataKey, value)) : null;
        }
        Field field = field(fieldSide);
        if (field == null) {
            return null;
        }
        return switch (operator) {
            case EQUALS -> field.exactMatch() ? List.of(field.match(value, false)) : null;
            case NOT_EQUALS -> field.exactNegation() ? List.of(field.match(value, true)) : null;
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL ->
                field.ordered() ? List.of(field.compare(operator, value)) : null;
            default -> null;
        };
    }

    /** A literal pattern (default escape) without 3 literal characters in a row: nothing to search for. */
    private static boolean tooShort(Expr.Like like) {
        String pattern = textLiteral(like.pattern());
        if (pattern == null || like.escape() != null) {
            return false; // known per execution only
        }
        String run = SearchQueryRenderer.longestLiteralRun(pattern, '\\');
        return run.codePointCount(0, run.length()) < SearchFields.MIN_SUBSTRING;
    }

    /** {@code NOT c}: exact only where the positive clause is exact (tokens, numbers, booleans, null). */
    private List<SearchClause> negation(Expr operand) {
        if (operand instanceof Expr.IsNull isNull) {
            Field field = field(isNull.value());
            return field == null ? null : List.of(new SearchClause.Null(field.name(), !isNull.negated()));
        }
        if (operand instanceof Expr.Binary binary && binary.operator() == BinaryOperator.EQUALS) {
            return clauses(new Expr.Binary(BinaryOperator.NOT_EQUALS, binary.left(), binary.right()));
        }
        if (operand instanceof Expr.ColumnRef) {
            Field field = field(operand);
            return field != null && field.kind() == Kind.BOOLEAN
                    ? List.of(field.match(new Expr.Literal(false, SqlType.BOOLEAN), false))
                    : null;
        }
        return null;
    }

    /** A bare boolean column ({@code active}), or {@code active IS TRUE / IS FALSE}. */
    private List<SearchClause> flag(Expr expression) {
        Expr column = expression;
        boolean value = true;
        if (expression instanceof Expr.IsBoolean isBoolean) {
            if (isBoolean.negated() || isBoolean.expected() == null) {
                return null;
            }
            column = isBoolean.value();
            value = isBoolean.expected();
        }
        Field field = field(column);
        return field != null && field.kind() == Kind.BOOLEAN
                ? List.of(field.match(new Expr.Literal(value, SqlType.BOOLEAN), false))
                : null;
    }

    // ------------------------------------------------------------------------------------------------ fields

    /** A search field as a condition names it, with the SQL type of the values compared with it. */
    private record Field(String name, Kind kind, SqlType type) {
        /** Whether {@code field:value} holds for every row {@code field = value} holds for. */
        boolean exactMatch() {
            return kind != Kind.TIME && kind != Kind.METADATA;
        }

        /**
         * Whether {@code -field:value} holds for every row {@code field <> value} holds for: numbers, booleans, and
         * enumerations (whose values Stripe writes in lower case; the renderer refuses a value that is not, as a
         * case-insensitive match could then drop a row). Not free text nor ids: a search may match them regardless
         * of case, so a negation could drop {@code 'BOB'} for {@code name <> 'Bob'}.
         */
        boolean exactNegation() {
            return kind == Kind.ENUM || kind == Kind.NUMBER || kind == Kind.BOOLEAN;
        }

        boolean ordered() {
            return kind == Kind.NUMBER || kind == Kind.TIME;
        }

        SearchClause match(Expr value, boolean negated) {
            return new SearchClause.Match(name, kind, value, type, negated);
        }

        SearchClause compare(BinaryOperator operator, Expr value) {
            return new SearchClause.Compare(name, kind, operator, value, type);
        }
    }

    /**
     * The search field an expression reads: a declared column of the field's name and a type that holds its values
     * as Stripe sends them ({@code name text}, {@code amount bigint}, {@code created timestamp}), or a text member
     * of {@code attrs} ({@code attrs->>'phone'}, {@code attrs->'payment_method_details'->'card'->>'brand'}) of a
     * text field; null otherwise.
     */
    private Field field(Expr expression) {
        if (expression instanceof Expr.ColumnRef column) {
            Optional<ForeignColumn> declared = table.column(column.name());
            Optional<SearchField> field = SearchFields.field(object, column.name());
            if (declared.isEmpty() || field.isEmpty() || column.name().equals("attrs")) {
                return null;
            }
            SqlType type = declared.get().type();
            Optional<StripeColumn> known = table.object().column(column.name());
            if (known.isPresent() && known.get().type() != type) {
                return null; // a column declared otherwise than the registry reads its values otherwise
            }
            Kind kind = field.get().kind();
            boolean fits = switch (kind) {
                case STRING, ID, ENUM -> type == SqlType.TEXT;
                case NUMBER -> type == SqlType.BIGINT || type == SqlType.INTEGER || type == SqlType.NUMERIC;
                case TIME -> type == SqlType.TIMESTAMP || type == SqlType.TIMESTAMPTZ;
                case BOOLEAN -> type == SqlType.BOOLEAN;
                case METADATA -> false;
            };
            return fits ? new Field(column.name(), kind, type) : null;
        }
        List<String> path = attrsTextPath(expression);
        if (path == null) {
            return null;
        }
        Optional<SearchField> field = SearchFields.field(object, String.join(".", path));
        if (field.isEmpty()) {
            return null;
        }
        Kind kind = field.get().kind();
        return kind == Kind.STRING || kind == Kind.ID || kind == Kind.ENUM
                ? new Field(field.get().name(), kind, SqlType.TEXT)
                : null;
    }

    /** The key expression of {@code attrs->'metadata'->>'key'}, or null. */
    private Expr metadataKey(Expr expression) {
        if (expression instanceof Expr.Binary outer
                && outer.operator() == BinaryOperator.JSON_GET_TEXT
                && outer.left() instanceof Expr.Binary inner
                && inner.operator() == BinaryOperator.JSON_GET
                && isAttrs(inner.left())
                && "metadata".equals(textLiteral(inner.right()))
                && textLiteral(outer.right()) != null
                && SearchFields.field(object, "metadata").isPresent()) {
            return outer.right();
        }
        return null;
    }

    /** The member names of {@code attrs->'a'->'b'->>'c'} (literal text keys, ending in {@code ->>}), or null. */
    private List<String> attrsTextPath(Expr expression) {
        if (!(expression instanceof Expr.Binary last) || last.operator() != BinaryOperator.JSON_GET_TEXT) {
            return null;
        }
        List<String> path = new ArrayList<>();
        Expr at = expression;
        while (at instanceof Expr.Binary step
                && (step == expression
                        ? step.operator() == BinaryOperator.JSON_GET_TEXT
                        : step.operator() == BinaryOperator.JSON_GET)) {
            String key = textLiteral(step.right());
            if (key == null) {
                return null;
            }
            path.add(0, key);
            at = step.left();
        }
        return isAttrs(at) ? path : null;
    }

    private boolean isAttrs(Expr expression) {
        return expression instanceof Expr.ColumnRef column
                && column.name().equals("attrs")
                && table.column("attrs")
                        .map(c -> c.type() == SqlType.JSONB || c.type() == SqlType.JSON)
                        .orElse(false);
    }

    private static String textLiteral(Expr expression) {
        return expression instanceof Expr.Literal literal && literal.value() instanceof String text ? text : null;
    }

    private boolean isConstant(Expr expression) {
        try {
            return constants.isConstant(expression) && !Exprs.isNullLiteral(expression);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static BinaryOperator commute(BinaryOperator operator) {
        return switch (operator) {
            case LESS -> BinaryOperator.GREATER;
            case LESS_OR_EQUAL -> BinaryOperator.GREATER_OR_EQUAL;
            case GREATER -> BinaryOperator.LESS;
            case GREATER_OR_EQUAL -> BinaryOperator.LESS_OR_EQUAL;
            default -> operator;
        };
    }
}
