package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

    public List<String> lines() {
        return List.copyOf(lines);
    }
}
