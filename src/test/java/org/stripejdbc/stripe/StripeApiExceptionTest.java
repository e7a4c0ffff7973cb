package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

class StripeApiExceptionTest {

    @Test
    void fullMessage() {
        StripeApiException e = new StripeApiException(
                404,
                new StripeError(
                        "invalid_request_error",
                        "resource_missing",
                        "No such customer: 'cus_x'",
                        "id",
                        null,
                        "https://stripe.com/docs/error-codes/resource-missing"),
                "req_123",
                "GET",
                "/v1/customers/cus_x",
                null,
                1);
        assertEquals(
                "Stripe API error 404 (invalid_request_error, code resource_missing, param id): "
                        + "No such customer: 'cus_x' [request-id req_123] on GET /v1/customers/cus_x",
                e.getMessage());
        assertEquals(SqlState.UNDEFINED_OBJECT, e.sqlState());
        assertEquals("No such customer: 'cus_x'", e.stripeMessage());
        assertInstanceOf(StripeJdbcException.class, e);
    }

    @Test
    void minimalMessageAndAttempts() {
        StripeApiException e = new StripeApiException(503, StripeError.NONE, null, "POST", "/v1/charges", null, 4);
        assertEquals(
                "Stripe API error 503: no error details in the response on POST /v1/charges after 4 attempts",
                e.getMessage());
        assertNull(e.type());
        StripeApiException withExcerpt = new StripeApiException(502, null, "req_9", "GET", "/v1/x", "Bad gateway", 1);
        assertEquals("Stripe API error 502: Bad gateway [request-id req_9] on GET /v1/x", withExcerpt.getMessage());
    }

    @Test
    void keysAreRedactedEverywhere() {
        StripeApiException e = new StripeApiException(
                401,
                new StripeError(
                        "invalid_request_error",
                        null,
                        "Invalid API Key provided: sk_live_51HabcdefghWXYZ",
                        null,
                        null,
                        null),
                null,
                "GET",
                "/v1/balance",
                null,
                1);
        assertEquals(
                "Stripe API error 401 (invalid_request_error): Invalid API Key provided: sk_live_...WXYZ "
                        + "on GET /v1/balance",
                e.getMessage());
        assertEquals("Invalid API Key provided: sk_live_...WXYZ", e.stripeMessage());
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "400, invalid_request_error, 22023",
                "400, idempotency_error, 22023",
                "400, card_error, 22000",
                "401, -, 28000",
                "402, card_error, 22000",
                "402, -, 22000",
                "403, -, 42501",
                "404, -, 42704",
                "409, -, 40001",
                "429, -, 08000",
                "408, -, 08006",
                "500, api_error, 08006",
                "503, -, 08006",
                "418, -, HV000",
                "302, -, HV000",
            })
    void sqlStates(int status, String type, String sqlState) {
        assertEquals(sqlState, StripeApiException.sqlStateFor(status, type).code());
    }
}
