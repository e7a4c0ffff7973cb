package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;

/**
 * Values read and bound through JDBC as pgjdbc 42.7 reads and binds them against PostgreSQL: a boolean's text is
 * {@code t}/{@code f}; {@code getObject(i, LocalDateTime.class)} of a {@code timestamptz} fails (42821) as pgjdbc's
 * does; a fractional number bound where Postgres assigns it to an integer (LIMIT, OFFSET, a bigint column) is
 * rounded as Postgres casts numeric ({@code 2.5} to 3) and float8 ({@code 2.5} to 2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgjdbcValuesJdbcTest {
    private EmulatorDatabase db;
    private Connection connection;

    @BeforeAll
    void start() throws SQLException {
        db = EmulatorDatabase.start(StripeEmulator.builder().seed(23).customers(6));
        connection = db.connect();
    }

    @AfterAll
    void stop() throws Exception {
        connection.close();
        db.close();
    }

    @BeforeEach
    void clear() {
        db.clearRequests();
    }

    @Test
    void aBooleanReadsAsTextTOrF() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select true as yes, 1 > 2 as no, null::boolean as missing")) {
            rs.next();
            assertEquals("t", rs.getString(1));
            assertEquals("f", rs.getString("no"));
            assertNull(rs.getString(3));
            assertEquals(Boolean.TRUE, rs.getObject(1));
            assertEquals("t", rs.getObject(1, String.class));
            assertEquals(false, rs.getBoolean(2));
        }
    }

    @Test
    void aTimestamptzIsNoLocalDateTime() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select timestamptz '2024-01-02 03:04:05+02' as at,"
                        + " timestamp '2024-01-02 03:04:05' as wall, null::timestamptz as none")) {
            rs.next();
            SQLException e = assertThrows(SQLException.class, () -> rs.getObject(1, LocalDateTime.class));
            assertEquals("42821", e.getSQLState());
            assertEquals(
                    "cannot convert column 1 (at, timestamptz) to java.time.LocalDateTime: read a timestamptz as"
                            + " java.time.OffsetDateTime or java.time.Instant",
                    e.getMessage());
            assertEquals(
                    OffsetDateTime.of(2024, 1, 2, 1, 4, 5, 0, ZoneOffset.UTC), rs.getObject(1, OffsetDateTime.class));
            assertEquals(Instant.parse("2024-01-02T01:04:05Z"), rs.getObject("at", Instant.class));
            assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5), rs.getObject(2, LocalDateTime.class));
            assertNull(rs.getObject(3, LocalDateTime.class), "pgjdbc answers NULL before looking at the type");
        }
    }

    @Test
    void aFractionalLimitIsRoundedAsPostgresCastsIt() throws SQLException {
        String sql = "select n from generate_series(1, 10) as n order by n limit ? offset ?";
        assertEquals(List.of(2, 3), rows(sql, new BigDecimal("1.5"), new BigDecimal("0.5")));
        assertEquals(List.of(1, 2, 3), rows(sql, new BigDecimal("2.5"), BigDecimal.ZERO));
        assertEquals(List.of(1, 2), rows(sql, 2.5d, 0d), "float8 rounds half to even");
        assertEquals(List.of(3, 4, 5, 6), rows(sql, 3.7d, 1.5d));
        SQLException e = assertThrows(SQLException.class, () -> rows(sql, "1.5", "0"));
        assertEquals("22P02", e.getSQLState(), "text is read as bigint, as Postgres reads it");
    }

    @Test
    void aFractionalAmountForABigintColumnIsRounded() throws SQLException {
        String product;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id from stripe.products order by id limit 1")) {
            rs.next();
            product = rs.getString(1);
        }
        db.clearRequests();
        try (PreparedStatement p = connection.prepareStatement(
                "insert into stripe.prices (currency, product, unit_amount) values ('usd', ?, ?)")) {
            p.setString(1, product);
            p.setBigDecimal(2, new BigDecimal("1999.5"));
            p.executeUpdate();
        }
        List<RecordedRequest> posts = db.requests(r -> r.method().equals("POST"));
        assertEquals(1, posts.size(), posts.toString());
        assertEquals("/v1/prices", posts.get(0).path());
        assertEquals("2000", posts.get(0).formParameter("unit_amount"));
        assertTrue(db.requests(r -> r.method().equals("POST") && !r.path().equals("/v1/prices"))
                .isEmpty());
    }

    private List<Integer> rows(String sql, Object limit, Object offset) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setObject(1, limit);
            p.setObject(2, offset);
            try (ResultSet rs = p.executeQuery()) {
                List<Integer> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
                return out;
            }
        }
    }
}
