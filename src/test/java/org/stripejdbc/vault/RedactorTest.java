package org.stripejdbc.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Security: pins what the one redactor masks, and what it leaves alone. */
class RedactorTest {
    private final Redactor redactor = new Redactor();

    @Test
    void masksSecretAndRestrictedKeysKeepingPrefixAndLastFour() {
        assertEquals(
                "auth failed for sk_test_...wxyz and sk_live_...1234",
                redactor.redact("auth failed for sk_test_51Habcdefghijwxyz and sk_live_51Hzzzzzzzzzzz1234"));
        assertEquals(
                "restricted rk_live_...9876, rk_test_...abcd",
                redactor.redact("restricted rk_live_51Hqqqqqqqqqq9876, rk_test_51Hqqqqqqqqqqabcd"));
        assertEquals("short ****", redactor.redact("short sk_test_abc"));
    }

    @Test
    void masksPublishableKeysToo() {
        assertEquals(
                "pk_test_...wxyz and pk_live_...1234",
                redactor.redact("pk_test_51Habcdefghijwxyz and pk_live_51Hzzzzzzzzzzz1234"));
    }

    @Test
    void masksWebhookSecrets() {
        assertEquals("signing secret whsec_****.", redactor.redact("signing secret whsec_AbCdEf0123456789."));
        assertEquals("secret whsec_****", Redactor.redactShapes("secret whsec_abcdefghijklwxyz"));
    }

    @Test
    void masksRegisteredVaultSecretsWherever() {
        redactor.register(Secret.of("correct horse battery"));
        redactor.register(Secret.of("abc")); // too short to register usefully
        assertEquals(
                "value **** was rejected (abc)", redactor.redact("value correct horse battery was rejected (abc)"));
        redactor.register(Secret.of("sk_test_51Hregistered00001111"));
        assertEquals("key=sk_test_...1111", redactor.redact("key=sk_test_51Hregistered00001111"));
        assertEquals(
                "value correct horse battery",
                new Redactor().redact("value correct horse battery"),
                "registration belongs to one redactor");
    }

    @Test
    void masksTheGivenKeyWhateverItsShape() {
        assertEquals("key **** used", Redactor.redactShapes("key my-emulator-key used", Secret.of("my-emulator-key")));
        assertEquals(
                "k sk_test_...1234",
                Redactor.redactShapes("k sk_test_51HxYzAbCdEfGh1234", Secret.of("sk_test_51HxYzAbCdEfGh1234")));
        assertNull(Redactor.redactShapes(null, Secret.of("x")));
    }

    @Test
    void masksValuesAfterSecretNames() {
        assertEquals(
                "api_key=**** password: **** token=\"****\" client_secret=****&x=1",
                redactor.redact("api_key=plainkey password: hunter22 token=\"t0k3n\" client_secret=cs_abc&x=1"));
        assertEquals(
                "secret=**** passwd=**** access_token=**** refresh_token=**** apiKey=**** stripe_api_key=****",
                redactor.redact("secret=s1 passwd=p1 access_token=a1 refresh_token=r1 apiKey=k1 stripe_api_key=k2"));
        assertEquals("GET /v1/x?token=****&limit=10", redactor.redact("GET /v1/x?token=abc&limit=10"));
    }

    @Test
    void masksSecretOptionValuesInSql() {
        assertEquals(
                "create server s options (api_key '****', api_url 'http://x')",
                redactor.redact("create server s options (api_key 'not-a-stripe-shape', api_url 'http://x')"));
        assertEquals("options (api_key '****')", redactor.redact("options (api_key 'sk_test_51Habcdefghijwxyz')"));
        assertEquals(
                "options (password '****', secret '****', token '****', client_secret '****')",
                redactor.redact("options (password 'p w', secret 's', token 't', client_secret 'it''s')"));
    }

    @Test
    void masksHttpCredentials() {
        assertEquals("Authorization: Bearer ****", redactor.redact("Authorization: Bearer abc.def"));
        assertEquals("authorization: Basic ****", redactor.redact("authorization: Basic dXNlcjpwYXNz"));
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "GET /v1/tokens?limit=100 returned 404; skip_test_x; product basic plan; api_key_id=1b2c; "
                + "primary key: id; Idempotency-Key: 5f0e; options (api_url 'http://x', object 'customers')";
        assertEquals(text, redactor.redact(text));
        assertNull(redactor.redact(null));
        assertEquals("", redactor.redact(""));
    }

    @Test
    void detectsSecretKeysButNotPublishableOnes() {
        assertTrue(Redactor.containsSecretKey("x sk_live_abc y"));
        assertTrue(Redactor.containsSecretKey("rk_test_abc"));
        assertTrue(Redactor.containsSecretKey("whsec_abc"));
        assertTrue(Redactor.containsSecretKey("pk_live_abc then sk_test_abc"));
        assertFalse(Redactor.containsSecretKey("pk_live_abc"));
        assertFalse(Redactor.containsSecretKey("skip_test_abc"));
        assertFalse(Redactor.containsSecretKey(null));
    }
}
