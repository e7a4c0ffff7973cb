package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StripeEmulatorMainTest {
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void readsItsOptions() {
        StripeEmulator.Builder builder = StripeEmulatorMain.parse(
                new String[] {
                    "--port",
                    "0",
                    "--seed",
                    "9",
                    "--customers",
                    "20",
                    "--latency-ms",
                    "15",
                    "--requests-per-second",
                    "50",
                    "--sliding-window-budget",
                    "--error-rate",
                    "0.1",
                    "--drop-rate",
                    "0.05"
                },
                out);
        try (StripeEmulator emulator = builder.start()) {
            assertEquals(9, emulator.seed());
            assertEquals(20, emulator.sizes().customers());
            assertEquals(Duration.ofMillis(15), emulator.latency());
            assertEquals(50, emulator.requestsPerSecond());
            assertTrue(emulator.slidingWindowBudget());
            assertEquals(0.1, emulator.errorRate());
            assertEquals(0.05, emulator.dropConnectionRate());
            assertTrue(emulator.baseUrl().startsWith("http://127.0.0.1:"));
        }
    }

    @Test
    void printsUsageForHelpAndRefusesBadOptions() {
        assertNull(StripeEmulatorMain.parse(new String[] {"--help"}, out));
        assertTrue(output.toString(StandardCharsets.UTF_8).startsWith("usage: StripeEmulatorMain"));
        assertEquals(
                "unknown option --bind",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> StripeEmulatorMain.parse(new String[] {"--bind", "0.0.0.0"}, out))
                        .getMessage());
        assertEquals(
                "missing value after --port",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> StripeEmulatorMain.parse(new String[] {"--port"}, out))
                        .getMessage());
        assertEquals(
                "not a number for --customers: many",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> StripeEmulatorMain.parse(new String[] {"--customers", "many"}, out))
                        .getMessage());
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> StripeEmulatorMain.parse(new String[] {"--error-rate", "3"}, out))
                .getMessage()
                .contains("errorRate"));
    }
}
