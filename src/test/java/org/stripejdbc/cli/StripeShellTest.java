package org.stripejdbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stripejdbc.emulator.StripeEmulator;

/** The shell in-process on the emulator (the built jar is exercised by ShellJarIT). */
class StripeShellTest {

    private record Run(int status, String out, String err) {}

    /** The process as a test wants it: no STRIPE_API_KEY unless given, stderr a file, no console unless typed. */
    private record FakeEnvironment(String apiKeyVariable, boolean stderrIsTerminal, String typed)
            implements ShellEnvironment {
        static final FakeEnvironment NONE = new FakeEnvironment(null, false, null);

        @Override
        public char[] readSecret(String prompt) {
            return typed == null ? null : typed.toCharArray();
        }
    }

    private static Run run(String... args) {
        return run(FakeEnvironment.NONE, "", args);
    }

    private static Run run(ShellEnvironment environment, String input, String... args) {
        PrintStream savedOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int status;
            try {
                status = StripeShell.run(
                        args,
                        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        environment);
            } catch (IllegalArgumentException e) {
                status = 2; // as main: a usage error
            }
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
    void inputsRunInTheOrderGivenAndStopAtTheFirstError(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.sql");
        Path b = dir.resolve("b.sql");
        Path failing = dir.resolve("failing.sql");
        Files.writeString(a, "select 'from a' as source;\n");
        Files.writeString(b, "select 'from b' as source;\n");
        Files.writeString(failing, "select * from stripe.nope;\nselect 'after the error' as source;\n");
        Run run = run("--customers", "3", "-f", a.toString(), "-e", "select 'from e' as source", "-f", b.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        int fromA = run.out().indexOf("from a");
        int fromE = run.out().indexOf("from e");
        int fromB = run.out().indexOf("from b");
        assertTrue(fromA >= 0 && fromA < fromE && fromE < fromB, run.out());

        run = run("--customers", "3", "-e", "select 1", "-f", failing.toString(), "-e", "select 'never' as x");
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.err().contains("42P01"), run.err());
        assertFalse(run.out().contains("after the error") || run.out().contains("never"), run.out());
    }

    @Test
    void outputFormatsApplyToExecute() {
        String sql = "select 1 as n, 'a,b' as t, null::text as z, true as ok";
        assertEquals(
                "n,t,z,ok\n1,\"a,b\",,t\n",
                run("--customers", "1", "--outputformat=csv", "-e", sql).out());
        assertEquals(
                "n\tt\tz\tok\n1\ta,b\t\tt\n",
                run("--customers", "1", "--outputformat=tsv", "-e", sql).out());
        assertEquals(
                "[\n  {\"n\":1,\"t\":\"a,b\",\"z\":null,\"ok\":true}\n]\n",
                run("--customers", "1", "--outputformat=json", "-e", sql).out());
        assertThrows(
                IllegalArgumentException.class,
                () -> ShellOptions.parse(new String[] {"--outputformat=xml", "-e", "select 1"}));
    }

    @Test
    void tablesAreNotCutNumbersRightAlignedZeroAndTimestampsAsPsqlPrintsThem() {
        String wide = "x".repeat(150);
        Run run = run(
                "--customers",
                "1",
                "-e",
                "select 5 as number, 0::numeric / 3 as zero, timestamp '2024-01-02 03:04:05' as at, '" + wide
                        + "' as wide_column_header_" + "h".repeat(90));
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).contains("wide_column_header_" + "h".repeat(90)), lines.get(0));
        assertTrue(lines.get(2).contains(wide), lines.get(2));
        assertTrue(lines.get(2).startsWith("      5 |"), lines.get(2));
        assertTrue(lines.get(2).contains("| 0 ") || lines.get(2).contains("|    0 |"), lines.get(2));
        assertTrue(lines.get(2).contains("2024-01-02 03:04:05 |"), lines.get(2));
        assertFalse(run.out().contains("E-") || run.out().contains("05.0"), run.out());
    }

    @Test
    void metaCommandsEndAtTheLineAndDoNotSwallowWhatFollows(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("meta.sql");
        Files.writeString(
                script,
                String.join(
                        "\n",
                        "\\dt customers",
                        "select 'next line ran' as t;",
                        "\\d stripe.customers",
                        "\\dn",
                        "\\x",
                        "select 1 as one;",
                        "\\?",
                        "\\q",
                        "select 'after quit' as t;"));
        Run run = run("--customers", "2", "-f", script.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains(" stripe | customers | foreign table | stripe"), run.out());
        assertTrue(run.out().contains("next line ran"), run.out());
        assertTrue(run.out().contains(" created     | timestamp without time zone"), run.out());
        assertTrue(run.out().contains(" stripe "), run.out());
        assertTrue(run.out().contains("Expanded display is on."), run.out());
        assertTrue(run.out().contains("-[ RECORD 1 ]"), run.out());
        assertTrue(run.out().contains("\\timing"), run.out());
        assertFalse(run.out().contains("after quit"), run.out());

        Run bad = run("--customers", "1", "-e", "\\frobnicate");
        assertEquals(1, bad.status());
        assertTrue(bad.err().contains("invalid command \\frobnicate"), bad.err());
    }

    @Test
    void helpGoesToStdout() {
        Run run = run("--help");
        assertEquals(0, run.status());
        assertTrue(run.out().contains("--api-key-file"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void theKeyComesFromAFileAndOnTheCommandLineOnlyWithAWarning(@TempDir Path dir) throws Exception {
        try (StripeEmulator emulator = StripeEmulator.builder().customers(4).start()) {
            Path keyFile = dir.resolve("key");
            Files.writeString(keyFile, emulator.apiKey() + "\n");
            String url = "jdbc:stripe:mem:keyfile-" + UUID.randomUUID() + "?api_url=" + emulator.baseUrl();
            String sql = "select count(*) as n from stripe.customers";
            Run run = run("--url", url, "--api-key-file", keyFile.toString(), "-e", sql);
            assertEquals(0, run.status(), run.out() + run.err());
            assertTrue(run.out().contains(" 4\n"), run.out());
            assertFalse(run.err().contains("warning"), run.err());

            url = "jdbc:stripe:mem:keyarg-" + UUID.randomUUID() + "?api_url=" + emulator.baseUrl();
            run = run("--url", url, "--api-key", emulator.apiKey(), "-e", sql);
            assertEquals(0, run.status(), run.out() + run.err());
            assertTrue(run.err().contains("warning: --api-key shows the key"), run.err());
            assertFalse(run.err().contains(emulator.apiKey()), run.err());
        }
        Run missing = run("--api-key-file", dir.resolve("absent").toString(), "-e", "select 1");
        assertEquals(2, missing.status());
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> ShellOptions.parse(new String[] {"--customers"}));
        assertThrows(IllegalArgumentException.class, () -> ShellOptions.parse(new String[] {"--bogus"}));
        assertEquals(0, run("--help").status());
    }

    @Test
    void interactiveMetaCommandsEndAtTheirLineWithoutAnIsolationWarningAndEachNoticeOnce() {
        String input = String.join(
                "\n",
                "\\dt customers",
                "select 'next' || ' line ran' as t;",
                "\\d stripe.customers",
                "insert into stripe.customers (email) values ('once@example.com');",
                "\\x",
                "select 40 + 2 as answer;",
                "\\timing",
                "\\?",
                "\\frobnicate",
                "\\q",
                "select 'after' || ' quit' as t;",
                "");
        Run run = run(FakeEnvironment.NONE, input, "--customers", "2");
        String all = run.out() + run.err();
        assertTrue(run.out().contains("| stripe | customers | foreign table | stripe |"), all);
        assertTrue(run.out().contains("next line ran"), all);
        assertTrue(run.out().matches("(?s).*\\| created +\\| timestamp without time zone +\\|.*"), all);
        assertTrue(run.out().contains("Expanded display is on."), all);
        assertTrue(run.out().matches("(?s).*answer +42.*"), all); // sqlline's vertical format
        assertTrue(run.out().contains("Timing is off."), all); // sqlline times statements unless told not to
        assertTrue(run.out().contains("\\dn               list schemas"), all);
        assertTrue(run.err().contains("invalid command \\frobnicate"), all);
        assertFalse(all.contains("after quit"), all);
        assertEquals(1, occurrences(all, "inserted customers cus_"), all);
        assertFalse(all.contains("TRANSACTION_") || all.toLowerCase(Locale.ROOT).contains("isolation"), all);
    }

    @Test
    void eachWriteNoticeOnceWithExecute() {
        Run run = run("--customers", "1", "-e", "insert into stripe.customers (email) values ('e@example.com')");
        assertEquals(0, run.status(), run.out() + run.err());
        assertEquals("INSERT 0 1\n", run.out());
        assertEquals(1, occurrences(run.err(), "NOTICE:  inserted customers cus_"), run.err());
    }

    @Test
    void liveWithoutAKeyAsksOnTheConsoleAndWithoutAConsoleNamesTheThreeSources() throws Exception {
        ShellOptions live = ShellOptions.parse(new String[] {"--live", "-e", "select 1"});
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        IllegalArgumentException none =
                assertThrows(IllegalArgumentException.class, () -> StripeShell.apiKey(live, FakeEnvironment.NONE, err));
        assertEquals(
                "--live needs a Stripe API key: set STRIPE_API_KEY, pass --api-key-file FILE, or run the shell in a"
                        + " terminal to type the key at its prompt",
                none.getMessage());
        Run refused = run("--live", "-e", "select 1");
        assertEquals(2, refused.status(), refused.err());
        assertThrows(
                IllegalArgumentException.class,
                () -> StripeShell.apiKey(live, new FakeEnvironment(null, true, "  "), err));
        assertEquals("sk_test_env", StripeShell.apiKey(live, new FakeEnvironment("sk_test_env", true, null), err));
        assertEquals(null, StripeShell.apiKey(ShellOptions.parse(new String[0]), FakeEnvironment.NONE, err));

        try (StripeEmulator emulator = StripeEmulator.builder().customers(3).start()) {
            String url = "jdbc:stripe:mem:typed-" + UUID.randomUUID() + "?api_url=" + emulator.baseUrl();
            Run typed = run(
                    new FakeEnvironment(null, false, emulator.apiKey()),
                    "",
                    "--live",
                    "--url",
                    url,
                    "-e",
                    "select count(*) as n from stripe.customers");
            assertEquals(0, typed.status(), typed.out() + typed.err());
            assertTrue(typed.out().contains(" 3\n"), typed.out());
            assertFalse((typed.out() + typed.err()).contains(emulator.apiKey()), typed.out() + typed.err());
        }
    }

    @Test
    void progressIsOnWhenStderrIsATerminalInteractiveOrNot() {
        String url = "jdbc:stripe:mem:x?api_url=http://127.0.0.1:1/v1/";
        assertEquals(url + "&progress=true", StripeShell.withProgress(url, new FakeEnvironment(null, true, null)));
        assertEquals(url, StripeShell.withProgress(url, FakeEnvironment.NONE));
        assertEquals(
                "jdbc:stripe:?progress=true",
                StripeShell.withProgress("jdbc:stripe:", new FakeEnvironment(null, true, null)));
        assertTrue(ShellEnvironment.isTerminalDevice("/dev/pts/3"));
        assertTrue(ShellEnvironment.isTerminalDevice("/dev/tty1"));
        assertFalse(ShellEnvironment.isTerminalDevice("pipe:[48213]"));
        assertFalse(ShellEnvironment.isTerminalDevice("/tmp/shell-err.txt"));
        assertFalse(ShellEnvironment.isTerminalDevice("/dev/null"));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
