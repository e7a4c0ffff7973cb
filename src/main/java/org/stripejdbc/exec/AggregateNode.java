package org.stripejdbc.exec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * GROUP BY and aggregates (hash aggregation): reads its whole input, keeping one state per group (so memory is
 * proportional to the number of groups, not rows), then produces one row per group, in order of first appearance:
 * the key values followed by the aggregate results. Without GROUP BY it produces exactly one row, even for an empty
 * input ({@code select count(*) from t where false} is 0).
 */
final class AggregateNode implements PlanNode {
    private final PlanNode input;
    private final List<CompiledExpression> keys;
    private final List<AggregateCall> aggregates;
    private final List<ResultColumn> columns;
    private final String description;

    AggregateNode(PlanNode input, List<CompiledExpression> keys, List<AggregateCall> aggregates,
                  List<ResultColumn> columns, String description) {
        this.input = Objects.requireNonNull(input, "input");
        this.keys = List.copyOf(keys);
        this.aggregates = List.copyOf(aggregates);
        this.columns = List.copyOf(columns);
        this.description = description;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    private record Group(Object[] keyValues, AggregateFunctions.Accumulator[] states) {}

    private Group newGroup(Object[] keyValues) {
        AggregateFunctions.Accumulator[] states = new AggregateFunctions.Accumulator[aggregates.size()];
        for (int i = 0; i < states.length; i++) {
            states[i] = aggregates.get(i).newAccumulator();
        }
        return new Group(keyValues, states);
    }

    @Override
    public RowIterator open(Environment environment) {
        Map<List<Object>, Group> groups = new LinkedHashMap<>();
        try (RowIterator rows = input.open(environment)) {
            while (rows.next()) {
                environment.tick();
                Object[] row = rows.current();
                Object[] keyValues = new Object[keys.size()];
                for (int i = 0; i < keyValues.length; i++) {
                    keyValues[i] = keys.get(i).evaluate(row, environment);
                }
                Group group = groups.computeIfAbsent(ValueComparator.key(keyValues), k -> newGroup(keyValues));
                for (int i = 0; i < aggregates.size(); i++) {
                    aggregates.get(i).accumulate(group.states()[i], row, environment);
                }
            }
        }
        if (keys.isEmpty() && groups.isEmpty()) {
            groups.put(List.of(), newGroup(new Object[0]));
        }
        Iterator<Group> iterator = new ArrayList<>(groups.values()).iterator();
        return new RowStream() {
            @Override
            protected Object[] advance() {
                if (!iterator.hasNext()) {
                    return null;
                }
                Group group = iterator.next();
                Object[] out = new Object[keys.size() + aggregates.size()];
                System.arraycopy(group.keyValues(), 0, out, 0, keys.size());
                for (int i = 0; i < aggregates.size(); i++) {
                    out[keys.size() + i] = group.states()[i].result();
                }
                return out;
            }
        };
    }

    @Override
    public long maximumRows() {
        return keys.isEmpty() ? 1 : input.maximumRows();
    }

    @Override
    public void explain(ExplainWriter out) {
        out.title((keys.isEmpty() ? "Aggregate" : "HashAggregate") + (description.isEmpty() ? "" : ": " + description));
        out.child(input);
    }
}
