package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stripejdbc.emulator.StripeEmulator;

/**
 * HikariCP (the real pool) over the driver against the emulator: start, borrow and return from 8 threads, validity
 * checks, read-only and auto-commit toggles reset on return, quiet leak detection and a clean shutdown.
 * HikariCP's log (slf4j, routed to java.util.logging in tests) is captured to prove it stays quiet.
 */
class HikariPoolJdbcTest {
    private static final int THREADS = 8;
    private static final int QUERIES_PER_THREAD = 1_000;

    private static EmulatorDatabase database;
    private final List<LogRecord> hikariLog = Collections.synchronizedList(new ArrayList<>());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            hikariLog.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger hikariLogger = Logger.getLogger("com.zaxxer.hikari");

    @BeforeAll
    static void start() {
        database = EmulatorDatabase.start(StripeEmulator.builder().seed(5).customers(30));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void captureLog() {
        hikariLogger.addHandler(capture);
        hikariLogger.setLevel(Level.INFO);
        hikariLogger.setUseParentHandlers(false);
    }

    @AfterEach
    void releaseLog() {
        hikariLogger.removeHandler(capture);
        hikariLogger.setUseParentHandlers(true);
    }

    private HikariConfig config(String poolName, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(database.url());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(10_000);
        config.setLeakDetectionThreshold(10_000);
        return config;
    }

    private List<String> messages(Level atLeast) {
        synchronized (hikariLog) {
            return hikariLog.stream()
                    .filter(r -> r.getLevel().intValue() >= atLeast.intValue())
                    .map(r -> r.getLevel() + " " + r.getMessage())
                    .toList();
        }
    }

    @Test
    void eightThreadsBorrowAndReturnUnderContention() throws Exception {
        List<String> ids = database.emulator().objects("customers").stream()
                .limit(10)
                .map(c -> c.get("id").asText())
                .toList();
        Set<Connection> physical = ConcurrentHashMap.newKeySet();
        AtomicLong rows = new AtomicLong();
        database.clearRequests();
        try (HikariDataSource pool = new HikariDataSource(config("stripe-pool", 4))) {
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < QUERIES_PER_THREAD; i++) {
                            try (Connection connection = pool.getConnection()) {
                                physical.add(connection.unwrap(Connection.class));
                                if (i % 100 == 0) {
                                    // One retrieve by id in a hundred queries; the rest stays local.
                                    try (PreparedStatement statement = connection.prepareStatement(
                                            "select email from stripe.customers where id = ?")) {
                                        statement.setString(1, ids.get((thread + i / 100) % ids.size()));
                                        rows.addAndGet(count(statement.executeQuery()));
                                    }
                                } else {
                                    try (Statement statement = connection.createStatement()) {
                                        rows.addAndGet(count(statement.executeQuery("select " + i + " as n")));
                                    }
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get(120, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            assertEquals((long) THREADS * QUERIES_PER_THREAD, rows.get());
            assertEquals(4, physical.size(), "the pool reuses its 4 physical connections");
            assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections());
            assertEquals(4, pool.getHikariPoolMXBean().getTotalConnections());
            assertEquals(
                    THREADS * QUERIES_PER_THREAD / 100,
                    database.requests(r -> r.path().startsWith("/v1/customers/"))
                            .size());
        }
        for (Connection connection : physical) {
            assertTrue(connection.isClosed(), "shutdown closes every physical connection");
        }
        assertEquals(List.of(), messages(Level.WARNING), "leak detection and the pool stay quiet");
        assertTrue(
                messages(Level.INFO).stream().anyMatch(m -> m.contains("Shutdown completed")),
                "the log capture works: " + messages(Level.INFO));
    }

    private static long count(ResultSet resultSet) throws SQLException {
        try (ResultSet rs = resultSet) {
            long n = 0;
            while (rs.next()) {
                n++;
            }
            return n;
        }
    }

    @Test
    void validityReadOnlyAndAutoCommitToggles() throws Exception {
        HikariConfig config = config("stripe-toggles", 1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Connection first;
            try (Connection connection = pool.getConnection()) {
                first = connection.unwrap(Connection.class);
                assertTrue(connection.isValid(1));
                assertTrue(connection.getAutoCommit());
                assertFalse(connection.isReadOnly());
                connection.setReadOnly(true);
                connection.setAutoCommit(false);
                assertTrue(connection.isReadOnly());
                assertFalse(connection.getAutoCommit());
                try (Statement statement = connection.createStatement();
                        ResultSet rs = statement.executeQuery("select count(*) from stripe.customers")) {
                    assertTrue(rs.next());
                    assertEquals(30, rs.getLong(1));
                }
                SQLException write = assertThrows(SQLException.class, () -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.executeUpdate("insert into stripe.customers (email) values ('ro@example.com')");
                    }
                });
                assertEquals("25006", write.getSQLState(), write.getMessage());
                connection.commit();
                connection.rollback();
            }
            try (Connection connection = pool.getConnection()) {
                assertEquals(first, connection.unwrap(Connection.class), "the one connection came back");
                assertFalse(connection.isReadOnly(), "the pool resets read-only on return");
                assertTrue(connection.getAutoCommit(), "the pool resets auto-commit on return");
                assertEquals(Connection.TRANSACTION_NONE, connection.getTransactionIsolation());
                assertEquals("stripe", connection.getSchema());
            }
            assertTrue(database.requests(r -> r.method().equals("POST")).isEmpty(), "read-only wrote nothing");

            // What the pool's aliveness check (Connection.isValid) sees once a physical connection is gone.
            assertTrue(first.isValid(1));
            first.close();
            assertFalse(first.isValid(1));
        }
        assertEquals(List.of(), messages(Level.SEVERE));
    }

    @Test
    void readOnlyPoolConfiguration() throws Exception {
        HikariConfig config = config("stripe-read-only", 1);
        config.setReadOnly(true);
        config.setAutoCommit(false);
        try (HikariDataSource pool = new HikariDataSource(config);
                Connection connection = pool.getConnection()) {
            assertTrue(connection.isReadOnly());
            assertFalse(connection.getAutoCommit());
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("select 1")) {
                assertTrue(rs.next());
            }
        }
        assertEquals(List.of(), messages(Level.WARNING));
    }
}
