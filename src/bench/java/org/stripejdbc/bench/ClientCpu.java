package org.stripejdbc.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time the client side of scenario 5 spends: the whole process's CPU time minus that of the emulator's
 * threads (its HTTP dispatcher and request workers), which serve both clients alike. What is left is the client's
 * own threads (the reading thread, the driver's read-ahead and walker threads) plus the JVM's work for them (GC,
 * JIT): the pure client overhead the scenario is about, free of how the two cores were shared with the emulator.
 *
 * <p>Example: {@code Sample before = ClientCpu.sample(); scan(); long nanos = ClientCpu.sample().minus(before);}
 */
final class ClientCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean SYSTEM =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ClientCpu() {}

    /** Process and emulator CPU times at one instant. */
    record Sample(long processNanos, long emulatorNanos) {
        /** The client's CPU nanoseconds from {@code earlier} to this sample. */
        long minus(Sample earlier) {
            return (processNanos - earlier.processNanos) - (emulatorNanos - earlier.emulatorNanos);
        }
    }

    static Sample sample() {
        long emulator = 0;
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && isEmulator(infos[i].getThreadName())) {
                long nanos = THREADS.getThreadCpuTime(ids[i]);
                emulator += Math.max(0, nanos);
            }
        }
        return new Sample(SYSTEM.getProcessCpuTime(), emulator);
    }

    private static boolean isEmulator(String name) {
        return name.startsWith("stripe-emulator") || name.startsWith("HTTP-Dispatcher");
    }
}
