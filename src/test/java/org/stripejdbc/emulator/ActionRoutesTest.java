package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.emulator.EmulatorClient.pair;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stripejdbc.json.Json;

/** The emulator's action endpoints on the wire: parameters checked as the API does, state transitions, 404. */
class ActionRoutesTest {
    private static StripeEmulator emulator;
    private static EmulatorClient client;

    @BeforeAll
    static void start() {
        emulator = StripeEmulator.builder().seed(5).customers(200).start();
        client = new EmulatorClient(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static String firstWithStatus(String object, String status) {
        for (Json o : emulator.objects(object)) {
            if (status.equals(o.get("status").asText())) {
                return o.get("id").asText();
            }
        }
        throw new AssertionError("no " + object + " with status " + status + " in the sample data");
    }

    @Test
    void anUnknownParameterIsRefusedAsTheApiDoes() {
        String invoice = firstWithStatus("invoices", "open");
        EmulatorClient.Answer answer = client.post("invoices/" + invoice + "/finalize", List.of(pair("colour", "red")));
        assertEquals(400, answer.status());
        assertEquals(
                "Received unknown parameter: colour",
                answer.error().get("message").asText());
        assertEquals("parameter_unknown", answer.error().get("code").asText());
    }

    @Test
    void aMissingRequiredParameterAndAMissingObjectAreRefused() {
        EmulatorClient.Answer missing =
                client.post("test_helpers/customers/cus_nope/fund_cash_balance", List.of(pair("amount", "100")));
        assertEquals(400, missing.status(), () -> String.valueOf(missing.body()));
        assertEquals(
                "Missing required param: currency.",
                missing.error().get("message").asText());
        EmulatorClient.Answer gone = client.post("invoices/in_nope/void", List.of());
        assertEquals(404, gone.status());
        assertEquals("No such invoice: 'in_nope'", gone.error().get("message").asText());
    }

    @Test
    void anOpenInvoiceIsVoidedOnceAndAGenericActionAnswersTheObjectWithItsMetadata() {
        String invoice = firstWithStatus("invoices", "open");
        EmulatorClient.Answer voided = client.post("invoices/" + invoice + "/void", List.of());
        assertEquals(200, voided.status());
        assertEquals("void", voided.body().get("status").asText());
        EmulatorClient.Answer again = client.post("invoices/" + invoice + "/void", List.of());
        assertEquals(400, again.status());
        EmulatorClient.Answer sent = client.post("invoices/" + invoice + "/send", List.of(pair("expand[]", "x")));
        assertEquals(200, sent.status());
        assertEquals("void", sent.body().get("status").asText(), "send changes nothing here");
        String intent = firstWithStatus("payment_intents", "requires_capture");
        JsonNode captured = client.post(
                        "payment_intents/" + intent + "/capture",
                        List.of(pair("amount_to_capture", "100"), pair("metadata[why]", "test")))
                .body();
        assertEquals("succeeded", captured.get("status").asText());
        assertEquals(100, captured.get("amount_received").asInt());
        assertEquals("test", captured.get("metadata").get("why").asText());
    }

    @Test
    void anInvoicePreviewIsComputedFromTheCustomersSubscriptionAndStoresNothing() {
        Json subscription = null;
        for (Json o : emulator.objects("subscriptions")) {
            if (o.get("status").asText().equals("active")) {
                subscription = o;
                break;
            }
        }
        if (subscription == null) {
            throw new AssertionError("no active subscription in the sample data");
        }
        String customer = subscription.get("customer").asText();
        long expected = 0;
        for (Json item : subscription.get("items").get("data").elements()) {
            Json amount = item.get("price").get("unit_amount");
            expected += (amount == null || amount.isNull() ? 0 : amount.longValue())
                    * item.get("quantity").longValue();
        }
        int invoices = emulator.objects("invoices").size();
        EmulatorClient.Answer preview = client.post(
                "invoices/create_preview",
                List.of(pair("subscription", subscription.get("id").asText())));
        assertEquals(200, preview.status(), () -> String.valueOf(preview.body()));
        assertEquals("invoice", preview.body().get("object").asText());
        assertEquals(customer, preview.body().get("customer").asText());
        assertEquals("draft", preview.body().get("status").asText());
        assertEquals(expected, preview.body().get("total").asLong());
        assertEquals(true, preview.body().get("id").asText().startsWith("upcoming_in_"));
        assertEquals(invoices, emulator.objects("invoices").size(), "a preview stores no invoice");
        EmulatorClient.Answer given = client.post(
                "invoices/create_preview",
                List.of(
                        pair("customer", customer),
                        pair("subscription", subscription.get("id").asText()),
                        pair("invoice_items[0][amount]", "250"),
                        pair("invoice_items[0][currency]", "usd")));
        assertEquals(expected + 250, given.body().get("total").asLong(), () -> String.valueOf(given.body()));
        EmulatorClient.Answer unknown =
                client.post("invoices/create_preview", List.of(pair("customer", customer), pair("colour", "red")));
        assertEquals(
                "Received unknown parameter: colour",
                unknown.error().get("message").asText());
        EmulatorClient.Answer nobody = client.post("invoices/create_preview", List.of(pair("customer", "cus_nope")));
        assertEquals(400, nobody.status());
        assertEquals(
                "No such customer: 'cus_nope'", nobody.error().get("message").asText());
    }

    @Test
    void aCreditNotePreviewIsAGetOfAnInvoicesAmount() {
        String invoice = firstWithStatus("invoices", "paid");
        EmulatorClient.Answer preview = client.get("credit_notes/preview?invoice=" + invoice + "&amount=1");
        assertEquals(200, preview.status(), () -> String.valueOf(preview.body()));
        assertEquals("credit_note", preview.body().get("object").asText());
        assertEquals(1, preview.body().get("amount").asInt());
        assertEquals("post_payment", preview.body().get("type").asText());
        assertEquals(invoice, preview.body().get("invoice").asText());
        EmulatorClient.Answer tooMuch = client.get("credit_notes/preview?invoice=" + invoice + "&amount=999999999");
        assertEquals(400, tooMuch.status());
        EmulatorClient.Answer missing = client.get("credit_notes/preview?amount=1");
        assertEquals(
                "Missing required param: invoice.",
                missing.error().get("message").asText());
        EmulatorClient.Answer post = client.post("credit_notes/preview", List.of(pair("invoice", invoice)));
        assertEquals(true, post.status() >= 400, "a GET endpoint: a POST is no preview");
    }

    @Test
    void reportedPaymentsAndIssuingTestTransactionsAreStored() {
        EmulatorClient.Answer reported = client.post(
                "payment_records/report_payment",
                List.of(
                        pair("amount_requested[currency]", "usd"),
                        pair("amount_requested[value]", "1000"),
                        pair("initiated_at", "1700000000"),
                        pair("payment_method_details[type]", "custom"),
                        pair("outcome", "guaranteed")));
        assertEquals(200, reported.status(), () -> String.valueOf(reported.body()));
        String record = reported.body().get("id").asText();
        assertEquals(200, client.get("payment_records/" + record).status());
        assertEquals(1000, reported.body().get("amount_guaranteed").get("value").asInt());

        String card = emulator.objects("issuing/cards").get(0).get("id").asText();
        EmulatorClient.Answer capture = client.post(
                "test_helpers/issuing/transactions/create_force_capture",
                List.of(pair("amount", "700"), pair("card", card)));
        assertEquals(200, capture.status(), () -> String.valueOf(capture.body()));
        assertEquals(-700, capture.body().get("amount").asInt());
        assertEquals("capture", capture.body().get("type").asText());
        assertEquals(
                200,
                client.get("issuing/transactions/" + capture.body().get("id").asText())
                        .status());
        EmulatorClient.Answer noCard = client.post(
                "test_helpers/issuing/transactions/create_unlinked_refund",
                List.of(pair("amount", "700"), pair("card", "ic_nope")));
        assertEquals(
                "No such issuing.card: 'ic_nope'", noCard.error().get("message").asText());
    }

    @Test
    void theObjectsWithoutATableAndTheSourceVerification() {
        String intent = emulator.objects("payment_intents").get(0).get("id").asText();
        EmulatorClient.Answer association = client.get("tax/associations/find?payment_intent=" + intent);
        assertEquals(200, association.status());
        assertEquals("tax.association", association.body().get("object").asText());
        EmulatorClient.Answer reversal = client.post(
                "tax/transactions/create_reversal",
                List.of(pair("mode", "full"), pair("original_transaction", "tax_1"), pair("reference", "r-1")));
        assertEquals("reversal", reversal.body().get("type").asText());
        EmulatorClient.Answer wrongMode = client.post(
                "tax/transactions/create_reversal",
                List.of(pair("mode", "most"), pair("original_transaction", "tax_1"), pair("reference", "r-1")));
        assertEquals(400, wrongMode.status());
        EmulatorClient.Answer secret = client.get("apps/secrets/find?name=x&scope[type]=account");
        assertEquals(404, secret.status());
        assertEquals("No such secret: 'x'", secret.error().get("message").asText());
        String customer = emulator.objects("customers").get(0).get("id").asText();
        EmulatorClient.Answer source = client.post("customers/" + customer + "/sources/ba_nope/verify", List.of());
        assertEquals(404, source.status());
        assertEquals("No such source: 'ba_nope'", source.error().get("message").asText());
    }
}
