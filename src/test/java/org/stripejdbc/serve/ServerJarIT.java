package org.stripejdbc.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The README's serve command from the built jar: {@code java -jar stripe-jdbc-<version>-server.jar --port 0}. */
class ServerJarIT {
    private static Path jar(String property) {
        Path jar = Path.of(System.getProperty(property, "target/missing.jar"));
        assertTrue(Files.isRegularFile(jar), "the jar was not built: " + jar);
        return jar;
    }

    @Test
    void servesTheEmulatorToTheThinClient() throws Exception {
        Path err = Files.createTempFile("serve-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar("stripejdbc.serverJar").toString(),
                "--port",
                "0",
                "--customers",
                "5");
        builder.environment().remove("STRIPE_API_KEY");
        Process process = builder.redirectError(err.toFile()).start();
        try {
            process.getOutputStream().close();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String url = CompletableFuture.supplyAsync(() -> {
                        try {
                            return out.readLine();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .get(90, TimeUnit.SECONDS);
            assertNotNull(url, "no URL printed: " + Files.readString(err));
            assertTrue(url.matches("jdbc:avatica:remote:url=http://127\\.0\\.0\\.1:\\d+;serialization=PROTOBUF"), url);
            try (Connection c = DriverManager.getConnection(url);
                    Statement s = c.createStatement()) {
                String id;
                try (ResultSet rs = s.executeQuery("select count(*), min(id) from stripe.customers")) {
                    assertTrue(rs.next());
                    assertEquals(5, rs.getLong(1));
                    id = rs.getString(2);
                }
                try (PreparedStatement p = c.prepareStatement("select id from stripe.customers where id = ?")) {
                    p.setString(1, id);
                    try (ResultSet rs = p.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(id, rs.getString(1));
                    }
                }
                SQLException e =
                        Assertions.assertThrows(SQLException.class, () -> s.executeQuery("select * from stripe.nope"));
                assertEquals("42P01", e.getSQLState());
                // The packaged server opens served sessions: the emulator key in its vault stays there.
                SQLException secret = Assertions.assertThrows(
                        SQLException.class,
                        () -> s.executeQuery("select decrypted_secret from vault.decrypted_secrets"));
                assertEquals("42501", secret.getSQLState(), secret.getMessage());
                SQLException server = Assertions.assertThrows(
                        SQLException.class,
                        () -> s.execute("alter server stripe_server options (set api_url 'http://127.0.0.1:9/v1/')"));
                assertEquals("42501", server.getSQLState(), server.getMessage());
            }
            String banner = Files.readString(err, StandardCharsets.UTF_8);
            assertTrue(banner.contains("serving the built-in Stripe EMULATOR"), banner);
            assertFalse(banner.contains("SLF4J"), banner);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void theServerJarCarriesJettyAndNotTheShell() throws Exception {
        try (ZipFile zip = new ZipFile(jar("stripejdbc.serverJar").toFile())) {
            assertNotNull(zip.getEntry("org/stripejdbc/serve/StripeServe.class"));
            assertNotNull(zip.getEntry("org/eclipse/jetty/server/Server.class"));
            assertNotNull(zip.getEntry("org/apache/calcite/avatica/jdbc/JdbcMeta.class"));
            assertNull(zip.getEntry("org/stripejdbc/cli/StripeShell.class"));
            assertNull(zip.getEntry("sqlline/SqlLine.class"));
            assertEquals(
                    "org.stripejdbc.driver.StripeDriver",
                    new String(
                                    zip.getInputStream(zip.getEntry("META-INF/services/java.sql.Driver"))
                                            .readAllBytes(),
                                    StandardCharsets.UTF_8)
                            .trim());
            assertTrue(new String(
                            zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF"))
                                    .readAllBytes(),
                            StandardCharsets.UTF_8)
                    .contains("Main-Class: org.stripejdbc.serve.StripeServe"));
        }
    }

    @Test
    void theAllJarStaysWithoutTheServer() throws Exception {
        try (ZipFile zip = new ZipFile(jar("stripejdbc.shellJar").toFile())) {
            for (String absent : List.of(
                    "org/stripejdbc/serve/StripeServe.class",
                    "org/eclipse/jetty/server/Server.class",
                    "org/apache/calcite/avatica/jdbc/JdbcMeta.class",
                    "com/google/common/cache/Cache.class",
                    "javax/servlet/Servlet.class")) {
                assertNull(zip.getEntry(absent), absent);
            }
        }
    }
}
