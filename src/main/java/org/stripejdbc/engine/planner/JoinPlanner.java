package org.stripejdbc.engine.planner;

import static org.stripejdbc.engine.planner.FromTree.leaves;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.LookupOrScan;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.ScanPlan;
import org.stripejdbc.engine.TableSource;
import org.stripejdbc.engine.expression.Coercion;
import org.stripejdbc.engine.expression.ColumnExpression;
import org.stripejdbc.engine.expression.ExpressionCompiler;
import org.stripejdbc.engine.expression.OperatorExpression;
import org.stripejdbc.engine.expression.Operators;
import org.stripejdbc.engine.expression.Scope;
import org.stripejdbc.engine.expression.SubqueryPlanner;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.operator.FilterNode;
import org.stripejdbc.engine.operator.JoinNode;
import org.stripejdbc.engine.operator.KeyedPrefetch;
import org.stripejdbc.engine.operator.LookupOrHashJoinNode;
import org.stripejdbc.engine.operator.PlanNode;
import org.stripejdbc.engine.operator.ProjectNode;
import org.stripejdbc.engine.operator.ScanNode;
import org.stripejdbc.engine.operator.SubPlan;
import org.stripejdbc.engine.planner.FromTree.Conjunct;
import org.stripejdbc.engine.planner.FromTree.Join;
import org.stripejdbc.engine.planner.FromTree.Leaf;
import org.stripejdbc.engine.planner.FromTree.Relation;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprPrinter;
import org.stripejdbc.sql.ExprTrees;
import org.stripejdbc.sql.FromItem.JoinType;
import org.stripejdbc.sql.Query;
import org.stripejdbc.types.SqlType;

/**
 * Turns a {@link FromTree} whose conjuncts are placed ({@link ConjunctPlacement}) into operators: a base table becomes
 * a scan whose conjuncts are offered to its {@link TableSource#plan} (Calcite's contract: the source returns what it
 * does not handle exactly as residual, evaluated here); a derived relation gets a filter for its conjuncts; a join
 * becomes a hash join when its conditions hold an equality between the sides, a nested loop otherwise, a lateral join
 * when its right side reads the left row, or a <em>keyed</em> join (join pushdown) when one side can be fetched by
 * its join key and the other side is small, or cannot be read at all without such a key.
 *
 * <p>Example: {@code from stripe.invoices i join stripe.customers c on c.id = i.customer where i.id = 'in_1'} scans
 * invoices with {@code i.id = 'in_1'} (one retrieve: at most one row), so customers are fetched per key:
 * {@code c.id = ANY($n)} with the invoice's customer, one retrieve, instead of listing every customer.
 */
final class JoinPlanner {
    private final QueryPlanner planner;
    private final FunctionRegistry functions;
    private final ConjunctPlacement placement;
    /** The subqueries of {@code x = ANY(ARRAY(subquery))} conjuncts, planned once ({@link FromPlanner}). */
    private final Map<Query, QueryPlanner.Planned> initPlans;

    JoinPlanner(
            QueryPlanner planner,
            FunctionRegistry functions,
            ConjunctPlacement placement,
            Map<Query, QueryPlanner.Planned> initPlans) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.functions = Objects.requireNonNull(functions, "functions");
        this.placement = Objects.requireNonNull(placement, "placement");
        this.initPlans = Objects.requireNonNull(initPlans, "initPlans");
    }

    /** The correlated subqueries planned for the join condition being compiled (run per joined row). */
    private final List<SubPlan> conditionSubPlans = new ArrayList<>();

    /** Plans a subquery: the one planned already when it is an init plan's. */
    private SubqueryPlanner.Subquery planSubquery(Query query, Scope outer) {
        QueryPlanner.Planned planned = initPlans.get(query);
        if (planned != null) {
            return planned;
        }
        SubqueryPlanner.Subquery subquery = planner.planSubquery(query, outer);
        conditionSubPlans.addAll(planner.takeSubPlans(outer)); // shown by the join whose condition runs them
        return subquery;
    }

    /** The operator producing {@code relation}'s rows, with the conjuncts placed in it. */
    PlanNode build(Relation relation) {
        if (relation instanceof Leaf leaf) {
            return leaf.table != null ? scan(leaf, null) : derived(leaf);
        }
        Join join = (Join) relation;
        List<CompiledExpression> leftKeys = new ArrayList<>();
        List<CompiledExpression> rightKeys = new ArrayList<>();
        List<EquiKey> equiKeys = new ArrayList<>();
        List<CompiledExpression> others = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        Set<Leaf> leftLeaves = leaves(join.left);
        Set<Leaf> rightLeaves = leaves(join.right);
        for (Conjunct conjunct : join.conditions) {
            descriptions.add(ExprPrinter.print(conjunct.expression()));
            if (!join.lateralRight
                    && conjunct.expression() instanceof Expr.Binary b
                    && b.operator() == Expr.BinaryOperator.EQUALS
                    && !ExprTrees.containsSubquery(b)) {
                Set<Leaf> a = placement.leavesOf(b.left(), conjunct);
                Set<Leaf> c = placement.leavesOf(b.right(), conjunct);
                Expr leftSide = null;
                Expr rightSide = null;
                if (!a.isEmpty() && !c.isEmpty() && leftLeaves.containsAll(a) && rightLeaves.containsAll(c)) {
                    leftSide = b.left();
                    rightSide = b.right();
                } else if (!a.isEmpty() && !c.isEmpty() && rightLeaves.containsAll(a) && leftLeaves.containsAll(c)) {
                    leftSide = b.right();
                    rightSide = b.left();
                }
                if (leftSide != null) {
                    CompiledExpression l = compiler(conjunct, join.left).compile(leftSide);
                    CompiledExpression r = compiler(conjunct, join.right).compile(rightSide);
                    SqlType type = Operators.comparisonType("=", l.type(), r.type());
                    leftKeys.add(Coercion.coerce(l, type));
                    rightKeys.add(Coercion.coerce(r, type));
                    equiKeys.add(new EquiKey(conjunct, leftSide, rightSide, l.type(), r.type(), type));
                    continue;
                }
            }
            others.add(compiler(conjunct, join).compilePredicate(conjunct.expression()));
        }
        CompiledExpression condition = SubPlan.attach(and(others), List.copyOf(conditionSubPlans));
        conditionSubPlans.clear();
        String description = String.join(" AND ", descriptions);

        // Join pushdown: a side that can be fetched by its join key is fetched per key when the other side is
        // small, or when it cannot be read at all without such a key (setup_attempts, mandates, tokens).
        KeyCandidate rightCandidate = keyCandidate(join, false, equiKeys);
        KeyCandidate leftCandidate = keyCandidate(join, true, equiKeys);
        Side left = buildSide(join.left, leftCandidate);
        Side right = buildSide(join.right, rightCandidate);
        PlanNode keyed = keyedJoin(
                join, right, rightCandidate, left, true, equiKeys, leftKeys, rightKeys, condition, description);
        if (keyed == null) {
            keyed = keyedJoin(
                    join, left, leftCandidate, right, false, equiKeys, leftKeys, rightKeys, condition, description);
        }
        if (keyed != null) {
            return keyed;
        }
        for (Side side : new Side[] {left, right}) {
            if (side.failure() != null) {
                throw side.failure();
            }
        }
        JoinNode.Strategy strategy = join.lateralRight
                ? JoinNode.Strategy.LATERAL
                : leftKeys.isEmpty() ? JoinNode.Strategy.NESTED_LOOP : JoinNode.Strategy.HASH;
        PlanNode node = new JoinNode(
                left.node(), right.node(), join.type, strategy, leftKeys, rightKeys, condition, description);
        if (!join.fullJoinMerged.isEmpty()) {
            node = appendMerged(node, join);
        }
        return node;
    }

    /**
     * A side of a join as planned on its own: its node, or (when it is a table that could be fetched by key) the
     * 0A000 its table gave for a scan without such a key.
     */
    private record Side(PlanNode node, StripeJdbcException failure) {}

    private Side buildSide(Relation relation, KeyCandidate candidate) {
        try {
            return new Side(build(relation), null);
        } catch (StripeJdbcException e) {
            if (candidate == null || e.sqlState() != SqlState.FEATURE_NOT_SUPPORTED) {
                throw e;
            }
            return new Side(null, e);
        }
    }

    /**
     * The keyed join fetching {@code innerSide} per key of {@code outerSide}, or null when it does not apply: the
     * inner side is no candidate, the outer side may be large (and the inner table can be scanned without a key),
     * or the inner table cannot push {@code key = ANY(keys)} exactly.
     */
    private PlanNode keyedJoin(
            Join join,
            Side innerSide,
            KeyCandidate candidate,
            Side outerSide,
            boolean innerIsRight,
            List<EquiKey> equiKeys,
            List<CompiledExpression> leftKeys,
            List<CompiledExpression> rightKeys,
            CompiledExpression condition,
            String description) {
        if (candidate == null || outerSide.node() == null) {
            return null;
        }
        long outerRows = outerSide.node().maximumRows();
        boolean small = outerRows >= 0 && outerRows <= JoinNode.KEYED_BATCH_KEYS;
        // Neither small nor unreadable without a key: decided when it runs, by the outer side's distinct keys.
        boolean decidedWhenRun = innerSide.failure() == null && !small;
        ScanNode inner = scan(candidate.leaf(), candidate.column());
        if (inner == null) {
            return null;
        }
        EquiKey key = equiKeys.get(candidate.keyIndex());
        Expr outerKey = innerIsRight ? key.leftSide() : key.rightSide();
        String keyDescription = candidate.leaf().alias + "." + candidate.column() + " = ANY(keys of "
                + ExprPrinter.print(outerKey) + ")";
        String reason = decidedWhenRun
                ? "the " + (innerIsRight ? "left" : "right") + " side has at most " + LookupOrScan.ALWAYS_LOOKED_UP
                        + " distinct keys"
                : innerSide.failure() != null
                        ? candidate.leaf().title + " cannot be read without such a key"
                        : "the " + (innerIsRight ? "left" : "right") + " side has at most " + outerRows
                                + (outerRows == 1 ? " row" : " rows");
        JoinNode.KeyedFetch fetch =
                new JoinNode.KeyedFetch(innerIsRight, inner, candidate.keyIndex(), keyDescription, reason);
        if (decidedWhenRun) {
            return new LookupOrHashJoinNode(
                    outerSide.node(), innerSide.node(), fetch, join.type, leftKeys, rightKeys, condition, description);
        }
        return JoinNode.keyed(outerSide.node(), fetch, join.type, leftKeys, rightKeys, condition, description);
    }

    /**
     * An equality between the two sides of a join: the expressions written for each side, their types, and the
     * type they are compared in.
     */
    private record EquiKey(
            Conjunct conjunct,
            Expr leftSide,
            Expr rightSide,
            SqlType leftType,
            SqlType rightType,
            SqlType comparisonType) {}

    /** A side of a join that could be fetched per key: its table, and the column and key pair it is fetched by. */
    private record KeyCandidate(Leaf leaf, String column, int keyIndex) {}

    /**
     * The left (or right) side of {@code join} as the inner side of a keyed join: a base table the join type
     * does not preserve, with a join key that is one of its columns compared in that column's own type. The
     * table decides later whether the column can be pushed ({@code id}, a pushable field).
     */
    private KeyCandidate keyCandidate(Join join, boolean leftSide, List<EquiKey> equiKeys) {
        Relation side = leftSide ? join.left : join.right;
        boolean preserved = leftSide
                ? join.type == JoinType.LEFT || join.type == JoinType.FULL
                : join.type == JoinType.RIGHT || join.type == JoinType.FULL;
        if (join.lateralRight || preserved || !(side instanceof Leaf leaf) || leaf.table == null || leaf.lateral) {
            return null;
        }
        for (int i = 0; i < equiKeys.size(); i++) {
            EquiKey key = equiKeys.get(i);
            Expr expression = leftSide ? key.leftSide() : key.rightSide();
            SqlType type = leftSide ? key.leftType() : key.rightType();
            if (!(expression instanceof Expr.ColumnRef ref)
                    || type != key.comparisonType()
                    || (type != SqlType.TEXT && type != SqlType.BOOLEAN)) {
                continue;
            }
            Scope.Resolved resolved = key.conjunct().home().resolve(ref);
            int local = key.conjunct().homeOffset() + resolved.column().index() - leaf.rootOffset;
            if (resolved.depth() == 0 && local >= 0 && local < leaf.width) {
                return new KeyCandidate(leaf, leaf.table.columns().get(local).name(), i);
            }
        }
        return null;
    }

    /** FULL JOIN ... USING: the merged columns are {@code coalesce(left.c, right.c)}, appended after both sides. */
    private static PlanNode appendMerged(PlanNode node, Join join) {
        List<CompiledExpression> expressions = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>(node.columns());
        for (int i = 0; i < node.columns().size(); i++) {
            ResultColumn c = node.columns().get(i);
            expressions.add(new ColumnExpression(0, i, c.type(), c.name()));
        }
        int base = join.left.width + join.right.width;
        for (int k = 0; k < join.fullJoinMerged.size(); k++) {
            int[] sides = join.fullJoinMerged.get(k);
            Scope.Column merged = null;
            for (Scope.Column c : join.scope.columns()) {
                if (c.index() == base + k) {
                    merged = c;
                }
            }
            SqlType type = merged.type();
            CompiledExpression l = Coercion.coerce(
                    new ColumnExpression(
                            0, sides[0], node.columns().get(sides[0]).type(), merged.name()),
                    type);
            CompiledExpression r = Coercion.coerce(
                    new ColumnExpression(
                            0, sides[1], node.columns().get(sides[1]).type(), merged.name()),
                    type);
            expressions.add(OperatorExpression.of(type, "coalesce", (row, env) -> {
                Object value = l.evaluate(row, env);
                return value != null ? value : r.evaluate(row, env);
            }));
            columns.add(ResultColumn.of(merged.name(), type));
        }
        return new ProjectNode(node, expressions, columns);
    }

    /** A compiler for {@code conjunct} whose column positions are those of {@code relation}'s rows. */
    private ExpressionCompiler compiler(Conjunct conjunct, Relation relation) {
        Scope scope = conjunct.home().shifted(conjunct.homeOffset() - relation.rootOffset);
        return new ExpressionCompiler(functions, scope, this::planSubquery, "JOIN conditions");
    }

    private static CompiledExpression and(List<CompiledExpression> conditions) {
        if (conditions.isEmpty()) {
            return null;
        }
        if (conditions.size() == 1) {
            return conditions.get(0);
        }
        CompiledExpression[] all = conditions.toArray(new CompiledExpression[0]);
        return OperatorExpression.of(SqlType.BOOLEAN, "and", (row, env) -> {
            boolean sawNull = false;
            for (CompiledExpression c : all) {
                Object value = c.evaluate(row, env);
                if (Boolean.FALSE.equals(value)) {
                    return false;
                }
                sawNull |= value == null;
            }
            return sawNull ? null : Boolean.TRUE;
        });
    }

    private PlanNode derived(Leaf leaf) {
        if (leaf.conjuncts.isEmpty()) {
            return leaf.node;
        }
        List<CompiledExpression> conditions = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        for (Conjunct conjunct : leaf.conjuncts) {
            conditions.add(compiler(conjunct, leaf).forClause("WHERE").compilePredicate(conjunct.expression()));
            descriptions.add(ExprPrinter.print(conjunct.expression()));
        }
        return new FilterNode(leaf.node, and(conditions), String.join(" AND ", descriptions));
    }

    /**
     * A base table: its conjuncts are rewritten to name its columns under its alias (references to enclosing
     * blocks become parameters numbered after the statement's own) and offered to the source.
     *
     * <p>With a {@code keyColumn}, the scan is the inner side of a keyed join: {@code alias.keyColumn = ANY($n)}
     * is offered first ({@code $n} the parameter after the correlation values: the keys of a batch); null when the
     * table cannot push that condition exactly (it is then not fetched per key).
     */
    ScanNode scan(Leaf leaf, String keyColumn) {
        List<Expr> offered = new ArrayList<>();
        List<CompiledExpression> correlationValues = new ArrayList<>();
        List<ScanNode.InitPlan> scanInitPlans = new ArrayList<>();
        int base = planner.parameterBase();
        for (Conjunct conjunct : leaf.conjuncts) {
            offered.add(ExprTrees.rewrite(conjunct.expression(), e -> {
                Query initPlan = initPlanOf(e);
                if (initPlan != null) {
                    // Numbered after the correlated parameters, once their count is known (below).
                    ExpressionCompiler compiler =
                            new ExpressionCompiler(functions, conjunct.home(), this::planSubquery, "WHERE");
                    scanInitPlans.add(new ScanNode.InitPlan(
                            compiler.compile(e), initPlans.get(initPlan).node()));
                    return new Expr.Parameter(-scanInitPlans.size());
                }
                if (!(e instanceof Expr.ColumnRef ref)) {
                    return null;
                }
                Scope.Resolved resolved = conjunct.home().resolve(ref);
                if (resolved.depth() > 0) {
                    correlationValues.add(new ColumnExpression(
                            resolved.depth(),
                            resolved.column().index(),
                            resolved.column().type(),
                            resolved.column().name()));
                    return new Expr.Parameter(base + correlationValues.size());
                }
                int local = conjunct.homeOffset() + resolved.column().index() - leaf.rootOffset;
                return new Expr.ColumnRef(
                        leaf.alias, leaf.table.columns().get(local).name());
            }));
        }
        if (!scanInitPlans.isEmpty()) {
            int first = base + correlationValues.size();
            offered.replaceAll(conjunct -> ExprTrees.rewrite(
                    conjunct,
                    e -> e instanceof Expr.Parameter p && p.index() < 0
                            ? new Expr.Parameter(first - p.index())
                            : null));
        }
        Expr keyCondition = null;
        if (keyColumn != null) {
            keyCondition = new Expr.Quantified(
                    Expr.BinaryOperator.EQUALS,
                    new Expr.ColumnRef(leaf.alias, keyColumn),
                    new Expr.Parameter(base + correlationValues.size() + scanInitPlans.size() + 1),
                    false);
            offered.add(0, keyCondition);
        }
        ScanPlan plan;
        try {
            plan = leaf.table.plan(List.copyOf(offered), planner.columnsRead(leaf.alias));
        } catch (StripeJdbcException e) {
            if (keyColumn != null) {
                return null;
            }
            throw e;
        }
        List<Expr> residual = plan.residual();
        if (keyCondition != null && residual.contains(keyCondition)) {
            return null;
        }
        CompiledExpression filter = null;
        if (!residual.isEmpty()) {
            Scope tableScope =
                    Scope.ofRelation(leaf.alias, null, null, leaf.table.columns(), null, new Scope.Correlation());
            ExpressionCompiler compiler = new ExpressionCompiler(functions, tableScope, null, "WHERE");
            List<CompiledExpression> conditions = new ArrayList<>();
            for (Expr e : residual) {
                conditions.add(compiler.compilePredicate(e));
            }
            filter = and(conditions);
        }
        ScanNode scan = new ScanNode(
                leaf.title,
                leaf.table.columns(),
                plan,
                filter,
                null,
                base,
                correlationValues,
                scanInitPlans,
                keyColumn != null);
        return keyColumn == null && !correlationValues.isEmpty() ? prefetchable(scan, leaf, offered) : scan;
    }

    /**
     * A correlated scan whose conditions include {@code column = <a column of the enclosing block>} (text or
     * boolean, the same type on both sides), made to find its rows in a {@link KeyedPrefetch} registered for the
     * enclosing block: the table read once with the conditions that do not read the enclosing row, or fetched by
     * {@code column = ANY(keys)}. Otherwise (or when the table can be read neither way) {@code scan} as it is.
     */
    private ScanNode prefetchable(ScanNode scan, Leaf leaf, List<Expr> offered) {
        int base = planner.parameterBase();
        for (int i = 0; i < leaf.conjuncts.size(); i++) {
            Conjunct conjunct = leaf.conjuncts.get(i);
            if (!(conjunct.expression() instanceof Expr.Binary b)
                    || b.operator() != Expr.BinaryOperator.EQUALS
                    || !(offered.get(i) instanceof Expr.Binary rewritten)) {
                continue;
            }
            Expr.ColumnRef local = rewritten.left() instanceof Expr.ColumnRef l
                            && rewritten.right() instanceof Expr.Parameter
                    ? l
                    : rewritten.right() instanceof Expr.ColumnRef r && rewritten.left() instanceof Expr.Parameter
                            ? r
                            : null;
            Expr outerSide = local == rewritten.left() ? b.right() : b.left();
            int parameter = local == null
                    ? -1
                    : ((Expr.Parameter) (local == rewritten.left() ? rewritten.right() : rewritten.left())).index();
            if (local == null || !(outerSide instanceof Expr.ColumnRef outerRef) || parameter <= base) {
                continue;
            }
            Scope.Resolved outer = conjunct.home().resolve(outerRef);
            int column = columnIndex(leaf, local.name());
            SqlType type = column < 0 ? null : leaf.table.columns().get(column).type();
            if (outer.depth() != 1
                    || outer.column().wholeRow()
                    || outer.column().type() != type
                    || (type != SqlType.TEXT && type != SqlType.BOOLEAN)
                    || conjunct.home().outer() == null) {
                continue;
            }
            Leaf uncorrelated = copyWithout(leaf, offered, base);
            ScanNode whole;
            try {
                whole = scan(uncorrelated, null);
            } catch (StripeJdbcException e) {
                if (e.sqlState() != SqlState.FEATURE_NOT_SUPPORTED) {
                    throw e;
                }
                whole = null;
            }
            ScanNode lookups = scan(uncorrelated, local.name());
            if (whole == null && lookups == null) {
                return scan;
            }
            Scope tableScope =
                    Scope.ofRelation(leaf.alias, null, null, leaf.table.columns(), null, new Scope.Correlation());
            CompiledExpression conditions = new ExpressionCompiler(functions, tableScope, null, "WHERE")
                    .compilePredicate(ExprTrees.and(offered));
            KeyedPrefetch prefetch = new KeyedPrefetch(
                    whole,
                    lookups,
                    column,
                    new ColumnExpression(
                            0, outer.column().index(), type, outer.column().name()),
                    ExprPrinter.print(b));
            planner.registerPrefetch(conjunct.home().outer(), prefetch);
            return scan.withPrefetch(prefetch, parameter - base - 1, conditions);
        }
        return scan;
    }

    private static int columnIndex(Leaf leaf, String name) {
        List<ResultColumn> columns = leaf.table.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code leaf} with only its conjuncts that read no enclosing row (those offered without a parameter of it). */
    private static Leaf copyWithout(Leaf leaf, List<Expr> offered, int base) {
        Leaf copy = new Leaf();
        copy.title = leaf.title;
        copy.table = leaf.table;
        copy.alias = leaf.alias;
        copy.scope = leaf.scope;
        copy.width = leaf.width;
        copy.rootOffset = leaf.rootOffset;
        for (int i = 0; i < leaf.conjuncts.size(); i++) {
            boolean correlated = ExprTrees.any(offered.get(i), e -> e instanceof Expr.Parameter p && p.index() > base);
            if (!correlated) {
                copy.conjuncts.add(leaf.conjuncts.get(i));
            }
        }
        return copy;
    }

    /** The subquery of an init plan's {@code ARRAY(subquery)}, or null when {@code e} is not one. */
    private Query initPlanOf(Expr e) {
        return e instanceof Expr.FunctionCall f
                        && f.name().equals("array")
                        && f.arguments().size() == 1
                        && f.arguments().get(0) instanceof Expr.ScalarSubquery s
                        && initPlans.containsKey(s.subquery())
                ? s.subquery()
                : null;
    }
}
