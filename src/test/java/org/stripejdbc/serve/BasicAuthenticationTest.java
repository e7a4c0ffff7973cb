package org.stripejdbc.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP BASIC on a loopback server: the thin client with avatica_user/avatica_password, and raw HTTP. */
class BasicAuthenticationTest {
    private static final String USER = "analyst";
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    static Path directory;

    private static StripeServe server;

    @BeforeAll
    static void startServer() throws IOException {
        Path passwordFile = directory.resolve("serve.password");
        Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
        server = StripeServe.start(ServeOptions.parse(
                new String[] {
                    "--port", "0", "--customers", "4", "--user", USER, "--password-file", passwordFile.toString()
                },
                Map.of()));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static Properties credentials(String password) {
        Properties properties = new Properties();
        properties.setProperty("avatica_password", password);
        return properties;
    }

    @Test
    void theClientUrlNamesBasicAndTheUserButNotThePassword() {
        assertEquals(
                "jdbc:avatica:remote:url=http://127.0.0.1:" + server.port()
                        + ";serialization=PROTOBUF;authentication=BASIC;avatica_user=" + USER,
                server.clientUrl());
        assertFalse(server.toString().contains(PASSWORD), server.toString());
    }

    @Test
    void theThinClientWithTheRightPasswordQueries() throws SQLException {
        try (Connection c = DriverManager.getConnection(server.clientUrl(), credentials(PASSWORD));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from stripe.customers")) {
            assertTrue(rs.next());
            assertEquals(4, rs.getLong(1));
        }
        // The password in the URL works as well.
        try (Connection c = DriverManager.getConnection(server.clientUrl() + ";avatica_password=" + PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next());
        }
    }

    @Test
    void theThinClientWithAWrongOrNoPasswordIsRefused() {
        RuntimeException wrong = assertThrows(RuntimeException.class, () -> {
            try (Connection c = DriverManager.getConnection(server.clientUrl(), credentials("wrong password!"))) {
                c.createStatement().executeQuery("select 1").close();
            }
        });
        assertTrue(String.valueOf(wrong.getMessage()).contains("401"), wrong.toString());
        String unauthenticatedUrl = server.clientUrl().replace(";authentication=BASIC;avatica_user=" + USER, "");
        RuntimeException none = assertThrows(RuntimeException.class, () -> {
            try (Connection c = DriverManager.getConnection(unauthenticatedUrl)) {
                c.createStatement().executeQuery("select 1").close();
            }
        });
        assertTrue(String.valueOf(none.getMessage()).contains("401"), none.toString());
    }

    @Test
    void rawHttpNeedsTheAuthorizationHeader() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"request\":\"openConnection\",\"connectionId\":\"raw-1\"}";
        HttpRequest anonymous = HttpRequest.newBuilder(URI.create(server.httpUrl() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> refused = http.send(anonymous, HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
        assertTrue(
                refused.headers()
                        .firstValue("WWW-Authenticate")
                        .orElse("")
                        .toLowerCase(Locale.ROOT)
                        .startsWith("basic realm="),
                refused.headers().map().toString());
        String wrong = Base64.getEncoder().encodeToString((USER + ":nope-nope-nope").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> wrongPassword = http.send(
                HttpRequest.newBuilder(URI.create(server.httpUrl() + "/"))
                        .header("Authorization", "Basic " + wrong)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrongPassword.statusCode());
        String right = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> accepted = http.send(
                HttpRequest.newBuilder(URI.create(server.httpUrl() + "/"))
                        .header("Authorization", "Basic " + right)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // Past the security handler, Avatica itself answers (the JSON body is not the PROTOBUF it expects).
        assertFalse(accepted.statusCode() == 401, accepted.body());
        assertTrue(accepted.body().contains("ErrorResponse"), accepted.body());
        assertFalse(accepted.body().contains(PASSWORD));
    }

    @Test
    void noRealmFileWithThePasswordIsWritten() throws IOException {
        assertFalse(Files.exists(Path.of(BasicUserCustomizer.NO_PROPERTIES_FILE)));
        try (var files = Files.list(directory)) {
            assertEquals(1, files.count(), "only the test's own password file");
        }
    }
}
