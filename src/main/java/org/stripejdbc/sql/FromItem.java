package org.stripejdbc.sql;

import java.util.List;
import java.util.Objects;

/** An item of a FROM clause. */
public sealed interface FromItem {

    /** A table reference; {@code alias} null when none. */
    record Table(QualifiedName name, String alias) implements FromItem {
        public Table {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code [LATERAL] (query) alias [(col, ...)]}. */
    record Subquery(Query query, String alias, List<String> columnAliases, boolean lateral) implements FromItem {
        public Subquery {
            Objects.requireNonNull(query, "query");
            columnAliases = columnAliases == null ? List.of() : List.copyOf(columnAliases);
        }
    }

    /**
     * A set-returning function in FROM: {@code jsonb_array_elements(attrs->'lines'->'data') as line} or
     * {@code jsonb_each(x) as e(key, value)}, optionally {@code WITH ORDINALITY}.
     */
    record Function(
            Expr.FunctionCall call, String alias, List<String> columnAliases, boolean lateral, boolean withOrdinality)
            implements FromItem {
        public Function {
            Objects.requireNonNull(call, "call");
            columnAliases = columnAliases == null ? List.of() : List.copyOf(columnAliases);
        }
    }

    /** {@code VALUES (..), (..)} in FROM. */
    record Values(List<List<Expr>> rows, String alias, List<String> columnAliases) implements FromItem {
        public Values {
            rows = rows.stream().map(List::copyOf).toList();
            columnAliases = columnAliases == null ? List.of() : List.copyOf(columnAliases);
        }
    }

    enum JoinType {
        INNER,
        LEFT,
        RIGHT,
        FULL,
        CROSS
    }

    /** {@code left JOIN right ON condition | USING (cols)}; a comma join is CROSS with no condition. */
    record Join(FromItem left, FromItem right, JoinType type, Expr condition, List<String> using, boolean natural)
            implements FromItem {
        public Join {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            Objects.requireNonNull(type, "type");
            using = using == null ? List.of() : List.copyOf(using);
        }
    }
}
