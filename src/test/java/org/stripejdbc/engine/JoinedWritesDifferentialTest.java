package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stripejdbc.emulator.StripeEmulator;

/**
 * {@code UPDATE ... FROM} and {@code DELETE ... USING} against a real PostgreSQL holding the same customers, charges
 * and invoices ({@link PostgresMirror}): each statement, run on both in turn, returns the same rows (RETURNING, as
 * multisets) and leaves the same customers with the same descriptions. The statements are the ones Postgres answers
 * predictably (every target's matches give it the same values); the driver refuses the others (21000,
 * {@code JoinedWritesJdbcTest}).
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JoinedWritesDifferentialTest {
    private StripeEmulator emulator;
    private Connection stripe;
    private PostgresMirror postgres;

    @BeforeAll
    void setUp() throws Exception {
        emulator = StripeEmulator.builder().seed(20_250_601L).customers(60).start();
        stripe = DriverManager.getConnection(
                "jdbc:stripe:mem:joined-diff-" + UUID.randomUUID() + "?api_url=" + emulator.baseUrl()
                        + "&requests_per_second=0",
                "stripe",
                emulator.apiKey());
        postgres = PostgresMirror.start();
        for (String table : List.of("customers", "charges", "invoices")) {
            postgres.copy(stripe, table, "select * from stripe." + table);
        }
    }

    @AfterAll
    void tearDown() throws Exception {
        if (stripe != null) {
            stripe.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private static ResultTable run(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return ResultTable.read(rs);
        }
    }

    private String someCustomer(int offset) throws SQLException {
        return run(postgres.connection(), "select id from stripe.customers order by id offset " + offset + " limit 1")
                .rows()
                .get(0)
                .get(0);
    }

    @Test
    void joinedWritesReturnAndLeaveWhatPostgresDoes() throws SQLException {
        List<String> statements = List.of(
                "update stripe.customers c set description = 'vip' from stripe.charges ch "
                        + "where ch.customer = c.id and ch.amount > 10000 returning c.id, c.description",
                "update stripe.customers c set description = 'has ' || i.customer from stripe.invoices i "
                        + "where i.customer = c.id and i.status = 'paid' returning c.id, c.description, i.customer",
                "update stripe.customers c set description = v.label from (values ('" + someCustomer(0)
                        + "', 'gold'), ('" + someCustomer(1) + "', 'silver'), ('cus_none', 'none')) as v(id, label) "
                        + "where v.id = c.id returning c.id, v.label, c.description",
                "update stripe.customers c set description = 'n=' || s.n from (select customer, count(*) as n "
                        + "from stripe.charges where customer is not null group by customer) s "
                        + "where s.customer = c.id and s.n >= 2 returning c.id, s.n, c.description",
                "update stripe.customers c set description = upper(o.email) from stripe.customers o "
                        + "where o.id = c.id and c.email like '%a%' returning c.id, o.email, c.description",
                "update stripe.customers c set description = 'both' from stripe.charges ch "
                        + "join stripe.invoices i on i.id = ch.invoice where ch.customer = c.id "
                        + "returning c.id, c.description",
                "delete from stripe.customers c using (values ('" + someCustomer(2) + "'), ('" + someCustomer(2)
                        + "')) as gone(id) where gone.id = c.id returning c.id, gone.id",
                "delete from stripe.customers c using stripe.charges ch, stripe.invoices i "
                        + "where ch.customer = c.id and i.customer = c.id and ch.amount > 20000 returning c.id");
        for (String sql : statements) {
            ResultTable expected = run(postgres.connection(), sql);
            ResultTable engine = run(stripe, sql);
            assertEquals(List.of(), engine.differences(expected, false), sql);
            assertTrue(!expected.rows().isEmpty(), "the corpus writes something: " + sql);
            String state = "select id, description from stripe.customers";
            assertEquals(List.of(), run(stripe, state).differences(run(postgres.connection(), state), false), sql);
        }
    }
}
