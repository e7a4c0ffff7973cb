package org.stripejdbc.stripe;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;

/**
 * The narrow interface to the Stripe REST API that the planner and the modify executor use. The HTTP
 * implementation is {@code HttpStripeClient}; tests may use hand-written fakes.
 *
 * <p>Paths are relative to the configured base URL ({@code customers}, {@code checkout/sessions}); ids are
 * always encoded as one path segment. Every method throws {@link StripeApiException} (a
 * {@code StripeJdbcException}) for API errors, with Stripe's message, type, code, param, decline code and
 * request id, and a SQLSTATE chosen by cause.
 */
public interface StripeClient extends AutoCloseable {

    /**
     * {@code GET <path>?<parameters>}: one page of a list endpoint. Parameters keep their order and may
     * repeat. Example: {@code list("customers", [email=a@b.c, limit=100], options)} →
     * {@code GET /v1/customers?email=a%40b.c&limit=100}.
     */
    StripePage list(String path, List<Map.Entry<String, String>> parameters, RequestOptions options);

    /**
     * {@code GET <path>/search?query=<query>&limit=<limit>[&page=<page>]}: one page of a search endpoint (charges,
     * customers, invoices, payment_intents, prices, products, subscriptions), paged by the previous page's
     * {@code next_page} token. Search requests have a rate limit of their own. Example: {@code search("customers",
     * "name~\"son\"", 100, null, options)} → {@code GET /v1/customers/search?query=name%7E%22son%22&limit=100}.
     * A client without search support refuses with 0A000.
     */
    default SearchPage search(String path, String query, int limit, String page, RequestOptions options) {
        throw StripeJdbcException.unsupported("this Stripe client has no search endpoint");
    }

    /** {@code GET <path>/<id>}; empty on 404. Example: {@code retrieve("customers", "cus_1")} → {@code GET
     * /v1/customers/cus_1}. */
    Optional<Json> retrieve(String path, String id, RequestOptions options);

    /** {@code GET <path>} of a singleton resource ({@code balance}). */
    Json get(String path, RequestOptions options);

    /**
     * {@code POST <path>} with a form body (pairs already flattened to Stripe's bracket keys). The same
     * {@code idempotencyKey} is sent on every retry of this call.
     */
    Json create(String path, List<Map.Entry<String, String>> form, String idempotencyKey, RequestOptions options);

    /** {@code POST <path>/<id>} with a form body; empty on 404. */
    Optional<Json> update(
            String path,
            String id,
            List<Map.Entry<String, String>> form,
            String idempotencyKey,
            RequestOptions options);

    /** {@code DELETE <path>/<id>}; empty on 404. */
    Optional<Json> delete(String path, String id, RequestOptions options);

    /**
     * An action on one object: {@code <method> <path>} where the path's {@code {}} is {@code id} (one encoded path
     * segment), with a form body on POST and, on DELETE, the form as the query string (Stripe reads a DELETE's
     * parameters there, and no {@code Idempotency-Key}: DELETE is idempotent). Empty on 404. The same
     * {@code idempotencyKey} is sent on every retry of a POST. Example: {@code action("POST",
     * "invoices/{}/finalize", "in_1", [auto_advance=false], "k1", options)} →
     * {@code POST /v1/invoices/in_1/finalize  auto_advance=false  Idempotency-Key: k1}.
     */
    default Optional<Json> action(
            String method,
            String path,
            String id,
            List<Map.Entry<String, String>> form,
            String idempotencyKey,
            RequestOptions options) {
        return action(method, path, List.of(id), form, idempotencyKey, options);
    }

    /**
     * An action addressing as many objects as the path has {@code {}}s, each replaced by the next of {@code ids} (one
     * encoded path segment): none for {@code POST invoices/create_preview} and {@code GET account}, two for
     * {@code POST customers/{}/sources/{}/verify}. A GET (a read: {@code GET credit_notes/preview}) and a DELETE send
     * the form as the query string and no key; a POST sends it as the body with {@code idempotencyKey}. Empty on 404.
     * Example: {@code action("GET", "credit_notes/preview", [], [invoice=in_1], null, options)} →
     * {@code GET /v1/credit_notes/preview?invoice=in_1}.
     */
    default Optional<Json> action(
            String method,
            String path,
            List<String> ids,
            List<Map.Entry<String, String>> form,
            String idempotencyKey,
            RequestOptions options) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not send actions");
    }

    @Override
    void close();

    /**
     * Where this client's writes are remembered, so that search routing lists an object type this account wrote
     * within the last {@code search_after_write} seconds instead of searching it. The default (test doubles):
     * {@link RecentWrites#shared()}.
     */
    default RecentWrites recentWrites() {
        return RecentWrites.shared();
    }

    /**
     * The requests per second this client paces itself to now (its rate limiter's rate), 0 when it does not wait:
     * a parallel scan starts no more walkers than that rate keeps busy. Example: 100 for a live key's default.
     */
    default double pacedRequestsPerSecond() {
        return 0;
    }

    /**
     * The {@code Stripe-Version} this client sends, or null when it sends none (the account's default version, not
     * known before an answer). Example: {@code 2025-03-31.basil} for a server with that {@code api_version}. A
     * scan uses it to choose requests that exist only in a version's shapes. The default (test doubles): null.
     */
    default String apiVersion() {
        return null;
    }
}
