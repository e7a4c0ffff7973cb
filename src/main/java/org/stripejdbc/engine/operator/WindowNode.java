package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.function.AggregateFunctions;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * Window functions: reads its whole input, computes each window call over the rows' partitions in window order,
 * and produces the input rows (in the first window's order, as Postgres' WindowAgg does) with one column appended
 * per call. Ranking ({@code row_number}, {@code rank}, {@code dense_rank}, {@code percent_rank}, {@code cume_dist},
 * {@code ntile}), offsets ({@code lag}, {@code lead}, {@code first_value}, {@code last_value}, {@code nth_value})
 * and aggregates, with the default frame (peers of the current row included) unless another supported frame is
 * written.
 */
public final class WindowNode extends SingleInputNode {
    private final List<WindowCall> calls;
    private final List<ResultColumn> columns;

    public WindowNode(PlanNode input, List<WindowCall> calls, List<ResultColumn> columns) {
        super(input);
        this.calls = List.copyOf(calls);
        this.columns = List.copyOf(columns);
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    /** A row with its partition and order values for one window call. */
    private record Entry(int position, Object[] partition, Object[] order) {}

    @Override
    public RowIterator open(Environment environment) {
        List<Object[]> rows = new ArrayList<>();
        try (RowIterator iterator = input.open(environment)) {
            while (iterator.next()) {
                environment.tick();
                rows.add(iterator.current());
            }
        }
        int width = input.columns().size();
        Object[][] output = new Object[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            output[i] = java.util.Arrays.copyOf(rows.get(i), width + calls.size());
        }
        int[] outputOrder = null;
        for (int c = 0; c < calls.size(); c++) {
            int[] order = compute(calls.get(c), rows, output, width + c, environment);
            if (outputOrder == null) {
                outputOrder = order;
            }
        }
        List<Object[]> ordered = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ordered.add(output[outputOrder == null ? i : outputOrder[i]]);
        }
        return RowIterator.of(ordered);
    }

    /** Computes {@code call} into column {@code target}; returns the row positions in window order. */
    private int[] compute(
            WindowCall call, List<Object[]> rows, Object[][] output, int target, Environment environment) {
        List<Entry> entries = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            Object[] partition = new Object[call.partition().size()];
            for (int p = 0; p < partition.length; p++) {
                partition[p] = call.partition().get(p).evaluate(row, environment);
            }
            Object[] order = new Object[call.orderValues().size()];
            for (int o = 0; o < order.length; o++) {
                order[o] = call.orderValues().get(o).evaluate(row, environment);
            }
            entries.add(new Entry(i, partition, order));
        }
        List<SortKey> partitionKeys = new ArrayList<>();
        for (int p = 0; p < call.partition().size(); p++) {
            partitionKeys.add(new SortKey(p, false, false));
        }
        Comparator<Object[]> partitionOrder = SortKey.comparator(partitionKeys);
        Comparator<Object[]> rowOrder = SortKey.comparator(call.orderKeys());
        entries.sort((a, b) -> {
            int c = partitionOrder.compare(a.partition, b.partition);
            return c != 0 ? c : rowOrder.compare(a.order, b.order);
        });
        int start = 0;
        while (start < entries.size()) {
            int end = start + 1;
            while (end < entries.size()
                    && partitionOrder.compare(entries.get(start).partition, entries.get(end).partition) == 0) {
                end++;
            }
            computePartition(call, entries.subList(start, end), rows, output, target, rowOrder, environment);
            start = end;
        }
        int[] order = new int[entries.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = entries.get(i).position;
        }
        return order;
    }

    private Object argument(WindowCall call, int index, List<Object[]> rows, Entry entry, Environment environment) {
        return call.arguments().get(index).evaluate(rows.get(entry.position), environment);
    }

    private void computePartition(
            WindowCall call,
            List<Entry> partition,
            List<Object[]> rows,
            Object[][] output,
            int target,
            Comparator<Object[]> rowOrder,
            Environment environment) {
        int n = partition.size();
        // peerEnd[i]: index after the last peer of row i (rows with equal ORDER BY values)
        int[] peerStart = new int[n];
        int[] peerEnd = new int[n];
        int groupStart = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || rowOrder.compare(partition.get(i).order, partition.get(groupStart).order) != 0) {
                for (int k = groupStart; k < i; k++) {
                    peerStart[k] = groupStart;
                    peerEnd[k] = i;
                }
                groupStart = i;
            }
        }
        boolean ordered = !call.orderKeys().isEmpty();
        switch (call.name()) {
            case "row_number":
                for (int i = 0; i < n; i++) {
                    set(output, partition, i, target, (long) i + 1);
                }
                return;
            case "rank":
                for (int i = 0; i < n; i++) {
                    set(output, partition, i, target, (long) peerStart[i] + 1);
                }
                return;
            case "dense_rank": {
                long rank = 0;
                for (int i = 0; i < n; i++) {
                    if (i == peerStart[i]) {
                        rank++;
                    }
                    set(output, partition, i, target, rank);
                }
                return;
            }
            case "percent_rank":
                for (int i = 0; i < n; i++) {
                    set(output, partition, i, target, n <= 1 ? 0.0 : (double) peerStart[i] / (n - 1));
                }
                return;
            case "cume_dist":
                for (int i = 0; i < n; i++) {
                    set(output, partition, i, target, (double) peerEnd[i] / n);
                }
                return;
            case "ntile": {
                for (int i = 0; i < n; i++) {
                    Object buckets = argument(call, 0, rows, partition.get(i), environment);
                    if (buckets == null) {
                        set(output, partition, i, target, null);
                        continue;
                    }
                    int b = ((Number) buckets).intValue();
                    if (b <= 0) {
                        throw new StripeJdbcException(
                                SqlState.INVALID_PARAMETER_VALUE, "argument of ntile must be greater than zero");
                    }
                    int per = n / b;
                    int larger = n % b;
                    int boundary = larger * (per + 1);
                    int bucket = i < boundary ? i / (per + 1) + 1 : (per == 0 ? b : larger + (i - boundary) / per + 1);
                    set(output, partition, i, target, bucket);
                }
                return;
            }
            case "lag":
            case "lead": {
                boolean lag = call.name().equals("lag");
                for (int i = 0; i < n; i++) {
                    Entry entry = partition.get(i);
                    long offset = 1;
                    if (call.arguments().size() > 1) {
                        Object value = argument(call, 1, rows, entry, environment);
                        if (value == null) {
                            set(output, partition, i, target, null);
                            continue;
                        }
                        offset = ((Number) value).longValue();
                    }
                    long other = lag ? i - offset : i + offset;
                    Object value;
                    if (other >= 0 && other < n) {
                        value = argument(call, 0, rows, partition.get((int) other), environment);
                    } else {
                        value = call.arguments().size() > 2 ? argument(call, 2, rows, entry, environment) : null;
                    }
                    set(output, partition, i, target, value);
                }
                return;
            }
            case "first_value":
            case "last_value":
            case "nth_value": {
                for (int i = 0; i < n; i++) {
                    long first = Math.max(0, call.frame().first(i, peerStart));
                    long end = Math.min(n, call.frame().last(i, n, peerEnd, ordered));
                    long position;
                    if (call.name().equals("first_value")) {
                        position = first;
                    } else if (call.name().equals("last_value")) {
                        position = end - 1;
                    } else {
                        Object nth = argument(call, 1, rows, partition.get(i), environment);
                        if (nth == null) {
                            set(output, partition, i, target, null);
                            continue;
                        }
                        int k = ((Number) nth).intValue();
                        if (k <= 0) {
                            throw new StripeJdbcException(
                                    SqlState.INVALID_PARAMETER_VALUE,
                                    "argument of nth_value must be greater than zero");
                        }
                        position = first + k - 1;
                    }
                    set(
                            output,
                            partition,
                            i,
                            target,
                            position >= first && position < end
                                    ? argument(call, 0, rows, partition.get((int) position), environment)
                                    : null);
                }
                return;
            }
            default:
                aggregate(call, partition, rows, output, target, ordered, peerStart, peerEnd, environment);
        }
    }

    private void aggregate(
            WindowCall call,
            List<Entry> partition,
            List<Object[]> rows,
            Object[][] output,
            int target,
            boolean ordered,
            int[] peerStart,
            int[] peerEnd,
            Environment environment) {
        AggregateCall aggregate = call.aggregate();
        int n = partition.size();
        if (call.frame().startsAtPartitionStart()) {
            // Frames only grow: feed each row once and read the running result.
            AggregateFunctions.Accumulator state = aggregate.newAccumulator();
            long fed = 0;
            for (int i = 0; i < n; i++) {
                long end = Math.min(n, call.frame().last(i, n, peerEnd, ordered));
                while (fed < end) {
                    aggregate.accumulate(state, rows.get(partition.get((int) fed).position), environment);
                    fed++;
                }
                set(output, partition, i, target, state.result());
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            long first = Math.max(0, call.frame().first(i, peerStart));
            long end = Math.min(n, call.frame().last(i, n, peerEnd, ordered));
            AggregateFunctions.Accumulator state = aggregate.newAccumulator();
            for (long k = first; k < end; k++) {
                environment.tick();
                aggregate.accumulate(state, rows.get(partition.get((int) k).position), environment);
            }
            set(output, partition, i, target, state.result());
        }
    }

    private static void set(Object[][] output, List<Entry> partition, int i, int target, Object value) {
        output[partition.get(i).position][target] = value;
    }

    @Override
    String title() {
        StringBuilder text = new StringBuilder("WindowAgg: ");
        for (int i = 0; i < calls.size(); i++) {
            text.append(i > 0 ? ", " : "").append(calls.get(i).description());
        }
        return text.toString();
    }
}
