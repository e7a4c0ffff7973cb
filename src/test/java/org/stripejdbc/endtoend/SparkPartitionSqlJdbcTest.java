package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;

/**
 * The SQL Apache Spark's JDBC source sends for {@code spark.read.jdbc} partitioned on {@code created} (as Spark 3.5
 * writes it: quoted columns, timestamp literals, {@code or "created" is null} on the first partition), run in the
 * default build without Spark: the schema probe makes no request, every partition is one pushed {@code created}
 * range, and the partitions together are exactly the plain scan. The Spark profile runs the real thing.
 */
class SparkPartitionSqlJdbcTest {
    private static final String COLUMNS = "\"id\",\"amount\",\"currency\",\"customer\",\"description\",\"invoice\","
            + "\"payment_intent\",\"status\",\"created\",\"attrs\"";
    private static EmulatorDatabase database;

    @BeforeAll
    static void start() {
        // Spark's partitions are the parallelism: each one must be exactly one pushed created range.
        database = EmulatorDatabase.start(StripeEmulator.builder().seed(21).customers(300), "&scan_parallelism=1");
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void theSchemaProbeMakesNoRequest() throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            database.clearRequests();
            try (ResultSet rs = statement.executeQuery("SELECT * FROM stripe.charges WHERE 1=0")) {
                assertEquals(10, rs.getMetaData().getColumnCount());
                assertFalse(rs.next());
            }
            assertEquals(List.of(), database.requests());
        }
    }

    @Test
    void partitionsArePushedCreatedRangesThatAddUpToThePlainScan() throws SQLException {
        List<String> partitions = List.of(
                "(\"created\" < '2023-11-30 18:00:00' or \"created\" is null)",
                "(\"created\" >= '2023-11-30 18:00:00' AND \"created\" < '2024-05-31 12:00:00')",
                "(\"created\" >= '2024-05-31 12:00:00' AND \"created\" < '2024-11-30 06:00:00')",
                "(\"created\" >= '2024-11-30 06:00:00')");
        List<String> expectedRanges =
                List.of("null..1701367200", "1701367200..1717156800", "1717156800..1732946400", "1732946400..null");
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.setFetchSize(100);
            Set<String> plain = ids(statement, "SELECT " + COLUMNS + " FROM stripe.charges");
            assertEquals(database.emulator().count("charges"), plain.size());

            Set<String> union = new HashSet<>();
            int total = 0;
            for (int i = 0; i < partitions.size(); i++) {
                database.clearRequests();
                Set<String> part =
                        ids(statement, "SELECT " + COLUMNS + " FROM stripe.charges  WHERE " + partitions.get(i));
                total += part.size();
                union.addAll(part);
                List<RecordedRequest> requests = database.requests();
                assertFalse(requests.isEmpty());
                for (RecordedRequest request : requests) {
                    assertEquals(
                            expectedRanges.get(i),
                            request.queryParameter("created[gte]") + ".." + request.queryParameter("created[lt]"),
                            partitions.get(i));
                }
            }
            assertEquals(plain.size(), total, "the partitions are disjoint");
            assertEquals(plain, union, "the partitions add up to the plain scan");
        }
    }

    private static Set<String> ids(Statement statement, String sql) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString("id"));
            }
        }
        Set<String> distinct = new HashSet<>(ids);
        assertTrue(distinct.size() == ids.size(), "no duplicates in " + sql);
        return distinct;
    }
}
