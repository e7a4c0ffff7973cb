package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;

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
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= width; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

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

    @Test
    void explore() throws SQLException {
        System.out.println(rows("select count(*), count(distinct customer) from stripe.charges where amount > 10000"));
        requests();
        String sql = "update stripe.customers c set description = 'vip' from stripe.charges ch "
                + "where ch.customer = c.id and ch.amount > 10000";
        for (List<String> line : rows("explain " + sql)) {
            System.out.println(line.get(0));
        }
        System.out.println(requests());
        try (Statement s = connection.createStatement()) {
            System.out.println("count " + s.executeUpdate(sql));
        }
        System.out.println(requests());
        String charge = rows("select id from stripe.charges where customer is not null limit 1").get(0).get(0);
        requests();
        String swapped = "update stripe.customers c set description = 'vip' from stripe.charges ch "
                + "where ch.customer = c.id and ch.id = '" + charge + "'";
        for (List<String> line : rows("explain " + swapped)) {
            System.out.println(line.get(0));
        }
        System.out.println(requests());
    }
}
