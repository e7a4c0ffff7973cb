package org.stripejdbc.engine.planner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.TableSource;
import org.stripejdbc.engine.expression.ExpressionCompiler;
import org.stripejdbc.engine.expression.Operators;
import org.stripejdbc.engine.expression.Scope;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.operator.FunctionScanNode;
import org.stripejdbc.engine.operator.PlanNode;
import org.stripejdbc.engine.operator.RelabelNode;
import org.stripejdbc.engine.operator.ScanNode;
import org.stripejdbc.engine.operator.SetReturningCall;
import org.stripejdbc.engine.planner.FromTree.Conjunct;
import org.stripejdbc.engine.planner.FromTree.Join;
import org.stripejdbc.engine.planner.FromTree.Leaf;
import org.stripejdbc.engine.planner.FromTree.Relation;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprTrees;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.FromItem.JoinType;
import org.stripejdbc.sql.Query;
import org.stripejdbc.types.SqlType;

/**
 * Plans one query block's FROM clause together with its WHERE conjuncts.
 *
 * <p>The FROM items become a tree of relations ({@link FromTree}, built here); every conjunct (of WHERE, and of each
 * ON) is then placed as deep as it may go without changing the result ({@link ConjunctPlacement}): a conjunct that
 * references one table only is offered to that table's {@link TableSource#plan} (Calcite's contract: the source
 * returns what it does not handle exactly as residual), unless an outer join makes that table the NULL-supplying
 * side; one that spans both sides of an inner join becomes that join's condition (an equality between the sides
 * makes it a hash join). What cannot go down stays as a filter above the joins. {@link JoinPlanner} then builds the
 * scans and joins, keyed joins included.
 *
 * <p>Example: {@code from stripe.invoices i join stripe.customers c on c.id = i.customer where c.email = 'a@b.c'
 * and i.status = 'paid'} offers {@code c.email = 'a@b.c'} to customers, {@code i.status = 'paid'} to invoices, and
 * hash-joins on {@code c.id = i.customer}.
 */
final class FromPlanner {
    private final QueryPlanner planner;
    private final FunctionRegistry functions;
    private final Scope blockOuter;
    private final Scope.Correlation correlation;

    /**
     * The planned FROM clause: the node, its names, the conditions left for a filter above it, and the conditions
     * that reference no column of the block (evaluated once per execution).
     */
    record Planned(PlanNode node, Scope scope, List<Conjunct> remaining, List<Conjunct> oneTime) {}

    FromPlanner(QueryPlanner planner, FunctionRegistry functions, Scope blockOuter, Scope.Correlation correlation) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.functions = Objects.requireNonNull(functions, "functions");
        this.blockOuter = blockOuter;
        this.correlation = Objects.requireNonNull(correlation, "correlation");
    }

    /** Plans {@code from} with the WHERE conjuncts {@code where} (already checked: no aggregates, no windows). */
    Planned plan(FromItem from, List<Expr> where) {
        Relation root = build(from, null);
        FromTree.assignOffsets(root, 0);
        ConjunctPlacement placement = new ConjunctPlacement(root);
        List<Conjunct> remaining = new ArrayList<>();
        List<Conjunct> oneTime = new ArrayList<>();
        Map<Query, QueryPlanner.Planned> initPlans = new IdentityHashMap<>();
        placement.distributeJoinConditions(root);
        List<Expr> conjuncts = new ArrayList<>(onSubqueries(root));
        conjuncts.addAll(where);
        for (Expr e : conjuncts) {
            Conjunct conjunct = new Conjunct(e, root.scope, 0);
            if (ExprTrees.containsSubquery(e)) {
                Expr asArray = inSubqueryAsArray(e, root.scope, initPlans);
                if (asArray == null) {
                    remaining.add(conjunct);
                    continue;
                }
                conjunct = new Conjunct(asArray, root.scope, 0);
                e = asArray;
            }
            Set<Leaf> referenced = placement.leavesOf(e, conjunct);
            if (referenced.isEmpty()) {
                oneTime.add(conjunct);
            } else if (!placement.place(conjunct, referenced, root)) {
                remaining.add(conjunct);
            }
        }
        PlanNode node = new JoinPlanner(planner, functions, placement, initPlans).build(root);
        return new Planned(node, root.scope, remaining, oneTime);
    }

    /**
     * The ON conjuncts holding a subquery of {@code root} when it is an inner (or cross) join, taken out of its
     * conditions to be planned as WHERE conjuncts: for an inner join the two are the same filter of the joined rows,
     * and in WHERE an EXISTS or IN subquery can become a semi join ({@link SubqueryJoinPlanner}) or find its rows
     * fetched ahead, instead of running per joined row. Example: {@code from stripe.customers c join stripe.charges
     * ch on ch.customer = c.id and exists (select 1 from stripe.refunds r where r.charge = ch.id)} joins on
     * {@code ch.customer = c.id} and semi-joins the refunds. The conditions of a nested join, or of an outer or
     * lateral one, stay where they are (evaluated per row, shown as SubPlans).
     */
    private static List<Expr> onSubqueries(Relation root) {
        if (!(root instanceof Join join)
                || (join.type != JoinType.INNER && join.type != JoinType.CROSS)
                || join.lateralRight) {
            return List.of();
        }
        List<Expr> taken = new ArrayList<>();
        for (java.util.Iterator<Conjunct> it = join.conditions.iterator(); it.hasNext(); ) {
            Conjunct conjunct = it.next();
            if (conjunct.home() == root.scope && ExprTrees.containsSubquery(conjunct.expression())) {
                taken.add(conjunct.expression());
                it.remove();
            }
        }
        return taken;
    }

    /**
     * {@code x IN (select y ...)}, a WHERE conjunct whose subquery does not reference this block and whose
     * {@code x} is a text column of it, as {@code x = ANY(ARRAY(select y ...))}: the same rows in WHERE (both are
     * true exactly when {@code x} equals one of the values, NULL or false otherwise), but a condition the table of
     * {@code x} can push, the subquery's values becoming one array parameter computed once ({@link
     * JoinPlanner}): {@code customers where id in (select customer from charges where status = 'failed')} reads the
     * failed charges, then retrieves those customers (or scans them, if that needs fewer requests). The subquery is
     * planned here, once, into {@code initPlans}. Null when the conjunct is not of that shape.
     */
    private Expr inSubqueryAsArray(Expr e, Scope scope, Map<Query, QueryPlanner.Planned> initPlans) {
        if (!(e instanceof Expr.InSubquery in) || in.negated() || !(in.value() instanceof Expr.ColumnRef ref)) {
            return null;
        }
        Scope.Resolved column;
        try {
            column = scope.resolve(ref);
        } catch (StripeJdbcException notHere) {
            return null; // compiled as it is, it reports the error
        }
        if (column.depth() != 0 || column.column().type() != SqlType.TEXT) {
            return null;
        }
        QueryPlanner.Planned planned = planner.plan(in.subquery(), scope, false);
        if (planned.correlated()
                || planned.node().columns().size() != 1
                || planned.node().columns().get(0).type() != SqlType.TEXT) {
            return null;
        }
        initPlans.put(in.subquery(), planned);
        Expr array = new Expr.FunctionCall(
                "array", List.of(new Expr.ScalarSubquery(in.subquery())), false, false, null, List.of(), null);
        return new Expr.Quantified(Expr.BinaryOperator.EQUALS, ref, array, false);
    }

    private Relation build(FromItem item, Scope leftScope) {
        if (item instanceof FromItem.Table t) {
            return table(t);
        }
        if (item instanceof FromItem.Subquery s) {
            return subquery(s, leftScope);
        }
        if (item instanceof FromItem.Function f) {
            return function(f, leftScope);
        }
        if (item instanceof FromItem.Values v) {
            return values(v);
        }
        if (item instanceof FromItem.Join j) {
            return join(j, leftScope);
        }
        throw StripeJdbcException.unsupported("FROM item " + item.getClass().getSimpleName());
    }

    /**
     * The scan of base table {@code t} (not a WITH query) fetched per key: {@code keyColumn = ANY($n)} pushed with
     * {@code conjuncts} (which name only {@code t}), the keys given at {@link ScanNode#openKeyed}; null when the
     * table cannot push that condition exactly. The inner side of a semi join's lookups.
     */
    ScanNode keyedScan(FromItem.Table t, List<Expr> conjuncts, String keyColumn) {
        Leaf leaf = table(t);
        if (leaf.table == null) {
            return null;
        }
        FromTree.assignOffsets(leaf, 0);
        for (Expr e : conjuncts) {
            leaf.conjuncts.add(new Conjunct(e, leaf.scope, 0));
        }
        return new JoinPlanner(planner, functions, new ConjunctPlacement(leaf), Map.of()).scan(leaf, keyColumn);
    }

    private Leaf table(FromItem.Table t) {
        PlanNode cte = t.name().schema() == null
                ? planner.commonTableExpression(t.name().name())
                : null;
        String alias = t.alias() != null ? t.alias() : t.name().name();
        Leaf leaf = new Leaf();
        leaf.alias = alias;
        if (cte != null) {
            leaf.node = cte;
            leaf.title = t.name().name();
            leaf.scope = Scope.ofRelation(alias, null, null, cte.columns(), blockOuter, correlation);
            leaf.width = cte.columns().size();
            return leaf;
        }
        TableSource source = planner.resolveTable(t.name());
        List<ResultColumn> columns = source.columns();
        String schema = t.name().schema();
        if (schema == null && !columns.isEmpty()) {
            schema = columns.get(0).schema();
        }
        leaf.table = source;
        leaf.title = (schema == null ? "" : schema + ".")
                + t.name().name()
                + (t.alias() != null && !t.alias().equals(t.name().name()) ? " " + t.alias() : "");
        leaf.scope = Scope.ofRelation(
                alias, t.alias() == null ? schema : null, t.name().name(), columns, blockOuter, correlation);
        leaf.width = columns.size();
        return leaf;
    }

    private Leaf subquery(FromItem.Subquery s, Scope leftScope) {
        boolean mayBeLateral = s.lateral() && leftScope != null;
        QueryPlanner.Planned planned = planner.plan(s.query(), mayBeLateral ? leftScope : blockOuter, false);
        if (planned.correlated() && !mayBeLateral) {
            correlation.markReferencesOuter();
        }
        String alias = s.alias() != null ? s.alias() : "unnamed_subquery";
        List<ResultColumn> columns = renamed(planned.node().columns(), s.columnAliases(), alias);
        Leaf leaf = new Leaf();
        leaf.alias = alias;
        leaf.title = "Subquery " + alias;
        leaf.node = new RelabelNode(planned.node(), columns, "Subquery: " + alias);
        leaf.lateral = mayBeLateral && planned.correlated();
        leaf.scope = Scope.ofRelation(alias, null, null, columns, blockOuter, correlation);
        leaf.width = columns.size();
        return leaf;
    }

    private static List<ResultColumn> renamed(List<ResultColumn> columns, List<String> aliases, String relation) {
        if (aliases.size() > columns.size()) {
            throw new StripeJdbcException(
                    SqlState.INVALID_COLUMN_REFERENCE,
                    "table \"" + relation + "\" has " + columns.size() + " columns available but " + aliases.size()
                            + " columns specified");
        }
        List<ResultColumn> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn c = columns.get(i);
            out.add(i < aliases.size() ? new ResultColumn(aliases.get(i), c.type(), null, null, c.elementType()) : c);
        }
        return out;
    }

    private Leaf function(FromItem.Function f, Scope leftScope) {
        Scope.Correlation functionCorrelation = new Scope.Correlation();
        Scope argumentScope = Scope.empty(leftScope != null ? leftScope : blockOuter, functionCorrelation);
        ExpressionCompiler compiler =
                new ExpressionCompiler(functions, argumentScope, planner::planSubquery, "functions in FROM");
        SetReturningCall compiled = SetReturningCompiler.compile(f.call(), compiler);
        boolean lateral = leftScope != null && functionCorrelation.referencesOuter();
        if (leftScope == null && functionCorrelation.referencesOuter()) {
            correlation.markReferencesOuter();
        }
        String alias = f.alias() != null ? f.alias() : f.call().name();
        List<ResultColumn> columns = new ArrayList<>(compiled.columns());
        if (columns.size() == 1 && !compiled.fixedNames() && f.alias() != null) {
            columns.set(
                    0,
                    ResultColumn.of(f.alias(), columns.get(0).type())
                            .withElementType(columns.get(0).elementType()));
        }
        if (f.withOrdinality()) {
            columns.add(ResultColumn.of("ordinality", SqlType.BIGINT));
        }
        columns = renamed(columns, f.columnAliases(), alias);
        Leaf leaf = new Leaf();
        leaf.alias = alias;
        leaf.title = f.call().name();
        leaf.node = new FunctionScanNode(compiled, columns, f.withOrdinality());
        leaf.lateral = lateral;
        Scope scope = Scope.ofRelation(alias, null, null, columns, blockOuter, correlation);
        leaf.scope =
                compiled.columns().size() == 1 && f.columnAliases().isEmpty() ? scope.withWholeRowAlias(alias) : scope;
        leaf.width = columns.size();
        return leaf;
    }

    private Leaf values(FromItem.Values v) {
        PlanNode node = planner.values(v.rows(), blockOuter, correlation);
        String alias = v.alias() != null ? v.alias() : "*VALUES*";
        List<ResultColumn> columns = renamed(node.columns(), v.columnAliases(), alias);
        Leaf leaf = new Leaf();
        leaf.alias = alias;
        leaf.title = "VALUES";
        leaf.node = new RelabelNode(node, columns, null);
        leaf.scope = Scope.ofRelation(alias, null, null, columns, blockOuter, correlation);
        leaf.width = columns.size();
        return leaf;
    }

    private Join join(FromItem.Join j, Scope leftScope) {
        Join join = new Join();
        join.left = build(j.left(), leftScope);
        join.right = build(j.right(), join.left.scope);
        join.type = j.type();
        Leaf rightLeaf = join.right instanceof Leaf l ? l : null;
        join.lateralRight = rightLeaf != null && rightLeaf.lateral;
        if (join.lateralRight
                && join.type != JoinType.INNER
                && join.type != JoinType.LEFT
                && join.type != JoinType.CROSS) {
            throw new StripeJdbcException(
                    SqlState.INVALID_COLUMN_REFERENCE,
                    "invalid reference to FROM-clause entry: the combining JOIN type must be INNER or LEFT for a "
                            + "LATERAL reference");
        }
        List<String> using = new ArrayList<>(j.using());
        if (j.natural()) {
            using.clear();
            Set<String> rightNames = new HashSet<>();
            for (Scope.Column c : join.right.scope.starColumns()) {
                rightNames.add(c.name());
            }
            for (Scope.Column c : join.left.scope.starColumns()) {
                if (rightNames.contains(c.name()) && !using.contains(c.name())) {
                    using.add(c.name());
                }
            }
        }
        join.width = join.left.width + join.right.width;
        List<Scope.Column> columns = new ArrayList<>();
        List<Scope.Column> star = new ArrayList<>();
        Set<Integer> leftUsing = new HashSet<>();
        Set<Integer> rightUsing = new HashSet<>();
        List<Scope.Column> merged = new ArrayList<>();
        Expr usingCondition = null;
        for (String name : using) {
            Scope.Column l = usingColumn(join.left.scope, name, "left");
            Scope.Column r = usingColumn(join.right.scope, name, "right");
            leftUsing.add(l.index());
            rightUsing.add(r.index());
            SqlType type = Operators.comparisonType("=", l.type(), r.type());
            int index;
            switch (join.type) {
                case RIGHT:
                    index = r.index() + join.left.width;
                    break;
                case FULL:
                    index = join.width + merged.size();
                    join.fullJoinMerged.add(new int[] {l.index(), r.index() + join.left.width});
                    break;
                default:
                    index = l.index();
                    break;
            }
            merged.add(new Scope.Column(null, null, name, type, index, null, false));
            Expr equality = new Expr.Binary(
                    Expr.BinaryOperator.EQUALS, new Expr.ColumnRef("#left", name), new Expr.ColumnRef("#right", name));
            usingCondition = usingCondition == null
                    ? equality
                    : new Expr.Binary(Expr.BinaryOperator.AND, usingCondition, equality);
        }
        for (Scope.Column c : join.left.scope.columns()) {
            columns.add(leftUsing.contains(c.index()) ? c.hidden() : c);
        }
        for (Scope.Column c : join.right.scope.columns()) {
            Scope.Column moved = c.at(c.index() + join.left.width);
            columns.add(rightUsing.contains(c.index()) ? moved.hidden() : moved);
        }
        columns.addAll(merged);
        star.addAll(merged);
        for (Scope.Column c : join.left.scope.starColumns()) {
            if (!leftUsing.contains(c.index())) {
                star.add(c);
            }
        }
        for (Scope.Column c : join.right.scope.starColumns()) {
            if (!rightUsing.contains(c.index())) {
                star.add(c.at(c.index() + join.left.width));
            }
        }
        join.width += join.fullJoinMerged.size();
        join.scope = new Scope(columns, star, blockOuter, correlation);
        if (usingCondition != null) {
            // USING columns are compared in a scope that names the two sides "#left" and "#right".
            List<Scope.Column> sides = new ArrayList<>();
            for (String name : using) {
                Scope.Column l = usingColumn(join.left.scope, name, "left");
                Scope.Column r = usingColumn(join.right.scope, name, "right");
                sides.add(new Scope.Column("#left", null, name, l.type(), l.index(), null, false));
                sides.add(new Scope.Column("#right", null, name, r.type(), r.index() + join.left.width, null, false));
            }
            Scope sideScope = new Scope(sides, sides, blockOuter, correlation);
            for (Expr e : ExprTrees.conjuncts(usingCondition)) {
                join.conditions.add(new Conjunct(e, sideScope, -1));
            }
        }
        if (j.condition() != null) {
            if (ExprTrees.containsAggregate(j.condition(), functions::isAggregate)) {
                throw new StripeJdbcException(
                        SqlState.GROUPING_ERROR, "aggregate functions are not allowed in JOIN conditions");
            }
            for (Expr e : ExprTrees.conjuncts(j.condition())) {
                join.conditions.add(new Conjunct(e, join.scope, -1));
            }
        }
        return join;
    }

    private static Scope.Column usingColumn(Scope scope, String name, String side) {
        Scope.Column found = null;
        for (Scope.Column c : scope.columns()) {
            if (c.name().equals(name) && !c.hiddenFromUnqualified() && !c.wholeRow()) {
                if (found != null && found.index() != c.index()) {
                    throw new StripeJdbcException(
                            SqlState.AMBIGUOUS_COLUMN,
                            "common column name \"" + name + "\" appears more than once in " + side + " table");
                }
                found = c;
            }
        }
        if (found == null) {
            throw new StripeJdbcException(
                    SqlState.UNDEFINED_COLUMN,
                    "column \"" + name + "\" specified in USING clause does not exist in " + side + " table");
        }
        return found;
    }
}
