package org.stripejdbc.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedactorTest {
    private final Redactor redactor = new Redactor();

    @Test
    void masksStripeKeyShapes() {
        assertEquals("auth failed for sk_test_...wxyz and sk_live_...1234",
                redactor.redact("auth failed for sk_test_51Habcdefghijwxyz and sk_live_51Hzzzzzzzzzzz1234"));
        assertEquals("restricted rk_live_...9876, rk_test_...abcd",
                redactor.redact("restricted rk_live_51Hqqqqqqqqqq9876, rk_test_51Hqqqqqqqqqqabcd"));
        assertEquals("signing secret whsec_****.", redactor.redact("signing secret whsec_AbCdEf0123456789."));
        assertEquals("short ****", redactor.redact("short sk_test_abc"));
    }

    @Test
    void leavesOrdinaryTextAndPublishableKeysAlone() {
        String text = "GET /v1/tokens?limit=100 returned 404; pk_test_51Habcdefghijwxyz is public; skip_test_x; "
                + "product basic plan";
        assertEquals(text, redactor.redact(text));
        assertNull(redactor.redact(null));
        assertEquals("", redactor.redact(""));
    }

    @Test
    void masksRegisteredValuesWherever() {
        redactor.register(Secret.of("correct horse battery"));
        redactor.register(Secret.of("abc")); // too short to register usefully
        assertEquals("value **** was rejected (abc)", redactor.redact("value correct horse battery was rejected (abc)"));
        redactor.register(Secret.of("sk_test_51Hregistered00001111"));
        assertEquals("key=sk_test_...1111", redactor.redact("key=sk_test_51Hregistered00001111"));
    }

    @Test
    void masksValuesAfterSensitiveNames() {
        assertEquals("api_key=**** password: **** token=\"****\" client_secret=****&x=1",
                redactor.redact("api_key=plainkey password: hunter22 token=\"t0k3n\" client_secret=cs_abc&x=1"));
        assertEquals("create server s options (api_key '****', api_url 'http://x')",
                redactor.redact("create server s options (api_key 'not-a-stripe-shape', api_url 'http://x')"));
        assertEquals("Authorization: Bearer ****", redactor.redact("Authorization: Bearer abc.def"));
        assertEquals("authorization: Basic ****", redactor.redact("authorization: Basic dXNlcjpwYXNz"));
        assertEquals("options (api_key '****')", redactor.redact("options (api_key 'sk_test_51Habcdefghijwxyz')"));
    }

    @Test
    void detectsKeyShapes() {
        assertTrue(Redactor.containsStripeKey("x sk_live_abc y"));
        assertTrue(Redactor.containsStripeKey("whsec_abc"));
        assertFalse(Redactor.containsStripeKey("pk_live_abc"));
        assertFalse(Redactor.containsStripeKey(null));
    }
}
