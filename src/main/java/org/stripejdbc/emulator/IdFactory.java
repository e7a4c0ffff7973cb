package org.stripejdbc.emulator;

import java.util.HashSet;
import java.util.Set;

/**
 * Stripe-looking ids. Most ids are a prefix and 24 characters that, like real ones, carry a fragment of the
 * account in the middle ({@code ch_1} + 5 characters + the account's 10-character fragment + 8 characters);
 * customers and products have 14 characters, accounts 16, checkout sessions {@code cs_test_} and 58. Every id
 * handed out is unique within the factory (which remembers them all).
 *
 * <p>Example: {@code next("ch_", 24)} → {@code ch_1MtHbELkdIwHu7ixl4OzzPMv}.
 */
final class IdFactory {
    private final SampleRandom random;
    private final String accountFragment;
    private final Set<String> issued = new HashSet<>();

    IdFactory(SampleRandom random, String accountFragment) {
        this.random = random;
        if (accountFragment.length() != 10) {
            throw new IllegalArgumentException("the account fragment has 10 characters: " + accountFragment);
        }
        this.accountFragment = accountFragment;
    }

    /**
     * A factory for the same account drawing from another random stream, remembering the ids of this one: the
     * objects generated from the API description get their ids without moving this factory's stream, so the ids of
     * the hand-written sample data and of later writes stay what they were.
     */
    IdFactory sibling(SampleRandom other) {
        IdFactory sibling = new IdFactory(other, accountFragment);
        sibling.issued.addAll(issued);
        return sibling;
    }

    /** An id for an object of {@code type}. */
    String next(EmulatedObject type) {
        return next(type.idPrefix(), type.idLength());
    }

    /** An id {@code prefix} + {@code length} characters. */
    String next(String prefix, int length) {
        while (true) {
            String body = length == 24
                    ? "1" + random.alphanumeric(5) + accountFragment + random.alphanumeric(8)
                    : random.alphanumeric(length);
            String id = prefix + body;
            if (issued.add(id)) {
                return id;
            }
        }
    }

    /** A request id ({@code req_} + 14 characters); these need not be unique. */
    String requestId() {
        return "req_" + random.alphanumeric(14);
    }
}
