package org.stripejdbc.session;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.stripejdbc.engine.CompiledQuery;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.modify.ModifyOperation;
import org.stripejdbc.fdw.modify.ModifyRefusedException;
import org.stripejdbc.fdw.modify.ModifySettings;

/**
 * The target rows of an {@code UPDATE ... FROM} or {@code DELETE ... USING}, collected from the whole join before
 * anything is written: each target id once, in the order the join first gives it, with its new values and the FROM
 * items' columns of its first join row (for RETURNING).
 *
 * <p>A target row that joins several rows is written once. Postgres then applies the new values of one of its
 * join rows, which one unpredictable; here the statement is refused (21000, naming the id and the columns) unless
 * every join row gives the same new values:
 * <pre>
 *   update stripe.customers c set description = ch.description from stripe.charges ch where ch.customer = c.id
 *     cus_1 joins ch_1 (description 'a') and ch_2 (description 'a')   → one POST /v1/customers/cus_1
 *     cus_2 joins ch_3 ('a') and ch_4 ('b')                            → 21000 before any write
 * </pre>
 * Memory: the values of at most {@code max_write_rows} targets; the ids beyond them are only counted (the statement
 * is then refused, 54000).
 */
final class JoinedTargets {
    /** One target row: the new values (UPDATE; empty for DELETE), the FROM items' values, how many join rows. */
    static final class Target {
        final Map<String, Object> values;
        final Object[] sources;
        long matches = 1;

        Target(Map<String, Object> values, Object[] sources) {
            this.values = values;
            this.sources = sources;
        }
    }

    final Map<String, Target> kept = new LinkedHashMap<>();
    private final Set<String> beyondCap = new HashSet<>();
    long joinRows;
    /** The refusal of a target whose join rows disagree, or null. */
    ModifyRefusedException conflict;

    private JoinedTargets() {}

    /** Distinct target rows. */
    long count() {
        return kept.size() + beyondCap.size();
    }

    List<String> ids() {
        return new ArrayList<>(kept.keySet());
    }

    /**
     * Reads the whole join ({@code finder}: the target's id first) and collects its targets. A read failure or
     * cancel fails with its own SQLSTATE, saying nothing was written; the first disagreement stops the read.
     *
     * @param values  a join row's new values ({@code null} for DELETE)
     * @param sources a join row's FROM item columns kept for RETURNING
     */
    static JoinedTargets collect(
            CompiledQuery finder,
            ExecutionContext context,
            ModifySettings settings,
            ModifyOperation operation,
            String table,
            Function<Object[], Map<String, Object>> values,
            Function<Object[], Object[]> sources) {
        ExecutionContext read = context.forWriteTargets();
        JoinedTargets out = new JoinedTargets();
        try (RowIterator rows = finder.execute(read)) {
            while (rows.next()) {
                out.joinRows++;
                Object[] row = rows.current();
                String id = ModifyRowFinder.id(row);
                Target target = out.kept.get(id);
                if (target == null) {
                    if (!out.beyondCap.contains(id)) {
                        if (settings.keepsRow(out.kept.size() + 1L)) {
                            out.kept.put(
                                    id, new Target(values == null ? Map.of() : values.apply(row), sources.apply(row)));
                        } else {
                            out.beyondCap.add(id);
                        }
                    }
                    continue;
                }
                target.matches++;
                if (values != null) {
                    List<String> differing = differing(target.values, values.apply(row));
                    if (!differing.isEmpty()) {
                        out.conflict = conflict(operation, table, id, target.matches, differing);
                        break;
                    }
                }
            }
        } catch (StripeJdbcException e) {
            throw new StripeJdbcException(
                    e.sqlState(),
                    operation.on(table) + ": reading the rows to " + operation.verb()
                            + " failed, so nothing was written: " + e.getMessage(),
                    e);
        }
        return out;
    }

    /** The columns whose values differ (numbers compared by value: 1.0 = 1.00). */
    private static List<String> differing(Map<String, Object> first, Map<String, Object> other) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : first.entrySet()) {
            if (!same(e.getValue(), other.get(e.getKey()))) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof Object[] x && b instanceof Object[] y) {
            return Arrays.deepEquals(x, y);
        }
        return Objects.equals(a, b);
    }

    // Security: the message names the id and the columns, never the values (a value may be a secret).
    private static ModifyRefusedException conflict(
            ModifyOperation operation, String table, String id, long matches, List<String> columns) {
        return new ModifyRefusedException(
                SqlState.CARDINALITY_VIOLATION,
                operation.on(table) + ": the row " + id + " joins at least " + matches + " rows of FROM that give it "
                        + "different values for "
                        + String.join(
                                ", ", columns.stream().map(c -> "\"" + c + "\"").toList())
                        + "; Postgres would apply one of them, which one unpredictable, so the statement is refused "
                        + "before any write. Make each row of " + table + " join one row of FROM (for example "
                        + "aggregate the FROM item in a subquery), or make every match give the same values");
    }
}
