package org.stripejdbc.engine.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.expression.Scope;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.operator.PlanNode;
import org.stripejdbc.engine.operator.RecursiveUnionNode;
import org.stripejdbc.engine.operator.WorkTableNode;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.Query.CommonTableExpression;
import org.stripejdbc.types.SqlType;

/**
 * Plans the WITH items of {@code WITH RECURSIVE}: puts them in an order in which each comes after the items it
 * names (every item of the clause sees every other, as in Postgres; a cycle between items is 0A000), and plans an
 * item that names itself as a {@link RecursiveUnionNode}: its query must be {@code non-recursive term UNION [ALL]
 * recursive term} without ORDER BY, LIMIT or OFFSET, the recursive term naming the item once in a place
 * {@link RecursionCheck} accepts. The columns are typed by the non-recursive term; a recursive term whose column
 * needs a wider type is 42804, as in Postgres ({@code select 1 union all select n + 1.5 from t}).
 *
 * <p>Example: {@code with recursive months(m) as (select date_trunc('month', min(created)) from stripe.charges
 * union all select m + interval '1 month' from months where m < now()) select m from months} plans the
 * non-recursive term (one scan of charges) under a Recursive Union All whose recursive term reads the WorkTable
 * months.
 */
final class RecursiveQueryPlanner {
    private final QueryPlanner planner;
    private final FunctionRegistry functions;

    RecursiveQueryPlanner(QueryPlanner planner, FunctionRegistry functions) {
        this.planner = planner;
        this.functions = functions;
    }

    /** {@code with} in an order without forward references (a topological sort, stable for independent items). */
    static List<CommonTableExpression> order(List<CommonTableExpression> with) {
        List<CommonTableExpression> pending = new ArrayList<>(with);
        List<CommonTableExpression> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            CommonTableExpression ready = null;
            for (CommonTableExpression candidate : pending) {
                boolean free = true;
                for (CommonTableExpression other : pending) {
                    if (other != candidate && RecursionCheck.references(candidate.query(), other.name()) > 0) {
                        free = false;
                        break;
                    }
                }
                if (free) {
                    ready = candidate;
                    break;
                }
            }
            if (ready == null) {
                throw StripeJdbcException.unsupported("mutual recursion between WITH items is not implemented");
            }
            ordered.add(ready);
            pending.remove(ready);
        }
        return ordered;
    }

    /** Whether the item names itself (and so is planned here). */
    static boolean isRecursive(CommonTableExpression cte) {
        return cte.recursive() && RecursionCheck.references(cte.query(), cte.name()) > 0;
    }

    /**
     * Plans the recursive item {@code cte}; {@code level} holds the items planned so far, and its own name while
     * its recursive term is planned (the working table).
     */
    QueryPlanner.Planned plan(
            CommonTableExpression cte, Scope outer, Map<String, PlanNode> level, long maxRows, String boundName) {
        String name = cte.name();
        if (!(cte.query() instanceof Query.SetOperation union) || union.operator() != Query.SetOperator.UNION) {
            throw new StripeJdbcException(
                    SqlState.INVALID_RECURSION,
                    "recursive query \"" + name
                            + "\" does not have the form non-recursive-term UNION [ALL] recursive-term");
        }
        if (!union.with().isEmpty()) {
            throw StripeJdbcException.unsupported("WITH inside the UNION of the recursive query \"" + name + "\"");
        }
        if (!union.orderBy().isEmpty()) {
            throw StripeJdbcException.unsupported("ORDER BY in a recursive query is not implemented");
        }
        if (union.offset() != null) {
            throw StripeJdbcException.unsupported("OFFSET in a recursive query is not implemented");
        }
        if (union.limit() != null) {
            throw StripeJdbcException.unsupported("LIMIT in a recursive query is not implemented");
        }
        RecursionCheck.check(union.left(), union.right(), name, functions::isAggregate);

        QueryPlanner.Planned start = planner.plan(union.left(), outer, false);
        List<ResultColumn> startColumns = start.node().columns();
        if (cte.columnAliases().size() > startColumns.size()) {
            throw new StripeJdbcException(
                    SqlState.INVALID_COLUMN_REFERENCE,
                    "WITH query \"" + name + "\" has " + startColumns.size() + " columns available but "
                            + cte.columnAliases().size() + " columns specified");
        }
        List<ResultColumn> columns = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (int i = 0; i < startColumns.size(); i++) {
            SqlType type = startColumns.get(i).type() == SqlType.UNKNOWN
                    ? SqlType.TEXT
                    : startColumns.get(i).type();
            types.add(type);
            String label = i < cte.columnAliases().size()
                    ? cte.columnAliases().get(i)
                    : startColumns.get(i).name();
            columns.add(ResultColumn.of(label, type)
                    .withElementType(startColumns.get(i).elementType()));
        }
        WorkTableNode workTable = new WorkTableNode(name, columns);
        level.put(name, workTable);
        QueryPlanner.Planned step;
        try {
            step = planner.plan(union.right(), outer, false);
        } finally {
            level.remove(name);
        }
        List<ResultColumn> stepColumns = step.node().columns();
        if (stepColumns.size() != columns.size()) {
            throw StripeJdbcException.syntax("each UNION query must have the same number of columns");
        }
        for (int i = 0; i < columns.size(); i++) {
            SqlType overall = TypeRules.commonType(
                    List.of(types.get(i), stepColumns.get(i).type()), "UNION");
            if (overall != types.get(i)) {
                throw new StripeJdbcException(
                        SqlState.DATATYPE_MISMATCH,
                        "recursive query \"" + name + "\" column " + (i + 1) + " has type "
                                + TypeRules.displayName(types.get(i)) + " in non-recursive term but type "
                                + TypeRules.displayName(overall) + " overall: cast the output of the"
                                + " non-recursive term to the correct type");
            }
        }
        PlanNode node = new RecursiveUnionNode(
                name,
                QueryPlanner.convert(start.node(), types),
                QueryPlanner.convert(step.node(), types),
                workTable,
                !union.all(),
                maxRows,
                boundName,
                columns);
        return new QueryPlanner.Planned(node, start.correlated() || step.correlated());
    }
}
