package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.objects.StripeColumn;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;

/**
 * Every object of the registry (the 24 of the original FDW and those made from the API description) through JDBC on
 * the emulator: typed values and the request each read makes.
 */
class EveryObjectJdbcTest {
    private static StripeEmulator emulator;
    private static Connection connection;

    @BeforeAll
    static void start() throws SQLException {
        emulator = StripeEmulator.builder().customers(150).start();
        Properties p = new Properties();
        p.setProperty("password", emulator.apiKey());
        connection = DriverManager.getConnection(
                "jdbc:stripe:mem:objects-" + UUID.randomUUID() + "?api_url=" + emulator.baseUrl(), p);
    }

    @AfterAll
    static void stop() throws SQLException {
        connection.close();
        emulator.close();
    }

    /** The top-level tables; the child tables have ChildTablesJdbcTest. */
    static Stream<StripeObject> objects() {
        return StripeObjects.all().stream().filter(o -> o.parent() == null);
    }

    @ParameterizedTest
    @MethodSource("objects")
    void selectStarGivesTypedRows(StripeObject object) throws SQLException {
        String sql = "select * from stripe." + object.tableName();
        String expectedPath = "/v1/" + object.object();
        if (!object.listable() && object.retrievable()) {
            String id = emulator.objects(object.object()).get(0).get("id").stringValue();
            sql += " where id = '" + id + "'";
            expectedPath += "/" + id;
        } else if (object.requiredFilter() != null) {
            String value = emulator.objects(object.object())
                    .get(0)
                    .get(object.requiredFilter())
                    .stringValue();
            sql += " where " + object.requiredFilter() + " = '" + value + "'";
        }
        emulator.clearRequestLog();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql + " limit 3")) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(object.columns().size() + 1, md.getColumnCount(), object.tableName());
            assertTrue(rs.next(), object.tableName() + " has rows");
            int rows = 0;
            do {
                rows++;
                for (int i = 0; i < object.columns().size(); i++) {
                    StripeColumn column = object.columns().get(i);
                    assertEquals(column.name(), md.getColumnLabel(i + 1));
                    Object value = rs.getObject(i + 1);
                    switch (column.type()) {
                        case BIGINT:
                            assertEquals(Types.BIGINT, md.getColumnType(i + 1));
                            if (value != null) {
                                assertInstanceOf(Long.class, value);
                            }
                            break;
                        case BOOLEAN:
                            assertEquals(Types.BOOLEAN, md.getColumnType(i + 1));
                            if (value != null) {
                                assertInstanceOf(Boolean.class, value);
                            }
                            break;
                        case NUMERIC:
                            assertEquals(Types.NUMERIC, md.getColumnType(i + 1));
                            if (value != null) {
                                assertInstanceOf(java.math.BigDecimal.class, value);
                            }
                            break;
                        case TIMESTAMP:
                            assertEquals(Types.TIMESTAMP, md.getColumnType(i + 1));
                            if (value != null) {
                                assertInstanceOf(Timestamp.class, value);
                            }
                            break;
                        default:
                            assertEquals(Types.VARCHAR, md.getColumnType(i + 1));
                            if (value != null) {
                                assertInstanceOf(String.class, value);
                            }
                    }
                }
                assertEquals("jsonb", md.getColumnTypeName(md.getColumnCount()));
                Json attrs = Json.parse(rs.getString("attrs"));
                assertTrue(attrs.isObject());
                if (object.hasId()) {
                    assertNotNull(rs.getString("id"));
                    assertEquals(rs.getString("id"), attrs.get("id").stringValue());
                }
            } while (rs.next());
            assertTrue(rows <= (object.shape() == StripeObject.Shape.BALANCE ? 4 : 3));
        }
        List<RecordedRequest> requests = emulator.requestLog();
        assertEquals(1, requests.size(), requests.toString());
        assertEquals(expectedPath, requests.get(0).path());
    }
}
