package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import sqlline.DispatchCallback;
import sqlline.SqlLineSignalHandler;

/**
 * Issue "Trust": a Stripe API that accepts connections and never answers. {@code Statement.cancel()} and the query
 * timeout abort the request in flight, so the statement ends within about a second instead of after the read
 * timeout (60 s here); a hung API with no timeout set fails after read_timeout once, with a message that says so.
 * Timing is only asserted as a generous upper bound (10 s, against the 60 s the statements used to take).
 */
@Tag("slow")
class HungApiJdbcTest {
    private static final String KEY = "sk_test_hung_4eC39HqLyjWDarjtT1zdp7dc";
    /** What the statements would wait without cancellation reaching the request in flight. */
    private static final int READ_TIMEOUT_SECONDS = 60;

    private static final long BOUND_MILLIS = 10_000;
    private static final String CUSTOMER =
            "{\"id\":\"cus_1\",\"object\":\"customer\",\"email\":\"a@b.c\"," + "\"created\":1700000000}";

    private SilentStripe stripe;
    private Connection connection;

    @AfterEach
    void close() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (stripe != null) {
            stripe.close();
        }
    }

    private Connection connect(Function<String, String> route, String readTimeout) throws Exception {
        return connect(route, readTimeout, 1);
    }

    private Connection connect(Function<String, String> route, String readTimeout, int scanParallelism)
            throws Exception {
        stripe = new SilentStripe(route);
        Properties properties = new Properties();
        properties.setProperty("api_key", KEY);
        properties.setProperty("api_url", stripe.url());
        properties.setProperty("requests_per_second", "0");
        properties.setProperty("scan_parallelism", Integer.toString(scanParallelism));
        properties.setProperty("read_timeout", readTimeout);
        connection = DriverManager.getConnection("jdbc:stripe:mem:hung-" + UUID.randomUUID(), properties);
        return connection;
    }

    private Connection connectSilent() throws Exception {
        return connect(request -> null, Integer.toString(READ_TIMEOUT_SECONDS));
    }

    /** Runs {@code action}, expecting it to fail within the bound; returns the failure. */
    private static SQLException failsSoon(Executable action) {
        long started = System.nanoTime();
        SQLException e = assertThrows(SQLException.class, action);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis < BOUND_MILLIS, "took " + tookMillis + " ms: " + e.getMessage());
        return e;
    }

    private static void assertCancelled(SQLException e, String message) {
        assertEquals("57014", e.getSQLState(), e.getMessage());
        assertInstanceOf(SQLTimeoutException.class, e);
        assertEquals(message, e.getMessage());
    }

    /** Calls {@code statement.cancel()} from another thread once the server holds a request it will not answer. */
    private Thread cancelWhenHung(Statement statement) {
        Thread canceller = new Thread(
                () -> {
                    try {
                        if (stripe.takeHung() != null) {
                            statement.cancel();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                },
                "canceller");
        canceller.setDaemon(true);
        canceller.start();
        return canceller;
    }

    /** Pages of 100 customers (cus_0001...); pages after {@code answered} are never answered. */
    private static Function<String, String> pages(int answered) {
        return request -> {
            if (!request.startsWith("GET /v1/customers?")) {
                return null;
            }
            int marker = request.indexOf("starting_after=cus_");
            int page = marker < 0 ? 1 : Integer.parseInt(request.substring(marker + 19, marker + 23)) / 100 + 1;
            if (page > answered) {
                return null;
            }
            StringBuilder body = new StringBuilder(
                    "{\"object\":\"list\",\"url\":\"/v1/customers\",\"has_more\":true," + "\"data\":[");
            for (int i = 1; i <= 100; i++) {
                int n = (page - 1) * 100 + i;
                body.append(i > 1 ? "," : "")
                        .append(String.format(
                                "{\"id\":\"cus_%04d\",\"object\":\"customer\"," + "\"created\":%d}",
                                n, 1_700_000_000L - n));
            }
            return body.append("]}").toString();
        };
    }

    // ------------------------------------------------------------------------------------------------ reads

    @Test
    void cancelDuringExecuteQueryAbortsTheRequest() throws Exception {
        Statement statement = connectSilent().createStatement();
        Thread canceller = cancelWhenHung(statement);

        SQLException e = failsSoon(() -> statement.executeQuery("select id from stripe.customers limit 5"));

        assertCancelled(e, "canceling statement due to user request (GET /v1/customers was in flight)");
        canceller.join(BOUND_MILLIS);
        assertEquals("GET /v1/customers?limit=5", stripe.takeRequest());
        assertEquals(1, stripe.requestCount(), "a cancelled request is not retried");
        assertNotNull(stripe.takeAbandoned(), "the connection of the aborted request was closed");
    }

    @Test
    void cancelOfAPreparedStatement() throws Exception {
        PreparedStatement statement =
                connectSilent().prepareStatement("select id from stripe.customers where email = ?");
        statement.setString(1, "a@b.c");
        Thread canceller = cancelWhenHung(statement);

        SQLException e = failsSoon(statement::executeQuery);

        assertCancelled(e, "canceling statement due to user request (GET /v1/customers was in flight)");
        canceller.join(BOUND_MILLIS);
        assertTrue(stripe.takeRequest().startsWith("GET /v1/customers?email=a%40b.c"));
    }

    @Test
    void queryTimeoutOnExecuteQueryDoesNotWaitForTheReadTimeout() throws Exception {
        Statement statement = connectSilent().createStatement();
        statement.setQueryTimeout(1);

        SQLException e = failsSoon(() -> statement.executeQuery("select id from stripe.customers limit 5"));

        assertCancelled(e, "canceling statement due to statement timeout (GET /v1/customers was in flight)");
        assertEquals(1, stripe.requestCount());
    }

    @Test
    void cancelDuringNextOfALaterPage() throws Exception {
        Statement statement =
                connect(pages(1), Integer.toString(READ_TIMEOUT_SECONDS)).createStatement();
        ResultSet rs = statement.executeQuery("select id from stripe.customers");
        for (int i = 1; i <= 100; i++) {
            assertTrue(rs.next());
        }
        Thread canceller = cancelWhenHung(statement);

        SQLException e = failsSoon(rs::next);

        assertCancelled(e, "canceling statement due to user request (GET /v1/customers was in flight)");
        canceller.join(BOUND_MILLIS);
        assertEquals("GET /v1/customers?limit=100", stripe.takeRequest());
        assertEquals("GET /v1/customers?limit=100&starting_after=cus_0100", stripe.takeRequest());
        assertEquals(2, stripe.requestCount());
    }

    @Test
    void queryTimeoutDuringAPagedScan() throws Exception {
        Statement statement =
                connect(pages(1), Integer.toString(READ_TIMEOUT_SECONDS)).createStatement();
        statement.setQueryTimeout(2);

        SQLException e = failsSoon(() -> {
            ResultSet rs = statement.executeQuery("select id from stripe.customers");
            for (int i = 0; i < 1_000; i++) {
                rs.next();
            }
        });

        assertCancelled(e, "canceling statement due to statement timeout (GET /v1/customers was in flight)");
        assertEquals(2, stripe.requestCount());
    }

    @Test
    void closingTheResultSetAbortsThePageReadAhead() throws Exception {
        // Pages 1-3 come back; from page 3 on the scan reads the next page ahead on a background thread, and
        // page 4 never comes. Closing the result set must not leave that thread waiting for the read timeout.
        Statement statement =
                connect(pages(3), Integer.toString(READ_TIMEOUT_SECONDS)).createStatement();
        ResultSet rs = statement.executeQuery("select id from stripe.customers");
        for (int i = 1; i <= 201; i++) {
            assertTrue(rs.next());
        }
        assertEquals("GET /v1/customers?limit=100&starting_after=cus_0300", stripe.takeHung());

        long started = System.nanoTime();
        rs.close();
        String abandoned = stripe.takeAbandoned();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals("GET /v1/customers?limit=100&starting_after=cus_0300", abandoned);
        assertTrue(tookMillis < BOUND_MILLIS, "took " + tookMillis + " ms");
        assertEquals(4, stripe.requestCount());
    }

    @Test
    void cancelAbortsEveryParallelWalker() throws Exception {
        // Two pages come back on the reader's thread; then walkers request created slices on their own threads, and
        // none of those is ever answered. Cancel must end the statement and abort every walker's request.
        Function<String, String> firstTwoPages = pages(2);
        connect(
                request -> request.contains("created") ? null : firstTwoPages.apply(request),
                Integer.toString(READ_TIMEOUT_SECONDS),
                4);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select id from stripe.customers");
        for (int i = 1; i <= 200; i++) {
            assertTrue(rs.next());
        }
        Thread canceller = cancelWhenHung(statement);

        SQLException e = failsSoon(rs::next);

        assertEquals("57014", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().startsWith("canceling statement due to user request"), e.getMessage());
        canceller.join(BOUND_MILLIS);
        int walkerRequests = stripe.requestCount() - 2;
        assertTrue(walkerRequests >= 1, "walkers requested " + walkerRequests);
        for (int i = 0; i < walkerRequests; i++) {
            String abandoned = stripe.takeAbandoned();
            assertNotNull(abandoned, "walker request " + (i + 1) + " of " + walkerRequests + " was not aborted");
            // A created slice: the walk going on from the second page (created[lt] and starting_after) or one
            // split off it (created[gte] too).
            assertTrue(abandoned.startsWith("GET /v1/customers?created["), abandoned);
            assertTrue(abandoned.contains("created[lt]="), abandoned);
        }
    }

    @Test
    void aHungApiWithoutTimeoutFailsAfterTheReadTimeoutOnce() throws Exception {
        Statement statement = connect(request -> null, "1").createStatement();

        SQLException e = failsSoon(() -> statement.executeQuery("select id from stripe.customers limit 5"));

        assertEquals("08006", e.getSQLState(), e.getMessage());
        assertTrue(
                e.getMessage()
                        .matches("Stripe did not answer GET /v1/customers within 1\\.\\d s \\(1 attempt, "
                                + "read_timeout 1\\.0 s\\)"),
                e.getMessage());
        assertEquals(1, stripe.requestCount(), "a read timeout is not retried: the answer budget is spent");
    }

    // ------------------------------------------------------------------------------------------------ writes

    @Test
    void queryTimeoutOnExecuteUpdateSaysTheRowsOutcomeIsUnknown() throws Exception {
        Statement statement = connect(
                        request -> request.startsWith("GET /v1/customers/") ? CUSTOMER : null,
                        Integer.toString(READ_TIMEOUT_SECONDS))
                .createStatement();
        statement.setQueryTimeout(1);

        SQLException e = failsSoon(
                () -> statement.executeUpdate("update stripe.customers set description = 'x' where id = 'cus_1'"));

        assertCancelled(
                e,
                "UPDATE of stripe.customers failed at row 1 of 1, no rows were applied; row 1 may have "
                        + "been applied too (its outcome is unknown): canceling statement due to statement timeout "
                        + "(POST /v1/customers/cus_1 was in flight)");
    }

    @Test
    void cancelDuringAnInsertNamesWhatWasApplied() throws Exception {
        int[] posts = {0};
        Statement statement = connect(
                        request -> {
                            if (request.equals("POST /v1/customers") && ++posts[0] == 1) {
                                return CUSTOMER;
                            }
                            return null;
                        },
                        Integer.toString(READ_TIMEOUT_SECONDS))
                .createStatement();
        Thread canceller = cancelWhenHung(statement);

        SQLException e = failsSoon(() ->
                statement.executeUpdate("insert into stripe.customers (email) values ('a@b.c'), ('c@d.e'), ('e@f.g')"));

        assertCancelled(
                e,
                "INSERT into stripe.customers failed at row 2 of 3 after 1 row was applied (cus_1); "
                        + "row 2 may have been applied too (its outcome is unknown): canceling statement due to user "
                        + "request "
                        + "(POST /v1/customers was in flight)");
        canceller.join(BOUND_MILLIS);
        assertEquals(2, stripe.requestCount(), "no request after the cancel");
    }

    // ------------------------------------------------------------------------------------------------ the shell

    @Test
    void ctrlCInTheShellCancelsTheRunningStatement() throws Exception {
        // sqlline turns Ctrl-C (SIGINT) into SqlLineSignalHandler.handle, which cancels the tracked statement.
        Statement statement = connectSilent().createStatement();
        DispatchCallback callback = new DispatchCallback();
        callback.trackSqlQuery(statement);
        SqlLineSignalHandler handler = new SqlLineSignalHandler();
        handler.setCallback(callback);
        Thread ctrlC = new Thread(
                () -> {
                    try {
                        if (stripe.takeHung() != null) {
                            handler.handle(Terminal.Signal.INT);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "ctrl-c");
        ctrlC.setDaemon(true);
        ctrlC.start();

        SQLException e = failsSoon(() -> statement.executeQuery("select id from stripe.customers limit 5"));

        assertCancelled(e, "canceling statement due to user request (GET /v1/customers was in flight)");
        ctrlC.join(BOUND_MILLIS);
        assertTrue(callback.isCanceled());
    }
}
