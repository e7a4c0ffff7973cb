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
}
