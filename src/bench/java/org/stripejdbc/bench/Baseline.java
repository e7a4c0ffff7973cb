package org.stripejdbc.bench;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.param.CustomerListParams;
import java.util.Iterator;
import java.util.List;

/**
 * The baseline: what a user writes instead of SQL, with the official SDK ({@code com.stripe:stripe-java} 29.0.0,
 * a bench-only dependency) pointed at the same emulator: {@code autoPagingIterable()} for scans, {@code retrieve}
 * for ids. It retries like the driver (3 retries) and has no client-side rate limit (the SDK has none).
 *
 * <p>Example: {@code scan(client("http://127.0.0.1:4242", key), Integer.MAX_VALUE)} walks every customer with
 * {@code GET /v1/customers?limit=100} and {@code starting_after}.
 */
final class Baseline {
    private Baseline() {}

    /** A client for the API at {@code apiBase} ({@code http://127.0.0.1:PORT}, without {@code /v1}). */
    static StripeClient client(String apiBase, String apiKey) {
        return StripeClient.builder()
                .setApiKey(apiKey)
                .setApiBase(apiBase)
                .setMaxNetworkRetries(3)
                .build();
    }

    /** The API base stripe-java wants for a driver {@code api_url} ({@code http://127.0.0.1:PORT/v1/}). */
    static String apiBase(String apiUrl) {
        return apiUrl.endsWith("/v1/") ? apiUrl.substring(0, apiUrl.length() - "/v1/".length()) : apiUrl;
    }

    /** Reads up to {@code maximum} customers with {@code autoPagingIterable()}, touching a few fields of each. */
    static OurDriver.Scan scan(StripeClient stripe, long maximum) throws StripeException {
        long start = System.nanoTime();
        long firstRow = -1;
        long rows = 0;
        long checksum = 0;
        CustomerListParams params = CustomerListParams.builder().setLimit(100L).build();
        for (Customer customer : stripe.customers().list(params).autoPagingIterable()) {
            if (firstRow < 0) {
                firstRow = System.nanoTime() - start;
            }
            checksum += customer.getId().length() + (customer.getEmail() == null ? 0 : 1) + customer.getCreated();
            rows++;
            if (rows >= maximum) {
                break;
            }
        }
        if (checksum == 42) {
            System.out.print(""); // keeps the reads
        }
        return new OurDriver.Scan(rows, System.nanoTime() - start, firstRow);
    }

    /** The time until the first customer of {@code autoPagingIterable()} is in hand. */
    static long timeToFirstRow(StripeClient stripe) throws StripeException {
        long start = System.nanoTime();
        Iterator<Customer> customers = stripe.customers()
                .list(CustomerListParams.builder().setLimit(100L).build())
                .autoPagingIterable()
                .iterator();
        if (!customers.hasNext()) {
            throw new IllegalStateException("no customer");
        }
        customers.next().getId();
        return System.nanoTime() - start;
    }

    /** The first {@code limit} customers, one list call. */
    static List<Customer> first(StripeClient stripe, long limit) throws StripeException {
        return stripe.customers()
                .list(CustomerListParams.builder().setLimit(limit).build())
                .getData();
    }

    /** Retrieves each id, one after the other, as a loop over {@code retrieve} does. */
    static int retrieve(StripeClient stripe, List<String> ids) throws StripeException {
        int found = 0;
        for (String id : ids) {
            if (stripe.customers().retrieve(id) != null) {
                found++;
            }
        }
        return found;
    }
}
