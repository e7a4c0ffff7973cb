package org.stripejdbc.emulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic random stream for one kind of sample data. Each kind has its own stream derived from the seed
 * and the stream's name, so adding data of one kind does not shift the others.
 *
 * <p>Example: {@code new SampleRandom(42, "customers").weighted("usd", 70, "eur", 20, "gbp", 10)} gives the same
 * sequence of currencies on every run with seed 42.
 */
final class SampleRandom {
    private static final char[] ALPHANUMERIC =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final char[] UPPER_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private final SplittableRandom random;

    SampleRandom(long seed, String stream) {
        this.random = new SplittableRandom(FaultInjector.mix(seed, stream.hashCode() & 0xFFFFFFFFL));
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A value in [origin, bound). */
    long between(long origin, long bound) {
        return origin >= bound ? origin : random.nextLong(origin, bound);
    }

    double nextDouble() {
        return random.nextDouble();
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    final <T> T pickOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    /** Picks among {@code value, weight, value, weight...} pairs (weights are integers). */
    String weighted(Object... valueWeightPairs) {
        int total = 0;
        for (int i = 1; i < valueWeightPairs.length; i += 2) {
            total += (Integer) valueWeightPairs[i];
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < valueWeightPairs.length; i += 2) {
            draw -= (Integer) valueWeightPairs[i + 1];
            if (draw < 0) {
                return (String) valueWeightPairs[i];
            }
        }
        return (String) valueWeightPairs[valueWeightPairs.length - 2];
    }

    String alphanumeric(int length) {
        return fill(ALPHANUMERIC, length);
    }

    String upperAlphanumeric(int length) {
        return fill(UPPER_ALPHANUMERIC, length);
    }

    String digits(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(out);
    }

    private String fill(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
