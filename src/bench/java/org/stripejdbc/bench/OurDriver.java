package org.stripejdbc.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The driver side of the benchmark: what an application does through JDBC. Each connection gets its own in-memory
 * catalog (the zero-config import makes {@code stripe.customers} available without a request).
 *
 * <p>Example: {@code scan(connect(url, key, Map.of("scan_parallelism", "1")), "select * from stripe.customers")}
 * reads every column of every row and tells how many rows, how long, and how long until the first row.
 */
final class OurDriver {
    private static final AtomicInteger CATALOGS = new AtomicInteger();

    /** What one query read. */
    record Scan(long rows, long nanos, long firstRowNanos) {
        double rowsPerSecond() {
            return rows / (nanos / 1e9);
        }
    }

    private OurDriver() {}

    /** A connection to {@code apiUrl} with {@code apiKey} and further connection properties. */
    static Connection connect(String apiUrl, String apiKey, Map<String, String> properties) throws SQLException {
        Properties all = new Properties();
        all.setProperty("api_key", apiKey);
        all.setProperty("api_url", apiUrl);
        properties.forEach(all::setProperty);
        return DriverManager.getConnection("jdbc:stripe:mem:bench-" + CATALOGS.incrementAndGet(), all);
    }

    /** Runs {@code sql} and reads every column of every row (as an application would). */
    static Scan scan(Connection connection, String sql) throws SQLException {
        long start = System.nanoTime();
        long firstRow = -1;
        long rows = 0;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                if (firstRow < 0) {
                    firstRow = System.nanoTime() - start;
                }
                for (int i = 1; i <= columns; i++) {
                    rs.getObject(i);
                }
                rows++;
            }
        }
        return new Scan(rows, System.nanoTime() - start, firstRow);
    }

    /** The time from sending {@code sql} to holding its first row (then the result set is closed). */
    static long timeToFirstRow(Connection connection, String sql) throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from " + sql);
            }
            rs.getString(1);
            return System.nanoTime() - start;
        }
    }
}
