package org.stripejdbc.emulator;

import java.util.Objects;

/**
 * Carries an {@link ApiError} from deep inside request handling to the handler, which answers it. It never
 * leaves the emulator: the handler turns it into an HTTP answer.
 */
final class ApiErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ApiError error;

    ApiErrorException(ApiError error) {
        super(Objects.requireNonNull(error, "error").message(), null, false, false);
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
