package org.stripejdbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job from the built jar: {@code java -jar stripe-jdbc-<version>-all.jar -e ...}. */
class ShellJarIT {
    private record Result(int status, String out, String err) {}

    private static Path jar() {
        Path jar = Path.of(System.getProperty("stripejdbc.shellJar", "target/missing.jar"));
        assertTrue(Files.isRegularFile(jar), "the self-contained jar was not built: " + jar);
        return jar;
    }

    private static Result java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("STRIPE_API_KEY");
        Path out = Files.createTempFile("shell-out", ".txt");
        Path err = Files.createTempFile("shell-err", ".txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the shell did not finish");
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void runsQueriesOnTheBuiltInEmulator() throws Exception {
        Result r = java(
                "--customers",
                "40",
                "-e",
                "select count(*) as n from stripe.customers",
                "-e",
                "select id from stripe.customers where id = 'cus_none'");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains(" 40\n"), r.out());
        assertTrue(r.out().contains("(0 rows)"), r.out());
        assertFalse(r.err().contains("SLF4J"), r.err());
    }

    @Test
    void exitsNonZeroOnABadStatement() throws Exception {
        Result r = java("--customers", "5", "-e", "select * from stripe.nope");
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("relation \"stripe.nope\" does not exist"), r.err());
        assertTrue(r.err().contains("42P01"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack dump: " + r.err());
    }

    @Test
    void runsRepeatedExecuteAndFileInTheOrderGivenAndStopsAtTheFirstError(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.sql"), "select 'from' || ' a' as source;\n");
        Path b = Files.writeString(dir.resolve("b.sql"), "select 'from' || ' b' as source;\n");
        Path failing = Files.writeString(dir.resolve("failing.sql"), "select * from stripe.nope;\nselect 'after';\n");
        Result r = java(
                "--customers", "3", "-f", a.toString(), "-e", "select 'from' || ' e' as source", "-f", b.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        int fromA = r.out().indexOf("from a");
        int fromE = r.out().indexOf("from e");
        int fromB = r.out().indexOf("from b");
        assertTrue(fromA >= 0 && fromA < fromE && fromE < fromB, r.out());

        r = java(
                "--customers",
                "3",
                "-e",
                "select 'first' || ' ran' as x",
                "-f",
                failing.toString(),
                "-e",
                "select 'never' || ' ran' as x");
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("first ran"), r.out());
        assertTrue(r.err().contains("42P01"), r.err());
        assertFalse(r.out().contains("never ran") || r.out().contains("after"), r.out());
    }

    @Test
    void printsCsvWithExecute() throws Exception {
        Result r = java("--customers", "1", "--outputformat=csv", "-e", "select 1 as n, 'a,b' as t, null::text as z");
        assertEquals(0, r.status(), r.out() + r.err());
        assertEquals("n,t,z\n1,\"a,b\",\n", r.out());
    }

    @Test
    void runsPsqlMetaCommandsInAScript(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(
                dir.resolve("meta.sql"), "\\dt customers\nselect 'after' || ' dt' as t;\n\\d stripe.customers\n");
        Result r = java("--customers", "2", "-f", script.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains(" stripe | customers | foreign table | stripe"), r.out());
        assertTrue(r.out().contains("after dt"), r.out());
        assertTrue(r.out().contains(" created     | timestamp without time zone"), r.out());
        assertEquals("", r.err().replaceAll("(?m)^SLF4J.*\n", ""), r.err());
    }

    @Test
    void registersOnlyOurDriver() throws Exception {
        try (ZipFile zip = new ZipFile(jar().toFile())) {
            String services = new String(
                            zip.getInputStream(zip.getEntry("META-INF/services/java.sql.Driver"))
                                    .readAllBytes(),
                            StandardCharsets.UTF_8)
                    .trim();
            assertEquals("org.stripejdbc.driver.StripeDriver", services);
            assertTrue(
                    zip.getEntry("org/stripejdbc/shaded/jackson/databind/ObjectMapper.class") != null,
                    "Jackson is relocated");
        }
    }
}
