package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generates the money that leaves or enters the balance outside payments: payouts to the bank (about 80% usd,
 * 20% eur, sized from the charge volume), top-ups, and transfers to connected accounts, each with its balance
 * transaction; then the balance itself, one entry per currency in {@code available} and {@code pending}, always
 * including usd and eur.
 */
final class TreasuryGenerator {
    private static final long DAY = 86_400;

    private final SampleContext context;
    private final PaymentGenerator payments;

    TreasuryGenerator(SampleContext context, PaymentGenerator payments) {
        this.context = context;
        this.payments = payments;
    }

    void generate() {
        payouts();
        topups();
        transfers();
        balance();
    }

    private void payouts() {
        SampleRandom random = context.random("payouts");
        int count = context.sizes.payouts();
        long end = context.timeline.end();
        for (int i = 0; i < count; i++) {
            String currency = random.chance(0.8) ? "usd" : "eur";
            long volume = Math.max(0, context.balanceOf(currency)[0]);
            long amount = Math.max(1_000, volume / Math.max(1, count) * (50 + random.nextInt(60)) / 100);
            long created = context.timeline.next(random);
            long arrival = created + 2 * DAY;
            String status;
            if (created > end - DAY) {
                status = "pending";
            } else if (arrival > end) {
                status = "in_transit";
            } else {
                status = random.weighted("paid", 92, "failed", 5, "canceled", 3);
            }
            ObjectNode payout = context.start("payouts", null);
            String payoutId = payout.get("id").textValue();
            boolean reversed = status.equals("failed") || status.equals("canceled");
            String balanceTransaction = context.ids.next(EmulatedObjects.require("balance_transactions"));
            String failureTransaction =
                    reversed ? context.ids.next(EmulatedObjects.require("balance_transactions")) : null;
            payout.put("amount", amount);
            payout.put("arrival_date", arrival);
            payout.put("automatic", true);
            payout.put("balance_transaction", balanceTransaction);
            payout.put("created", created);
            payout.put("currency", currency);
            payout.put("description", "STRIPE PAYOUT");
            payout.put("destination", "ba_1" + random.alphanumeric(23));
            payout.put("failure_balance_transaction", failureTransaction);
            payout.put("failure_code", status.equals("failed") ? "account_closed" : null);
            payout.put("failure_message", status.equals("failed") ? "The bank account has been closed." : null);
            payout.put("livemode", false);
            payout.putObject("metadata");
            payout.put("method", random.chance(0.9) ? "standard" : "instant");
            payout.putNull("original_payout");
            payout.put("reconciliation_status", status.equals("paid") ? "completed" : "not_applicable");
            payout.putNull("reversed_by");
            payout.put("source_type", "card");
            payout.put("statement_descriptor", random.chance(0.4) ? "EMULATOR PAYOUT" : null);
            payout.put("status", status);
            payout.put("type", "bank_account");
            context.store(
                    "payouts",
                    payout,
                    created,
                    status.equals("paid")
                            ? "payout.paid"
                            : status.equals("failed") ? "payout.failed" : "payout.created");
            payments.balanceTransaction(
                    balanceTransaction,
                    -amount,
                    currency,
                    created,
                    created,
                    0,
                    "payout",
                    "payout",
                    payoutId,
                    "STRIPE PAYOUT");
            if (reversed) {
                long failedAt = context.timeline.after(random, created, DAY);
                payments.balanceTransaction(
                        failureTransaction,
                        amount,
                        currency,
                        failedAt,
                        failedAt,
                        0,
                        status.equals("failed") ? "payout_failure" : "payout_cancel",
                        "payout_reversal",
                        payoutId,
                        "STRIPE PAYOUT REVERSAL");
            }
        }
    }

    private void topups() {
        SampleRandom random = context.random("topups");
        long end = context.timeline.end();
        for (int i = 0; i < context.sizes.topups(); i++) {
            long created = context.timeline.next(random);
            String currency = random.chance(0.85) ? "usd" : "eur";
            long amount = random.between(100, 5_000) * 100;
            String status =
                    created > end - 5 * DAY ? "pending" : random.weighted("succeeded", 85, "failed", 9, "canceled", 6);
            ObjectNode topup = context.start("topups", null);
            String balanceTransaction = status.equals("succeeded") || status.equals("pending")
                    ? context.ids.next(EmulatedObjects.require("balance_transactions"))
                    : null;
            topup.put("amount", amount);
            topup.put("balance_transaction", balanceTransaction);
            topup.put("created", created);
            topup.put("currency", currency);
            topup.put("description", random.pickOf("Top-up for payouts", "Weekly top-up", null, "Reserve funding"));
            topup.put("expected_availability_date", created + 5 * DAY);
            topup.put("failure_code", status.equals("failed") ? "insufficient_funds" : null);
            topup.put("failure_message", status.equals("failed") ? "The bank account has insufficient funds." : null);
            topup.put("livemode", false);
            topup.putObject("metadata");
            topup.putNull("source");
            topup.putNull("statement_descriptor");
            topup.put("status", status);
            topup.putNull("transfer_group");
            context.store("topups", topup, created, status.equals("succeeded") ? "topup.succeeded" : "topup.created");
            if (balanceTransaction != null) {
                payments.balanceTransaction(
                        balanceTransaction,
                        amount,
                        currency,
                        created,
                        created + 5 * DAY,
                        0,
                        "topup",
                        "topup",
                        topup.get("id").textValue(),
                        "Top-up");
            }
        }
    }

    private void transfers() {
        if (context.connectedAccounts.isEmpty()) {
            return;
        }
        SampleRandom random = context.random("transfers");
        for (int i = 0; i < context.sizes.transfers(); i++) {
            long created = context.timeline.next(random);
            long amount = random.between(10, 2_000) * 100;
            String destination = random.pick(context.connectedAccounts);
            String balanceTransaction = context.ids.next(EmulatedObjects.require("balance_transactions"));
            ObjectNode transfer = context.start("transfers", null);
            String transferId = transfer.get("id").textValue();
            transfer.put("amount", amount);
            transfer.put("amount_reversed", 0);
            transfer.put("balance_transaction", balanceTransaction);
            transfer.put("created", created);
            transfer.put("currency", "usd");
            transfer.put("description", random.pickOf("Seller payout", "Marketplace share", null, "Referral bonus"));
            transfer.put("destination", destination);
            transfer.put("destination_payment", "py_1" + random.alphanumeric(23));
            transfer.put("livemode", false);
            transfer.putObject("metadata");
            ObjectNode reversals = transfer.putObject("reversals");
            reversals.put("object", "list");
            reversals.putArray("data");
            reversals.put("has_more", false);
            reversals.put("total_count", 0);
            reversals.put("url", "/v1/transfers/" + transferId + "/reversals");
            transfer.put("reversed", false);
            transfer.putNull("source_transaction");
            transfer.put("source_type", "card");
            transfer.put("transfer_group", random.chance(0.3) ? "ORDER_" + random.digits(5) : null);
            context.store("transfers", transfer, created, "transfer.created");
            payments.balanceTransaction(
                    balanceTransaction,
                    -amount,
                    "usd",
                    created,
                    created,
                    0,
                    "transfer",
                    "transfer",
                    transferId,
                    transfer.get("description").isNull()
                            ? null
                            : transfer.get("description").textValue());
        }
    }

    private void balance() {
        ObjectNode balance = SampleContext.object();
        balance.put("object", "balance");
        ArrayNode available = balance.putArray("available");
        ArrayNode pending = balance.putArray("pending");
        for (String currency : new String[] {"usd", "eur"}) {
            long[] totals = context.balanceOf(currency);
            entry(available, totals[0], currency);
            entry(pending, totals[1], currency);
        }
        ObjectNode reserved = balance.putArray("connect_reserved").addObject();
        reserved.put("amount", 0);
        reserved.put("currency", "usd");
        balance.put("livemode", false);
        context.data.setBalance(balance);
    }

    private static void entry(ArrayNode entries, long amount, String currency) {
        ObjectNode entry = entries.addObject();
        entry.put("amount", amount);
        entry.put("currency", currency);
        entry.putObject("source_types").put("card", amount);
    }
}
