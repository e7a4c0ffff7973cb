package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.testkit.Rows;

/**
 * {@code charges.invoice} on both sides of API version 2025-03-31.basil, which removed it from the charge: on a
 * server pinned to an older version the charge carries it and nothing else is requested; on basil the column is
 * filled from the invoice payments wherever the statement reads it (select list, WHERE, join, GROUP BY), with the
 * fewest requests: the charges of {@code where invoice = 'in_1'} through that invoice's payments, one lookup per
 * payment intent for a few charges, one walk of every invoice payment for many. The rows are the same on both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChargeInvoiceJdbcTest {
    private static final String OLD = "2024-06-20";
    private static final String BASIL = "2025-03-31.basil";
    private static final String LOOKUP =
            "GET /v1/invoice_payments?payment[type]=payment_intent&payment[payment_intent]=";

    private StripeEmulator emulator;
    private Connection legacy;
    private Connection basil;

    @BeforeAll
    void start() throws SQLException {
        emulator = StripeEmulator.builder().seed(3).customers(20).start();
        String url = "?api_url=" + emulator.baseUrl() + "&requests_per_second=0&scan_parallelism=1&search=off";
        legacy = DriverManager.getConnection(
                "jdbc:stripe:mem:invoice-" + UUID.randomUUID() + url + "&api_version=" + OLD,
                "stripe",
                emulator.apiKey());
        basil = DriverManager.getConnection(
                "jdbc:stripe:mem:invoice-" + UUID.randomUUID() + url + "&api_version=" + BASIL,
                "stripe",
                emulator.apiKey());
    }

    @AfterAll
    void stop() throws SQLException {
        legacy.close();
        basil.close();
        emulator.close();
    }

    /** The rows of {@code sql} on {@code connection}, and the requests it made, as {@code GET /v1/..?..}. */
    private record Run(List<List<String>> rows, List<String> requests) {}

    private Run run(Connection connection, String sql) throws SQLException {
        emulator.clearRequestLog();
        List<List<String>> rows = Rows.text(connection, sql);
        return new Run(
                rows,
                emulator.requestLog().stream().map(RecordedRequest::describe).toList());
    }

    /** The same rows on both versions; the older one requests only {@code legacyRequests}. */
    private Run both(String sql, List<String> legacyRequests) throws SQLException {
        Run old = run(legacy, sql);
        assertEquals(legacyRequests, old.requests(), "the older version requests nothing more");
        Run basilRun = run(basil, sql);
        assertEquals(old.rows(), basilRun.rows(), sql);
        return basilRun;
    }

    /** Charges with an invoice, as {@code [id, invoice, payment_intent]}, newest first. */
    private List<List<String>> invoiced() throws SQLException {
        return Rows.text(legacy, "select id, invoice, payment_intent from stripe.charges where invoice is not null");
    }

    /** The distinct payment intents of the charges, in list order (nulls left out). */
    private List<String> intents() throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        for (List<String> row : Rows.text(legacy, "select payment_intent from stripe.charges")) {
            if (row.get(0) != null) {
                out.add(row.get(0));
            }
        }
        return new ArrayList<>(out);
    }

    @Test
    void theSelectListReadsEachIntentsInvoiceThenWalksTheRest() throws SQLException {
        Run basilRun = both("select id, invoice from stripe.charges", List.of("GET /v1/charges?limit=100"));
        assertTrue(basilRun.rows().stream().filter(row -> row.get(1) != null).count() >= 5, basilRun.toString());
        assertEquals(readingEveryChargesInvoice(), basilRun.requests());
    }

    /**
     * The requests of a basil scan of every charge that reads the invoice: the charges, a lookup of each of the first
     * 10 payment intents, then one walk of every invoice payment for the rest.
     */
    private List<String> readingEveryChargesInvoice() throws SQLException {
        List<String> intents = intents();
        assertTrue(intents.size() > 10, "enough intents to walk: " + intents);
        List<String> expected = new ArrayList<>();
        expected.add("GET /v1/charges?limit=100");
        for (String intent : intents.subList(0, 10)) {
            expected.add(LOOKUP + intent + "&limit=1");
        }
        expected.add("GET /v1/invoice_payments?limit=100");
        return expected;
    }

    @Test
    void aStatementThatDoesNotReadTheInvoiceRequestsOnlyTheCharges() throws SQLException {
        Run basilRun =
                both("select id, amount from stripe.charges where amount > 0", List.of("GET /v1/charges?limit=100"));
        assertEquals(List.of("GET /v1/charges?limit=100"), basilRun.requests());
        // attrs is Stripe's object as it came: basil's charge has no invoice, and reading attrs derives nothing.
        Run attrs = run(basil, "select attrs->>'invoice' from stripe.charges where attrs->>'invoice' is not null");
        assertEquals(List.of(), attrs.rows());
        assertEquals(List.of("GET /v1/charges?limit=100"), attrs.requests());
        Run both = run(basil, "select invoice, attrs->>'invoice' from stripe.charges where invoice is not null");
        assertTrue(both.rows().size() >= 5, both.toString());
        assertTrue(both.rows().stream().allMatch(row -> row.get(1) == null), both.toString());
    }

    @Test
    void whereInvoiceEqualsReadsThatInvoicesPaymentsThenTheChargesOfTheirIntents() throws SQLException {
        List<String> charge = invoiced().get(0);
        String sql = "select id, invoice from stripe.charges where invoice = '" + charge.get(1) + "'";
        Run basilRun = both(sql, List.of("GET /v1/charges?limit=100"));
        assertEquals(List.of(List.of(charge.get(0), charge.get(1))), basilRun.rows());
        assertEquals(
                List.of(
                        "GET /v1/invoice_payments?invoice=" + charge.get(1) + "&limit=100",
                        "GET /v1/charges?payment_intent=" + charge.get(2) + "&limit=100"),
                basilRun.requests());
    }

    @Test
    void whereInvoiceInReadsEachInvoicesPayments() throws SQLException {
        List<List<String>> invoiced = invoiced();
        List<String> a = invoiced.get(0);
        List<String> b = invoiced.get(1);
        String sql = "select id, invoice from stripe.charges where invoice in ('" + a.get(1) + "', '" + b.get(1)
                + "', 'in_nothing') order by id";
        Run basilRun = both(sql, List.of("GET /v1/charges?limit=100"));
        assertEquals(2, basilRun.rows().size(), basilRun.toString());
        assertEquals(
                List.of(
                        "GET /v1/invoice_payments?invoice=" + a.get(1) + "&limit=100",
                        "GET /v1/invoice_payments?invoice=" + b.get(1) + "&limit=100",
                        "GET /v1/invoice_payments?invoice=in_nothing&limit=100",
                        "GET /v1/charges?payment_intent=" + a.get(2) + "&limit=100",
                        "GET /v1/charges?payment_intent=" + b.get(2) + "&limit=100"),
                basilRun.requests());
    }

    @Test
    void aRetrieveByIdLooksUpItsIntentsInvoice() throws SQLException {
        List<String> charge = invoiced().get(0);
        String sql = "select id, invoice from stripe.charges where id = '" + charge.get(0) + "'";
        Run basilRun = both(sql, List.of("GET /v1/charges/" + charge.get(0)));
        assertEquals(List.of(List.of(charge.get(0), charge.get(1))), basilRun.rows());
        assertEquals(
                List.of("GET /v1/charges/" + charge.get(0), LOOKUP + charge.get(2) + "&limit=1"), basilRun.requests());
    }

    @Test
    void aLimitLooksUpOnlyTheIntentsOfTheRowsRead() throws SQLException {
        Run basilRun = both("select id, invoice from stripe.charges limit 3", List.of("GET /v1/charges?limit=3"));
        List<String> expected = new ArrayList<>();
        expected.add("GET /v1/charges?limit=3");
        for (List<String> row : Rows.text(legacy, "select payment_intent from stripe.charges limit 3")) {
            if (row.get(0) != null) {
                expected.add(LOOKUP + row.get(0) + "&limit=1");
            }
        }
        assertEquals(expected, basilRun.requests());
    }

    @Test
    void aJoinOnTheInvoiceFindsTheSameInvoices() throws SQLException {
        String sql = "select c.id, i.id, i.total from stripe.charges c join stripe.invoices i on i.id = c.invoice"
                + " order by c.id";
        Run old = run(legacy, sql);
        assertTrue(old.requests().stream().noneMatch(r -> r.contains("invoice_payments")), old.toString());
        Run basilRun = run(basil, sql);
        assertEquals(old.rows(), basilRun.rows());
        assertEquals(invoiced().size(), basilRun.rows().size());
        // The charges and their invoices first, then the same invoices retrieved (in parallel: in any order).
        List<String> derivation = readingEveryChargesInvoice();
        assertEquals(derivation, basilRun.requests().subList(0, derivation.size()));
        assertEquals(
                new java.util.TreeSet<>(old.requests().subList(1, old.requests().size())),
                new java.util.TreeSet<>(basilRun.requests()
                        .subList(derivation.size(), basilRun.requests().size())));
        assertEquals(old.requests().size() - 1, basilRun.requests().size() - derivation.size());
    }

    @Test
    void groupByInvoiceCountsTheSameCharges() throws SQLException {
        String sql = "select invoice, count(*) from stripe.charges group by invoice order by invoice";
        Run basilRun = both(sql, List.of("GET /v1/charges?limit=100"));
        assertTrue(basilRun.rows().size() > 5, basilRun.toString());
        assertEquals(readingEveryChargesInvoice(), basilRun.requests());
    }

    @Test
    void orderByWindowAndACorrelatedSubqueryReadTheSameInvoices() throws SQLException {
        Run ordered = both(
                "select id, invoice from stripe.charges order by invoice nulls last, id",
                List.of("GET /v1/charges?limit=100"));
        assertEquals(readingEveryChargesInvoice(), ordered.requests());
        Run window = both(
                "select id, count(*) over (partition by invoice) from stripe.charges order by id",
                List.of("GET /v1/charges?limit=100"));
        assertEquals(readingEveryChargesInvoice(), window.requests());
        String correlated = "select i.id, (select count(*) from stripe.charges c where c.invoice = i.id) from"
                + " stripe.invoices i order by i.id";
        Run old = run(legacy, correlated);
        Run basilRun = run(basil, correlated);
        assertEquals(old.rows(), basilRun.rows());
        assertEquals(List.of("GET /v1/invoices?limit=100", "GET /v1/charges?limit=100"), old.requests());
        // The charges are read once for every invoice (a prefetch), and their invoices derived once.
        List<String> expected = new ArrayList<>(List.of("GET /v1/invoices?limit=100"));
        expected.addAll(readingEveryChargesInvoice());
        assertEquals(expected, basilRun.requests());
        assertTrue(
                basilRun.rows().stream().filter(row -> !row.get(1).equals("0")).count() >= 5, basilRun.toString());
    }

    @Test
    void aParallelScanSharesOneWalkOfTheInvoicePayments() throws SQLException {
        try (StripeEmulator larger =
                StripeEmulator.builder().seed(5).customers(600).start()) {
            String url = "?api_url=" + larger.baseUrl() + "&requests_per_second=0&scan_parallelism=4&search=off";
            try (Connection old = DriverManager.getConnection(
                            "jdbc:stripe:mem:invoice-" + UUID.randomUUID() + url + "&api_version=" + OLD,
                            "stripe",
                            larger.apiKey());
                    Connection parallel = DriverManager.getConnection(
                            "jdbc:stripe:mem:invoice-" + UUID.randomUUID() + url + "&api_version=" + BASIL,
                            "stripe",
                            larger.apiKey())) {
                String sql = "select id, invoice from stripe.charges order by id";
                List<List<String>> expected = Rows.text(old, sql);
                assertTrue(expected.size() > 200, "enough charges for slices: " + expected.size());
                larger.clearRequestLog();
                assertEquals(expected, Rows.text(parallel, sql));
                List<String> requests = larger.requestLog().stream()
                        .map(RecordedRequest::describe)
                        .filter(r -> r.startsWith("GET /v1/invoice_payments"))
                        .toList();
                int pages = (larger.count("invoice_payments") + 99) / 100;
                assertEquals(10 + pages, requests.size(), requests.toString());
                assertEquals(
                        pages,
                        requests.stream()
                                .filter(r -> !r.contains("payment_intent"))
                                .count());
            }
        }
    }

    @Test
    void explainNamesTheStrategyAndItsRequests() throws SQLException {
        List<String> charge = invoiced().get(0);
        String byInvoice = String.join(
                "\n",
                Rows.text(basil, "explain select id from stripe.charges where invoice = '" + charge.get(1) + "'")
                        .stream()
                        .map(row -> row.get(0))
                        .toList());
        assertTrue(
                byInvoice.contains("Request: GET /v1/invoice_payments?invoice=" + charge.get(1) + "&limit=100"),
                byInvoice);
        assertTrue(
                byInvoice.contains("Then: GET /v1/charges?payment_intent=<each payment intent>&limit=100"), byInvoice);
        assertTrue(byInvoice.contains("Derived: invoice from the invoice payments read above"), byInvoice);
        assertFalse(byInvoice.contains("GET /v1/charges?limit=100"), byInvoice);

        String perCharge = String.join(
                "\n",
                Rows.text(basil, "explain select id, invoice from stripe.charges").stream()
                        .map(row -> row.get(0))
                        .toList());
        assertTrue(
                perCharge.contains("Derived: invoice of a charge without it (API version 2025-03-31.basil and later)"
                        + " from its payment intent's invoice payment: " + LOOKUP + "<payment_intent>&limit=1 for"
                        + " each of the first 10 payment intents (cached), then one walk of"
                        + " GET /v1/invoice_payments?limit=100"),
                perCharge);

        String old = String.join(
                "\n",
                Rows.text(legacy, "explain select id, invoice from stripe.charges where invoice = 'in_1'").stream()
                        .map(row -> row.get(0))
                        .toList());
        assertFalse(old.contains("invoice_payments"), old);
        assertTrue(old.contains("Request: GET /v1/charges?limit=100"), old);
    }
    /**
     * RETURNING of an UPDATE gives the invoice a SELECT gives: on basil Stripe's answer lacks it and it is derived
     * (one lookup), only when the list reads it; the older version's answer carries it.
     */
    @Test
    void anUpdateReturnsTheInvoiceASelectGives() throws SQLException {
        List<String> charge = invoiced().get(0);
        String sql = "update stripe.charges set description = 'returned' where id = '" + charge.get(0)
                + "' returning id, invoice";
        Run old = run(legacy, sql);
        assertEquals(List.of(List.of(charge.get(0), charge.get(1))), old.rows());
        assertEquals(List.of("POST /v1/charges/" + charge.get(0)), old.requests());
        Run basilRun = run(basil, sql);
        assertEquals(old.rows(), basilRun.rows());
        assertEquals(
                List.of("POST /v1/charges/" + charge.get(0), LOOKUP + charge.get(2) + "&limit=1"), basilRun.requests());

        Run idOnly = run(
                basil,
                "update stripe.charges set description = 'again' where id = '" + charge.get(0)
                        + "' returning id, amount");
        assertEquals(List.of("POST /v1/charges/" + charge.get(0)), idOnly.requests(), "the invoice is not read");
        Run star = run(
                basil, "update stripe.charges set description = 'star' where id = '" + charge.get(0) + "' returning *");
        assertEquals(2, star.requests().size(), star.requests().toString());
    }
}
