package org.stripejdbc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.jdbc.JdbcDialects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;

/**
 * Apache Spark (local mode, the real library) reading {@code stripe.charges} through the driver: a read
 * partitioned on {@code created} between two bounds gives exactly the rows of one plain scan, and every partition
 * is one pushed-down {@code created} range, as the emulator's request log shows. Run with {@code mvn -Pspark test}.
 */
class SparkPartitionedReadTest {
    private static final int PARTITIONS = 4;

    private static StripeEmulator emulator;
    private static SparkSession spark;
    private static String url;

    @BeforeAll
    static void start() {
        emulator = StripeEmulator.builder().seed(21).customers(300).start();
        url = "jdbc:stripe:mem:spark-" + UUID.randomUUID() + "?requests_per_second=0&scan_parallelism=1&api_url="
                + URLEncoder.encode(emulator.baseUrl(), StandardCharsets.UTF_8);
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("stripe-jdbc")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        JdbcDialects.registerDialect(new StripeJdbcDialect());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        emulator.close();
    }

    private static Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", "stripe");
        p.setProperty("password", emulator.apiKey());
        p.setProperty("driver", "org.stripejdbc.driver.StripeDriver");
        return p;
    }

    @Test
    void partitionsOnCreatedAreDisjointPushedRangesThatTogetherGiveThePlainScan() {
        emulator.clearRequestLog();
        List<Row> plain =
                sorted(spark.read().jdbc(url, "stripe.charges", properties()).collectAsList());
        assertEquals(emulator.count("charges"), plain.size());
        assertTrue(
                emulator.requestLog().stream()
                        .allMatch(r ->
                                r.queryParameter("created[gte]") == null && r.queryParameter("created[lt]") == null),
                "the plain scan has no created range");

        emulator.clearRequestLog();
        Dataset<Row> partitioned = spark.read()
                .format("jdbc")
                .option("url", url)
                .option("dbtable", "stripe.charges")
                .option("user", "stripe")
                .option("password", emulator.apiKey())
                .option("driver", "org.stripejdbc.driver.StripeDriver")
                .option("partitionColumn", "created")
                .option("lowerBound", "2023-06-01 00:00:00")
                .option("upperBound", "2025-06-01 00:00:00")
                .option("numPartitions", String.valueOf(PARTITIONS))
                .option("fetchsize", "100")
                .load();
        assertEquals(PARTITIONS, partitioned.rdd().getNumPartitions());
        List<Row> rows = sorted(partitioned.collectAsList());
        assertEquals(plain.size(), rows.size());
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(plain.get(i), rows.get(i), "row " + i);
        }

        // Each partition walks its own created range: [-inf, b1), [b1, b2), [b2, b3), [b3, +inf).
        Map<String, List<RecordedRequest>> byRange = new LinkedHashMap<>();
        for (RecordedRequest request : emulator.requestLog()) {
            assertEquals("/v1/charges", request.path());
            String range = request.queryParameter("created[gte]") + ".." + request.queryParameter("created[lt]");
            byRange.computeIfAbsent(range, r -> new ArrayList<>()).add(request);
        }
        assertEquals(PARTITIONS, byRange.size(), byRange.keySet().toString());
        List<String[]> ranges = byRange.keySet().stream()
                .map(w -> w.split("\\.\\."))
                .sorted(Comparator.comparing((String[] w) -> w[0].equals("null") ? "" : w[0]))
                .toList();
        assertEquals("null", ranges.get(0)[0]);
        assertEquals("null", ranges.get(PARTITIONS - 1)[1]);
        for (int i = 0; i + 1 < PARTITIONS; i++) {
            assertEquals(ranges.get(i)[1], ranges.get(i + 1)[0], "ranges are contiguous");
        }
        for (List<RecordedRequest> walk : byRange.values()) {
            assertNull(walk.get(0).queryParameter("starting_after"), "each range starts its own walk");
            for (RecordedRequest page : walk.subList(1, walk.size())) {
                assertNotNull(page.queryParameter("starting_after"));
            }
        }
    }

    private static List<Row> sorted(List<Row> rows) {
        List<Row> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(r -> r.getString(r.fieldIndex("id"))));
        return copy;
    }
}
