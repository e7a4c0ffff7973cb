package org.stripejdbc.fdw;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.catalog.ForeignColumn;
import org.stripejdbc.engine.ColumnsRead;
import org.stripejdbc.engine.ConstantEvaluator;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.TableSource;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.stripe.StripeClient;

/**
 * A Stripe foreign table as a {@link TableSource}: pushes what it can of the WHERE conjuncts into Stripe
 * requests, pages lazily and LIMIT-aware, and shapes JSON objects into rows of the declared columns.
 *
 * <pre>
 *   TableSource customers = new StripeTableSource(definition, client, constants);
 *   StripeScanPlan plan = customers.plan(List.of(parse("email = 'a@b.c'"), parse("name like 'A%'")));
 *   plan.residual();                   // [(name ~~ 'A%')]; email is sent, and checked again on every row
 *   try (RowIterator rows = plan.open(context, -1)) {   // no request yet
 *       while (rows.next()) { ... }    // GET /v1/customers?email=a%40b.c&amp;limit=100, then pages on demand
 *   }
 * </pre>
 *
 * <p>Pushdown (see {@link PushdownPlanner}): {@code id = c} → one retrieve (other conjuncts stay residual);
 * {@code id IN (...)}/{@code id = ANY(?)} → one retrieve per distinct id, up to 8 at once; equality and IN on
 * the object's pushable fields → list query parameters; {@code created} comparisons →
 * {@code created[gt|gte|lt|lte]}; subscriptions get {@code status=all} unless a status is pushed. Tokens and
 * mandates without an id condition, and setup_attempts without {@code setup_intent}, fail in {@link #plan}
 * with {@code 0A000} before any request. Rows follow {@link ColumnReader}.
 *
 * <p>With a scan parallelism above 1, a large list scan of an object that accepts {@code created} ranges is split
 * into {@code created} slices walked concurrently after its first page ({@link ParallelListScanIterator}): the same
 * rows, in no particular order, at the speed of the rate limit.
 */
public final class StripeTableSource implements TableSource {
    /** How many ids an {@code id IN (...)} scan retrieves at once by default. */
    public static final int DEFAULT_RETRIEVE_PARALLELISM = RetrieveScanIterator.DEFAULT_PARALLELISM;

    private final ForeignTableDefinition table;
    private final StripeClient client;
    private final ConstantEvaluator constants;
    private final int retrieveParallelism;
    private final int scanParallelism;
    private final SearchSettings search;
    private final RowShaper shaper;
    private final List<ResultColumn> columns;

    /** A source retrieving up to 8 ids at once, scanning lists sequentially. */
    public StripeTableSource(ForeignTableDefinition table, StripeClient client, ConstantEvaluator constants) {
        this(table, client, constants, RetrieveScanIterator.DEFAULT_PARALLELISM);
    }

    /** A source retrieving up to {@code retrieveParallelism} (at least 1) ids at once, scanning lists sequentially. */
    public StripeTableSource(
            ForeignTableDefinition table, StripeClient client, ConstantEvaluator constants, int retrieveParallelism) {
        this(table, client, constants, retrieveParallelism, 1);
    }

    /**
     * A source retrieving up to {@code retrieveParallelism} ids at once and walking up to {@code scanParallelism}
     * {@code created} slices at once in large list scans (1 = sequential; see {@link ScanParallelism} for when a
     * scan is parallel and {@link ParallelListScanIterator} for how).
     */
    public StripeTableSource(
            ForeignTableDefinition table,
            StripeClient client,
            ConstantEvaluator constants,
            int retrieveParallelism,
            int scanParallelism) {
        this(table, client, constants, retrieveParallelism, scanParallelism, null);
    }

    /**
     * As above, and with {@code search} (null: never) whether and when a list scan of a searchable object may read
     * Stripe's search endpoint instead ({@link SearchRouting}).
     */
    public StripeTableSource(
            ForeignTableDefinition table,
            StripeClient client,
            ConstantEvaluator constants,
            int retrieveParallelism,
            int scanParallelism,
            SearchSettings search) {
        this.table = Objects.requireNonNull(table, "table");
        this.client = Objects.requireNonNull(client, "client");
        this.constants = Objects.requireNonNull(constants, "constants");
        if (retrieveParallelism < 1) {
            throw new IllegalArgumentException("retrieveParallelism must be at least 1: " + retrieveParallelism);
        }
        this.retrieveParallelism = retrieveParallelism;
        if (scanParallelism < 1 || scanParallelism > ScanParallelism.MAXIMUM) {
            throw new IllegalArgumentException(
                    "scanParallelism must be 1 to " + ScanParallelism.MAXIMUM + ": " + scanParallelism);
        }
        this.scanParallelism = scanParallelism;
        this.search = search;
        this.shaper = new RowShaper(table);
        List<ResultColumn> list = new ArrayList<>();
        for (ForeignColumn column : table.columns()) {
            list.add(new ResultColumn(column.name(), column.type(), table.schema(), table.tableName()));
        }
        this.columns = List.copyOf(list);
    }

    /** The table this source reads. */
    public ForeignTableDefinition table() {
        return table;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    /**
     * Plans a scan of a statement that reads only the columns the conjuncts name; see
     * {@link #plan(List, ColumnsRead)}.
     */
    @Override
    public StripeScanPlan plan(List<Expr> conjuncts) {
        Objects.requireNonNull(conjuncts, "conjuncts");
        java.util.Set<String> named = new java.util.TreeSet<>();
        for (Expr conjunct : conjuncts) {
            for (Expr column : org.stripejdbc.sql.ExprTrees.collect(conjunct, e -> e instanceof Expr.ColumnRef)) {
                named.add(((Expr.ColumnRef) column).name());
            }
        }
        return plan(conjuncts, ColumnsRead.of(named));
    }

    /**
     * Plans a scan. Throws {@code 42804} when a declared column type cannot hold the Stripe field's values,
     * and {@code 0A000} when the object cannot be read without a condition the conjuncts lack; never for a
     * condition it cannot push (that one stays residual).
     *
     * <p>{@code read}: a removed field the adapter can fill ({@code charges.invoice} on API version
     * 2025-03-31.basil and later, {@link InvoiceLinks}) is filled only when the statement reads it; on a server whose
     * {@code api_version} is basil or later, {@code invoice = 'in_1'} (or {@code IN}) of charges reads that
     * invoice's payments and the charges of their payment intents instead of the whole list
     * ({@link InvoiceKeyedScanIterator}).
     */
    @Override
    public StripeScanPlan plan(List<Expr> conjuncts, ColumnsRead read) {
        Objects.requireNonNull(conjuncts, "conjuncts");
        Objects.requireNonNull(read, "read");
        shaper.check();
        PushdownPlanner planner = new PushdownPlanner(table, constants);
        Pushdown pushdown = planner.plan(conjuncts);
        PushedConditions pushed = PushedConditions.compile(pushdown.pushed(), columns, constants);
        boolean fillsInvoice = InvoiceLinks.derives(table, read) && !InvoiceLinks.keptIn(client.apiVersion());
        Pushdown.EqualityFilter invoiceKey = fillsInvoice
                        && InvoiceLinks.removedIn(client.apiVersion())
                        && pushdown.access() instanceof Pushdown.ListWalk
                ? planner.keyFilter(conjuncts, InvoiceLinks.FIELD).orElse(null)
                : null;
        return new StripeScanPlan(
                table,
                client,
                constants,
                pushdown,
                shaper,
                pushed,
                retrieveParallelism,
                scanParallelism,
                scanInsteadOfLookups(planner, pushdown, conjuncts),
                search == null ? null : SearchRouting.plan(table, constants, pushdown, conjuncts, search),
                fillsInvoice,
                invoiceKey);
    }

    /**
     * For lookups by several keys (retrieves by ids; one list walk per value of {@code field IN (...)} or
     * {@code field = ANY(array)}), the one list walk that finds the same objects: the table planned without the key
     * condition, its other conditions still pushed. {@link LookupOrScanIterator} reads it instead when that needs
     * fewer requests. Null when there is none: one key, an object that is not listed newest first, or a list that
     * needs a condition the other conjuncts lack.
     */
    private Pushdown.ListWalk scanInsteadOfLookups(PushdownPlanner planner, Pushdown pushdown, List<Expr> conjuncts) {
        Expr keyCondition;
        if (pushdown.access() instanceof Pushdown.Retrieve retrieve
                && (retrieve.array() != null || retrieve.ids().size() > 1)) {
            keyCondition = retrieve.condition();
        } else if (pushdown.access() instanceof Pushdown.ListWalk walk && walk.expanding() != null) {
            keyCondition = walk.expanding().condition();
        } else {
            return null;
        }
        if (!StripeScanPlan.listsNewestFirst(table)) {
            return null;
        }
        List<Expr> others = new ArrayList<>();
        for (Expr conjunct : Exprs.flattenConjuncts(conjuncts)) {
            if (conjunct != keyCondition) {
                others.add(conjunct);
            }
        }
        try {
            Pushdown scan = planner.plan(others);
            return scan.access() instanceof Pushdown.ListWalk walk && walk.expanding() == null ? walk : null;
        } catch (StripeJdbcException e) {
            return null; // a list needing a filter the conjuncts lack: lookups only
        }
    }
}
