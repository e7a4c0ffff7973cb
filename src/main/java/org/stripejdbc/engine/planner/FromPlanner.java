package org.stripejdbc.engine.planner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.ScanPlan;
import org.stripejdbc.engine.TableScanner;
import org.stripejdbc.engine.TableSource;
import org.stripejdbc.engine.expression.Coercion;
import org.stripejdbc.engine.expression.ColumnExpression;
import org.stripejdbc.engine.expression.ExprTrees;
import org.stripejdbc.engine.expression.ExpressionCompiler;
import org.stripejdbc.engine.expression.ExpressionPrinter;
import org.stripejdbc.engine.expression.OperatorExpression;
import org.stripejdbc.engine.expression.Operators;
import org.stripejdbc.engine.expression.Scope;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.operator.FilterNode;
import org.stripejdbc.engine.operator.FunctionScanNode;
import org.stripejdbc.engine.operator.JoinNode;
import org.stripejdbc.engine.operator.PlanNode;
import org.stripejdbc.engine.operator.ProjectNode;
import org.stripejdbc.engine.operator.RelabelNode;
import org.stripejdbc.engine.operator.ScanNode;
import org.stripejdbc.engine.operator.SetReturningCall;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.FromItem.JoinType;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.types.SqlType;

/**
 * Plans one query block's FROM clause together with its WHERE conjuncts.
 *
 * <p>The FROM items become a tree of relations; every conjunct (of WHERE, and of each ON) is then placed as deep as
 * it may go without changing the result: a conjunct that references one table only is offered to that table's
 * {@link TableSource#plan} (Calcite's contract: the source returns what it does not handle exactly as residual),
 * unless an outer join makes that table the NULL-supplying side; one that spans both sides of an inner join becomes
 * that join's condition (an equality between the sides makes it a hash join). What cannot go down stays as a filter
 * above the joins.
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
    /** For each column of the FROM clause's rows, the leaves it comes from. */
    private List<Set<Leaf>> indexLeaves;

    /** A relation of the FROM tree: its names (indexes local to its own rows) and width. */
    abstract static class Relation {
        Scope scope;
        int width;
        int rootOffset;
    }

    /** A FROM item: a base table, or a derived relation (subquery, VALUES, function, WITH query). */
    static final class Leaf extends Relation {
        String title;
        TableSource table;
        String alias;
        PlanNode node;
        boolean lateral;
        final List<Conjunct> conjuncts = new ArrayList<>();
    }

    /** A join of two relations; {@code conditions} collects its ON conjuncts and the WHERE conjuncts placed here. */
    static final class Join extends Relation {
        Relation left;
        Relation right;
        JoinType type;
        final List<Conjunct> conditions = new ArrayList<>();
        final List<int[]> fullJoinMerged = new ArrayList<>();
        boolean lateralRight;
    }

    /** A condition and the scope it was written in ({@code homeOffset}: where that scope's columns start). */
    record Conjunct(Expr expression, Scope home, int homeOffset) {}

    /** What a conjunct references: relations of this block, and whether it references enclosing blocks too. */
    private record References(Set<Leaf> leaves, boolean outer) {}

    /**
     * The planned FROM clause: the node, its names, the conditions left for a filter above it, and the conditions
     * that reference no column of the block (evaluated once per execution).
     */
    public record Planned(PlanNode node, Scope scope, List<Conjunct> remaining, List<Conjunct> oneTime) {}

    FromPlanner(QueryPlanner planner, FunctionRegistry functions, Scope blockOuter, Scope.Correlation correlation) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.functions = Objects.requireNonNull(functions, "functions");
        this.blockOuter = blockOuter;
        this.correlation = Objects.requireNonNull(correlation, "correlation");
    }

    /** Plans {@code from} with the WHERE conjuncts {@code where} (already checked: no aggregates, no windows). */
    Planned plan(FromItem from, List<Expr> where) {
        Relation root = build(from, null);
        assignOffsets(root, 0);
        indexLeaves = new ArrayList<>();
        for (int i = 0; i < root.width; i++) {
            indexLeaves.add(new HashSet<>());
        }
        mapLeaves(root, indexLeaves);
        List<Conjunct> remaining = new ArrayList<>();
        List<Conjunct> oneTime = new ArrayList<>();
        distributeJoinConditions(root, indexLeaves);
        for (Expr e : where) {
            Conjunct conjunct = new Conjunct(e, root.scope, 0);
            if (ExprTrees.containsSubquery(e)) {
                remaining.add(conjunct);
                continue;
            }
            References references = references(conjunct, indexLeaves);
            if (references.leaves().isEmpty()) {
                oneTime.add(conjunct);
            } else if (!place(conjunct, references.leaves(), root)) {
                remaining.add(conjunct);
            }
        }
        PlanNode node = buildNode(root);
        return new Planned(node, root.scope, remaining, oneTime);
    }

    // ---------------------------------------------------------------- building the relation tree

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

    private Leaf table(FromItem.Table t) {
        PlanNode cte = t.name().schema() == null ? planner.commonTableExpression(t.name().name()) : null;
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
        String schema = TableScanner.isPlaceholder(t.name()) ? null : t.name().schema();
        if (schema == null && !columns.isEmpty()) {
            schema = columns.get(0).schema();
        }
        leaf.table = source;
        leaf.title = (schema == null ? "" : schema + ".") + t.name().name()
                + (t.alias() != null && !t.alias().equals(t.name().name()) ? " " + t.alias() : "");
        leaf.scope = Scope.ofRelation(alias, t.alias() == null ? schema : null, t.name().name(),
                columns, blockOuter, correlation);
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
            throw new StripeJdbcException(SqlState.INVALID_COLUMN_REFERENCE, "table \"" + relation + "\" has "
                    + columns.size() + " columns available but " + aliases.size() + " columns specified");
        }
        List<ResultColumn> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn c = columns.get(i);
            out.add(i < aliases.size() ? new ResultColumn(aliases.get(i), c.type(), null, null) : c);
        }
        return out;
    }

    private Leaf function(FromItem.Function f, Scope leftScope) {
        Scope.Correlation functionCorrelation = new Scope.Correlation();
        Scope argumentScope = Scope.empty(leftScope != null ? leftScope : blockOuter, functionCorrelation);
        ExpressionCompiler compiler = new ExpressionCompiler(functions, argumentScope, planner::planSubquery,
                "functions in FROM");
        SetReturningCall compiled = SetReturningCompiler.compile(f.call(), compiler);
        boolean lateral = leftScope != null && functionCorrelation.referencesOuter();
        if (leftScope == null && functionCorrelation.referencesOuter()) {
            correlation.markReferencesOuter();
        }
        String alias = f.alias() != null ? f.alias() : f.call().name();
        List<ResultColumn> columns = new ArrayList<>(compiled.columns());
        if (columns.size() == 1 && !compiled.fixedNames() && f.alias() != null) {
            columns.set(0, ResultColumn.of(f.alias(), columns.get(0).type()));
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
        leaf.scope = compiled.columns().size() == 1 && f.columnAliases().isEmpty() ? scope.withWholeRowAlias(alias)
                : scope;
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
        if (join.lateralRight && join.type != JoinType.INNER && join.type != JoinType.LEFT
                && join.type != JoinType.CROSS) {
            throw new StripeJdbcException(SqlState.INVALID_COLUMN_REFERENCE,
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
            Expr equality = new Expr.Binary(Expr.BinaryOperator.EQUALS,
                    new Expr.ColumnRef("#left", name), new Expr.ColumnRef("#right", name));
            usingCondition = usingCondition == null ? equality
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
            if (ExprTrees.containsAggregate(j.condition(), functions)) {
                throw new StripeJdbcException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in JOIN conditions");
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
                    throw new StripeJdbcException(SqlState.AMBIGUOUS_COLUMN, "common column name \"" + name
                            + "\" appears more than once in " + side + " table");
                }
                found = c;
            }
        }
        if (found == null) {
            throw new StripeJdbcException(SqlState.UNDEFINED_COLUMN, "column \"" + name
                    + "\" specified in USING clause does not exist in " + side + " table");
        }
        return found;
    }

    // ---------------------------------------------------------------- offsets and references

    private static void assignOffsets(Relation relation, int offset) {
        relation.rootOffset = offset;
        if (relation instanceof Join join) {
            assignOffsets(join.left, offset);
            assignOffsets(join.right, offset + join.left.width);
            List<Conjunct> fixed = new ArrayList<>();
            for (Conjunct c : join.conditions) {
                fixed.add(c.homeOffset() < 0 ? new Conjunct(c.expression(), c.home(), offset) : c);
            }
            join.conditions.clear();
            join.conditions.addAll(fixed);
        }
    }

    private static void mapLeaves(Relation relation, List<Set<Leaf>> indexLeaves) {
        if (relation instanceof Leaf leaf) {
            for (int i = 0; i < leaf.width; i++) {
                indexLeaves.get(leaf.rootOffset + i).add(leaf);
            }
            return;
        }
        Join join = (Join) relation;
        mapLeaves(join.left, indexLeaves);
        mapLeaves(join.right, indexLeaves);
        int base = join.rootOffset + join.left.width + join.right.width;
        for (int k = 0; k < join.fullJoinMerged.size(); k++) {
            int[] sides = join.fullJoinMerged.get(k);
            indexLeaves.get(base + k).addAll(indexLeaves.get(join.rootOffset + sides[0]));
            indexLeaves.get(base + k).addAll(indexLeaves.get(join.rootOffset + sides[1]));
        }
    }

    private References references(Conjunct conjunct, List<Set<Leaf>> indexLeaves) {
        Set<Leaf> leaves = new LinkedHashSet<>();
        boolean[] outer = {false};
        ExprTrees.any(conjunct.expression(), e -> {
            if (e instanceof Expr.ColumnRef ref) {
                Scope.Resolved resolved = conjunct.home().resolve(ref);
                if (resolved.depth() > 0) {
                    outer[0] = true;
                } else {
                    leaves.addAll(indexLeaves.get(conjunct.homeOffset() + resolved.column().index()));
                }
            }
            return false;
        });
        return new References(leaves, outer[0]);
    }

    private static Set<Leaf> leaves(Relation relation) {
        Set<Leaf> out = new HashSet<>();
        collectLeaves(relation, out);
        return out;
    }

    private static void collectLeaves(Relation relation, Set<Leaf> out) {
        if (relation instanceof Leaf leaf) {
            out.add(leaf);
        } else {
            Join join = (Join) relation;
            collectLeaves(join.left, out);
            collectLeaves(join.right, out);
        }
    }

    // ---------------------------------------------------------------- placing conjuncts

    /**
     * Puts {@code conjunct} (which references exactly {@code referenced}) as deep under {@code relation} as it can
     * go; false when it cannot be placed at or under {@code relation} (the caller keeps it above).
     */
    private boolean place(Conjunct conjunct, Set<Leaf> referenced, Relation relation) {
        if (relation instanceof Leaf leaf) {
            if (leaf.lateral || !referenced.equals(Set.of(leaf))) {
                return false;
            }
            leaf.conjuncts.add(conjunct);
            return true;
        }
        Join join = (Join) relation;
        JoinType type = join.type;
        boolean leftFilterable = type == JoinType.INNER || type == JoinType.CROSS || type == JoinType.LEFT;
        boolean rightFilterable = type == JoinType.INNER || type == JoinType.CROSS || type == JoinType.RIGHT;
        if (leftFilterable && leaves(join.left).containsAll(referenced) && place(conjunct, referenced, join.left)) {
            return true;
        }
        if (rightFilterable && leaves(join.right).containsAll(referenced) && place(conjunct, referenced, join.right)) {
            return true;
        }
        if (type == JoinType.INNER || type == JoinType.CROSS) {
            join.conditions.add(conjunct);
            return true;
        }
        return false;
    }

    /** Pushes each join's own ON conjuncts down where the join type allows it. */
    private void distributeJoinConditions(Relation relation, List<Set<Leaf>> indexLeaves) {
        if (!(relation instanceof Join join)) {
            return;
        }
        distributeJoinConditions(join.left, indexLeaves);
        distributeJoinConditions(join.right, indexLeaves);
        List<Conjunct> own = new ArrayList<>(join.conditions);
        join.conditions.clear();
        for (Conjunct conjunct : own) {
            if (ExprTrees.containsSubquery(conjunct.expression())) {
                join.conditions.add(conjunct);
                continue;
            }
            References references = references(conjunct, indexLeaves);
            Set<Leaf> referenced = references.leaves();
            boolean placed = false;
            if (!referenced.isEmpty()) {
                switch (join.type) {
                    case INNER: case CROSS:
                        placed = (leaves(join.left).containsAll(referenced) && place(conjunct, referenced, join.left))
                                || (leaves(join.right).containsAll(referenced)
                                && place(conjunct, referenced, join.right));
                        break;
                    case LEFT:
                        placed = leaves(join.right).containsAll(referenced) && place(conjunct, referenced, join.right);
                        break;
                    case RIGHT:
                        placed = leaves(join.left).containsAll(referenced) && place(conjunct, referenced, join.left);
                        break;
                    default:
                        break;
                }
            }
            if (!placed) {
                join.conditions.add(conjunct);
            }
        }
    }

    // ---------------------------------------------------------------- building operators

    private PlanNode buildNode(Relation relation) {
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
            descriptions.add(ExpressionPrinter.print(conjunct.expression()));
            if (!join.lateralRight && conjunct.expression() instanceof Expr.Binary b
                    && b.operator() == Expr.BinaryOperator.EQUALS && !ExprTrees.containsSubquery(b)) {
                Set<Leaf> a = sideLeaves(b.left(), conjunct);
                Set<Leaf> c = sideLeaves(b.right(), conjunct);
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
        CompiledExpression condition = and(others);
        String description = String.join(" AND ", descriptions);

        // Join pushdown: a side that can be fetched by its join key is fetched per key when the other side is
        // small, or when it cannot be read at all without such a key (setup_attempts, mandates, tokens).
        KeyCandidate rightCandidate = keyCandidate(join, false, equiKeys);
        KeyCandidate leftCandidate = keyCandidate(join, true, equiKeys);
        Side left = buildSide(join.left, leftCandidate);
        Side right = buildSide(join.right, rightCandidate);
        PlanNode keyed = keyedJoin(join, right, rightCandidate, left, true, equiKeys, leftKeys, rightKeys, condition,
                description);
        if (keyed == null) {
            keyed = keyedJoin(join, left, leftCandidate, right, false, equiKeys, leftKeys, rightKeys, condition,
                    description);
        }
        if (keyed != null) {
            return keyed;
        }
        for (Side side : new Side[] {left, right}) {
            if (side.failure() != null) {
                throw side.failure();
            }
        }
        JoinNode.Strategy strategy = join.lateralRight ? JoinNode.Strategy.LATERAL
                : leftKeys.isEmpty() ? JoinNode.Strategy.NESTED_LOOP : JoinNode.Strategy.HASH;
        PlanNode node = new JoinNode(left.node(), right.node(), join.type, strategy, leftKeys, rightKeys, condition,
                description);
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
            return new Side(buildNode(relation), null);
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
    private PlanNode keyedJoin(Join join, Side innerSide, KeyCandidate candidate, Side outerSide, boolean innerIsRight,
                               List<EquiKey> equiKeys, List<CompiledExpression> leftKeys,
                               List<CompiledExpression> rightKeys, CompiledExpression condition, String description) {
        if (candidate == null || outerSide.node() == null) {
            return null;
        }
        long outerRows = outerSide.node().maximumRows();
        boolean small = outerRows >= 0 && outerRows <= JoinNode.KEYED_BATCH_KEYS;
        if (innerSide.failure() == null && !small) {
            return null;
        }
        ScanNode inner = scan(candidate.leaf(), candidate.column());
        if (inner == null) {
            return null;
        }
        EquiKey key = equiKeys.get(candidate.keyIndex());
        Expr outerKey = innerIsRight ? key.leftSide() : key.rightSide();
        String keyDescription = candidate.leaf().alias + "." + candidate.column() + " = ANY(keys of "
                + ExpressionPrinter.print(outerKey) + ")";
        String reason = innerSide.failure() != null
                ? candidate.leaf().title + " cannot be read without such a key"
                : "the " + (innerIsRight ? "left" : "right") + " side has at most " + outerRows
                        + (outerRows == 1 ? " row" : " rows");
        return JoinNode.keyed(outerSide.node(), new JoinNode.KeyedFetch(innerIsRight, inner, candidate.keyIndex(),
                keyDescription, reason), join.type, leftKeys, rightKeys, condition, description);
    }

    /**
     * An equality between the two sides of a join: the expressions written for each side, their types, and the
     * type they are compared in.
     */
    private record EquiKey(Conjunct conjunct, Expr leftSide, Expr rightSide, SqlType leftType, SqlType rightType,
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
        boolean preserved = leftSide ? join.type == JoinType.LEFT || join.type == JoinType.FULL
                : join.type == JoinType.RIGHT || join.type == JoinType.FULL;
        if (join.lateralRight || preserved || !(side instanceof Leaf leaf) || leaf.table == null || leaf.lateral) {
            return null;
        }
        for (int i = 0; i < equiKeys.size(); i++) {
            EquiKey key = equiKeys.get(i);
            Expr expression = leftSide ? key.leftSide() : key.rightSide();
            SqlType type = leftSide ? key.leftType() : key.rightType();
            if (!(expression instanceof Expr.ColumnRef ref) || type != key.comparisonType()
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
            CompiledExpression l = Coercion.coerce(new ColumnExpression(0, sides[0],
                    node.columns().get(sides[0]).type(), merged.name()), type);
            CompiledExpression r = Coercion.coerce(new ColumnExpression(0, sides[1],
                    node.columns().get(sides[1]).type(), merged.name()), type);
            expressions.add(OperatorExpression.of(type, "coalesce", (row, env) -> {
                Object value = l.evaluate(row, env);
                return value != null ? value : r.evaluate(row, env);
            }));
            columns.add(ResultColumn.of(merged.name(), type));
        }
        return new ProjectNode(node, expressions, columns);
    }

    private Set<Leaf> sideLeaves(Expr side, Conjunct conjunct) {
        Set<Leaf> out = new HashSet<>();
        boolean[] outer = {false};
        ExprTrees.any(side, e -> {
            if (e instanceof Expr.ColumnRef ref) {
                Scope.Resolved resolved = conjunct.home().resolve(ref);
                if (resolved.depth() > 0) {
                    outer[0] = true;
                } else {
                    out.addAll(indexLeaves.get(conjunct.homeOffset() + resolved.column().index()));
                }
            }
            return false;
        });
        return out;
    }

    /** A compiler for {@code conjunct} whose column positions are those of {@code relation}'s rows. */
    private ExpressionCompiler compiler(Conjunct conjunct, Relation relation) {
        Scope scope = conjunct.home().shifted(conjunct.homeOffset() - relation.rootOffset);
        return new ExpressionCompiler(functions, scope, planner::planSubquery, "JOIN conditions");
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
            descriptions.add(ExpressionPrinter.print(conjunct.expression()));
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
    private ScanNode scan(Leaf leaf, String keyColumn) {
        List<Expr> offered = new ArrayList<>();
        List<CompiledExpression> correlationValues = new ArrayList<>();
        int base = planner.parameterBase();
        for (Conjunct conjunct : leaf.conjuncts) {
            offered.add(ExprTrees.rewrite(conjunct.expression(), e -> {
                if (!(e instanceof Expr.ColumnRef ref)) {
                    return null;
                }
                Scope.Resolved resolved = conjunct.home().resolve(ref);
                if (resolved.depth() > 0) {
                    correlationValues.add(new ColumnExpression(resolved.depth(), resolved.column().index(),
                            resolved.column().type(), resolved.column().name()));
                    return new Expr.Parameter(base + correlationValues.size());
                }
                int local = conjunct.homeOffset() + resolved.column().index() - leaf.rootOffset;
                return new Expr.ColumnRef(leaf.alias, leaf.table.columns().get(local).name());
            }));
        }
        Expr keyCondition = null;
        if (keyColumn != null) {
            keyCondition = new Expr.Quantified(Expr.BinaryOperator.EQUALS, new Expr.ColumnRef(leaf.alias, keyColumn),
                    new Expr.Parameter(base + correlationValues.size() + 1), false);
            offered.add(0, keyCondition);
        }
        ScanPlan plan;
        try {
            plan = leaf.table.plan(List.copyOf(offered));
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
            Scope tableScope = Scope.ofRelation(leaf.alias, null, null, leaf.table.columns(), null,
                    new Scope.Correlation());
            ExpressionCompiler compiler = new ExpressionCompiler(functions, tableScope, null, "WHERE");
            List<CompiledExpression> conditions = new ArrayList<>();
            for (Expr e : residual) {
                conditions.add(compiler.compilePredicate(e));
            }
            filter = and(conditions);
        }
        return new ScanNode(leaf.title, leaf.table.columns(), plan, filter, null, base, correlationValues,
                keyColumn != null);
    }

}
