package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;

/**
 * The SQL a JDBC application writes, end to end over the emulator: the jsonb {@code ?} operator in a plain
 * statement (a parameter only in a prepared one, as in pgjdbc), and JDBC escapes in both, unless turned off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlSurfaceJdbcTest {
    private EmulatorDatabase db;
    private Connection connection;

    @BeforeAll
    void start() throws SQLException {
        db = EmulatorDatabase.start(StripeEmulator.builder().seed(17).customers(12));
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

    private List<String> customerListRequests() {
        return db.requests(r -> r.path().equals("/v1/customers")).stream()
                .map(RecordedRequest::describe)
                .toList();
    }

    @Test
    void aQuestionMarkInAPlainStatementIsTheJsonbOperator() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select count(*) filter (where attrs ? 'email'),"
                        + " count(*) filter (where attrs ? 'no_such_key'), bool_and(attrs ?| array['email', 'x']),"
                        + " bool_and(attrs ?& array['email', 'x']), max('?') from stripe.customers")) {
            rs.next();
            assertEquals(12, rs.getInt(1));
            assertEquals(0, rs.getInt(2));
            assertEquals(true, rs.getBoolean(3));
            assertEquals(false, rs.getBoolean(4));
            assertEquals("?", rs.getString(5));
        }
        assertEquals(1, customerListRequests().size(), customerListRequests().toString());
        try (PreparedStatement p = connection.prepareStatement(
                "select count(*) from stripe.customers where attrs ?? ? and {fn lcase(email)} = email")) {
            p.setString(1, "email");
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                assertEquals(12, rs.getInt(1));
            }
        }
    }

    @Test
    void jdbcEscapesAreTranslatedUnlessTurnedOff() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select {fn ucase('abc')}, {d '2024-01-02'}, {t '03:04:05'},"
                        + " {ts '2024-01-02 03:04:05'}, {fn curdate()} is not null, {fn ifnull(null, 'x')}")) {
            rs.next();
            assertEquals("ABC", rs.getString(1));
            assertEquals(java.sql.Date.valueOf("2024-01-02"), rs.getDate(2));
            assertEquals(java.sql.Time.valueOf("03:04:05"), rs.getTime(3));
            assertEquals(java.sql.Timestamp.valueOf("2024-01-02 03:04:05"), rs.getTimestamp(4));
            assertEquals(true, rs.getBoolean(5));
            assertEquals("x", rs.getString(6));
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from {oj stripe.customers c left join"
                        + " stripe.customers d on d.id = c.id} where c.email like '%{fn x}%' or true")) {
            rs.next();
            assertEquals(12, rs.getInt(1));
        }
        assertEquals("select  upper(name) from t", connection.nativeSQL("select {fn ucase(name)} from t"));
        try (Statement s = connection.createStatement()) {
            s.setEscapeProcessing(false);
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select {fn ucase('abc')}"));
            assertEquals("42601", e.getSQLState());
        }
        assertEquals(List.of(), db.requests(r -> !r.path().equals("/v1/customers")));
    }

    @Test
    void arraysAreJavaSqlArraysTypedByElement() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select array[3, 4] as ints, '{1.5,NULL}'::numeric[] as nums,"
                        + " array['a', 'b c'] as texts, array[timestamp '2024-01-02 03:04:05'] as times,"
                        + " '{{1,2},{3,4}}'::int[] as grid, array[1,2]::bigint[] as longs, null::text[] as none")) {
            java.sql.ResultSetMetaData md = rs.getMetaData();
            assertEquals("_int4", md.getColumnTypeName(1));
            assertEquals(java.sql.Types.ARRAY, md.getColumnType(1));
            assertEquals("java.sql.Array", md.getColumnClassName(1));
            assertEquals("_numeric", md.getColumnTypeName(2));
            assertEquals("_text", md.getColumnTypeName(3));
            assertEquals("_timestamp", md.getColumnTypeName(4));
            assertEquals("_int8", md.getColumnTypeName(6));
            rs.next();
            java.sql.Array ints = rs.getArray(1);
            assertEquals("int4", ints.getBaseTypeName());
            assertEquals(java.sql.Types.INTEGER, ints.getBaseType());
            assertEquals(List.of(3, 4), List.of((Integer[]) ints.getArray()));
            assertEquals(List.of(4), List.of((Integer[]) ints.getArray(2, 1)));
            try (ResultSet elements = ints.getResultSet()) {
                elements.next();
                assertEquals(1, elements.getInt("INDEX"));
                assertEquals("3", elements.getString("VALUE"));
                elements.next();
                assertEquals(2, elements.getInt(1));
                assertEquals(false, elements.next());
            }
            Object[] nums = (Object[]) ((java.sql.Array) rs.getObject(2)).getArray();
            assertEquals(new java.math.BigDecimal("1.5"), nums[0]);
            assertEquals(null, nums[1]);
            assertEquals(List.of("a", "b c"), List.of((String[]) rs.getArray(3).getArray()));
            assertEquals(
                    java.sql.Timestamp.valueOf("2024-01-02 03:04:05"),
                    ((java.sql.Timestamp[]) rs.getArray(4).getArray())[0]);
            Object[] grid = (Object[]) rs.getArray(5).getArray();
            assertEquals(List.of(3, 4), List.of((Integer[]) grid[1]));
            assertEquals(List.of(1L, 2L), List.of((Long[]) rs.getArray(6).getArray()));
            assertEquals("{3,4}", rs.getString(1));
            assertEquals(null, rs.getArray(7));
            SQLException e = assertThrows(SQLException.class, () -> ints.getArray(2, 5));
            assertEquals("2202E", e.getSQLState());
        }
        assertEquals(List.of(), db.requests(r -> true));
    }

    @Test
    void aggregatesAndFunctionsGiveArraysTypedByTheirElements() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select array_agg(balance order by id) as balances,"
                        + " array_agg(created order by id) as times, array_agg(created::timestamptz order by id) as tz,"
                        + " array_agg(balance > 0 order by id) as flags, array_agg(attrs->'email' order by id) as docs,"
                        + " array_agg(balance::numeric order by id) as nums, string_to_array('a,b', ',') as parts,"
                        + " array_append(array_agg(balance order by id), 7) as appended,"
                        + " array_positions(array['a', 'b', 'a'], 'a') as positions, array[1, 2] || 3 as cat"
                        + " from (select id, created, attrs, length(email)::bigint as balance"
                        + " from stripe.customers) c")) {
            java.sql.ResultSetMetaData md = rs.getMetaData();
            List<String> names = new java.util.ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                names.add(md.getColumnTypeName(i));
                assertEquals(java.sql.Types.ARRAY, md.getColumnType(i), md.getColumnLabel(i));
            }
            assertEquals(
                    List.of(
                            "_int8",
                            "_timestamp",
                            "_timestamptz",
                            "_bool",
                            "_jsonb",
                            "_numeric",
                            "_text",
                            "_int8",
                            "_int4",
                            "_int4"),
                    names);
            rs.next();
            java.sql.Array balances = rs.getArray("balances");
            assertEquals("int8", balances.getBaseTypeName());
            assertEquals(java.sql.Types.BIGINT, balances.getBaseType());
            Long[] longs = (Long[]) balances.getArray();
            assertEquals(12, longs.length);
            try (ResultSet elements = balances.getResultSet()) {
                assertEquals(java.sql.Types.INTEGER, elements.getMetaData().getColumnType(1));
                assertEquals(java.sql.Types.BIGINT, elements.getMetaData().getColumnType(2));
                elements.next();
                assertEquals(1, elements.getInt("INDEX"));
                assertEquals(longs[0], elements.getObject("VALUE"));
            }
            assertEquals(
                    java.sql.Timestamp.class,
                    rs.getArray("times").getArray().getClass().getComponentType());
            try (ResultSet elements = rs.getArray("tz").getResultSet()) {
                elements.next();
                assertEquals(java.sql.Types.TIMESTAMP, elements.getMetaData().getColumnType(2));
                assertEquals(java.sql.Timestamp.class, elements.getObject(2).getClass());
            }
            assertEquals(
                    Boolean.class, rs.getArray("flags").getArray().getClass().getComponentType());
            assertEquals("jsonb", rs.getArray("docs").getBaseTypeName());
            assertEquals(
                    java.math.BigDecimal.class,
                    rs.getArray("nums").getArray().getClass().getComponentType());
            assertEquals(
                    List.of("a", "b"), List.of((String[]) rs.getArray("parts").getArray()));
            Long[] appended = (Long[]) rs.getArray("appended").getArray();
            assertEquals(7L, appended[12]);
            assertEquals(
                    List.of(1, 3), List.of((Integer[]) rs.getArray("positions").getArray()));
            assertEquals(
                    List.of(1, 2, 3), List.of((Integer[]) rs.getArray("cat").getArray()));
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("with t as (select array_agg(length(id)::bigint) as lengths"
                        + " from stripe.customers) select lengths, lengths[1] as first from t"
                        + " union all select array[2::bigint], 2")) {
            assertEquals("_int8", rs.getMetaData().getColumnTypeName(1));
            assertEquals(java.sql.Types.BIGINT, rs.getMetaData().getColumnType(2));
            rs.next();
            java.sql.Array grid = rs.getArray(1);
            assertEquals(Long.class, grid.getArray().getClass().getComponentType());
        }
    }

    @Test
    void anArrayParameterFromCreateArrayOf() throws SQLException {
        java.sql.Array ids;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id from stripe.customers order by id limit 2")) {
            rs.next();
            String first = rs.getString(1);
            rs.next();
            ids = connection.createArrayOf("text", new Object[] {first, rs.getString(1), "cus_missing"});
        }
        db.clearRequests();
        try (PreparedStatement p = connection.prepareStatement(
                "select count(*), cardinality(?::text[]) from stripe.customers where id = any(?)")) {
            p.setArray(1, ids);
            p.setArray(2, ids);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                assertEquals(2, rs.getInt(1));
                assertEquals(3, rs.getInt(2));
            }
        }
        assertEquals(
                3,
                db.requests(r -> r.path().startsWith("/v1/customers/")).size(),
                db.requests().toString());
    }
}
