package org.stripejdbc.stripe;

import java.io.IOException;

/** A response body passed {@code max_response_size}; carries the size seen and whether it is exact. */
final class ResponseTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;
    private final boolean exact;

    ResponseTooLargeException(long size, long limit, boolean exact) {
        super("response too large");
        this.size = size;
        this.limit = limit;
        this.exact = exact;
    }

    /** {@code response too large (<n> bytes). Maximum allowed: <max> bytes}, or {@code (more than <n> bytes)}. */
    String describe() {
        return "response too large (" + (exact ? "" : "more than ") + size + " bytes). Maximum allowed: " + limit
                + " bytes";
    }
}
