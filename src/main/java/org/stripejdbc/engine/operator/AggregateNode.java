package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.engine.AbstractRowIterator;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.function.AggregateFunctions;
import org.stripejdbc.engine.value.ValueComparator;

/**
 * GROUP BY and aggregates (hash aggregation): reads its whole input, keeping one state per group (so memory is
 * proportional to the number of groups, not rows), then produces one row per group: the key values followed by
 * the aggregate results. Without GROUP BY it produces exactly one row, even for an empty input
 * ({@code select count(*) from t where false} is 0).
 *
 * <p>Groups come in order of first appearance while they fit in memory ({@value #MAX_GROUPS_IN_MEMORY} groups).
 * Beyond that, as Postgres' hash aggregation does, the rows of groups not yet held are written to temporary
 * files partitioned by key hash, and each partition is aggregated after the held groups: memory stays bounded
 * for a million groups too, and the row order (unspecified in SQL without ORDER BY) follows the partitions.
 *
 * <p>With {@link GroupingSets} (GROUPING SETS, ROLLUP, CUBE) each input row is aggregated once per set, in one pass:
 * a group is the set's number and the values of the keys that set groups by, the other keys being NULL in its row;
 * a set that groups by nothing has its row even for an empty input. Each output row then also holds the values of
 * the query's {@code grouping(...)} calls for its set. A spilled row carries the number of the set it was spilled
 * for as an extra last value.
 */
public final class AggregateNode implements PlanNode {
    private final PlanNode input;
    private final List<CompiledExpression> keys;
    private final List<AggregateCall> aggregates;
    private final List<ResultColumn> columns;
    private final String description;
    private final GroupingSets sets;
    private final boolean plain;
    private final List<SubPlan> subPlans;

    public AggregateNode(
            PlanNode input,
            List<CompiledExpression> keys,
            List<AggregateCall> aggregates,
            List<ResultColumn> columns,
            String description) {
        this(input, keys, aggregates, GroupingSets.plain(keys.size()), columns, description);
    }

    /**
     * Aggregates over the grouping {@code sets} of {@code keys}: the columns are the keys, the aggregates, then one
     * per {@code grouping(...)} call of {@code sets}.
     */
    public AggregateNode(
            PlanNode input,
            List<CompiledExpression> keys,
            List<AggregateCall> aggregates,
            GroupingSets sets,
            List<ResultColumn> columns,
            String description) {
        this(input, keys, aggregates, sets, columns, description, List.of());
    }

    private AggregateNode(
            PlanNode input,
            List<CompiledExpression> keys,
            List<AggregateCall> aggregates,
            GroupingSets sets,
            List<ResultColumn> columns,
            String description,
            List<SubPlan> subPlans) {
        this.subPlans = List.copyOf(subPlans);
        this.input = Objects.requireNonNull(input, "input");
        this.keys = List.copyOf(keys);
        this.aggregates = List.copyOf(aggregates);
        this.sets = Objects.requireNonNull(sets, "sets");
        this.plain = sets.isPlain() && sets.callCount() == 0;
        this.columns = List.copyOf(columns);
        this.description = description;
        if (sets.keyCount() != this.keys.size()
                || this.columns.size() != this.keys.size() + this.aggregates.size() + sets.callCount()) {
            throw new IllegalArgumentException("aggregate columns do not match its keys, calls and grouping sets");
        }
    }

    /** This aggregation, its calls' arguments evaluating {@code more} subplans per input row (shown in EXPLAIN). */
    public AggregateNode withSubPlans(List<SubPlan> more) {
        return more.isEmpty() ? this : new AggregateNode(input, keys, aggregates, sets, columns, description, more);
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    /** Groups held in memory before the rows of further groups are spilled to temporary files. */
    static final int MAX_GROUPS_IN_MEMORY = 100_000;
    /** How many files spilled rows are spread over (by the hash of their group key). */
    static final int SPILL_PARTITIONS = 16;
    /** Spilled partitions are split again at most this deep (then held in memory, whatever their size). */
    private static final int MAX_SPILL_DEPTH = 6;

    private record Group(int set, Object[] keyValues, AggregateFunctions.Accumulator[] states) {}

    private Group newGroup(int set, Object[] keyValues) {
        AggregateFunctions.Accumulator[] states = new AggregateFunctions.Accumulator[aggregates.size()];
        for (int i = 0; i < states.length; i++) {
            states[i] = aggregates.get(i).newAccumulator();
        }
        return new Group(set, keyValues, states);
    }

    @Override
    public RowIterator open(Environment environment) {
        return aggregate(input.open(environment), environment, 0);
    }

    /**
     * Groups {@code rows} (and closes them). Past {@link #MAX_GROUPS_IN_MEMORY} groups, a row of a group not yet
     * held is written to one of {@link #SPILL_PARTITIONS} temporary files by the hash of its key; the held groups
     * are produced first, then each file is aggregated the same way ({@code depth} + 1, another hash).
     */
    private RowIterator aggregate(RowIterator rows, Environment environment, int depth) {
        Map<List<Object>, Group> groups = new LinkedHashMap<>();
        SpillFile[] partitions = null;
        // Rows read back from a spill file of grouping sets end with the number of their set.
        boolean tagged = depth > 0 && !plain;
        try (rows) {
            while (rows.next()) {
                environment.tick();
                Object[] row = rows.current();
                Object[] values = new Object[keys.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = keys.get(i).evaluate(row, environment);
                }
                int first = tagged ? (Integer) row[row.length - 1] : 0;
                int last = tagged ? first : sets.size() - 1;
                for (int set = first; set <= last; set++) {
                    Object[] keyValues = plain ? values : masked(values, set);
                    List<Object> key = plain ? ValueComparator.key(keyValues) : setKey(set, keyValues);
                    Group group = groups.get(key);
                    if (group == null) {
                        if (groups.size() >= MAX_GROUPS_IN_MEMORY && depth < MAX_SPILL_DEPTH) {
                            if (partitions == null) {
                                partitions = new SpillFile[SPILL_PARTITIONS];
                            }
                            int partition = partition(key, depth);
                            if (partitions[partition] == null) {
                                partitions[partition] = SpillFile.create("aggregate");
                            }
                            partitions[partition].write(plain || tagged ? row : withSet(row, set));
                            continue;
                        }
                        group = newGroup(set, keyValues);
                        groups.put(key, group);
                    }
                    for (int i = 0; i < aggregates.size(); i++) {
                        aggregates.get(i).accumulate(group.states()[i], row, environment);
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            closeAll(partitions);
            throw e;
        }
        if (depth == 0) {
            for (int set = 0; set < sets.size(); set++) {
                if (sets.isEmpty(set)) {
                    Object[] none = new Object[keys.size()];
                    List<Object> key = plain ? ValueComparator.key(none) : setKey(set, none);
                    if (groups.get(key) == null) {
                        groups.put(key, newGroup(set, none));
                    }
                }
            }
        }
        Iterator<Group> held = new ArrayList<>(groups.values()).iterator();
        groups.clear();
        SpillFile[] spilled = partitions;
        return new AbstractRowIterator() {
            private int nextPartition;
            private RowIterator partitionGroups;

            @Override
            protected Object[] advance() {
                if (held.hasNext()) {
                    return output(held.next());
                }
                while (spilled != null) {
                    if (partitionGroups != null && partitionGroups.next()) {
                        return partitionGroups.current();
                    }
                    if (partitionGroups != null) {
                        partitionGroups.close();
                        partitionGroups = null;
                        spilled[nextPartition - 1].close();
                    }
                    while (nextPartition < spilled.length && spilled[nextPartition] == null) {
                        nextPartition++;
                    }
                    if (nextPartition >= spilled.length) {
                        return null;
                    }
                    partitionGroups = aggregate(spilled[nextPartition++].read(), environment, depth + 1);
                }
                return null;
            }

            @Override
            protected void release() {
                if (partitionGroups != null) {
                    partitionGroups.close();
                }
                closeAll(spilled);
            }
        };
    }

    private Object[] output(Group group) {
        Object[] out = new Object[keys.size() + aggregates.size() + sets.callCount()];
        System.arraycopy(group.keyValues(), 0, out, 0, keys.size());
        for (int i = 0; i < aggregates.size(); i++) {
            out[keys.size() + i] = group.states()[i].result();
        }
        for (int c = 0; c < sets.callCount(); c++) {
            out[keys.size() + aggregates.size() + c] = sets.callValue(c, group.set());
        }
        return out;
    }

    /** The key values of {@code set}: those of the keys it does not group by are NULL. */
    private Object[] masked(Object[] values, int set) {
        Object[] masked = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            masked[i] = sets.grouped(set, i) ? values[i] : null;
        }
        return masked;
    }

    /** A group's hash key under grouping sets: its set's number, then its key values. */
    private static List<Object> setKey(int set, Object[] keyValues) {
        Object[] key = new Object[keyValues.length + 1];
        key[0] = set;
        System.arraycopy(keyValues, 0, key, 1, keyValues.length);
        return ValueComparator.key(key);
    }

    private static Object[] withSet(Object[] row, int set) {
        Object[] tagged = Arrays.copyOf(row, row.length + 1);
        tagged[row.length] = set;
        return tagged;
    }

    /** The spill partition of a key at a recursion depth: a different mix of the hash at each depth. */
    private static int partition(List<Object> key, int depth) {
        int hash = key.hashCode() * 0x9E3779B9;
        hash ^= hash >>> 16;
        return Math.floorMod(Integer.rotateLeft(hash, depth * 4), SPILL_PARTITIONS);
    }

    private static void closeAll(SpillFile[] files) {
        if (files != null) {
            for (SpillFile file : files) {
                if (file != null) {
                    file.close();
                }
            }
        }
    }

    @Override
    public long maximumRows() {
        boolean noKeys = true;
        for (int set = 0; set < sets.size(); set++) {
            noKeys &= sets.isEmpty(set);
        }
        if (noKeys) {
            return sets.size();
        }
        long inputRows = input.maximumRows();
        return plain || inputRows < 0 ? inputRows : inputRows * sets.size();
    }

    @Override
    public void explain(ExplainWriter out) {
        out.title((keys.isEmpty() && sets.size() == 1 ? "Aggregate" : "HashAggregate")
                + (description.isEmpty() ? "" : ": " + description));
        out.subPlans(subPlans, input);
        out.child(input);
    }
}
