package org.stripejdbc.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.operator.PlanNode;
import org.stripejdbc.engine.operator.ScanNode;
import org.stripejdbc.engine.planner.QueryPlanner;
import org.stripejdbc.engine.planner.QueryVisitor;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprTrees;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;

/**
 * Plans {@link TableScan}s for the DML executor: {@code plan(customers, "c", where)} splits {@code where} into
 * conjuncts, offers those without subqueries to the table's {@link TableSource#plan}, and evaluates the residual
 * and the rest (subqueries included, through {@code tables}) on each row, exactly as a SELECT would.
 */
public final class TableScanner {
    /** A schema name no user table can have: the placeholder under which the scanned table is planned. */
    private static final String SCAN_SCHEMA = "\u0000scan";

    private final TableResolver tables;
    private final FunctionRegistry functions;

    /** A scanner whose WHERE subqueries read other tables through {@code tables}. */
    public TableScanner(TableResolver tables) {
        this(tables, FunctionLibrary.standard());
    }

    /** As {@link #TableScanner(TableResolver)}, with the functions of {@code library}. */
    public TableScanner(TableResolver tables, FunctionLibrary library) {
        this.tables = Objects.requireNonNull(tables, "tables");
        this.functions = Objects.requireNonNull(library, "library").registry();
    }

    /**
     * Plans reading the rows of {@code table} that satisfy {@code where} (null for all rows). Column references
     * may be qualified by {@code alias} (or by {@code tableName} when there is no alias).
     */
    public TableScan plan(TableSource table, String tableName, String alias, Expr where) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(tableName, "tableName");
        QualifiedName placeholder = new QualifiedName(SCAN_SCHEMA, tableName);
        TableResolver resolver = name -> name.equals(placeholder) ? table : tables.resolve(name);
        if (where != null && ExprTrees.containsAggregate(where, functions::isAggregate)) {
            throw new StripeJdbcException(
                    org.stripejdbc.error.SqlState.GROUPING_ERROR, "aggregate functions are not allowed in WHERE");
        }
        Query.Select select = new Query.Select(
                List.of(),
                false,
                List.of(),
                List.of(new SelectItem.Star(null)),
                new FromItem.Table(placeholder, alias),
                where,
                List.of(),
                null,
                List.of(),
                null,
                null);
        int parameterCount = where == null ? 0 : QueryVisitor.maxParameterIndex(select);
        QueryPlanner planner = new QueryPlanner(resolver, functions, parameterCount);
        PlanNode node = planner.plan(select, null, false).node();
        ScanNode scan = ScanNode.below(node);
        List<Expr> local = new ArrayList<>(scan.plan().residual());
        for (Expr conjunct : ExprTrees.conjuncts(where)) {
            if (ExprTrees.containsSubquery(conjunct) || !ExprTrees.any(conjunct, e -> e instanceof Expr.ColumnRef)) {
                local.add(conjunct);
            }
        }
        return new TableScan(node, table.columns(), scan.plan(), local);
    }

    /** Whether {@code name} is the placeholder a scan's table is planned under (not shown in EXPLAIN). */
    public static boolean isPlaceholder(QualifiedName name) {
        return SCAN_SCHEMA.equals(name.schema());
    }
}
