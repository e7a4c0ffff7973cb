package org.stripejdbc.sql;

import java.util.List;
import java.util.Objects;
import org.stripejdbc.types.SqlType;

/**
 * Scalar expressions, as the SQL front end hands them to the planner and the executor. No JSqlParser type
 * ever appears here. Identifiers are already case-folded (unquoted → lower case, quoted → as written).
 */
public sealed interface Expr {

    /**
     * A constant. {@code value} is the runtime Java value of {@code type} (see {@link SqlType}); SQL NULL is
     * {@code value == null}. A quoted string literal is {@code type == UNKNOWN} with a String value until the
     * context gives it a type, as in Postgres ({@code created > '2024-01-01'} compares as timestamp).
     */
    record Literal(Object value, SqlType type) implements Expr {
        public Literal {
            Objects.requireNonNull(type, "type");
        }

        public static Literal nullValue() {
            return new Literal(null, SqlType.UNKNOWN);
        }
    }

    /** {@code name} or {@code qualifier.name}; {@code qualifier} is a table name or alias, or null. */
    record ColumnRef(String qualifier, String name) implements Expr {
        public ColumnRef {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A {@code ?} (or {@code $n}) parameter; {@code index} is 1-based as in JDBC. */
    record Parameter(int index) implements Expr {}

    enum UnaryOperator {
        NOT,
        NEGATE,
        PLUS
    }

    record Unary(UnaryOperator operator, Expr operand) implements Expr {
        public Unary {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(operand, "operand");
        }
    }

    /** Binary operators, each with the Postgres spelling it prints as in EXPLAIN and errors. */
    enum BinaryOperator {
        AND("and"),
        OR("or"),
        EQUALS("="),
        NOT_EQUALS("<>"),
        LESS("<"),
        LESS_OR_EQUAL("<="),
        GREATER(">"),
        GREATER_OR_EQUAL(">="),
        IS_DISTINCT_FROM("is distinct from"),
        IS_NOT_DISTINCT_FROM("is not distinct from"),
        PLUS("+"),
        MINUS("-"),
        MULTIPLY("*"),
        DIVIDE("/"),
        MODULO("%"),
        CONCAT("||"),
        /** {@code ->}: object member by text key or array element by integer index. */
        JSON_GET("->"),
        /** {@code ->>}: as {@code ->}, as text. */
        JSON_GET_TEXT("->>"),
        /** {@code #>}: path given as a text array literal ({@code '{lines,data}'}). */
        JSON_PATH("#>"),
        /** {@code #>>}: path, as text. */
        JSON_PATH_TEXT("#>>"),
        JSON_CONTAINS("@>"),
        JSON_CONTAINED_BY("<@"),
        JSON_HAS_KEY("?"),
        JSON_HAS_ANY_KEY("?|"),
        JSON_HAS_ALL_KEYS("?&"),
        REGEX_MATCH("~"),
        REGEX_MATCH_INSENSITIVE("~*"),
        REGEX_NOT_MATCH("!~"),
        REGEX_NOT_MATCH_INSENSITIVE("!~*");

        private final String symbol;

        BinaryOperator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** One of the six comparisons ({@code = <> < <= > >=}); {@code IS DISTINCT FROM} is not one. */
        public boolean isComparison() {
            switch (this) {
                case EQUALS:
                case NOT_EQUALS:
                case LESS:
                case LESS_OR_EQUAL:
                case GREATER:
                case GREATER_OR_EQUAL:
                    return true;
                default:
                    return false;
            }
        }
    }

    /** {@code left op right}. JSON arrow chains are left-nested: {@code a->'b'->>'c'} is {@code (a->'b')->>'c'}. */
    record Binary(BinaryOperator operator, Expr left, Expr right) implements Expr {
        public Binary {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** {@code value [NOT] LIKE|ILIKE pattern [ESCAPE escape]}; {@code escape} may be null. */
    record Like(Expr value, Expr pattern, boolean caseInsensitive, boolean negated, Expr escape) implements Expr {}

    /** {@code value [NOT] SIMILAR TO pattern}. */
    record SimilarTo(Expr value, Expr pattern, boolean negated) implements Expr {}

    /** {@code value [NOT] IN (a, b, ...)}. */
    record InList(Expr value, List<Expr> items, boolean negated) implements Expr {
        public InList {
            items = List.copyOf(items);
        }
    }

    /** {@code value [NOT] IN (subquery)}. */
    record InSubquery(Expr value, Query subquery, boolean negated) implements Expr {}

    /** {@code [NOT] EXISTS (subquery)}. */
    record Exists(Query subquery, boolean negated) implements Expr {}

    /** {@code (subquery)} used as a value. */
    record ScalarSubquery(Query subquery) implements Expr {}

    /** {@code left op ANY|ALL (array-valued expression)}, e.g. {@code id = any(?)}. */
    record Quantified(BinaryOperator operator, Expr left, Expr array, boolean all) implements Expr {}

    /** {@code value [NOT] BETWEEN low AND high}. */
    record Between(Expr value, Expr low, Expr high, boolean negated) implements Expr {}

    /** {@code value IS [NOT] NULL}. */
    record IsNull(Expr value, boolean negated) implements Expr {}

    /** {@code value IS [NOT] TRUE|FALSE|UNKNOWN}; {@code expected == null} means UNKNOWN. */
    record IsBoolean(Expr value, Boolean expected, boolean negated) implements Expr {}

    /** {@code CAST(value AS type)} or {@code value::type}; {@code typeName} as written, lower case. */
    record Cast(Expr value, SqlType type, String typeName) implements Expr {}

    /**
     * A function call: scalar ({@code lower(x)}), aggregate ({@code count(distinct x) filter (where ...)}) or
     * window ({@code row_number() over (...)}). {@code name} is lower case, schema-qualified names keep the
     * schema ({@code vault.create_secret}). {@code star} is {@code count(*)}. {@code filter}, {@code orderBy}
     * (inside the call, as in {@code string_agg(x, ',' order by x)}) and {@code over} may be null/empty.
     */
    record FunctionCall(
            String name,
            List<Expr> arguments,
            boolean distinct,
            boolean star,
            Expr filter,
            List<OrderItem> orderBy,
            WindowSpec over)
            implements Expr {
        public FunctionCall {
            Objects.requireNonNull(name, "name");
            arguments = List.copyOf(arguments);
            orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
        }

        public static FunctionCall of(String name, Expr... arguments) {
            return new FunctionCall(name, List.of(arguments), false, false, null, List.of(), null);
        }
    }

    /** {@code OVER (PARTITION BY ... ORDER BY ... [frame])}; {@code frame} is the raw frame text or null. */
    record WindowSpec(List<Expr> partitionBy, List<OrderItem> orderBy, String frame) {
        public WindowSpec {
            partitionBy = List.copyOf(partitionBy);
            orderBy = List.copyOf(orderBy);
        }
    }

    /** {@code CASE [operand] WHEN .. THEN .. ELSE .. END}; {@code operand} and {@code elseResult} may be null. */
    record Case(Expr operand, List<When> whens, Expr elseResult) implements Expr {
        public Case {
            whens = List.copyOf(whens);
        }
    }

    record When(Expr condition, Expr result) {}

    /** {@code ARRAY[a, b]} or a {@code '{a,b}'} literal once typed as an array. */
    record ArrayConstructor(List<Expr> elements) implements Expr {
        public ArrayConstructor {
            elements = List.copyOf(elements);
        }
    }

    /** {@code EXTRACT(field FROM source)}; {@code field} lower case ({@code year}, {@code epoch}...). */
    record Extract(String field, Expr source) implements Expr {}

    /** {@code expr[index]} array subscript. */
    record Subscript(Expr value, Expr index) implements Expr {}

    /** {@code expr[from:to]} array slice; a bound left out ({@code x[:3]}, {@code x[2:]}) is null. */
    record Slice(Expr value, Expr from, Expr to) implements Expr {}

    /** {@code ROW(a, b)} or {@code (a, b)} in a comparison. */
    record RowConstructor(List<Expr> elements) implements Expr {
        public RowConstructor {
            elements = List.copyOf(elements);
        }
    }
}
