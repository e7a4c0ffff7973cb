package org.stripejdbc.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/** Option parsing and the security rule, without binding anything. */
class ServeOptionsTest {
    private static final String PASSWORD = "s3cret-enough-password";

    private static ServeOptions parse(Map<String, String> environment, String... args) {
        return ServeOptions.parse(args, environment);
    }

    private static StripeJdbcException refused(Map<String, String> environment, String... args) {
        return assertThrows(StripeJdbcException.class, () -> ServeOptions.parse(args, environment));
    }

    @Test
    void defaultsServeTheEmulatorOnLoopbackWithProtobuf() {
        ServeOptions options = parse(Map.of());
        assertNull(options.url());
        assertNull(options.apiKey());
        assertEquals(ServeOptions.DEFAULT_CUSTOMERS, options.customers());
        assertEquals("127.0.0.1", options.bindAddress().host());
        assertTrue(options.bindAddress().loopback());
        assertEquals(8765, options.port());
        assertEquals(ServeOptions.Serialization.PROTOBUF, options.serialization());
        assertNull(options.credentials());
        assertFalse(options.readOnly());
        assertFalse(options.help());
        assertEquals(options, ServeOptions.defaults());
    }

    @Test
    void parsesEveryOption(@TempDir Path directory) throws Exception {
        Path passwordFile = directory.resolve("pw");
        Files.writeString(passwordFile, PASSWORD + "\r\n", StandardCharsets.UTF_8);
        ServeOptions options = parse(
                Map.of(),
                "--url",
                "jdbc:stripe:mem:shared",
                "--api-key",
                "sk_test_abcdefghijkl1234",
                "--host",
                "localhost",
                "--port",
                "0",
                "--serialization",
                "json",
                "--user",
                "analyst",
                "--password-file",
                passwordFile.toString(),
                "--read-only");
        assertEquals("jdbc:stripe:mem:shared", options.url());
        assertEquals("sk_test_abcdefghijkl1234", options.apiKey().reveal());
        assertTrue(options.bindAddress().loopback());
        assertEquals(0, options.port());
        assertEquals(ServeOptions.Serialization.JSON, options.serialization());
        assertEquals("analyst", options.credentials().user());
        assertEquals(PASSWORD, options.credentials().password().reveal(), "CRLF dropped");
        assertTrue(options.readOnly());
        assertTrue(parse(Map.of(), "--help").help());
        assertTrue(parse(Map.of(), "-h").help());
        assertEquals(5000, parse(Map.of(), "--customers", "5000").customers());
        assertEquals(
                ServeOptions.Serialization.PROTOBUF,
                parse(Map.of(), "--serialization", "PROTOBUF").serialization());
    }

    @Test
    void readsTheKeyUserAndPasswordFromTheEnvironmentOptionsWin() {
        ServeOptions options = parse(Map.of(
                "STRIPE_API_KEY",
                "sk_test_fromenvironment0001",
                "STRIPE_SERVE_USER",
                "robot",
                "STRIPE_SERVE_PASSWORD",
                PASSWORD));
        assertEquals("sk_test_fromenvironment0001", options.apiKey().reveal());
        assertEquals("robot", options.credentials().user());
        assertEquals(PASSWORD, options.credentials().password().reveal());
        ServeOptions overridden = parse(
                Map.of(
                        "STRIPE_API_KEY",
                        "sk_test_fromenvironment0001",
                        "STRIPE_SERVE_USER",
                        "robot",
                        "STRIPE_SERVE_PASSWORD",
                        PASSWORD),
                "--api-key",
                "sk_test_fromcommandline0002",
                "--user",
                "person");
        assertEquals("sk_test_fromcommandline0002", overridden.apiKey().reveal());
        assertEquals("person", overridden.credentials().user());
        assertNull(parse(Map.of("STRIPE_API_KEY", "  ")).apiKey(), "a blank key is no key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "[::]", "192.0.2.10", "2001:db8::1"})
    void refusesAHostOtherMachinesReachWithoutAuthentication(String host) {
        StripeJdbcException e = refused(Map.of(), "--host", host);
        assertEquals(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, e.sqlState());
        assertTrue(e.getMessage().startsWith("refusing to serve on "), e.getMessage());
        assertTrue(e.getMessage().contains("without authentication: give --user and --password-file"), e.getMessage());
    }

    @Test
    void acceptsSuchAHostWithAuthentication() {
        ServeOptions options =
                parse(Map.of("STRIPE_SERVE_PASSWORD", PASSWORD), "--host", "0.0.0.0", "--user", "analyst");
        assertFalse(options.bindAddress().loopback());
        assertTrue(options.bindAddress().wildcard());
        assertEquals("analyst", options.credentials().user());
    }

    @Test
    void loopbackHostsNeedNoAuthentication() {
        assertTrue(parse(Map.of(), "--host", "::1").bindAddress().loopback());
        assertTrue(parse(Map.of(), "--host", "127.0.0.2").bindAddress().loopback());
        assertTrue(parse(Map.of(), "--host", "localhost").bindAddress().loopback());
    }

    @Test
    void userAndPasswordComeTogether(@TempDir Path directory) throws Exception {
        StripeJdbcException noPassword = refused(Map.of(), "--user", "analyst");
        assertEquals(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, noPassword.sqlState());
        assertEquals(
                "--user analyst needs a password: --password-file FILE or STRIPE_SERVE_PASSWORD",
                noPassword.getMessage());
        Path passwordFile = directory.resolve("pw");
        Files.writeString(passwordFile, PASSWORD);
        assertEquals(
                "a password was given but no --user (or STRIPE_SERVE_USER)",
                refused(Map.of(), "--password-file", passwordFile.toString()).getMessage());
        assertEquals(
                "a password was given but no --user (or STRIPE_SERVE_USER)",
                refused(Map.of("STRIPE_SERVE_PASSWORD", PASSWORD)).getMessage());
        StripeJdbcException missing = refused(
                Map.of(),
                "--user",
                "a",
                "--password-file",
                directory.resolve("absent").toString());
        assertEquals(SqlState.CONFIG_FILE_ERROR, missing.sqlState());
        assertTrue(missing.getMessage().contains("cannot read it (NoSuchFileException)"), missing.getMessage());
    }

    @Test
    void rejectsBadValuesNamingTheOption() {
        assertEquals(
                "--port: 70000 is not a TCP port (0 to 65535; 0 picks a free one)",
                refused(Map.of(), "--port", "70000").getMessage());
        assertEquals(
                "--port takes a number, not \"http\"",
                refused(Map.of(), "--port", "http").getMessage());
        assertEquals("--port needs a value", refused(Map.of(), "--port").getMessage());
        assertEquals(
                "--serialization: \"xml\" is neither protobuf nor json",
                refused(Map.of(), "--serialization", "xml").getMessage());
        assertEquals(
                "unknown option --bind (try --help)",
                refused(Map.of(), "--bind", "x").getMessage());
        assertEquals(
                "--customers takes a positive number",
                refused(Map.of(), "--customers", "0").getMessage());
        assertEquals(
                "--url: not a stripe-jdbc URL (expected jdbc:stripe:...)",
                refused(Map.of(), "--url", "jdbc:postgresql://x/y").getMessage());
        assertEquals(
                "--customers sizes the built-in emulator, which is only used without --url and an API key",
                refused(Map.of("STRIPE_API_KEY", "sk_test_abcdefghijkl1234"), "--customers", "5")
                        .getMessage());
        assertTrue(refused(Map.of(), "--host", "no-such-host.invalid")
                .getMessage()
                .startsWith("--host: cannot resolve \"no-such-host.invalid\""));
        assertEquals(
                SqlState.INVALID_PARAMETER_VALUE,
                refused(Map.of(), "--port", "-1").sqlState());
    }

    @Test
    void toStringShowsNoSecret() {
        ServeOptions options = parse(
                Map.of("STRIPE_SERVE_PASSWORD", PASSWORD),
                "--user",
                "analyst",
                "--url",
                "jdbc:stripe:mem:x?api_key=sk_test_inurl0000000009999",
                "--api-key",
                "sk_test_abcdefghijkl1234");
        String text = options.toString();
        assertFalse(text.contains(PASSWORD), text);
        assertFalse(text.contains("sk_test_abcdefghijkl1234"), text);
        assertFalse(text.contains("inurl"), text);
        assertTrue(text.contains("url=jdbc:stripe:mem:x?..."), text);
        assertTrue(text.contains("credentials=analyst:****"), text);
    }

    @Test
    void usageListsEveryOption() {
        String usage = ServeOptions.usage();
        for (String option : new String[] {
            "--url",
            "--api-key",
            "--customers",
            "--host",
            "--port",
            "--serialization",
            "--user",
            "--password-file",
            "--read-only",
            "STRIPE_SERVE_PASSWORD",
            "avatica_password"
        }) {
            assertTrue(usage.contains(option), option);
        }
    }
}
