package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiErrorTest {

    @Test
    void rendersStripesErrorShapeLeavingOutAbsentMembers() {
        assertEquals(
                "{\"error\":{\"code\":\"resource_missing\",\"doc_url\":\"https://stripe.com/docs/error-codes/"
                        + "resource-missing\",\"message\":\"No such customer: 'cus_x'\",\"param\":\"id\","
                        + "\"type\":\"invalid_request_error\"}}",
                ApiError.resourceMissing("customer", "cus_x", "id").toJson().toString());
        assertEquals(
                "{\"error\":{\"message\":\"An unknown error occurred\",\"type\":\"api_error\"}}",
                ApiError.internalError().toJson().toString());
    }

    @Test
    void answersMissingResourcesByWhereTheIdCameFrom() {
        assertEquals(404, ApiError.resourceMissing("customer", "cus_x", "id").status());
        assertEquals(
                400, ApiError.resourceMissing("customer", "cus_x", "customer").status());
        assertEquals(
                400,
                ApiError.resourceMissing("customer", "cus_x", "starting_after").status());
    }

    @Test
    void listsEnumerationsTheWayStripeDoes() {
        assertEquals(
                "Invalid type: must be one of one_time or recurring",
                ApiError.invalidEnum("type", List.of("one_time", "recurring")).message());
        assertEquals(
                "Invalid status: must be one of a, b, or c",
                ApiError.invalidEnum("status", List.of("a", "b", "c")).message());
        assertNull(ApiError.unrecognizedUrl("get", "/v1/tokens").code());
        assertEquals(
                "Unrecognized request URL (GET: /v1/tokens). " + ApiError.SUPPORT_TEXT,
                ApiError.unrecognizedUrl("get", "/v1/tokens").message());
    }

    @Test
    void marksRetryableErrors() {
        HttpAnswer rateLimited = HttpAnswer.error(ApiError.rateLimited());
        assertEquals("true", rateLimited.headers().get("Stripe-Should-Retry"));
        assertEquals(
                "true",
                HttpAnswer.error(ApiError.serviceUnavailable()).headers().get("Stripe-Should-Retry"));
        assertEquals(
                "false",
                HttpAnswer.error(ApiError.unknownParameter("x")).headers().get("Stripe-Should-Retry"));
        assertEquals(
                "Basic realm=\"Stripe\"",
                HttpAnswer.error(ApiError.missingApiKey()).headers().get("WWW-Authenticate"));
    }
}
