package org.stripejdbc.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line's exit statuses for what ends before serving (serving itself is StripeServeTest's). */
class StripeServeMainTest {
    private record Run(int status, String out, String err) {}

    private static Run run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // Bounded: a run that starts serving would block until the JVM stops.
        int status = assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> StripeServe.run(
                        args,
                        environment,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheUsage() {
        Run run = run(Map.of(), "--help");
        assertEquals(0, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("stripe-jdbc serve: Avatica's HTTP server over the driver"), run.err());
    }

    @Test
    void aBadOptionExitsWithTwo() {
        Run run = run(Map.of(), "--host", "0.0.0.0");
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("stripe-jdbc serve: refusing to serve on 0.0.0.0"), run.err());
    }

    @Test
    void aFailedStartExitsWithOneAndTheSqlState() {
        // A key makes the first connection import into the catalog, which cannot be created under /dev/null.
        Run run = run(
                Map.of("STRIPE_API_KEY", "sk_test_never_sent_anywhere_0001"),
                "--port",
                "0",
                "--url",
                "jdbc:stripe:file:/dev/null/catalog");
        assertEquals(1, run.status(), run.err());
        assertEquals("", run.out());
        assertTrue(
                run.err().startsWith("stripe-jdbc serve: cannot serve jdbc:stripe:file:/dev/null/catalog: "),
                run.err());
        assertTrue(run.err().contains("(SQLSTATE "), run.err());
        assertTrue(!run.err().contains("never_sent"), run.err());
    }
}
