package org.stripejdbc.stripe;

import java.util.Objects;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Redactor;

/**
 * A Stripe API error response: the HTTP status, Stripe's {@code error} object (type, code, message, param,
 * decline code, doc URL), the {@code Request-Id} response header and the request line that failed, with a
 * SQLSTATE chosen by cause (see {@link #sqlStateFor}).
 *
 * <p>Example message (every part that is present, keys redacted, never the query string or headers):
 * <pre>
 * Stripe API error 404 (invalid_request_error, code resource_missing, param id): No such customer: 'cus_x'
 *     [request-id req_123] on GET /v1/customers/cus_x
 * </pre>
 * When the body is not Stripe's error JSON, a short redacted excerpt of it replaces Stripe's message; when the
 * call was retried, {@code " after <n> attempts"} ends the message.
 */
public class StripeApiException extends StripeJdbcException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String type;
    private final String code;
    private final String stripeMessage;
    private final String param;
    private final String declineCode;
    private final String docUrl;
    private final String requestId;
    private final String method;
    private final String path;

    /**
     * @param httpStatus  the HTTP status code
     * @param error       Stripe's error object ({@link StripeError#NONE} when the body had none)
     * @param requestId   the {@code Request-Id} header, or null
     * @param method      the HTTP method ({@code GET})
     * @param path        the request path without query string ({@code /v1/customers/cus_x})
     * @param bodyExcerpt a short excerpt of a non-JSON body, or null
     * @param attempts    how many HTTP attempts were made (1 when not retried)
     */
    public StripeApiException(
            int httpStatus,
            StripeError error,
            String requestId,
            String method,
            String path,
            String bodyExcerpt,
            int attempts) {
        super(
                sqlStateFor(httpStatus, error == null ? null : error.type()),
                message(
                        httpStatus,
                        error == null ? StripeError.NONE : error,
                        requestId,
                        method,
                        path,
                        bodyExcerpt,
                        attempts));
        StripeError e = error == null ? StripeError.NONE : error;
        this.httpStatus = httpStatus;
        this.type = Redactor.redactShapes(e.type());
        this.code = Redactor.redactShapes(e.code());
        this.stripeMessage = Redactor.redactShapes(e.message());
        this.param = Redactor.redactShapes(e.param());
        this.declineCode = Redactor.redactShapes(e.declineCode());
        this.docUrl = Redactor.redactShapes(e.docUrl());
        this.requestId = Redactor.redactShapes(requestId);
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * The SQLSTATE for an HTTP status and Stripe error type:
     * <table>
     *   <caption>status → SQLSTATE</caption>
     *   <tr><td>400 (any type but card_error)</td><td>22023 invalid_parameter_value</td></tr>
     *   <tr><td>401</td><td>28000 invalid_authorization_specification</td></tr>
     *   <tr><td>402, or type card_error</td><td>22000 data_exception</td></tr>
     *   <tr><td>403</td><td>42501 insufficient_privilege</td></tr>
     *   <tr><td>404</td><td>42704 undefined_object</td></tr>
     *   <tr><td>409</td><td>40001 serialization_failure (a concurrent change or idempotency conflict: retry the
     *       statement)</td></tr>
     *   <tr><td>429</td><td>08000 connection_exception: a transient condition the application may retry later; the
     *       JDBC layer maps class 08 to {@code SQLTransientConnectionException}. Chosen over 40001 because
     *       nothing was rolled back and no transaction conflict happened.</td></tr>
     *   <tr><td>408, 5xx</td><td>08006 connection_failure</td></tr>
     *   <tr><td>anything else</td><td>HV000 fdw_error</td></tr>
     * </table>
     */
    public static SqlState sqlStateFor(int httpStatus, String type) {
        if ("card_error".equals(type) && httpStatus < 500) {
            return SqlState.DATA_EXCEPTION;
        }
        if (httpStatus >= 500 || httpStatus == 408) {
            return SqlState.CONNECTION_FAILURE;
        }
        return switch (httpStatus) {
            case 400 -> SqlState.INVALID_PARAMETER_VALUE;
            case 401 -> SqlState.INVALID_AUTHORIZATION_SPECIFICATION;
            case 402 -> SqlState.DATA_EXCEPTION;
            case 403 -> SqlState.INSUFFICIENT_PRIVILEGE;
            case 404 -> SqlState.UNDEFINED_OBJECT;
            case 409 -> SqlState.SERIALIZATION_FAILURE;
            case 429 -> SqlState.CONNECTION_EXCEPTION;
            default -> SqlState.FDW_ERROR;
        };
    }

    private static String message(
            int httpStatus,
            StripeError error,
            String requestId,
            String method,
            String path,
            String bodyExcerpt,
            int attempts) {
        StringBuilder out = new StringBuilder("Stripe API error ").append(httpStatus);
        StringBuilder kind = new StringBuilder();
        appendPart(kind, null, error.type());
        appendPart(kind, "code ", error.code());
        appendPart(kind, "decline_code ", error.declineCode());
        appendPart(kind, "param ", error.param());
        if (kind.length() > 0) {
            out.append(" (").append(kind).append(')');
        }
        out.append(": ");
        if (error.message() != null && !error.message().isBlank()) {
            out.append(error.message());
        } else if (bodyExcerpt != null && !bodyExcerpt.isBlank()) {
            out.append(bodyExcerpt);
        } else {
            out.append("no error details in the response");
        }
        if (requestId != null && !requestId.isBlank()) {
            out.append(" [request-id ").append(requestId).append(']');
        }
        out.append(" on ").append(method).append(' ').append(path);
        if (attempts > 1) {
            out.append(" after ").append(attempts).append(" attempts");
        }
        return Redactor.redactShapes(out.toString());
    }

    private static void appendPart(StringBuilder out, String label, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (out.length() > 0) {
            out.append(", ");
        }
        if (label != null) {
            out.append(label);
        }
        out.append(value);
    }

    /** The HTTP status code ({@code 404}). */
    public int httpStatus() {
        return httpStatus;
    }

    /** Stripe's error type ({@code invalid_request_error}, {@code card_error}, ...), or null. */
    public String type() {
        return type;
    }

    /** Stripe's error code ({@code resource_missing}), or null. */
    public String code() {
        return code;
    }

    /** Stripe's human-readable message ({@code No such customer: 'cus_x'}), or null. */
    public String stripeMessage() {
        return stripeMessage;
    }

    /** The request parameter at fault ({@code id}), or null. */
    public String param() {
        return param;
    }

    /** The card issuer's decline code for card errors ({@code insufficient_funds}), or null. */
    public String declineCode() {
        return declineCode;
    }

    /** The documentation link Stripe gives for the error, or null. */
    public String docUrl() {
        return docUrl;
    }

    /** The {@code Request-Id} response header ({@code req_123}), or null. */
    public String requestId() {
        return requestId;
    }

    /** The HTTP method of the failed request. */
    public String method() {
        return method;
    }

    /** The path of the failed request, without query string ({@code /v1/customers/cus_x}). */
    public String path() {
        return path;
    }
}
