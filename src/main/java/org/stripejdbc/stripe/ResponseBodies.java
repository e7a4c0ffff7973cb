package org.stripejdbc.stripe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;

/**
 * Reading Stripe's response bodies for {@link HttpStripeClient}, within the size limits: a 2xx body through the
 * call's reader and {@code max_response_size} ({@link ResponseTooLargeException} beyond it), an error body up to
 * {@value #ERROR_BODY_LIMIT} bytes, and giving the connection back (pooled when the body was read to its end,
 * dropped otherwise, so a remainder is never drained). Every byte read is counted in the client's statistics.
 * Example: a 10 MiB limit and a response declaring 20 MiB fail before a byte of the body is read.
 */
final class ResponseBodies {
    /** Error bodies are small JSON documents; more than this is not worth reading. */
    static final int ERROR_BODY_LIMIT = 64 * 1024;

    /** An error body as read, and whether it was read to its end. */
    record ErrorBody(byte[] bytes, boolean complete) {}

    private final StripeClientConfig config;
    private final StripeClientStatistics statistics;

    ResponseBodies(StripeClientConfig config, StripeClientStatistics statistics) {
        this.config = Objects.requireNonNull(config, "config");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
    }

    /** Reads a 2xx body with the call's reader, at most max_response_size bytes. */
    <T> T readSuccess(ClassicHttpResponse response, StripeCall<T> call) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            throw InvalidResponseException.parseFailed("empty response body");
        }
        long declared = entity.getContentLength();
        if (declared > config.maxResponseSize()) {
            throw new ResponseTooLargeException(declared, config.maxResponseSize(), true);
        }
        InputStream content = entity.getContent();
        LimitedInputStream in = new LimitedInputStream(content, config.maxResponseSize());
        try {
            return call.reader().read(in);
        } finally {
            statistics.recordBytesReceived(in.count());
        }
    }

    /**
     * Reads an error body, at most {@value #ERROR_BODY_LIMIT} bytes (and never more than max_response_size). A longer
     * body is cut there and marked incomplete, so that the connection is dropped instead of drained.
     */
    ErrorBody readErrorBody(ClassicHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new ErrorBody(new byte[0], true);
        }
        int limit = (int) Math.min(ERROR_BODY_LIMIT, config.maxResponseSize());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream content = entity.getContent();
        try {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = content.read(buffer, 0, Math.min(buffer.length, limit + 1 - out.size()))) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > limit) {
                    return new ErrorBody(Arrays.copyOf(out.toByteArray(), limit), false);
                }
            }
        } finally {
            statistics.recordBytesReceived(out.size());
        }
        return new ErrorBody(out.toByteArray(), true);
    }

    /**
     * Returns the connection to the pool when the body was read completely; otherwise drops it, so that an
     * unread remainder (a too-large body, a failure half-way) is never drained.
     */
    static void release(ClassicHttpResponse response, HttpUriRequestBase request, boolean complete) {
        if (!complete) {
            request.cancel();
            if (response instanceof ModalCloseable modal) {
                modal.close(CloseMode.IMMEDIATE);
                return;
            }
        }
        try {
            response.close();
        } catch (IOException e) {
            // Closing only releases the connection; a failure here changes nothing for the caller.
        }
    }
}
