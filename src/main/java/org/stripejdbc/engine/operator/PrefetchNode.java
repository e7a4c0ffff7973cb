package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.AbstractRowIterator;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;

/**
 * Passes its input's rows through unchanged, reading them in batches of up to {@value #BATCH_ROWS} and, before
 * handing a batch on, having each {@link KeyedPrefetch} fetch the rows its correlated subquery will read for the
 * batch's keys: the node above (a filter or the select list) then evaluates the subquery per row without a request.
 * Rows keep their order.
 */
public final class PrefetchNode implements PlanNode {
    static final int BATCH_ROWS = 1_000;

    private final PlanNode input;
    private final List<KeyedPrefetch> prefetches;

    public PrefetchNode(PlanNode input, List<KeyedPrefetch> prefetches) {
        this.input = Objects.requireNonNull(input, "input");
        this.prefetches = List.copyOf(prefetches);
        if (this.prefetches.isEmpty()) {
            throw new IllegalArgumentException("nothing to prefetch");
        }
    }

    /** The rows passed through. */
    PlanNode input() {
        return input;
    }

    @Override
    public List<ResultColumn> columns() {
        return input.columns();
    }

    @Override
    public long maximumRows() {
        return input.maximumRows();
    }

    @Override
    public RowIterator open(Environment environment) {
        RowIterator rows = input.open(environment);
        return new AbstractRowIterator() {
            private final List<Object[]> batch = new ArrayList<>();
            private int position;
            private boolean ended;

            @Override
            protected Object[] advance() {
                if (position < batch.size()) {
                    return batch.get(position++);
                }
                if (ended) {
                    return null;
                }
                batch.clear();
                position = 0;
                while (batch.size() < BATCH_ROWS) {
                    if (!rows.next()) {
                        ended = true;
                        break;
                    }
                    environment.tick();
                    batch.add(rows.current());
                }
                for (KeyedPrefetch prefetch : prefetches) {
                    prefetch.prefetch(environment, batch, ended);
                }
                return position < batch.size() ? batch.get(position++) : null;
            }

            @Override
            protected void release() {
                rows.close();
            }
        };
    }

    @Override
    public void explain(ExplainWriter out) {
        out.title("Prefetch");
        for (KeyedPrefetch prefetch : prefetches) {
            prefetch.explain(out);
        }
        out.child(input);
    }
}
