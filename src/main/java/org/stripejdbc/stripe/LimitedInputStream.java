package org.stripejdbc.stripe;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of a response body as they are read and fails with {@link ResponseTooLargeException} as soon as
 * they exceed the limit, so a response is never buffered beyond {@code max_response_size}.
 */
final class LimitedInputStream extends FilterInputStream {
    private static final int SCRATCH = 8192;

    private final long limit;
    private long count;
    private boolean totalKnown;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    long limit() {
        return limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes count too: read them instead of trusting the wrapped stream's skip.
        byte[] scratch = new byte[(int) Math.min(SCRATCH, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readLimit) {
        // Not supported: a reset would make the count meaningless.
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /** Reads to the end of the body (whitespace after the JSON value), still enforcing the limit. */
    void drainToEnd() throws IOException {
        byte[] scratch = new byte[SCRATCH];
        while (read(scratch, 0, scratch.length) >= 0) {
            // counting only
        }
    }

    private void advance(int n) throws IOException {
        count += n;
        if (count > limit) {
            throw new ResponseTooLargeException(measureTotal(), limit, totalKnown);
        }
    }

    /**
     * After the limit is passed, counts the rest of the body without keeping it, up to another {@code limit} bytes,
     * so the error can say how large the response was. Past that the connection is dropped.
     */
    private long measureTotal() {
        byte[] scratch = new byte[SCRATCH];
        long cap = limit * 2;
        try {
            do {
                int n = in.read(scratch, 0, scratch.length);
                if (n < 0) {
                    totalKnown = true;
                    return count;
                }
                count += n;
            } while (count <= cap);
        } catch (IOException e) {
            // The size stays a lower bound.
        }
        return count;
    }
}
