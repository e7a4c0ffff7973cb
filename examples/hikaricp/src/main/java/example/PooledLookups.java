package example;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.stripejdbc.emulator.StripeEmulator;

/**
 * A HikariCP pool of stripe-jdbc connections shared by 8 worker threads, each looking up customers by id (one
 * {@code GET /v1/customers/<id>} per lookup) and their charges (one list call with {@code customer=<id>}).
 */
public final class PooledLookups {
    private static final int THREADS = 8;

    public static void main(String[] args) throws Exception {
        String key = System.getenv("STRIPE_API_KEY");
        StripeEmulator emulator = null;
        String url = "jdbc:stripe:mem:pool";
        if (key == null || key.isBlank()) {
            emulator = StripeEmulator.builder().customers(100).start();
            key = emulator.apiKey();
            url = url + "?api_url=" + emulator.baseUrl();
            System.out.println("No STRIPE_API_KEY: using the built-in Stripe emulator.");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("stripe");
        config.setJdbcUrl(url);
        config.setUsername("stripe");
        config.setPassword(key);
        config.setMaximumPoolSize(4);          // fewer connections than threads: they wait for one
        config.setReadOnly(true);              // enforced by the driver: no write can slip through
        config.setLeakDetectionThreshold(10_000);
        long started = System.nanoTime();
        try (HikariDataSource pool = new HikariDataSource(config)) {
            List<String> ids = new ArrayList<>();
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("select id from stripe.customers limit 40")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            ExecutorService workers = Executors.newFixedThreadPool(THREADS);
            List<Future<String>> results = new ArrayList<>();
            for (String id : ids) {
                results.add(workers.submit(() -> describe(pool, id)));
            }
            for (Future<String> result : results) {
                System.out.println(result.get(60, TimeUnit.SECONDS));
            }
            workers.shutdown();
            System.out.printf("%d lookups on %d threads over a pool of %d connections in %d ms%n", ids.size(),
                    THREADS, config.getMaximumPoolSize(), (System.nanoTime() - started) / 1_000_000);
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    private static String describe(HikariDataSource pool, String customerId) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement customer = connection.prepareStatement(
                     "select email from stripe.customers where id = ?");
             PreparedStatement charges = connection.prepareStatement(
                     "select count(*), coalesce(sum(amount), 0) from stripe.charges "
                             + "where customer = ? and status = 'succeeded'")) {
            customer.setString(1, customerId);
            String email;
            try (ResultSet rs = customer.executeQuery()) {
                email = rs.next() ? rs.getString(1) : "(gone)";
            }
            charges.setString(1, customerId);
            try (ResultSet rs = charges.executeQuery()) {
                rs.next();
                return String.format("%-20s %-36s %3d charges %10.2f", customerId, email, rs.getLong(1),
                        rs.getLong(2) / 100.0);
            }
        }
    }
}
