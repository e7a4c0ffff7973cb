package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

class UrlEncodingTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "cus_1       | cus_1",
                "../balance  | ..%2Fbalance",
                "..          | %2E%2E",
                ".           | %2E",
                "...         | ...",
                "a.b         | a.b",
                "a/b         | a%2Fb",
                "x?y=1       | x%3Fy%3D1",
                "%2F         | %252F",
                "'cus 1'     | cus%201",
                "a+b         | a%2Bb",
                "#f          | %23f",
                "~x-y_z      | ~x-y_z",
                "€           | %E2%82%AC",
            })
    void pathSegments(String id, String encoded) {
        assertEquals(encoded, UrlEncoding.pathSegment(id));
    }

    @Test
    void emptyIdIsRejected() {
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> UrlEncoding.pathSegment(""));
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.sqlState());
        assertThrows(StripeJdbcException.class, () -> UrlEncoding.pathSegment(null));
    }

    @Test
    void resourcePaths() {
        assertEquals("customers", UrlEncoding.resourcePath("customers"));
        assertEquals("checkout/sessions", UrlEncoding.resourcePath("/checkout/sessions/"));
        assertEquals("billing/meters", UrlEncoding.resourcePath("billing/meters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "../x", "a//b", "a/./b", "cus?x=1", "a b", "a#b", "a%2Fb"})
    void badResourcePathsAreRejected(String path) {
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> UrlEncoding.resourcePath(path));
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.sqlState());
    }

    @Test
    void formComponents() {
        assertEquals("a%40b.c", UrlEncoding.formValue("a@b.c"));
        assertEquals("a+b%26c%3Dd%2B%5Be%5D", UrlEncoding.formValue("a b&c=d+[e]"));
        assertEquals("created[gt]", UrlEncoding.formKey("created[gt]"));
        assertEquals(
                "email=a%40b.c&limit=100",
                UrlEncoding.form(List.of(Map.entry("email", "a@b.c"), Map.entry("limit", "100"))));
        assertEquals("", UrlEncoding.form(List.of()));
    }
}
