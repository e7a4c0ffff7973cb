package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.testkit.Rows;

/**
 * {@code UPDATE ... FROM} and {@code DELETE ... USING} through JDBC on the emulator: the whole join is read (through
 * the planner's keyed joins: the FROM item first, then the written table by key) before the first write, each
 * target row is written once however many rows it joins, SET and RETURNING read the FROM items' columns, and every
 * guard refuses before the first write (most before any request).
 */
class JoinedWritesJdbcTest {
    private StripeEmulator emulator;
    private Connection connection;

    @BeforeEach
    void start() throws SQLException {
        emulator = StripeEmulator.builder().seed(11).customers(40).start();
        connection = DriverManager.getConnection(
                "jdbc:stripe:mem:joined-" + UUID.randomUUID() + "?api_url=" + emulator.baseUrl()
                        + "&requests_per_second=0",
                "stripe",
                emulator.apiKey());
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        emulator.close();
    }

    private List<List<String>> rows(String sql) throws SQLException {
        return Rows.text(connection, sql);
    }

    private List<String> column(String sql) throws SQLException {
        return rows(sql).stream().map(row -> row.get(0)).collect(Collectors.toList());
    }

    private int update(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private SQLException fails(String sql) {
        return assertThrows(SQLException.class, () -> update(sql), sql);
    }

    /** The requests made since the last call, as {@code GET /v1/charges?limit=100}. */
    private List<String> requests() {
        List<String> out = new ArrayList<>();
        for (RecordedRequest request : emulator.requestLog()) {
            String query = request.queryParameters().stream()
                    .map(p -> p.getKey() + "=" + p.getValue())
                    .collect(Collectors.joining("&"));
            out.add(request.method() + " " + request.path() + (query.isEmpty() ? "" : "?" + query));
        }
        emulator.clearRequestLog();
        return out;
    }

    /** A charge with a customer, and that customer. */
    private List<String> aCharge() throws SQLException {
        List<String> charge = rows("select id, customer from stripe.charges where customer is not null "
                        + "order by id limit 1")
                .get(0);
        requests();
        return charge;
    }

    // ------------------------------------------------------------------ the keyed join and the writes

    @Test
    void aChargeByIdUpdatesItsCustomerReadByKeyThenWrittenOnce() throws SQLException {
        List<String> charge = aCharge();
        String sql = "update stripe.customers c set description = 'vip' from stripe.charges ch "
                + "where ch.customer = c.id and ch.id = '" + charge.get(0) + "'";
        String plan = String.join("\n", column("explain " + sql));
        assertTrue(plan.contains("Keyed Join: (ch.customer = c.id)"), plan);
        assertTrue(plan.contains("Request: GET /v1/customers/<each element of $1>"), plan);
        assertTrue(plan.contains("Join rows read: 1, target rows: 1 (each written once): " + charge.get(1)), plan);
        assertTrue(plan.contains("POST /v1/customers/" + charge.get(1) + "  description=vip"), plan);
        // The dry run read (one retrieve each) and wrote nothing.
        assertEquals(List.of("GET /v1/charges/" + charge.get(0), "GET /v1/customers/" + charge.get(1)), requests());

        assertEquals(1, update(sql));
        assertEquals(
                List.of(
                        "GET /v1/charges/" + charge.get(0),
                        "GET /v1/customers/" + charge.get(1),
                        "POST /v1/customers/" + charge.get(1)),
                requests());
        assertEquals(
                List.of("vip"), column("select description from stripe.customers where id = '" + charge.get(1) + "'"));
    }

    @Test
    void everyCustomerWithABigChargeIsWrittenOnceAfterTheWholeJoinIsRead() throws SQLException {
        List<String> customers =
                column("select customer from stripe.charges where amount > 10000 and customer is not " + "null");
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(customers));
        assertTrue(customers.size() > distinct.size(), "some customer has two big charges: " + customers);
        requests();

        assertEquals(
                distinct.size(),
                update("update stripe.customers c set description = 'big spender' from stripe.charges ch "
                        + "where ch.customer = c.id and ch.amount > 10000"));
        List<String> sent = requests();
        // Reads first: one page of charges, then each distinct customer by key (in parallel: any order).
        assertEquals("GET /v1/charges?limit=100", sent.get(0));
        List<String> reads = sent.subList(1, 1 + distinct.size());
        assertEquals(
                new TreeSet<>(
                        distinct.stream().map(id -> "GET /v1/customers/" + id).toList()),
                new TreeSet<>(reads));
        // Then one POST per customer, each once, in the order the join first gave it.
        List<String> writes = sent.subList(1 + distinct.size(), sent.size());
        assertEquals(distinct.size(), writes.size(), sent.toString());
        assertEquals(
                new TreeSet<>(
                        distinct.stream().map(id -> "POST /v1/customers/" + id).toList()),
                new TreeSet<>(writes));
        assertEquals(
                distinct.size(),
                column("select id from stripe.customers where description = 'big spender'")
                        .size());
    }

    @Test
    void setAndReturningReadTheFromItemsColumns() throws SQLException {
        List<String> charge = aCharge();
        String amount = column("select amount from stripe.charges where id = '" + charge.get(0) + "'")
                .get(0);
        requests();
        List<List<String>> returned = rows("update stripe.customers as c set description = 'paid ' || ch.amount, "
                + "attrs = '{\"metadata\": {\"last_charge\": \"x\"}}' "
                + "from stripe.charges ch where c.id = ch.customer and ch.id = '" + charge.get(0) + "' "
                + "returning c.id, c.description, ch.amount, ch.id as charge, c.attrs->'metadata'->>'last_charge'");
        assertEquals(List.of(List.of(charge.get(1), "paid " + amount, amount, charge.get(0), "x")), returned);
        List<RecordedRequest> log = emulator.requestLog();
        RecordedRequest post = log.get(log.size() - 1);
        assertEquals("POST", post.method());
        assertEquals("paid " + amount, post.formParameter("description"));
        assertEquals("x", post.formParameter("metadata[last_charge]"));
    }

    @Test
    void aValuesListAndASubqueryAsFromItems() throws SQLException {
        List<String> ids = column("select id from stripe.customers order by id limit 2");
        requests();
        List<List<String>> returned = rows("update stripe.customers c set description = v.label "
                + "from (values ('" + ids.get(0) + "', 'gold'), ('" + ids.get(1) + "', 'silver')) as v(id, label) "
                + "where v.id = c.id returning c.id, v.label, c.description");
        assertEquals(List.of(List.of(ids.get(0), "gold", "gold"), List.of(ids.get(1), "silver", "silver")), returned);
        List<String> sent = requests();
        assertEquals(
                new TreeSet<>(List.of("GET /v1/customers/" + ids.get(0), "GET /v1/customers/" + ids.get(1))),
                new TreeSet<>(sent.subList(0, 2)));
        assertEquals(
                List.of("POST /v1/customers/" + ids.get(0), "POST /v1/customers/" + ids.get(1)), sent.subList(2, 4));

        // A subquery as the FROM item: the customers of the two newest big charges.
        List<String> big =
                column("select distinct customer from (select customer from stripe.charges where amount > 10000 "
                        + "and customer is not null order by created desc, id limit 2) b");
        requests();
        assertEquals(
                big.size(),
                update("update stripe.customers c set description = 'top' "
                        + "from (select customer from stripe.charges where amount > 10000 and customer is not null "
                        + "order by created desc, id limit 2) b where b.customer = c.id"));
        assertEquals(
                new TreeSet<>(big), new TreeSet<>(column("select id from stripe.customers where description = 'top'")));

        // Several FROM items, each linked to the table (cur through ch).
        List<String> charge = aCharge();
        String currency = column("select currency from stripe.charges where id = '" + charge.get(0) + "'")
                .get(0);
        requests();
        assertEquals(
                List.of(List.of(charge.get(1), "cur " + currency)),
                rows("update stripe.customers c set description = 'cur ' || cur.code "
                        + "from stripe.charges ch, (values ('" + currency + "'), ('xxx')) cur(code) "
                        + "where ch.customer = c.id and ch.currency = cur.code and ch.id = '" + charge.get(0) + "' "
                        + "returning c.id, c.description"));
    }

    @Test
    void aCustomerWhoseChargesGiveDifferentValuesIsRefusedBeforeAnyWrite() throws SQLException {
        String customer = column("select customer from stripe.charges where customer is not null "
                        + "group by customer having count(*) >= 2 order by customer limit 1")
                .get(0);
        requests();
        String sql = "update stripe.customers c set description = ch.id from stripe.charges ch "
                + "where ch.customer = c.id and c.id = '" + customer + "'";
        SQLException e = fails(sql);
        assertEquals("21000", e.getSQLState());
        assertTrue(
                e.getMessage()
                        .startsWith("UPDATE of stripe.customers: the row " + customer + " joins at least 2 rows "
                                + "of FROM that give it different values for \"description\"; Postgres would apply "
                                + "one of them, which one unpredictable, so the statement is refused before any "
                                + "write."),
                e.getMessage());
        assertTrue(requests().stream().allMatch(r -> r.startsWith("GET ")));
        String plan = String.join("\n", column("explain " + sql));
        assertTrue(plan.contains("  Refused: UPDATE of stripe.customers: the row " + customer), plan);
        assertTrue(plan.contains("  Join rows read: 2 (stopped at the first target whose join rows disagree)"), plan);
        assertTrue(!plan.contains("Rows to update"), plan);

        // The same values from every match: written once.
        requests();
        assertEquals(
                1,
                update("update stripe.customers c set description = upper(c.email) from stripe.charges ch "
                        + "where ch.customer = c.id and c.id = '" + customer + "'"));
        assertEquals(1, requests().stream().filter(r -> r.startsWith("POST ")).count());
    }

    /** RETURNING of a DELETE gives the deleted rows as they were read, as Postgres does, not Stripe's stub. */
    @Test
    void deleteReturnsTheDeletedRowsAsTheyWere() throws SQLException {
        List<String> charge = aCharge();
        List<String> before = rows("select id, email, name from stripe.customers where id = '" + charge.get(1) + "'")
                .get(0);
        requests();
        assertEquals(
                List.of(List.of(before.get(0), before.get(1), before.get(2), charge.get(0))),
                rows("delete from stripe.customers c using stripe.charges ch where ch.customer = c.id and ch.id = '"
                        + charge.get(0) + "' returning c.id, c.email, name, ch.id"));
        assertEquals(
                List.of(
                        "GET /v1/charges/" + charge.get(0),
                        "GET /v1/customers/" + charge.get(1),
                        "DELETE /v1/customers/" + charge.get(1)),
                requests());

        String other =
                column("select id from stripe.customers order by id limit 1").get(0);
        List<String> row = rows("select id, email, attrs->>'object' from stripe.customers where id = '" + other + "'")
                .get(0);
        requests();
        // By id: one retrieve reads the row first (a DELETE without RETURNING by id reads nothing).
        assertEquals(
                List.of(row),
                rows("delete from stripe.customers where id = '" + other + "' returning id, email, attrs->>'object'"));
        assertEquals(List.of("GET /v1/customers/" + other, "DELETE /v1/customers/" + other), requests());
        String third =
                column("select id from stripe.customers order by id limit 1").get(0);
        requests();
        assertEquals(1, update("delete from stripe.customers where id = '" + third + "'"));
        assertEquals(List.of("DELETE /v1/customers/" + third), requests());
    }

    @Test
    void deleteUsingDeletesEachTargetOnceAndReturnsTheFromItemsColumns() throws SQLException {
        List<String> charge = aCharge();
        List<List<String>> returned = rows("delete from stripe.customers c using stripe.charges ch "
                + "where ch.customer = c.id and ch.id = '" + charge.get(0) + "' returning c.id, ch.id");
        assertEquals(List.of(List.of(charge.get(1), charge.get(0))), returned);
        assertEquals(
                List.of(
                        "GET /v1/charges/" + charge.get(0),
                        "GET /v1/customers/" + charge.get(1),
                        "DELETE /v1/customers/" + charge.get(1)),
                requests());
        assertEquals(List.of(), column("select id from stripe.customers where id = '" + charge.get(1) + "'"));

        // A customer with several charges is deleted once.
        String customer = column("select customer from stripe.charges where customer is not null "
                        + "group by customer having count(*) >= 2 order by customer limit 1")
                .get(0);
        requests();
        assertEquals(
                1,
                update("delete from stripe.customers c using stripe.charges ch where ch.customer = c.id "
                        + "and c.id = '" + customer + "'"));
        assertEquals(1, requests().stream().filter(r -> r.startsWith("DELETE ")).count());
    }

    // ------------------------------------------------------------------ guards

    @Test
    void aFromItemLinkedToNothingIsACrossProductThatSafeUpdatesRefuseBeforeAnyRequest() throws SQLException {
        SQLException cross = fails(
                "update stripe.customers c set description = 'x' from stripe.charges ch " + "where ch.amount > 10000");
        assertEquals("42501", cross.getSQLState());
        assertEquals(
                "UPDATE of stripe.customers has no condition linking stripe.customers to the FROM item ch, a cross "
                        + "product: every row of stripe.customers the rest selects would join every row of it, as if "
                        + "there were no WHERE clause; refused by safe updates before any request. Add a condition "
                        + "such as c.id = ch.<column>, or turn safe updates off with SET stripe.safe_updates = off "
                        + "(this session) or the connection property safe_updates=false",
                cross.getMessage());
        for (String sql : List.of(
                "update stripe.customers c set description = 'x' from stripe.charges ch",
                "update stripe.customers c set description = 'x' from stripe.charges ch where true",
                "update stripe.customers c set description = 'x' from stripe.charges ch where c.email = 'a@b.c'",
                "update stripe.customers c set description = 'x' from stripe.charges ch, stripe.invoices i "
                        + "where ch.customer = c.id",
                "delete from stripe.customers using stripe.charges where amount > 1",
                "delete from stripe.customers c using (select 1 as n) s where s.n = 1")) {
            SQLException e = fails(sql);
            assertEquals("42501", e.getSQLState(), sql);
            assertTrue(e.getMessage().contains("refused by safe updates before any request"), e.getMessage());
        }
        assertEquals(List.of(), requests());

        // Linked through another item, or by a USING join: not a cross product.
        List<String> charge = aCharge();
        String invoice = column(
                        "select coalesce(invoice, 'none') from stripe.charges where id = '" + charge.get(0) + "'")
                .get(0);
        requests();
        assertEquals(
                invoice.equals("none") ? 0 : 1,
                rows("explain delete from stripe.customers c using stripe.invoices i join stripe.charges ch "
                                + "on ch.invoice = i.id where ch.customer = c.id and ch.id = '" + charge.get(0) + "'")
                        .stream()
                        .filter(line -> line.get(0).startsWith("  Rows to delete: 1"))
                        .count());
        assertEquals(0, requests().stream().filter(r -> !r.startsWith("GET ")).count());
    }

    @Test
    void theRowCapCountsDistinctTargetsAndRefusesAfterTheReadBeforeAnyWrite() throws SQLException {
        long distinct = column("select distinct customer from stripe.charges where amount > 10000 "
                        + "and customer is not null")
                .size();
        requests();
        try (Statement s = connection.createStatement()) {
            s.execute("set stripe.max_write_rows = " + (distinct - 1));
        }
        SQLException e = fails("update stripe.customers c set description = 'x' from stripe.charges ch "
                + "where ch.customer = c.id and ch.amount > 10000");
        assertEquals("54000", e.getSQLState());
        assertTrue(
                e.getMessage()
                        .startsWith("UPDATE of stripe.customers would update " + distinct + " rows, more than "
                                + "max_write_rows (" + (distinct - 1) + ")"),
                e.getMessage());
        assertTrue(requests().stream().allMatch(r -> r.startsWith("GET ")));
    }

    @Test
    void dangerousWritesAndReadOnlyConnectionsAreRefusedBeforeAnyRequest() throws SQLException {
        SQLException accounts =
                fails("delete from stripe.accounts a using stripe.charges ch " + "where ch.customer = a.id");
        assertEquals("42501", accounts.getSQLState(), accounts.getMessage());
        assertTrue(accounts.getMessage().contains("allow_dangerous_writes"), accounts.getMessage());
        connection.setReadOnly(true);
        SQLException readOnly = fails(
                "update stripe.customers c set description = 'x' from stripe.charges ch " + "where ch.customer = c.id");
        assertEquals("25006", readOnly.getSQLState());
        assertEquals(List.of(), requests());
    }
}
