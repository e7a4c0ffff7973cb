package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.function.AggregateFunctions;
import org.stripejdbc.engine.value.ValueComparator;
import org.stripejdbc.types.SqlType;

/**
 * One compiled aggregate call, e.g. {@code string_agg(distinct name, ', ' order by name) filter (where active)}:
 * its argument expressions, the rows it considers (FILTER), DISTINCT and ORDER BY inside the call, its result type,
 * and a factory for per-group state.
 */
public record AggregateCall(
        String description,
        List<CompiledExpression> arguments,
        CompiledExpression filter,
        boolean distinct,
        List<CompiledExpression> orderValues,
        List<SortKey> orderKeys,
        SqlType resultType,
        SqlType elementType,
        java.util.function.Supplier<AggregateFunctions.Accumulator> factory) {
    public AggregateCall {
        Objects.requireNonNull(description, "description");
        arguments = List.copyOf(arguments);
        orderValues = List.copyOf(orderValues);
        orderKeys = List.copyOf(orderKeys);
        Objects.requireNonNull(resultType, "resultType");
        Objects.requireNonNull(factory, "factory");
    }

    /** Fresh state for a group. */
    AggregateFunctions.Accumulator newAccumulator() {
        AggregateFunctions.Accumulator accumulator = factory.get();
        if (!distinct && orderKeys.isEmpty()) {
            return accumulator;
        }
        return new Buffered(factory, distinct, orderKeys);
    }

    /** Feeds one input row to {@code accumulator}, honouring FILTER. */
    void accumulate(AggregateFunctions.Accumulator accumulator, Object[] row, Environment environment) {
        if (filter != null && !Boolean.TRUE.equals(filter.evaluate(row, environment))) {
            return;
        }
        Object[] values = new Object[arguments.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments.get(i).evaluate(row, environment);
        }
        if (accumulator instanceof Buffered buffered) {
            Object[] sortValues = new Object[orderValues.size()];
            for (int i = 0; i < sortValues.length; i++) {
                sortValues[i] = orderValues.get(i).evaluate(row, environment);
            }
            buffered.buffer(values, sortValues);
        } else {
            accumulator.add(values);
        }
    }

    /** DISTINCT and/or ORDER BY inside the call: the inputs are kept, sorted and deduplicated when the result is asked.
     * */
    private static final class Buffered implements AggregateFunctions.Accumulator {
        private final java.util.function.Supplier<AggregateFunctions.Accumulator> factory;
        private final boolean distinct;
        private final Comparator<Object[]> order;
        private final List<Object[][]> inputs = new ArrayList<>();

        Buffered(
                java.util.function.Supplier<AggregateFunctions.Accumulator> factory,
                boolean distinct,
                List<SortKey> keys) {
            this.factory = factory;
            this.distinct = distinct;
            this.order = keys.isEmpty() ? null : SortKey.comparator(keys);
        }

        void buffer(Object[] values, Object[] sortValues) {
            inputs.add(new Object[][] {values, sortValues});
        }

        @Override
        public void add(Object[] arguments) {
            buffer(arguments, new Object[0]);
        }

        @Override
        public Object result() {
            List<Object[][]> ordered = new ArrayList<>(inputs);
            if (order != null) {
                ordered.sort((a, b) -> order.compare(a[1], b[1]));
            } else if (distinct && !ordered.isEmpty()) {
                // Postgres computes DISTINCT aggregates over sorted input: string_agg(distinct x, ',') lists the
                // values in ascending order.
                List<SortKey> byArguments = new ArrayList<>();
                for (int i = 0; i < ordered.get(0)[0].length; i++) {
                    byArguments.add(new SortKey(i, false, false));
                }
                Comparator<Object[]> arguments = SortKey.comparator(byArguments);
                ordered.sort((a, b) -> arguments.compare(a[0], b[0]));
            }
            AggregateFunctions.Accumulator accumulator = factory.get();
            Set<List<Object>> seen = new HashSet<>();
            for (Object[][] input : ordered) {
                if (distinct && !seen.add(ValueComparator.key(input[0]))) {
                    continue;
                }
                accumulator.add(input[0]);
            }
            return accumulator.result();
        }
    }
}
