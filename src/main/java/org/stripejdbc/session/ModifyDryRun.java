package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.fdw.modify.ModifyOperation;
import org.stripejdbc.fdw.modify.ModifySettings;
import org.stripejdbc.fdw.modify.StripeModifier;
import org.stripejdbc.fdw.modify.WriteRequest;
import org.stripejdbc.stripe.objects.WriteRules;

/**
 * The text of {@code EXPLAIN} for an INSERT, UPDATE or DELETE: a dry run. It runs the statement's planning step
 * (guards, the read with its pushdown, evaluation, encoding) and prints the requests the statement would send,
 * never sending one. Example, with 237 of the 300 customers matching:
 * <pre>
 *   explain delete from stripe.customers where name like '%a%'
 *
 *   Delete on stripe.customers (dry run: the rows were read, nothing was written)
 *     Guards: safe_updates on, max_write_rows 1,000
 *     Rows to delete: 237
 *     Write requests: 237, one per row, in this order:
 *       DELETE /v1/customers/cus_PZ1
 *       ... (20 lines)
 *       ... and 217 more (EXPLAIN VERBOSE lists every request)
 *     Read: every row, to the end, before the first write:
 *     -&gt;  Project: id
 *           -&gt;  Scan: stripe.customers
 *                 Foreign Scan on stripe.customers
 *                   Request: GET /v1/customers?limit=100
 *                   ...
 *                   Local filter: (customers.name ~~ '%a%')
 * </pre>
 * A refused statement shows {@code Refused: <the error message>} instead of the requests (and, when the read
 * ran, the number of rows); a statement refused before its read does not read. Security: the caller runs every
 * line through the catalog's redactor (request bodies hold values as written).
 */
final class ModifyDryRun {
    /** Requests (or ids) listed without VERBOSE. */
    static final int SHOWN = 20;

    private ModifyDryRun() {}

    static List<String> lines(
            CompiledModify write, ExecutionContext context, ModifySettings settings, boolean verbose) {
        ModifyOperation operation = write.operation();
        StripeModifier modifier = write.target().modifier();
        ModifyPlan plan = write.plan(context, settings);
        List<String> out = new ArrayList<>();
        String title =
                operation.name().charAt(0) + operation.name().substring(1).toLowerCase(Locale.ROOT);
        out.add(title + " on " + write.target().table().qualifiedName() + " (dry run: "
                + (plan.read() ? "the rows were read, nothing was written)" : "nothing was read or written)"));
        out.add("  Guards: " + guards(settings, modifier));
        if (plan.rows() >= 0) {
            out.add("  Rows to " + operation.verb() + ": " + count(plan.rows()));
        }
        for (String note : plan.notes()) {
            out.add("  " + note);
        }
        if (plan.refusal() != null) {
            out.add("  Refused: " + plan.refusal().getMessage());
            if (!plan.ids().isEmpty()) {
                int shown =
                        verbose ? plan.ids().size() : Math.min(SHOWN, plan.ids().size());
                out.add("  Ids read: " + String.join(", ", plan.ids().subList(0, shown))
                        + (plan.rows() > shown ? " ... and " + count(plan.rows() - shown) + " more" : ""));
            }
        } else {
            requests(out, plan.requests(), modifier.objectPath(), operation, verbose);
        }
        if (write.read() == null) {
            out.add("  Read: none (" + write.rowSource() + ")");
            return out;
        }
        out.add(
                plan.read()
                        ? "  Read: every row, to the end, before the first write:"
                        : "  Read: not run (refused before any request):");
        List<String> read = write.read().explain(context.forWriteTargets());
        for (int i = 0; i < read.size(); i++) {
            out.add((i == 0 ? "  ->  " : "      ") + read.get(i));
        }
        return out;
    }

    private static void requests(
            List<String> out,
            List<WriteRequest> requests,
            String objectPath,
            ModifyOperation operation,
            boolean verbose) {
        if (requests.isEmpty()) {
            out.add("  Write requests: none");
            return;
        }
        out.add("  Write requests: " + count(requests.size()) + ", one per row, in this order"
                + (operation == ModifyOperation.DELETE ? "" : ", each with its own Idempotency-Key") + ":");
        int shown = verbose ? requests.size() : Math.min(SHOWN, requests.size());
        for (int i = 0; i < shown; i++) {
            out.add("    " + requests.get(i).describe(objectPath));
        }
        if (shown < requests.size()) {
            out.add("    ... and " + count(requests.size() - shown) + " more (EXPLAIN VERBOSE lists every request)");
        }
    }

    private static String guards(ModifySettings settings, StripeModifier modifier) {
        String out = "safe_updates " + (settings.safeUpdates() ? "on" : "off") + ", max_write_rows "
                + (settings.maxWriteRows() == 0 ? "0 (no cap)" : count(settings.maxWriteRows()));
        if (!modifier.table().object().writes().dangerous().isEmpty()) {
            out += ", " + WriteRules.ALLOW_DANGEROUS_WRITES + " " + (modifier.allowsDangerousWrites() ? "on" : "off");
        }
        return out;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
