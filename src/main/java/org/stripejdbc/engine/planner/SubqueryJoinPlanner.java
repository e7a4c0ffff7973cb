package org.stripejdbc.engine.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.TableSource;
import org.stripejdbc.engine.expression.Coercion;
import org.stripejdbc.engine.expression.ExpressionCompiler;
import org.stripejdbc.engine.expression.Operators;
import org.stripejdbc.engine.expression.Scope;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.operator.PlanNode;
import org.stripejdbc.engine.operator.ScanNode;
import org.stripejdbc.engine.operator.SemiJoinNode;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprPrinter;
import org.stripejdbc.sql.ExprTrees;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.types.SqlType;

/**
 * Decorrelates the subquery conditions of a WHERE clause into semi and anti joins ({@link SemiJoinNode}), so that
 * a subquery over a table is not run, with its requests, once per row of the block: {@code [NOT] EXISTS (select
 * ... from t where ...)} and {@code x [NOT] IN (select y from t where ...)}, as AND-ed conditions of the block's
 * WHERE (or under a NOT), whose subquery reads one base table, with no grouping, aggregate, window, set-returning
 * function, OFFSET, nested subquery or reference further out than the block (EXISTS may have a LIMIT of at least
 * 1, which changes nothing). Other subqueries stay conditions evaluated per row.
 *
 * <p>The subquery's conditions are sorted by what they read:
 * <ul>
 *   <li>only the inner table: pushed into its scan, as if the subquery stood alone
 *       ({@code ch.status = 'failed'});</li>
 *   <li>an equality of an expression of the inner table and one of the block: a <em>key</em> of the join
 *       ({@code ch.customer = c.id}); {@code x IN (select y ...)} adds {@code y = x} (for NOT IN it is the
 *       NULL-aware pair instead);</li>
 *   <li>anything else that reads the block: the join's filter, evaluated on the two rows together.</li>
 * </ul>
 * A key that is a column the inner table can be fetched by ({@code ch.customer}, {@code cu.id}) lets the join look
 * the block's keys up instead of reading the table; the node chooses by requests when it runs. The rows are those
 * of the subquery evaluated per row, NULLs included (the differential corpus checks them against PostgreSQL).
 *
 * <p>Example: {@code from stripe.customers c where not exists (select 1 from stripe.charges ch where ch.customer =
 * c.id)} is an anti join of customers and charges on {@code ch.customer = c.id}: charges read once (or looked up
 * per customer when there are few customers).
 */
final class SubqueryJoinPlanner {
    private final QueryPlanner planner;
    private final FunctionRegistry functions;

    SubqueryJoinPlanner(QueryPlanner planner, FunctionRegistry functions) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.functions = Objects.requireNonNull(functions, "functions");
    }

    /** What a WHERE conjunct asks of its subquery. */
    private record Shape(SemiJoinNode.Kind kind, Query.Select subquery, FromItem.Table table, Expr value) {}

    /**
     * The semi or anti join of {@code outer} (the block's FROM rows, named by {@code scope}) for the WHERE conjunct
     * {@code conjunct}, or null when it is not a subquery condition this planner decorrelates.
     */
    PlanNode plan(PlanNode outer, Scope scope, Expr conjunct) {
        return plan(outer, new ExpressionCompiler(functions, scope, planner::planSubquery, "WHERE"), conjunct);
    }

    /**
     * The semi or anti join of {@code outer}, whose rows {@code outerCompiler} reads (the FROM rows for WHERE, the
     * aggregate's rows for HAVING: its grouped view resolves a group key to its column), for {@code conjunct}, or
     * null when it is not a subquery condition this planner decorrelates.
     */
    PlanNode plan(PlanNode outer, ExpressionCompiler outerCompiler, Expr conjunct) {
        Shape shape = shape(conjunct);
        if (shape == null) {
            return null;
        }
        try {
            return join(outer, outerCompiler, conjunct, shape);
        } catch (StripeJdbcException e) {
            if (e.sqlState() == SqlState.FEATURE_NOT_SUPPORTED) {
                return null; // planned per row, the subquery reports or avoids it
            }
            throw e;
        }
    }

    private Shape shape(Expr conjunct) {
        Expr e = conjunct;
        boolean negated = false;
        if (e instanceof Expr.Unary u && u.operator() == Expr.UnaryOperator.NOT) {
            negated = true;
            e = u.operand();
        }
        SemiJoinNode.Kind kind;
        Query query;
        Expr value = null;
        if (e instanceof Expr.Exists exists) {
            kind = exists.negated() != negated ? SemiJoinNode.Kind.ANTI : SemiJoinNode.Kind.SEMI;
            query = exists.subquery();
        } else if (e instanceof Expr.InSubquery in) {
            kind = in.negated() != negated ? SemiJoinNode.Kind.NULL_AWARE_ANTI : SemiJoinNode.Kind.SEMI;
            query = in.subquery();
            value = in.value();
            if (ExprTrees.containsSubquery(value)) {
                return null;
            }
        } else {
            return null;
        }
        if (!(query instanceof Query.Select s)
                || !s.with().isEmpty()
                || !(s.from() instanceof FromItem.Table table)
                || s.grouped()
                || s.having() != null
                || !s.distinctOn().isEmpty()
                || s.offset() != null
                || (s.limit() != null && (value != null || !positiveLiteral(s.limit())))
                || ExprTrees.containsSubquery(s.where())
                || ExprTrees.containsAggregate(s.where(), functions::isAggregate)
                || (table.name().schema() == null
                        && planner.commonTableExpression(table.name().name()) != null)) {
            return null;
        }
        for (SelectItem item : s.items()) {
            if (item instanceof SelectItem.Column column
                    && (ExprTrees.containsSubquery(column.expression())
                            || ExprTrees.containsAggregate(column.expression(), functions::isAggregate)
                            || ExprTrees.containsWindow(column.expression())
                            || ExprTrees.any(
                                    column.expression(),
                                    x -> x instanceof Expr.FunctionCall f && functions.isSetReturning(f.name())))) {
                return null; // an aggregate makes one row whatever the table holds; a set-returning call, many
            }
        }
        if (value != null && (s.items().size() != 1 || !(s.items().get(0) instanceof SelectItem.Column))) {
            return null;
        }
        return new Shape(kind, s, table, value);
    }

    private static boolean positiveLiteral(Expr e) {
        return e instanceof Expr.Literal l && l.value() instanceof Number n && n.longValue() >= 1;
    }

    /** The inner table's names: its columns, under its alias, inside the block's scope. */
    private record InnerTable(TableSource source, String alias, Scope scope, Scope alone) {}

    private InnerTable innerTable(FromItem.Table t, Scope blockScope) {
        TableSource source = planner.resolveTable(t.name());
        List<ResultColumn> columns = source.columns();
        String schema = t.name().schema();
        if (schema == null && !columns.isEmpty()) {
            schema = columns.get(0).schema();
        }
        String alias = t.alias() != null ? t.alias() : t.name().name();
        String qualifier = t.alias() == null ? schema : null;
        Scope scope = Scope.ofRelation(alias, qualifier, t.name().name(), columns, blockScope, new Scope.Correlation());
        Scope alone = Scope.ofRelation(alias, qualifier, t.name().name(), columns, null, new Scope.Correlation());
        return new InnerTable(source, alias, scope, alone);
    }

    /** Which side of the join an expression reads: the inner table (0), the block (1), both (2), none (-1). */
    private static int sides(Expr e, Scope innerScope) {
        boolean innerSide = false;
        boolean outerSide = false;
        for (Expr x : ExprTrees.collect(e, x -> x instanceof Expr.ColumnRef)) {
            Scope.Resolved resolved = innerScope.resolve((Expr.ColumnRef) x);
            if (resolved.depth() > 1 || resolved.column().wholeRow()) {
                throw StripeJdbcException.unsupported("a reference further out than the enclosing block");
            }
            innerSide |= resolved.depth() == 0;
            outerSide |= resolved.depth() == 1;
        }
        return innerSide && outerSide ? 2 : innerSide ? 0 : outerSide ? 1 : -1;
    }

    private PlanNode join(PlanNode outer, ExpressionCompiler outerCompiler, Expr conjunct, Shape shape) {
        Scope scope = outerCompiler.scope();
        InnerTable innerTable = innerTable(shape.table(), scope);
        List<Expr> innerOnly = new ArrayList<>();
        List<Expr[]> equalities = new ArrayList<>(); // {inner side, outer side}
        List<Expr> filters = new ArrayList<>();
        boolean readsBlock = false;
        for (Expr e : ExprTrees.conjuncts(shape.subquery().where())) {
            int sides = sides(e, innerTable.scope());
            readsBlock |= sides >= 1;
            if (sides == 0) {
                innerOnly.add(e);
            } else if (sides == 2
                    && e instanceof Expr.Binary b
                    && b.operator() == Expr.BinaryOperator.EQUALS
                    && sides(b.left(), innerTable.scope()) == 0
                    && sides(b.right(), innerTable.scope()) == 1) {
                equalities.add(new Expr[] {b.left(), b.right()});
            } else if (sides == 2
                    && e instanceof Expr.Binary b
                    && b.operator() == Expr.BinaryOperator.EQUALS
                    && sides(b.left(), innerTable.scope()) == 1
                    && sides(b.right(), innerTable.scope()) == 0) {
                equalities.add(new Expr[] {b.right(), b.left()});
            } else {
                filters.add(e);
            }
        }
        Expr selected = null;
        if (shape.value() != null) {
            selected = ((SelectItem.Column) shape.subquery().items().get(0)).expression();
            if (sides(selected, innerTable.scope()) == 1 || sides(selected, innerTable.scope()) == 2) {
                return null; // y reads the block: evaluated per row
            }
        }
        if (shape.value() == null && !readsBlock) {
            return null; // an uncorrelated EXISTS is evaluated once already
        }

        ExpressionCompiler innerCompiler = new ExpressionCompiler(functions, innerTable.alone(), null, "WHERE");
        List<CompiledExpression> outerKeys = new ArrayList<>();
        List<CompiledExpression> innerKeys = new ArrayList<>();
        List<String> keyColumns = new ArrayList<>(); // the inner column a key can be fetched by, or null
        List<String> keyTexts = new ArrayList<>();
        CompiledExpression nullAwareOuter = null;
        CompiledExpression nullAwareInner = null;
        for (Expr[] equality : equalities) {
            addKey(
                    equality[0],
                    equality[1],
                    innerCompiler,
                    outerCompiler,
                    innerTable,
                    outerKeys,
                    innerKeys,
                    keyColumns);
            keyTexts.add(ExprPrinter.print(new Expr.Binary(Expr.BinaryOperator.EQUALS, equality[0], equality[1])));
        }
        if (selected != null) {
            Expr equality = new Expr.Binary(Expr.BinaryOperator.EQUALS, selected, shape.value());
            if (shape.kind() == SemiJoinNode.Kind.NULL_AWARE_ANTI) {
                CompiledExpression x = outerCompiler.compile(shape.value());
                CompiledExpression y = innerCompiler.compile(selected);
                SqlType type = Operators.comparisonType("=", y.type(), x.type());
                nullAwareOuter = Coercion.coerce(x, type);
                nullAwareInner = Coercion.coerce(y, type);
            } else {
                addKey(
                        selected,
                        shape.value(),
                        innerCompiler,
                        outerCompiler,
                        innerTable,
                        outerKeys,
                        innerKeys,
                        keyColumns);
                keyTexts.add(ExprPrinter.print(equality));
            }
        }
        CompiledExpression filter = filters.isEmpty()
                ? null
                : compileFilter(filters, innerTable, outer.columns().size());

        FromPlanner inner = new FromPlanner(planner, functions, null, new Scope.Correlation());
        PlanNode scan = innerScan(inner, shape.table(), innerOnly);
        ScanNode keyed = null;
        int keyedKey = -1;
        for (int i = 0; i < keyColumns.size() && keyed == null; i++) {
            if (keyColumns.get(i) != null) {
                keyed = inner.keyedScan(shape.table(), innerOnly, keyColumns.get(i));
                keyedKey = keyed == null ? -1 : i;
            }
        }
        if (scan == null && keyed == null) {
            return null;
        }
        String keyDescription = keyed == null
                ? null
                : innerTable.alias() + "." + keyColumns.get(keyedKey) + " = ANY(keys of "
                        + ExprPrinter.print(
                                keyedKey < equalities.size() ? equalities.get(keyedKey)[1] : shape.value())
                        + ")";
        String description = ExprPrinter.print(conjunct)
                + (keyTexts.isEmpty() ? "" : "; keys: " + String.join(" AND ", keyTexts))
                + (filters.isEmpty() ? "" : "; filter: " + ExprPrinter.printConjunction(filters));
        return new SemiJoinNode(
                outer,
                shape.kind(),
                outerKeys,
                innerKeys,
                nullAwareOuter,
                nullAwareInner,
                filter,
                new SemiJoinNode.Inner(scan, keyed, keyedKey, keyDescription),
                description);
    }

    /**
     * Adds the key {@code innerSide = outerSide}, both compared in their common type, and the inner column it can
     * be fetched by (a column of the inner table compared in its own text or boolean type), or null.
     */
    private static void addKey(
            Expr innerSide,
            Expr outerSide,
            ExpressionCompiler innerCompiler,
            ExpressionCompiler outerCompiler,
            InnerTable innerTable,
            List<CompiledExpression> outerKeys,
            List<CompiledExpression> innerKeys,
            List<String> keyColumns) {
        CompiledExpression i = innerCompiler.compile(innerSide);
        CompiledExpression o = outerCompiler.compile(outerSide);
        SqlType type = Operators.comparisonType("=", i.type(), o.type());
        innerKeys.add(Coercion.coerce(i, type));
        outerKeys.add(Coercion.coerce(o, type));
        String column = null;
        if (innerSide instanceof Expr.ColumnRef ref
                && i.type() == type
                && (type == SqlType.TEXT || type == SqlType.BOOLEAN)) {
            column = innerTable.alone().resolve(ref).column().name();
        }
        keyColumns.add(column);
    }

    /**
     * The filter over the block's row followed by the inner row: each reference rewritten to name its position
     * ({@code #o.3}, {@code #i.1}) in a scope of those two, then compiled there.
     */
    private CompiledExpression compileFilter(List<Expr> filters, InnerTable innerTable, int outerWidth) {
        List<Scope.Column> columns = new ArrayList<>();
        List<Expr> rewritten = new ArrayList<>();
        for (Expr filter : filters) {
            rewritten.add(ExprTrees.rewrite(filter, e -> {
                if (!(e instanceof Expr.ColumnRef ref)) {
                    return null;
                }
                Scope.Resolved resolved = innerTable.scope().resolve(ref);
                boolean innerSide = resolved.depth() == 0;
                int index = resolved.column().index() + (innerSide ? outerWidth : 0);
                String qualifier = innerSide ? "#i" : "#o";
                String name = Integer.toString(index);
                columns.add(new Scope.Column(
                        qualifier, null, name, resolved.column().type(), index, null, false));
                return new Expr.ColumnRef(qualifier, name);
            }));
        }
        List<Scope.Column> distinct = new ArrayList<>();
        for (Scope.Column c : columns) {
            if (distinct.stream().noneMatch(d -> d.index() == c.index())) {
                distinct.add(c);
            }
        }
        Scope both = new Scope(distinct, List.of(), null, new Scope.Correlation());
        return new ExpressionCompiler(functions, both, null, "WHERE").compilePredicate(ExprTrees.and(rewritten));
    }

    /**
     * The inner table read once with the conditions that name only it, or null when it cannot be read without a
     * key (tokens, mandates, setup attempts without their setup intent).
     */
    private static PlanNode innerScan(FromPlanner inner, FromItem.Table table, List<Expr> innerOnly) {
        try {
            FromPlanner.Planned planned = inner.plan(table, innerOnly);
            return planned.remaining().isEmpty() && planned.oneTime().isEmpty() ? planned.node() : null;
        } catch (StripeJdbcException e) {
            if (e.sqlState() == SqlState.FEATURE_NOT_SUPPORTED) {
                return null;
            }
            throw e;
        }
    }
}
