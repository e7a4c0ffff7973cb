package org.stripejdbc.engine.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.types.SqlType;

/**
 * The names visible in one query block: the columns of its FROM items (each under its alias, or its table name
 * when it has none), the merged columns of {@code USING}/{@code NATURAL} joins, and the enclosing block's scope for
 * correlated references. Resolution follows Postgres: an unqualified name must be unique
 * ({@code 42702 column reference "id" is ambiguous}), an unknown one is {@code 42703 column "x" does not exist},
 * an unknown qualifier {@code 42P01 missing FROM-clause entry for table "t"}.
 *
 * <p>A scope can also be a <em>grouped view</em> of itself (after GROUP BY): names then resolve to the
 * aggregation's output, and a column that is not grouped is {@code 42803 column "c.email" must appear in the GROUP
 * BY clause or be used in an aggregate function}.
 */
public final class Scope {
    /**
     * One visible column: {@code index} is its position in the row of the operator the scope describes;
     * {@code schema} qualifies the relation name in references ({@code stripe.customers.id}; null when the
     * relation has an alias); {@code sourceSchema}/{@code table} describe where the values come from (JDBC
     * metadata); {@code elementType} types the elements of an array column when known (else null).
     */
    public record Column(
            String qualifier,
            String schema,
            String name,
            SqlType type,
            int index,
            String table,
            boolean hiddenFromUnqualified,
            boolean wholeRow,
            String sourceSchema,
            SqlType elementType) {
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        public Column(
                String qualifier,
                String schema,
                String name,
                SqlType type,
                int index,
                String table,
                boolean hiddenFromUnqualified,
                boolean wholeRow,
                String sourceSchema) {
            this(qualifier, schema, name, type, index, table, hiddenFromUnqualified, wholeRow, sourceSchema, null);
        }

        public Column(
                String qualifier,
                String schema,
                String name,
                SqlType type,
                int index,
                String table,
                boolean hiddenFromUnqualified) {
            this(qualifier, schema, name, type, index, table, hiddenFromUnqualified, false, schema);
        }

        public Column at(int newIndex) {
            return new Column(
                    qualifier,
                    schema,
                    name,
                    type,
                    newIndex,
                    table,
                    hiddenFromUnqualified,
                    wholeRow,
                    sourceSchema,
                    elementType);
        }

        public Column hidden() {
            return new Column(qualifier, schema, name, type, index, table, true, wholeRow, sourceSchema, elementType);
        }
    }

    /** A resolved reference: how many blocks up ({@code depth}) and which column. */
    public record Resolved(int depth, Column column) {}

    private final List<Column> columns;
    private final List<Column> starColumns;
    private final Scope outer;
    private final Map<Integer, Integer> groupedColumns;
    private final Correlation correlation;

    /**
     * Shared by the scopes of one query block (or one LATERAL item): set when a name resolved in an enclosing
     * block, which makes the block correlated (re-evaluated for every outer row).
     */
    public static final class Correlation {
        private boolean referencesOuter;

        public boolean referencesOuter() {
            return referencesOuter;
        }

        public void markReferencesOuter() {
            referencesOuter = true;
        }
    }

    public Scope(List<Column> columns, List<Column> starColumns, Scope outer, Correlation correlation) {
        this(columns, starColumns, outer, null, correlation);
    }

    private Scope(
            List<Column> columns,
            List<Column> starColumns,
            Scope outer,
            Map<Integer, Integer> groupedColumns,
            Correlation correlation) {
        this.columns = List.copyOf(columns);
        this.starColumns = List.copyOf(starColumns);
        this.outer = outer;
        this.groupedColumns = groupedColumns;
        this.correlation = Objects.requireNonNull(correlation, "correlation");
    }

    /** The enclosing block's names (what a reference of depth 1 resolves in), or null at top level. */
    public Scope outer() {
        return outer;
    }

    /** A scope with no columns (a SELECT without FROM). */
    public static Scope empty(Scope outer, Correlation correlation) {
        return new Scope(List.of(), List.of(), outer, correlation);
    }

    /** The scope of one relation: every column qualified by {@code qualifier}. */
    public static Scope ofRelation(
            String qualifier,
            String schema,
            String table,
            List<ResultColumn> relationColumns,
            Scope outer,
            Correlation correlation) {
        List<Column> list = new ArrayList<>();
        for (int i = 0; i < relationColumns.size(); i++) {
            ResultColumn c = relationColumns.get(i);
            list.add(new Column(
                    qualifier,
                    schema,
                    c.name(),
                    c.type(),
                    i,
                    c.table() != null ? c.table() : table,
                    false,
                    false,
                    c.schema() != null ? c.schema() : schema,
                    c.elementType()));
        }
        return new Scope(list, list, outer, correlation);
    }

    /**
     * The same names with a whole-row alias: a bare {@code alias} denotes the single column of a scalar function
     * in FROM ({@code select line->>'id' from jsonb_array_elements(x) as line}), as Postgres resolves it.
     */
    public Scope withWholeRowAlias(String alias) {
        if (columns.size() != 1) {
            return this;
        }
        Column only = columns.get(0);
        List<Column> extended = new ArrayList<>(columns);
        extended.add(new Column(
                only.qualifier(),
                only.schema(),
                alias,
                only.type(),
                only.index(),
                only.table(),
                false,
                true,
                only.sourceSchema(),
                only.elementType()));
        return new Scope(extended, starColumns, outer, groupedColumns, correlation);
    }

    /** The same names, every column's index moved by {@code delta} (to compile against a sub-layout). */
    public Scope shifted(int delta) {
        List<Column> moved = new ArrayList<>(columns.size());
        for (Column c : columns) {
            moved.add(c.at(c.index() + delta));
        }
        List<Column> movedStar = new ArrayList<>(starColumns.size());
        for (Column c : starColumns) {
            movedStar.add(c.at(c.index() + delta));
        }
        return new Scope(moved, movedStar, outer, null, correlation);
    }

    public List<Column> columns() {
        return columns;
    }

    /** The columns {@code *} expands to, in order. */
    public List<Column> starColumns() {
        return starColumns;
    }

    /** The grouped view: input column {@code i} is readable only if grouped, at output index {@code
     * groupedColumns.get(i)}. */
    public Scope grouped(Map<Integer, Integer> columnToKeyIndex) {
        return new Scope(columns, starColumns, outer, Map.copyOf(columnToKeyIndex), correlation);
    }

    /** {@code t.*}: the columns of the relation named {@code qualifier}. */
    public List<Column> starColumns(String qualifier) {
        List<Column> out = new ArrayList<>();
        for (Column c : columns) {
            if (!c.wholeRow() && matchesQualifier(c, qualifier)) {
                out.add(c);
            }
        }
        if (out.isEmpty() && !hasQualifier(qualifier)) {
            throw missingFromEntry(qualifier);
        }
        return out;
    }

    /** Whether {@code name} names a relation of this scope (a FROM item's alias), for whole-row references. */
    public boolean isRelation(String name) {
        return hasQualifier(name);
    }

    private boolean hasQualifier(String qualifier) {
        for (Column c : columns) {
            if (matchesQualifier(c, qualifier)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesQualifier(Column c, String qualifier) {
        if (c.qualifier() == null) {
            return false;
        }
        if (qualifier.equals(c.qualifier())) {
            return true;
        }
        int dot = qualifier.lastIndexOf('.');
        return dot > 0
                && c.schema() != null
                && qualifier.substring(dot + 1).equals(c.qualifier())
                && qualifier.substring(0, dot).equals(c.schema());
    }

    /** Resolves a column reference here or in an enclosing block; errors as described on the class. */
    public Resolved resolve(Expr.ColumnRef ref) {
        Resolved found = find(ref, 0);
        if (found == null) {
            if (ref.qualifier() != null) {
                if (!qualifierVisible(ref.qualifier())) {
                    throw missingFromEntry(ref.qualifier());
                }
                throw new StripeJdbcException(
                        SqlState.UNDEFINED_COLUMN, "column " + ref.qualifier() + "." + ref.name() + " does not exist");
            }
            throw new StripeJdbcException(SqlState.UNDEFINED_COLUMN, "column \"" + ref.name() + "\" does not exist");
        }
        return found;
    }

    /** Resolves in this block only; null when the name is not here. */
    public Column resolveLocal(Expr.ColumnRef ref) {
        Resolved found = findHere(ref);
        return found == null ? null : found.column();
    }

    private boolean qualifierVisible(String qualifier) {
        for (Scope s = this; s != null; s = s.outer) {
            if (s.hasQualifier(qualifier)) {
                return true;
            }
        }
        return false;
    }

    private Resolved find(Expr.ColumnRef ref, int depth) {
        Resolved here = findHere(ref);
        if (here != null) {
            return depth == 0 ? here : new Resolved(depth, here.column());
        }
        if (ref.qualifier() != null && hasQualifier(ref.qualifier())) {
            return null; // the relation is here but has no such column: do not look outside
        }
        if (outer == null) {
            return null;
        }
        Resolved outside = outer.find(ref, depth + 1);
        if (outside != null) {
            correlation.referencesOuter = true;
        }
        return outside;
    }

    private Resolved findHere(Expr.ColumnRef ref) {
        Resolved found = findHere(ref, false);
        return found != null ? found : findHere(ref, true);
    }

    private Resolved findHere(Expr.ColumnRef ref, boolean wholeRowPass) {
        Column match = null;
        for (Column c : columns) {
            if (c.wholeRow() != wholeRowPass) {
                continue;
            }
            boolean matches = ref.qualifier() == null
                    ? !c.hiddenFromUnqualified() && c.name().equals(ref.name())
                    : c.name().equals(ref.name()) && matchesQualifier(c, ref.qualifier());
            if (matches) {
                if (match != null && match.index() != c.index()) {
                    throw new StripeJdbcException(
                            SqlState.AMBIGUOUS_COLUMN,
                            "column reference \"" + (ref.qualifier() == null ? "" : ref.qualifier() + ".") + ref.name()
                                    + "\" is ambiguous");
                }
                match = c;
            }
        }
        if (match == null) {
            return null;
        }
        if (groupedColumns != null) {
            Integer output = groupedColumns.get(match.index());
            if (output == null) {
                throw new UngroupedColumnException(
                        "column \""
                                + (match.qualifier() == null ? "" : match.qualifier() + ".") + match.name()
                                + "\" must appear in the GROUP BY clause or be used in an aggregate function",
                        match.type());
            }
            return new Resolved(0, match.at(output));
        }
        return new Resolved(0, match);
    }

    static StripeJdbcException missingFromEntry(String qualifier) {
        return new StripeJdbcException(
                SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + qualifier + "\"");
    }

    /**
     * 42803 for a column read outside GROUP BY, with the column's type, so that a call of an unknown function on it
     * can still fail as Postgres does, with 42883 naming the argument types ({@code foo_agg(timestamp ...)}).
     */
    static final class UngroupedColumnException extends StripeJdbcException {
        private final transient SqlType type;

        UngroupedColumnException(String message, SqlType type) {
            super(SqlState.GROUPING_ERROR, message);
            this.type = type;
        }

        SqlType type() {
            return type;
        }
    }
}
