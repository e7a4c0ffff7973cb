package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.engine.ExecutionAnalysis;
import org.stripejdbc.engine.ExecutionContext;

/**
 * Builds EXPLAIN text in the Postgres layout: a node's title, its detail lines indented under it, and each child
 * introduced by {@code ->}. Example:
 * <pre>
 * Limit: 10
 *   -&gt;  Filter: (amount &gt; 100)
 *         -&gt;  Scan: stripe.charges
 *               GET /v1/charges?limit=100
 * </pre>
 */
public final class ExplainWriter {
    private final List<String> lines = new ArrayList<>();
    private final ExecutionContext context;
    private final ExecutionAnalysis analysis;
    private String headerPrefix = "";
    private String detailPrefix = "  ";
    /** What each scan written so far said of its requests ({@link #scanRequests}), for a SubPlan's summary. */
    private final List<ScanRequests> scans = new ArrayList<>();
    /** The prefetches written so far ({@link PrefetchNode}): a SubPlan's scan finds its rows in these. */
    private final Set<KeyedPrefetch> prefetches = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * A scan's request lines ({@code GET /v1/customers/$1}), its count line, and the prefetch it can find its rows in
     * (null for none).
     */
    private record ScanRequests(List<String> requests, String count, KeyedPrefetch prefetch) {}

    public ExplainWriter(ExecutionContext context) {
        this(context, null);
    }

    /** A writer that also shows what {@code analysis} measured (EXPLAIN ANALYZE); null for a plain EXPLAIN. */
    public ExplainWriter(ExecutionContext context, ExecutionAnalysis analysis) {
        this.context = Objects.requireNonNull(context, "context");
        this.analysis = analysis;
    }

    /** The measurements of the run EXPLAIN ANALYZE made, or null. */
    ExecutionAnalysis analysis() {
        return analysis;
    }

    /** The execution context EXPLAIN runs in (parameters for the scan plans' request text). */
    ExecutionContext context() {
        return context;
    }

    /** The title line of the current node. */
    void title(String text) {
        lines.add(headerPrefix + text);
    }

    /** A detail line of the current node. */
    void detail(String text) {
        lines.add(detailPrefix + text);
    }

    /** Writes {@code child} as a child of the current node. */
    void child(PlanNode child) {
        String savedHeader = headerPrefix;
        String savedDetail = detailPrefix;
        headerPrefix = detailPrefix + "->  ";
        detailPrefix = detailPrefix + "      ";
        try {
            child.explain(this);
        } finally {
            headerPrefix = savedHeader;
            detailPrefix = savedDetail;
        }
    }

    /**
     * Notes what a scan just written will request, from its plan's lines ({@code Request: GET ...}, {@code
     * Requests: 1 (404 → no row)}); {@code prefetched}: it finds its rows fetched ahead instead.
     */
    void scanRequests(List<String> planLines, KeyedPrefetch prefetch) {
        List<String> requests = new ArrayList<>();
        String count = null;
        for (String line : planLines) {
            String trimmed = line.trim();
            if (trimmed.startsWith("Request: ")) {
                requests.add(trimmed.substring("Request: ".length()));
            } else if (trimmed.startsWith("Requests: ") && count == null) {
                count = trimmed.substring("Requests: ".length());
            }
        }
        scans.add(new ScanRequests(requests, count, prefetch));
    }

    /** Notes a prefetch a node written fills ahead of the rows above it. */
    void prefetch(KeyedPrefetch prefetch) {
        prefetches.add(prefetch);
    }

    /**
     * Writes the subplans {@code node} evaluates per row of {@code input}, each with a summary of its requests per
     * row and its plan ({@link SubPlan}).
     */
    void subPlans(List<SubPlan> subPlans, PlanNode input) {
        if (subPlans.isEmpty()) {
            return;
        }
        ExplainWriter inputProbe = new ExplainWriter(context, analysis);
        input.explain(inputProbe);
        // The rows are the prefetch's input's: the Prefetch only fills the subplans' rows ahead.
        PlanNode rows = input instanceof PrefetchNode prefetchNode ? prefetchNode.input() : input;
        ExplainWriter rowsProbe = new ExplainWriter(context, analysis);
        rows.explain(rowsProbe);
        String outer =
                rowsProbe.lines.isEmpty() ? "its input" : rowsProbe.lines.get(0).trim();
        subPlans(subPlans, outer, inputProbe.prefetches);
    }

    /**
     * {@link #subPlans(List, PlanNode)} with the rows they are evaluated for named by {@code outer}, and the
     * prefetches {@code filled} ahead of them.
     */
    void subPlans(List<SubPlan> subPlans, String outer, Set<KeyedPrefetch> filled) {
        for (SubPlan subPlan : subPlans) {
            ExplainWriter probe = new ExplainWriter(context, analysis);
            subPlan.plan().explain(probe);
            detail("SubPlan " + subPlan.number() + " (per row of " + outer + ")");
            String saved = detailPrefix;
            detailPrefix = detailPrefix + "  ";
            try {
                detail("Requests: " + perRow(probe.scans, filled));
                child(subPlan.plan());
            } finally {
                detailPrefix = saved;
            }
        }
    }

    /** {@code 1 per outer row (GET /v1/customers/$1; 404 → no row)}, one part per scan, or {@code none}. */
    private static String perRow(List<ScanRequests> scans, Set<KeyedPrefetch> filled) {
        List<String> parts = new ArrayList<>();
        for (ScanRequests scan : scans) {
            if (scan.prefetch() != null && filled.contains(scan.prefetch())) {
                parts.add("none per outer row: its rows are fetched ahead for each batch of outer rows (Prefetch"
                        + " below; a row whose key it did not fetch: " + describe(scan) + ")");
            } else {
                parts.add(describe(scan));
            }
        }
        return parts.isEmpty() ? "none (no table is read)" : String.join("; then ", parts);
    }

    private static String describe(ScanRequests scan) {
        String count = scan.count() == null ? "some" : scan.count();
        String note = "";
        int open = count.indexOf(" (");
        if (open > 0 && count.endsWith(")")) {
            note = count.substring(open + 2, count.length() - 1);
            count = count.substring(0, open);
        }
        List<String> details = new ArrayList<>(scan.requests());
        if (!note.isEmpty()) {
            details.add(note);
        }
        return count + " per outer row" + (details.isEmpty() ? "" : " (" + String.join("; ", details) + ")");
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }
}
