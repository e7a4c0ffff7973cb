package org.stripejdbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell in-process on the emulator (the built jar is exercised by ShellJarIT). */
class StripeShellTest {

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        PrintStream savedOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int status = StripeShell.run(
                    args, new ByteArrayInputStream(new byte[0]), new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
        }
    }

    @Test
    void executesOnTheEmulatorAndPrintsATable() {
        Run run = run("--customers", "25", "-e", "select count(*) as n from stripe.customers");
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("25"), run.out());
    }

    @Test
    void aBadStatementExitsNonZero() {
        Run run = run("--customers", "5", "-e", "select * from stripe.nope");
        assertEquals(1, run.status(), run.out() + run.err());
    }

    @Test
    void runsAScriptFile(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("tour.sql");
        Files.write(
                script,
                List.of(
                        "select id, email from stripe.customers limit 2;",
                        "select balance_type, currency, amount from stripe.balance;"));
        Run run = run("--customers", "5", "-f", script.toString(), "--outputformat=csv");
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("'available'") || run.out().contains("available"), run.out());
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> ShellOptions.parse(new String[] {"--customers"}));
        assertThrows(IllegalArgumentException.class, () -> ShellOptions.parse(new String[] {"--bogus"}));
        assertEquals(0, run("--help").status());
    }
}
