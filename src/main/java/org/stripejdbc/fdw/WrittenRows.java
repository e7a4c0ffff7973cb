package org.stripejdbc.fdw;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.ColumnsRead;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.StripeClient;

/**
 * The RETURNING rows of an INSERT or UPDATE: Stripe's answers shaped as a SELECT of the table shapes its rows,
 * including the column a newer API version removed from the object and a scan derives ({@link InvoiceLinks}:
 * {@code charges.invoice} on {@code 2025-03-31.basil} and later), so that {@code update stripe.charges set
 * description = 'x' where id = 'ch_1' returning invoice} gives what {@code select invoice ...} gives.
 *
 * <p>Derived, as a scan derives it, only when the RETURNING list reads the column ({@link InvoiceLinks#derives})
 * and an answer lacks it (an older version's charge carries it: no request): one lookup per payment intent, a walk
 * of every invoice payment from the eleventh.
 *
 * <p>Example: on basil, {@code [{"id":"ch_1","payment_intent":"pi_1"}]} read with {@code invoice} →
 * {@code GET /v1/invoice_payments?payment[type]=payment_intent&payment[payment_intent]=pi_1&limit=1} → the row with
 * {@code invoice = in_1}.
 */
public final class WrittenRows {
    private WrittenRows() {}

    /** The rows of {@code answers}, in order, for a RETURNING list reading {@code read} of {@code table}. */
    public static List<Object[]> shape(
            ForeignTableDefinition table,
            List<Json> answers,
            ColumnsRead read,
            StripeClient client,
            ExecutionContext context) {
        Objects.requireNonNull(answers, "answers");
        RowShaper shaper = new RowShaper(Objects.requireNonNull(table, "table"));
        shaper.check();
        boolean derive = InvoiceLinks.derives(table, read);
        InvoiceLinks links = null;
        List<Object[]> rows = new ArrayList<>(answers.size());
        for (Json answer : answers) {
            if (derive && answer != null && answer.isObject() && answer.get(InvoiceLinks.FIELD) == null) {
                if (links == null) {
                    links = new InvoiceLinks(
                            Objects.requireNonNull(client, "client"),
                            new ScanProgress(table.qualifiedName(), context, table.stripeAccount()));
                }
                rows.add(shaper.shape(answer, InvoiceLinks.FIELD, links.invoiceValue(answer)));
            } else {
                rows.add(shaper.shape(answer));
            }
        }
        return rows;
    }
}
