package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One Stripe-shaped error answer: the HTTP status and the {@code error} object of the body.
 *
 * <p>Example: {@code ApiError.resourceMissing("customer", "cus_x", "id")} answers
 * {@code 404 {"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such customer:
 * 'cus_x'","param":"id","doc_url":"https://stripe.com/docs/error-codes/resource-missing"}}}. Absent members
 * ({@code code}, {@code param}) are left out of the body, as Stripe does.
 *
 * @param status      HTTP status
 * @param type        Stripe's error type ({@code invalid_request_error}, {@code api_error}, {@code idempotency_error})
 * @param code        Stripe's error code, or null
 * @param message     the human message
 * @param param       the request parameter at fault, or null
 * @param shouldRetry whether the answer carries {@code Stripe-Should-Retry: true}
 */
record ApiError(int status, String type, String code, String message, String param, boolean shouldRetry) {
    static final String SUPPORT_TEXT =
            "Please see https://stripe.com/docs or we can help at https://support.stripe.com/.";

    ApiError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
    }

    /** The {@code {"error": {...}}} body. */
    ObjectNode toJson() {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        if (code != null) {
            error.put("code", code);
            error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        error.put("message", message);
        if (param != null) {
            error.put("param", param);
        }
        error.put("type", type);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("error", error);
        return body;
    }

    /** The exception that carries this error up to the request handler. */
    ApiErrorException exception() {
        return new ApiErrorException(this);
    }

    static ApiError invalidRequest(String message, String param) {
        return new ApiError(400, "invalid_request_error", null, message, param, false);
    }

    /** {@code Received unknown parameter: foo} (400, param foo). */
    static ApiError unknownParameter(String name) {
        return new ApiError(
                400, "invalid_request_error", "parameter_unknown", "Received unknown parameter: " + name, name, false);
    }

    /** {@code Missing required param: setup_intent.} (400). */
    static ApiError missingParameter(String name) {
        return new ApiError(
                400,
                "invalid_request_error",
                "parameter_missing",
                "Missing required param: " + name + ".",
                name,
                false);
    }

    /** {@code No such customer: 'cus_x'}: 404 when the id is in the path, 400 when it came as a parameter. */
    static ApiError resourceMissing(String objectType, String id, String param) {
        int status = "id".equals(param) ? 404 : 400;
        return new ApiError(
                status,
                "invalid_request_error",
                "resource_missing",
                "No such " + objectType + ": '" + id + "'",
                param,
                false);
    }

    /** Stripe's answer to an empty value for a parameter that cannot be unset ({@code name=}). */
    static ApiError cannotUnset(String name) {
        return invalidRequest(
                "You passed an empty string for '" + name + "'. We assume empty values are an attempt "
                        + "to unset a parameter; however '" + name + "' cannot be unset. You should remove '" + name
                        + "' from your request or supply a non-empty value.",
                name);
    }

    static ApiError invalidInteger(String param, String value) {
        return new ApiError(
                400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer: " + value, param, false);
    }

    static ApiError invalidBoolean(String param, String value) {
        return invalidRequest("Invalid boolean: " + value, param);
    }

    static ApiError invalidString(String param) {
        return invalidRequest("Invalid string: expected a string for " + param + ", got a hash", param);
    }

    static ApiError invalidHash(String param) {
        return invalidRequest("Invalid hash: " + param + " must be a hash of values", param);
    }

    static ApiError invalidArray(String param) {
        return invalidRequest("Invalid array: " + param + " must be an array (" + param + "[0]=...)", param);
    }

    /** {@code Invalid status: must be one of active, past_due, or canceled}. */
    static ApiError invalidEnum(String param, List<String> allowed) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < allowed.size(); i++) {
            if (i > 0) {
                list.append(i == allowed.size() - 1 ? (allowed.size() > 2 ? ", or " : " or ") : ", ");
            }
            list.append(allowed.get(i));
        }
        return invalidRequest("Invalid " + param + ": must be one of " + list, param);
    }

    static ApiError integerTooSmall(String param, long minimum) {
        return integerOutOfRange(param, "greater than or equal to " + minimum);
    }

    static ApiError integerTooLarge(String param, long maximum) {
        return integerOutOfRange(param, "less than or equal to " + maximum);
    }

    /** {@code This value must be less than or equal to 730.} (400 parameter_invalid_integer). */
    private static ApiError integerOutOfRange(String param, String bound) {
        return new ApiError(
                400,
                "invalid_request_error",
                "parameter_invalid_integer",
                "This value must be " + bound + ".",
                param,
                false);
    }

    /** Stripe's answer to a path or method it does not know (404, no code). */
    static ApiError unrecognizedUrl(String method, String path) {
        return new ApiError(
                404,
                "invalid_request_error",
                null,
                "Unrecognized request URL (" + method.toUpperCase(Locale.ROOT) + ": " + path + "). " + SUPPORT_TEXT,
                null,
                false);
    }

    /** A write the emulator does not allow on this object (400, so that clients do not read it as "not found"). */
    static ApiError writeNotAllowed(String method, String path) {
        return invalidRequest(
                "Unrecognized request URL (" + method.toUpperCase(Locale.ROOT) + ": " + path
                        + "). The Stripe API has no such write endpoint for this object.",
                null);
    }

    static ApiError missingApiKey() {
        return new ApiError(
                401,
                "invalid_request_error",
                null,
                "You did not provide an API key. You need to "
                        + "provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: "
                        + "Bearer "
                        + "YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can "
                        + "help at "
                        + "https://support.stripe.com/.",
                null,
                false);
    }

    /** {@code Invalid API Key provided: sk_test_****abcd}; the key is already masked by the caller. */
    static ApiError invalidApiKey(String maskedKey) {
        return new ApiError(401, "invalid_request_error", null, "Invalid API Key provided: " + maskedKey, null, false);
    }

    static ApiError accountInvalid(String account) {
        return new ApiError(
                403,
                "invalid_request_error",
                "account_invalid",
                "The provided key does not have access "
                        + "to account '" + account
                        + "' (or that account does not exist). Application access may have been "
                        + "revoked.",
                null,
                false);
    }

    static ApiError rateLimited() {
        return new ApiError(
                429,
                "invalid_request_error",
                "rate_limit",
                "Request rate limit exceeded. Learn more about "
                        + "rate limits here https://stripe.com/docs/rate-limits.",
                null,
                true);
    }

    static ApiError internalError() {
        return new ApiError(500, "api_error", null, "An unknown error occurred", null, true);
    }

    static ApiError serviceUnavailable() {
        return new ApiError(
                503,
                "api_error",
                null,
                "The server is temporarily unavailable. Please retry your " + "request.",
                null,
                true);
    }

    static ApiError idempotencyMismatch(String key) {
        return new ApiError(
                400,
                "idempotency_error",
                null,
                "Keys for idempotent requests can only be used with the "
                        + "same parameters they were first used with. Try using a key other than '" + key
                        + "' if you meant "
                        + "to execute a different request.",
                null,
                false);
    }

    static ApiError idempotencyKeyInUse() {
        return new ApiError(
                409,
                "invalid_request_error",
                "idempotency_key_in_use",
                "There is currently another "
                        + "in-progress request using this Stripe-Idempotency-Key. Please try again later.",
                null,
                true);
    }
}
