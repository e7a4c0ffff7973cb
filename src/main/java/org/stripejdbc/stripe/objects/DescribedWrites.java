package org.stripejdbc.stripe.objects;

import java.util.Map;

/**
 * The dangerous writes of the objects made from the {@link ApiDescription} (the 24 of the original FDW have theirs
 * in {@link StripeObjects}): creating one of these moves money or issues a payment instrument, so the table needs
 * the option {@link WriteRules#ALLOW_DANGEROUS_WRITES} {@code 'true'}. Chosen from the description's create
 * endpoints: the Treasury money movements, Issuing cards, climate orders (paid from the balance) and credit notes
 * (which may refund the customer). Other described objects: the API decides.
 *
 * <p>Example: {@code insert into stripe.treasury_outbound_payments ...} → 42501 before any request, unless the table
 * has {@code allow_dangerous_writes 'true'}.
 */
final class DescribedWrites {
    private static final Map<String, String> DANGEROUS_CREATE = Map.of(
            "treasury/outbound_payments", "sends money from a Treasury financial account to a third party",
            "treasury/outbound_transfers", "sends money from a Treasury financial account to an account you own",
            "treasury/inbound_transfers", "pulls money from a bank account into a Treasury financial account",
            "treasury/credit_reversals", "reverses money received into a Treasury financial account",
            "treasury/debit_reversals", "reverses money sent from a Treasury financial account",
            "issuing/cards", "issues a real card that can spend the Issuing balance",
            "climate/orders", "buys carbon removal, paid from the Stripe balance",
            "credit_notes", "may refund money to the customer or credit their balance");

    private DescribedWrites() {}

    /** The write rules of the described object at {@code path}. */
    static WriteRules rules(String path) {
        String reason = DANGEROUS_CREATE.get(path);
        return reason == null ? WriteRules.DEFAULT : WriteRules.DEFAULT.dangerous(WriteRules.Operation.INSERT, reason);
    }
}
