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

    /**
     * Process and emulator CPU times at one instant, and of the client's parts: the calling (reading) thread and the
     * driver's read-ahead threads; what is left of the client ({@link #minus}) besides those is the JVM's work.
     */
    record Sample(long processNanos, long emulatorNanos, long readerNanos, long readAheadNanos) {
        /** The client's CPU nanoseconds from {@code earlier} to this sample. */
        long minus(Sample earlier) {
            return (processNanos - earlier.processNanos) - (emulatorNanos - earlier.emulatorNanos);
        }

        /** The emulator's CPU nanoseconds from {@code earlier} to this sample. */
        long emulatorMinus(Sample earlier) {
            return emulatorNanos - earlier.emulatorNanos;
        }

        /** The reading thread's CPU nanoseconds from {@code earlier} to this sample (taken on the same thread). */
        long readerMinus(Sample earlier) {
            return readerNanos - earlier.readerNanos;
        }

        /** The read-ahead threads' CPU nanoseconds from {@code earlier} to this sample. */
        long readAheadMinus(Sample earlier) {
            return readAheadNanos - earlier.readAheadNanos;
        }
    }

    static Sample sample() {
        long emulator = 0;
        long readAhead = 0;
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) {
                continue;
            }
            long nanos = Math.max(0, THREADS.getThreadCpuTime(ids[i]));
            if (isEmulator(infos[i].getThreadName())) {
                emulator += nanos;
            } else if (infos[i].getThreadName().startsWith("stripe-jdbc-read-ahead-")) {
                readAhead += nanos;
            }
        }
        return new Sample(SYSTEM.getProcessCpuTime(), emulator, THREADS.getCurrentThreadCpuTime(), readAhead);
    }

    private static boolean isEmulator(String name) {
        return name.startsWith("stripe-emulator") || name.startsWith("HTTP-Dispatcher");
    }
}
