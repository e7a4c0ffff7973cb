package org.stripejdbc.fdw;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.stripejdbc.catalog.ForeignColumn;
import org.stripejdbc.engine.ConstantEvaluator;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.LookupOrScan;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.ScanOrder;
import org.stripejdbc.engine.ScanPlan;
import org.stripejdbc.fdw.RequestSet.QueryParameter;
import org.stripejdbc.fdw.RequestSet.RequestValue;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprPrinter;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.objects.StripeColumn;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.types.SqlType;

/**
 * The planned scan of one Stripe foreign table: immutable, reusable for several executions (each
 * {@link #open} evaluates the parameters of that execution).
 *
 * <p>{@link #explain(ExecutionContext, long)} prints the exact HTTP plan; one line per request, then the
 * request count, then what was pushed and what the executor still filters:
 * <pre>
 * Foreign Scan on stripe.customers
 *   Request: GET /v1/customers?email=a%40b.c&amp;limit=100
 *   Requests: unbounded (pages of 100, starting_after = last id while has_more)
 *   Pushed (checked again on every row): (email = 'a@b.c')
 *   Local filter: (name ~~ 'A%')
 *
 * Foreign Scan on stripe.customers
 *   Request: GET /v1/customers/cus_1
 *   Requests: 1 (404 → no row)
 *   Pushed (checked again on every row): (id = 'cus_1')
 *
 * Foreign Scan on stripe.charges                                  (explain(context, 250))
 *   Request: GET /v1/charges?limit=100
 *   Requests: at most 3 (LIMIT 250: pages of 100, 100, 50, starting_after = last id while has_more)
 *
 * Foreign Scan on stripe.charges
 *   Request: GET /v1/charges?customer=cus_a&amp;limit=100
 *   Request: GET /v1/charges?customer=cus_b&amp;limit=100
 *   Requests: unbounded (2 list walks one after the other, pages of 100, starting_after = last id while
 *             has_more; rows merged without duplicate ids)
 *   Pushed (checked again on every row): (customer IN ('cus_a', 'cus_b'))
 *
 * Foreign Scan on stripe.charges
 *   Requests: none (the created conditions exclude each other)
 *   Pushed (checked again on every row): ((created &gt; '2024-02-01'::timestamp) AND (created &lt;
 *     '2024-01-01'::timestamp))
 *
 * Foreign Scan on stripe.customers                                (scan parallelism 8)
 *   Request: GET /v1/customers?limit=100
 *   Requests: unbounded (pages of 100, starting_after = last id while has_more)
 *   Parallel: up to 8 created slices at once after the first two pages (created[gte]=a&amp;created[lt]=b on whole
 *             seconds, split by the density of the pages read); rows in no particular order
 * </pre>
 * Line kinds, in this order: {@code Request:} (one per request shape: each list walk's first page, each
 * retrieve), {@code Requests:} (how many at most, or {@code none (reason)}), {@code Parallel:} (when the walk
 * runs as concurrent created slices, see {@link ParallelListScanIterator}), {@code Search:} (for a searchable object
 * whose conditions translate: the search query and why it was chosen, or {@code Search: not used (why)} after the
 * list's lines; a chosen search also prints {@code Search lag:} and {@code Not in the search query:}, see
 * {@link SearchRouting}), {@code Derived:} (a field a later API version removed that the scan fills when the
 * statement reads it: {@code charges.invoice}, see {@link InvoiceLinks}; a scan of charges by invoice prints its
 * invoice payments' {@code Request:} lines, {@code Then:} with the charges of their payment intents, and
 * {@code By invoice:}, see {@link InvoiceKeyedScanIterator}), {@code Stripe-Account:},
 * {@code Pushed (checked again on every row):} (conditions that shaped the requests; the scan evaluates them on
 * every row Stripe returned, so a server that filters differently never adds a row), {@code Local filter:} (the
 * residual, evaluated by the executor).
 * Opened in order ({@link #openInOrder}: for {@code ORDER BY created DESC [LIMIT n]} and {@code max(created)}), a
 * single list walk of an object listed newest first is read as one walk, page after page as the rows are pulled,
 * and EXPLAIN says {@code Order: newest first (created descending), one walk} (with {@code , each page only when
 * its rows are needed} when nothing is read ahead) instead of {@code Parallel:}. Which objects are listed newest
 * first is declared by {@link #listsNewestFirst}.
 * Values of unbound parameters print as {@code $n}. An optional {@code Stripe-Account: acct_..} line names the
 * Connect account (an account id, not a secret). No API key ever appears.
 */
public final class StripeScanPlan implements ScanPlan {
    private final ForeignTableDefinition table;
    private final StripeClient client;
    private final ConstantEvaluator constants;
    private final Pushdown pushdown;
    private final RowShaper shaper;
    private final PushedConditions pushedConditions;
    private final List<Expr> residual;
    /**
     * The fields a later API version removed that the scan's conditions read, and those of them the scan fills
     * ({@link InvoiceLinks}: {@code charges.invoice}) that the statement reads anywhere.
     */
    private final java.util.Set<String> removedFields;
    /**
     * {@code invoice = c} or {@code invoice IN (...)} of charges on a version without {@code charges.invoice}: the
     * scan reads the invoices' payments and the charges of their payment intents ({@link InvoiceKeyedScanIterator});
     * else null.
     */
    private final Pushdown.EqualityFilter invoiceKey;
    /** Whether a charge without {@code invoice} gets it from its invoice payment ({@link InvoiceLinks}). */
    private final boolean fillsInvoice;

    private final int parallelism;
    private final int scanParallelism;
    /** Whether the access's requests are the same at every execution (see {@link #requests}). */
    private final boolean executionIndependent;
    /** The requests of an execution-independent access, once resolved without error. */
    private volatile RequestSet independentRequests;
    /** The order of a single list walk of an object listed newest first, else null. */
    private final ScanOrder order;
    /** The list walk read instead of lookups by many keys (ids, values) when it needs fewer requests, or null. */
    private final Pushdown.ListWalk scanInsteadOfLookups;
    /** Search or list, per execution, for a list walk whose conditions translate to a search; else null. */
    private final SearchRouting search;

    StripeScanPlan(
            ForeignTableDefinition table,
            StripeClient client,
            ConstantEvaluator constants,
            Pushdown pushdown,
            RowShaper shaper,
            PushedConditions pushedConditions,
            int parallelism,
            int scanParallelism,
            Pushdown.ListWalk scanInsteadOfLookups,
            SearchRouting search,
            boolean fillsInvoice,
            Pushdown.EqualityFilter invoiceKey) {
        this.search = search;
        this.invoiceKey = invoiceKey;
        this.fillsInvoice = fillsInvoice;
        this.table = Objects.requireNonNull(table, "table");
        this.client = Objects.requireNonNull(client, "client");
        this.constants = Objects.requireNonNull(constants, "constants");
        this.pushdown = Objects.requireNonNull(pushdown, "pushdown");
        this.shaper = Objects.requireNonNull(shaper, "shaper");
        this.pushedConditions = Objects.requireNonNull(pushedConditions, "pushedConditions");
        List<Expr> local = new ArrayList<>(pushdown.residual());
        local.addAll(pushedConditions.uncheckable());
        this.residual = List.copyOf(local);
        List<Expr> conditions = new ArrayList<>(pushdown.pushed());
        conditions.addAll(pushdown.residual());
        java.util.Set<String> removed = removedFields(table, conditions);
        if (fillsInvoice) {
            removed.add(InvoiceLinks.FIELD);
        }
        this.removedFields = java.util.Collections.unmodifiableSet(removed);
        this.parallelism = parallelism;
        this.scanParallelism = scanParallelism;
        this.executionIndependent = isExecutionIndependent(pushdown.access());
        this.scanInsteadOfLookups = scanInsteadOfLookups;
        // A child table's rows come one parent after the other: no order across them.
        this.order = pushdown.access() instanceof Pushdown.ListWalk walk
                        && invoiceKey == null
                        && table.object().parent() == null
                        && walk.expanding() == null
                        && listsNewestFirst(table)
                ? NEWEST_FIRST
                : null;
    }

    /**
     * The columns of {@code conditions} that name a field a later API version removed from the object
     * ({@link org.stripejdbc.stripe.objects.MovedFields#removed}): a condition on one cannot be answered from an
     * object without it, so such an object fails the scan with where to read the value instead.
     */
    private static java.util.Set<String> removedFields(ForeignTableDefinition table, List<Expr> conditions) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Expr condition : conditions) {
            for (Expr column : org.stripejdbc.sql.ExprTrees.collect(condition, e -> e instanceof Expr.ColumnRef)) {
                String name = ((Expr.ColumnRef) column).name();
                if (table.column(name).isPresent()
                        && org.stripejdbc.stripe.objects.MovedFields.removed(
                                        table.object().object(), name)
                                .isPresent()) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    /** The walk of the invoice payments of the invoices {@link #invoiceKey} names: {@code invoice=in_1}. */
    private Pushdown.ListWalk invoiceWalk() {
        return new Pushdown.ListWalk(
                List.of(invoiceKey), List.of(), java.util.Map.of(), java.util.Set.of(invoiceKey.field()));
    }

    /** Where the removed fields the scan reads are filled from, if one is ({@link InvoiceLinks}), else null. */
    private InvoiceLinks links(ScanProgress progress) {
        return fillsInvoice ? new InvoiceLinks(client, progress) : null;
    }

    /** Stripe's list order: newest first, objects of the same second in an order of Stripe's own. */
    private static final ScanOrder NEWEST_FIRST = new ScanOrder("created", true);

    /**
     * Whether the table's object is listed newest first with the declared {@code created} column holding the
     * objects' creation time: a listed object whose endpoint takes {@code created} ranges (Stripe documents those
     * lists as sorted by creation date, most recent first), with {@code created} declared as a timestamp (the
     * registry's billing meters take no range and promise no order; the balance is no list).
     */
    static boolean listsNewestFirst(ForeignTableDefinition table) {
        StripeObject object = table.object();
        Optional<StripeColumn> known = object.column("created");
        Optional<ForeignColumn> declared = table.column("created");
        return object.listable()
                && object.shape() == StripeObject.Shape.STANDARD
                && object.createdFilter()
                && (known.isEmpty() || known.get().type() == SqlType.TIMESTAMP)
                && declared.isPresent()
                && (declared.get().type() == SqlType.TIMESTAMP || declared.get().type() == SqlType.TIMESTAMPTZ);
    }

    /**
     * The concrete requests of one execution. An access whose values are literals ({@code id = 'cus_1'},
     * {@code email IN ('a', 'b')}) gives the same requests every time, so a plan that runs again (a prepared or
     * repeated statement) resolves them once; one with parameters, functions or dates resolves them per execution.
     * A resolution that fails is never kept: it fails again, the same way, at the next execution.
     */
    private RequestSet requests(ExecutionContext context) {
        RequestSet known = independentRequests;
        if (known != null) {
            return known;
        }
        RequestSet resolved = new RequestResolver(constants, context, false).resolve(pushdown.access());
        if (executionIndependent) {
            independentRequests = resolved;
        }
        return resolved;
    }

    private static boolean isExecutionIndependent(Pushdown.Access access) {
        if (access instanceof Pushdown.Retrieve retrieve) {
            return retrieve.array() == null && retrieve.ids().stream().allMatch(Exprs::isExecutionIndependent);
        }
        if (access instanceof Pushdown.ListWalk walk) {
            return walk.createdBounds().isEmpty()
                    && walk.filters().stream()
                            .allMatch(filter -> filter.array() == null
                                    && !Exprs.isTemporal(filter.type())
                                    && filter.values().stream().allMatch(Exprs::isExecutionIndependent));
        }
        return false;
    }

    /**
     * The conjuncts the executor evaluates: those not pushed. The pushed ones are checked by the scan itself on every
     * row it fetched, before a LIMIT counts the row.
     */
    @Override
    public List<Expr> residual() {
        return residual;
    }

    /**
     * At most one row per id for a retrieve by literal ids or parameters ({@code id = 'cus_1'}, {@code id IN
     * ('a', 'b')}), none when a condition can never hold; -1 (unknown) for list walks, the balance and a
     * retrieve by an array.
     */
    @Override
    public long maximumRows() {
        if (pushdown.access() instanceof Pushdown.NoRows) {
            return 0;
        }
        if (pushdown.access() instanceof Pushdown.Retrieve retrieve && retrieve.array() == null) {
            return retrieve.ids().size();
        }
        return -1;
    }

    /** The conjuncts that became part of the requests (and are checked again on every row fetched). */
    public List<Expr> pushed() {
        return pushdown.pushed();
    }

    /**
     * Opens the scan. Retrieves by more than {@value LookupOrScan#ALWAYS_LOOKED_UP} ids (fewer than that under a
     * LIMIT are always retrieved) may become a scan of the list instead, whichever needs fewer requests
     * ({@link RetrieveOrScanIterator}).
     */
    @Override
    public RowIterator open(ExecutionContext context, long limit) {
        return open(context, limit, true);
    }

    /** The requests as planned: retrieves by many ids stay retrieves (the engine chose them: a keyed join). */
    @Override
    public RowIterator openLookups(ExecutionContext context, long limit) {
        return open(context, limit, false);
    }

    private RowIterator open(ExecutionContext context, long limit, boolean mayScanInstead) {
        Objects.requireNonNull(context, "context");
        long rowLimit = limit < 0 ? -1 : limit;
        if (rowLimit == 0) {
            return RowIterator.empty();
        }
        RequestSet requests = requests(context);
        ScanProgress progress = new ScanProgress(table.qualifiedName(), context, table.stripeAccount());
        String path = table.object().object();
        InvoiceLinks links = links(progress);
        ScanRows rows = new ScanRows(shaper, pushedConditions, context).withRemovedFields(table, removedFields, links);
        if (requests instanceof RequestSet.ListWalks && invoiceKey != null) {
            return new RequestResolver(constants, context, false).resolve(invoiceWalk())
                            instanceof RequestSet.ListWalks byInvoice
                    ? new InvoiceKeyedScanIterator(client, path, byInvoice.walks(), rowLimit, rows, progress, links)
                    : RowIterator.empty(); // the invoice condition matches no value that can be sent
        }
        if (requests instanceof RequestSet.Balance) {
            return new BalanceScanIterator(client, path, rowLimit, shaper, progress);
        }
        if (requests instanceof RequestSet.Retrieves retrieves) {
            List<String> ids = new ArrayList<>(retrieves.ids().size());
            for (RequestValue id : retrieves.ids()) {
                ids.add(id.text());
            }
            List<QueryParameter> walk = mayScanInstead ? scanInstead(context, ids.size(), rowLimit) : null;
            if (walk != null) {
                return new LookupOrScanIterator(
                        client,
                        path,
                        ids,
                        true,
                        walk,
                        rowLimit,
                        rows,
                        progress,
                        (some, most, returned) -> retrieves(context, some, most, rows, progress));
            }
            return retrieves(context, ids, rowLimit, rows, progress);
        }
        if (requests instanceof RequestSet.ListWalks && search != null) {
            SearchRouting.Decision decision = search.decide(context, false);
            if (decision.search()) {
                return new SearchScanIterator(client, path, decision.query(), rowLimit, rows, progress);
            }
        }
        if (requests instanceof RequestSet.ListWalks walks && table.object().parent() != null) {
            return new ChildListScanIterator(
                    client,
                    path,
                    table.object().parent(),
                    table.object().listParameter("limit").isPresent(),
                    walks.walks(),
                    rowLimit,
                    rows,
                    progress);
        }
        if (requests instanceof RequestSet.ListWalks walks) {
            List<QueryParameter> walk = mayScanInstead
                            && pushdown.access() instanceof Pushdown.ListWalk planned
                            && planned.expanding() != null
                    ? scanInstead(context, walks.walks().size(), rowLimit)
                    : null;
            if (walk != null) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < walks.walks().size(); i++) {
                    values.add(Integer.toString(i)); // the walks are the keys: all run if the scan gives up
                }
                return new LookupOrScanIterator(
                        client,
                        path,
                        values,
                        false,
                        walk,
                        rowLimit,
                        rows,
                        progress,
                        (all, most, returned) -> new ListScanIterator(
                                client, path, walks.walks(), most, rows, progress, true, returned));
            }
            if (parallel(walks, rowLimit)) {
                return new ParallelListScanIterator(
                        client,
                        path,
                        walks.walks().get(0),
                        rowLimit,
                        scanParallelism,
                        rows,
                        progress,
                        context.control(),
                        table.qualifiedName());
            }
            return new ListScanIterator(client, path, walks.walks(), rowLimit, rows, progress);
        }
        return RowIterator.empty();
    }

    /**
     * {@code created} descending (newest first) for one list walk of an object listed newest first; null for
     * retrieves, the balance, several walks ({@code customer IN (a, b)}) and objects whose list promises no order.
     */
    @Override
    public ScanOrder order() {
        return order;
    }

    /**
     * The list walk read newest first: one walk (never parallel slices). With {@code readAhead} false each page is
     * requested only when the reader needs its rows, so that a reader that stops at a {@code created} value it
     * cannot foresee (the end of the LIMIT's last second) spends no request beyond it; with true the walk reads
     * ahead as {@link ListScanIterator} does. {@code limit} as in {@link #open}: {@code limit=n} when n &lt;= 100.
     */
    @Override
    public RowIterator openInOrder(ExecutionContext context, long limit, boolean readAhead) {
        Objects.requireNonNull(context, "context");
        if (order == null) {
            throw new IllegalStateException("the scan of " + table.qualifiedName() + " promises no order");
        }
        long rowLimit = limit < 0 ? -1 : limit;
        if (rowLimit == 0) {
            return RowIterator.empty();
        }
        if (!(requests(context) instanceof RequestSet.ListWalks walks)) {
            return RowIterator.empty(); // the conditions exclude each other: no request
        }
        ScanProgress progress = new ScanProgress(table.qualifiedName(), context, table.stripeAccount());
        ScanRows rows = new ScanRows(shaper, pushedConditions, context)
                .withRemovedFields(table, removedFields, links(progress));
        return new ListScanIterator(
                client, table.object().object(), walks.walks(), rowLimit, rows, progress, readAhead);
    }

    /**
     * The one list walk to try instead of {@code keys} lookups (of which a LIMIT needs at most {@code limit}), or
     * null when they are looked up at once ({@link LookupOrScan#lookUpAtOnce}) or there is no such walk.
     */
    private List<QueryParameter> scanInstead(ExecutionContext context, int keys, long limit) {
        long needed = limit < 0 ? keys : Math.min(limit, keys);
        if (scanInsteadOfLookups == null || LookupOrScan.lookUpAtOnce(needed)) {
            return null;
        }
        RequestSet scan = new RequestResolver(constants, context, false).resolve(scanInsteadOfLookups);
        return scan instanceof RequestSet.ListWalks walks && walks.walks().size() == 1
                ? walks.walks().get(0)
                : null;
    }

    private RowIterator retrieves(
            ExecutionContext context, List<String> ids, long limit, ScanRows rows, ScanProgress progress) {
        return new RetrieveScanIterator(
                client,
                table.object().object(),
                ids,
                limit,
                parallelism,
                rows,
                progress,
                context.control(),
                table.qualifiedName());
    }

    /**
     * One list walk read one page at a time, each only when needed, pausing when {@code gate} says no; any other
     * access (retrieves, several walks, the balance) reads to its end as {@link #open} does.
     */
    @Override
    public RowIterator openPaged(ExecutionContext context, PageGate gate) {
        Objects.requireNonNull(context, "context");
        if (requests(context) instanceof RequestSet.ListWalks walks
                && table.object().parent() == null
                && invoiceKey == null
                && walks.walks().size() == 1) {
            ScanProgress progress = new ScanProgress(table.qualifiedName(), context, table.stripeAccount());
            ScanRows rows = new ScanRows(shaper, pushedConditions, context)
                    .withRemovedFields(table, removedFields, links(progress));
            return new ListScanIterator(client, table.object().object(), walks.walks(), rows, progress, gate);
        }
        return open(context, -1);
    }

    /**
     * Whether a list scan runs as parallel {@code created} slices: parallelism above 1, an object whose list
     * endpoint accepts created ranges, one walk, and no guaranteed LIMIT of at most
     * {@link ScanParallelism#SEQUENTIAL_LIMIT} rows.
     */
    private boolean parallel(RequestSet.ListWalks walks, long limit) {
        return scanParallelism > 1
                && table.object().parent() == null
                && table.object().createdFilter()
                && walks.walks().size() == 1
                && (limit < 0 || limit > ScanParallelism.SEQUENTIAL_LIMIT);
    }

    /** The plan without a pushed LIMIT; see {@link #explain(ExecutionContext, long)}. */
    @Override
    public List<String> explain(ExecutionContext context) {
        return explain(context, -1);
    }

    /**
     * The plan as it runs when {@code open(context, limit)} is called ({@code limit} -1 = none): the requests
     * with their exact parameters and page size, how many requests at most, the pushed conditions and the
     * local filter. Makes no request.
     */
    public List<String> explain(ExecutionContext context, long limit) {
        return explain(context, limit, false);
    }

    /** The plan as {@link #openInOrder} runs it: see {@link #explain(ExecutionContext, long)}. */
    @Override
    public List<String> explainInOrder(ExecutionContext context, long limit, boolean readAhead) {
        return explain(context, limit, order != null, readAhead, true);
    }

    /** The plan as {@link #openLookups} runs it: the lookups, never a scan instead. */
    @Override
    public List<String> explainLookups(ExecutionContext context, long limit) {
        return explain(context, limit, false, true, false);
    }

    private List<String> explain(ExecutionContext context, long limit, boolean inOrder) {
        return explain(context, limit, inOrder, true, true);
    }

    private List<String> explain(
            ExecutionContext context, long limit, boolean inOrder, boolean readAhead, boolean mayScanInstead) {
        Objects.requireNonNull(context, "context");
        long rowLimit = limit < 0 ? -1 : limit;
        List<String> lines = new ArrayList<>();
        lines.add("Foreign Scan on " + table.qualifiedName());
        String path = table.object().object();
        RequestSet requests = rowLimit == 0
                ? new RequestSet.None("LIMIT 0")
                : new RequestResolver(constants, context, true).resolve(pushdown.access());
        if (requests instanceof RequestSet.None none) {
            lines.add("  Requests: none (" + none.reason() + ")");
        } else if (requests instanceof RequestSet.Balance) {
            lines.add("  Request: " + RequestText.list(path, List.of()));
            lines.add("  Requests: 1 (one row per entry of available, then pending)");
        } else if (requests instanceof RequestSet.Retrieves retrieves) {
            explainRetrieves(retrieves, path, rowLimit, lines);
            explainScanInstead(
                    mayScanInstead,
                    context,
                    retrieves.ids().size(),
                    retrieves.arrayPlaceholder() != null,
                    true,
                    path,
                    rowLimit,
                    lines);
        } else if (requests instanceof RequestSet.ListWalks walks
                && table.object().parent() != null) {
            ChildScanText.explain(
                    walks,
                    path,
                    table.object().parent(),
                    table.object().listParameter("limit").isPresent(),
                    rowLimit,
                    lines);
        } else if (requests instanceof RequestSet.ListWalks && invoiceKey != null) {
            explainInvoiceKeyed(context, lines);
        } else if (requests instanceof RequestSet.ListWalks
                && !inOrder
                && search != null
                && search.decide(context, true).search()) {
            explainSearch(search.decide(context, true), path, rowLimit, lines);
        } else if (requests instanceof RequestSet.ListWalks walks) {
            explainListWalks(walks, path, rowLimit, inOrder, lines);
            if (pushdown.access() instanceof Pushdown.ListWalk planned && planned.expanding() != null) {
                boolean unbound = walks.walks().get(0).stream()
                        .anyMatch(parameter ->
                                parameter.name().equals(planned.expanding().field())
                                        && parameter.value().placeholder());
                explainScanInstead(
                        mayScanInstead, context, walks.walks().size(), unbound, false, path, rowLimit, lines);
            }
            if (inOrder) {
                lines.add("  Order: newest first (created descending), one walk"
                        + (readAhead ? "" : ", each page only when its rows are needed"));
            } else if (parallel(walks, rowLimit)) {
                lines.add("  Parallel: up to " + scanParallelism + " created slices at once after the first two pages"
                        + " (created[gte]=a&created[lt]=b on whole seconds, split by the density of the pages read);"
                        + " rows in no particular order");
            }
            if (search != null && !inOrder) {
                SearchRouting.Decision decision = search.decide(context, true);
                lines.add("  Search: not used (" + decision.reason() + ")"
                        + (decision.query() == null ? "" : "; its query would be " + decision.query()));
            }
        }
        if (fillsInvoice && !(requests instanceof RequestSet.None)) {
            lines.add(
                    invoiceKey != null && requests instanceof RequestSet.ListWalks
                            ? "  Derived: invoice from the invoice payments read above"
                            : DERIVED_INVOICE);
        }
        if (table.stripeAccount() != null) {
            lines.add("  Stripe-Account: " + table.stripeAccount());
        }
        if (!pushdown.pushed().isEmpty()) {
            lines.add("  Pushed (checked again on every row): " + ExprPrinter.printConjunction(pushdown.pushed()));
        }
        if (!residual.isEmpty()) {
            lines.add("  Local filter: " + ExprPrinter.printConjunction(residual));
        }
        return List.copyOf(lines);
    }

    /** How a charge's invoice is derived when the scan is not by invoice: {@link InvoiceLinks}. */
    private static final String DERIVED_INVOICE =
            "  Derived: invoice of a charge without it (API version 2025-03-31.basil"
                    + " and later) from its payment intent's invoice payment: "
                    + RequestText.list(
                            InvoiceLinks.PATH,
                            List.of(
                                    QueryParameter.of("payment[type]", "payment_intent"),
                                    new QueryParameter(
                                            "payment[payment_intent]", new RequestValue("<payment_intent>", true)),
                                    QueryParameter.of("limit", "1")))
                    + " for each of the first " + InvoiceLinks.LOOKUPS_BEFORE_WALK
                    + " payment intents (cached), then one walk"
                    + " of " + RequestText.list(InvoiceLinks.PATH, List.of(QueryParameter.of("limit", "100")))
                    + " (every page; a map of payment intent to invoice) for the rest;"
                    + " none for a charge that carries invoice or has no payment intent";

    /**
     * The lines of a scan by invoice ({@link InvoiceKeyedScanIterator}): each invoice's payments, then the charges of
     * the payment intents they name.
     */
    private void explainInvoiceKeyed(ExecutionContext context, List<String> lines) {
        RequestSet byInvoice = new RequestResolver(constants, context, true).resolve(invoiceWalk());
        if (!(byInvoice instanceof RequestSet.ListWalks walks)) {
            lines.add("  Requests: none (" + ((RequestSet.None) byInvoice).reason() + ")");
            return;
        }
        for (List<QueryParameter> walk : walks.walks()) {
            List<QueryParameter> parameters = new ArrayList<>(walk);
            parameters.add(QueryParameter.of("limit", Integer.toString(ListScanIterator.MAX_PAGE_SIZE)));
            lines.add("  Request: " + RequestText.list(InvoiceLinks.PATH, parameters));
        }
        lines.add("  Then: "
                + RequestText.list(
                        table.object().object(),
                        List.of(
                                new QueryParameter("payment_intent", new RequestValue("<each payment intent>", true)),
                                QueryParameter.of("limit", Integer.toString(ListScanIterator.MAX_PAGE_SIZE))))
                + " for each payment intent those invoice payments name");
        lines.add("  Requests: unbounded (every page of each invoice's payments, then one list walk of charges per"
                + " payment intent found, pages of 100, starting_after = last id while has_more; rows merged without"
                + " duplicate ids)");
        lines.add("  By invoice: API version " + client.apiVersion() + " has no invoice on a charge; every condition"
                + " is checked again on every row");
    }

    /**
     * A search scan's lines: its first request, how many requests, the query and why it was chosen, the lag, and the
     * conditions the query leaves out.
     */
    private void explainSearch(SearchRouting.Decision decision, String path, long limit, List<String> lines) {
        long firstPage = limit >= 0 ? Math.min(ListScanIterator.MAX_PAGE_SIZE, limit) : ListScanIterator.MAX_PAGE_SIZE;
        boolean placeholder = decision.query().contains("$");
        lines.add("  Request: "
                + RequestText.list(
                        path + "/search",
                        List.of(
                                new QueryParameter("query", new RequestValue(decision.query(), placeholder)),
                                QueryParameter.of("limit", Long.toString(firstPage)))));
        String paging = "page = next_page while has_more; a search is read sequentially, never in parallel slices";
        if (limit < 0) {
            lines.add("  Requests: unbounded (pages of 100, " + paging + ")");
        } else {
            long pages = (limit + ListScanIterator.MAX_PAGE_SIZE - 1) / ListScanIterator.MAX_PAGE_SIZE;
            lines.add("  Requests: at most " + pages + " (LIMIT " + limit + ": " + pageSizes(limit) + ", " + paging
                    + ")");
        }
        lines.add("  Search: " + decision.query() + " (chosen: " + decision.reason() + ")");
        lines.add("  Search lag: Stripe's search index can lag writes by about a minute; every condition is checked"
                + " again on every row");
        if (!search.leftOut().isEmpty()) {
            lines.add("  Not in the search query: " + ExprPrinter.printConjunction(search.leftOut()));
        }
    }

    private void explainRetrieves(RequestSet.Retrieves retrieves, String path, long limit, List<String> lines) {
        if (retrieves.arrayPlaceholder() != null) {
            lines.add("  Request: GET " + RequestText.API_ROOT + path + "/<each element of "
                    + retrieves.arrayPlaceholder() + ">");
            lines.add("  Requests: one per distinct element of " + retrieves.arrayPlaceholder() + " (up to "
                    + parallelism + " at once; 404 → no row)");
            return;
        }
        for (RequestValue id : retrieves.ids()) {
            lines.add("  Request: " + RequestText.retrieve(path, id));
        }
        int count = retrieves.ids().size();
        if (count == 1) {
            lines.add("  Requests: 1 (404 → no row)");
        } else if (limit >= 0 && limit < count) {
            lines.add("  Requests: at most " + count + " (one per distinct id, up to " + parallelism
                    + " at once, none started beyond LIMIT " + limit + " rows; 404 → no row)");
        } else {
            lines.add(
                    "  Requests: " + count + " (one per distinct id, up to " + parallelism + " at once; 404 → no row)");
        }
    }

    /**
     * The list walk {@link #open} may read instead of {@code keys} lookups (ids to retrieve, or values to walk), and
     * when; {@code unbound}: the keys are the elements of an array parameter not known yet.
     */
    private void explainScanInstead(
            boolean mayScanInstead,
            ExecutionContext context,
            int keys,
            boolean unbound,
            boolean ids,
            String path,
            long limit,
            List<String> lines) {
        long needed = limit < 0 ? keys : Math.min(limit, keys);
        if (!mayScanInstead
                || scanInsteadOfLookups == null
                || (!unbound && LookupOrScan.lookUpAtOnce(needed))
                || !(new RequestResolver(constants, context, true).resolve(scanInsteadOfLookups)
                        instanceof RequestSet.ListWalks scan)
                || scan.walks().size() != 1) {
            return;
        }
        List<QueryParameter> parameters = new ArrayList<>(scan.walks().get(0));
        parameters.add(QueryParameter.of("limit", Integer.toString(ListScanIterator.MAX_PAGE_SIZE)));
        lines.add("  Or a scan: " + RequestText.list(path, parameters) + " (whichever needs fewer requests: "
                + (ids
                        ? "pages read while each holds at least one of the ids; the ids not found by then are"
                                + " retrieved"
                        : "pages read while fewer than the walks; if the list is longer, the walks run, skipping"
                                + " the rows it returned")
                + (unbound ? "; up to " + LookupOrScan.ALWAYS_LOOKED_UP + " are always looked up)" : ")"));
    }

    private static void explainListWalks(
            RequestSet.ListWalks walks, String path, long limit, boolean inOrder, List<String> lines) {
        long firstPage = limit >= 0 ? Math.min(ListScanIterator.MAX_PAGE_SIZE, limit) : ListScanIterator.MAX_PAGE_SIZE;
        for (List<QueryParameter> walk : walks.walks()) {
            List<QueryParameter> parameters = new ArrayList<>(walk);
            parameters.add(QueryParameter.of("limit", Long.toString(firstPage)));
            lines.add("  Request: " + RequestText.list(path, parameters));
        }
        int count = walks.walks().size();
        if (count == 1) {
            if (limit < 0 && inOrder) {
                lines.add("  Requests: until the rows read in order are enough (pages of 100, starting_after = last id"
                        + " while has_more)");
            } else if (limit < 0) {
                lines.add("  Requests: unbounded (pages of 100, starting_after = last id while has_more)");
            } else {
                long pages = (limit + ListScanIterator.MAX_PAGE_SIZE - 1) / ListScanIterator.MAX_PAGE_SIZE;
                lines.add("  Requests: at most " + pages + " (LIMIT " + limit + ": " + pageSizes(limit)
                        + (pages > 1 ? ", starting_after = last id while has_more)" : ")"));
            }
        } else if (limit < 0) {
            lines.add("  Requests: unbounded (" + count + " list walks one after the other, pages of 100,"
                    + " starting_after = last id while has_more; rows merged without duplicate ids)");
        } else {
            lines.add("  Requests: stops after LIMIT " + limit + " rows (" + count
                    + " list walks one after the other, pages of up to " + firstPage
                    + ", starting_after = last id while has_more; rows merged without duplicate ids)");
        }
    }

    /** {@code one page of 5}, {@code pages of 100, 100, 50}, {@code pages of 100, the last of 50}. */
    private static String pageSizes(long limit) {
        int size = ListScanIterator.MAX_PAGE_SIZE;
        if (limit <= size) {
            return "one page of " + limit;
        }
        long full = limit / size;
        long rest = limit % size;
        long pages = full + (rest > 0 ? 1 : 0);
        if (pages <= 4) {
            StringBuilder out = new StringBuilder("pages of ");
            for (long i = 0; i < full; i++) {
                out.append(i == 0 ? "" : ", ").append(size);
            }
            if (rest > 0) {
                out.append(", ").append(rest);
            }
            return out.toString();
        }
        return "pages of " + size + (rest > 0 ? ", the last of " + rest : "");
    }
}
