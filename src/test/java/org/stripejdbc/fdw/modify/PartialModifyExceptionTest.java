package org.stripejdbc.fdw.modify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.stripe.StripeApiException;
import org.stripejdbc.stripe.StripeError;

class PartialModifyExceptionTest {
    private static final StripeApiException BAD_REQUEST = new StripeApiException(
            400,
            new StripeError(
                    "invalid_request_error", null, "Missing required param: price.", "items[0][price]", null, null),
            "req_1",
            "POST",
            "/v1/subscriptions",
            null,
            1);

    @Test
    void listsAtMostTenIdsAndCountsTheRest() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            ids.add("sub_" + i);
        }
        PartialModifyException e = new PartialModifyException(
                ModifyOperation.INSERT, "stripe.subscriptions", 13, -1, 12, ids, BAD_REQUEST);
        assertEquals(
                "INSERT into stripe.subscriptions failed at row 13 after 12 rows were applied (sub_1, sub_2, "
                        + "sub_3, sub_4, sub_5, sub_6, sub_7, sub_8, sub_9, sub_10, and 2 more): Stripe API error 400 "
                        + "(invalid_request_error, param items[0][price]): Missing required param: price. "
                        + "[request-id req_1] "
                        + "on POST /v1/subscriptions",
                e.getMessage());
        assertEquals(ids, e.appliedIds());
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.sqlState());
        assertSame(BAD_REQUEST, e.getCause());
    }

    @Test
    void appliedRowsWithoutIdsAreCountedOnly() {
        PartialModifyException e =
                new PartialModifyException(ModifyOperation.INSERT, "stripe.things", 3, 3, 2, List.of(), BAD_REQUEST);
        assertTrue(
                e.getMessage()
                        .startsWith("INSERT into stripe.things failed at row 3 of 3 after 2 rows were "
                                + "applied: Stripe API error 400"),
                e.getMessage());
    }

    @Test
    void outcomeIsUnknownOnlyWhenTheRequestMayHaveReachedStripe() {
        assertFalse(PartialModifyException.outcomeUnknown(BAD_REQUEST));
        assertTrue(PartialModifyException.outcomeUnknown(api(500)));
        assertTrue(PartialModifyException.outcomeUnknown(api(502)));
        assertTrue(PartialModifyException.outcomeUnknown(api(408)));
        assertFalse(PartialModifyException.outcomeUnknown(api(429)));
        assertFalse(PartialModifyException.outcomeUnknown(api(409)));
        assertTrue(PartialModifyException.outcomeUnknown(new StripeJdbcException(
                SqlState.CONNECTION_FAILURE,
                "Stripe request failed on POST /v1/customers: Read timed out (SocketTimeoutException)")));
        assertFalse(PartialModifyException.outcomeUnknown(
                new StripeJdbcException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, "Connection refused")));
        assertFalse(PartialModifyException.outcomeUnknown(
                new StripeJdbcException(SqlState.QUERY_CANCELED, "canceling statement due to user request")));
        assertFalse(PartialModifyException.outcomeUnknown(null));
    }

    @Test
    void anUnexpectedExceptionKeepsTheAppliedRowsAsAnInternalError() {
        PartialModifyException e = new PartialModifyException(
                ModifyOperation.DELETE,
                "stripe.customers",
                2,
                2,
                1,
                List.of("cus_1"),
                new IllegalStateException("boom"));
        assertEquals(SqlState.INTERNAL_ERROR, e.sqlState());
        assertEquals(
                "DELETE from stripe.customers failed at row 2 of 2 after 1 row was applied (cus_1): boom",
                e.getMessage());
        PartialModifyException noMessage = new PartialModifyException(
                ModifyOperation.DELETE, "stripe.customers", 1, 1, 0, List.of(), new IllegalStateException());
        assertTrue(noMessage.getMessage().endsWith(": IllegalStateException"), noMessage.getMessage());
    }

    @Test
    void operationNamesParse() {
        assertEquals(ModifyOperation.UPDATE, ModifyOperation.of(" update "));
        assertEquals(ModifyOperation.DELETE, ModifyOperation.of("Delete"));
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> ModifyOperation.of(null));
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, e.sqlState());
        assertEquals("UPDATE of stripe.customers", ModifyOperation.UPDATE.on("stripe.customers"));
    }

    private static StripeApiException api(int status) {
        return new StripeApiException(status, StripeError.NONE, null, "POST", "/v1/customers", null, 1);
    }
}
