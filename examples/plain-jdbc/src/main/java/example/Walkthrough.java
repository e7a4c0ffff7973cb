package example;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.stripejdbc.emulator.StripeEmulator;

/**
 * The Stripe FDW walkthrough, statement by statement, through plain JDBC: the wrapper, the vault secret, the
 * server, the schema and its tables, the basic queries, the JSON attribute queries and the data modification.
 *
 * <p>Without STRIPE_API_KEY it runs against the driver's built-in Stripe emulator (nothing leaves the machine).
 * With STRIPE_API_KEY set (use a TEST key: this inserts, updates and deletes a customer) it runs against Stripe.
 */
public final class Walkthrough {

    public static void main(String[] args) throws SQLException {
        String key = System.getenv("STRIPE_API_KEY");
        StripeEmulator emulator = null;
        String apiUrl = "https://api.stripe.com/v1/";
        if (key == null || key.isBlank()) {
            emulator = StripeEmulator.builder().customers(50).start();
            key = emulator.apiKey();
            apiUrl = emulator.baseUrl();
            System.out.println("No STRIPE_API_KEY: using the built-in Stripe emulator at " + apiUrl);
        }
        // An in-memory catalog, and no zero-config: the walkthrough creates the server and tables itself.
        try (Connection connection = DriverManager.getConnection("jdbc:stripe:mem:walkthrough?auto_import=false")) {
            run(connection, key, apiUrl);
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    private static void run(Connection connection, String key, String apiUrl) throws SQLException {
        section("Preparation");
        execute(connection, "create extension if not exists wrappers with schema extensions");
        execute(connection, "create foreign data wrapper stripe_wrapper\n"
                + "  handler stripe_fdw_handler\n  validator stripe_fdw_validator");

        section("Securing your credentials: the key goes to the vault");
        String keyId;
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into vault.secrets (name, secret) values ('stripe', ?) returning key_id")) {
            insert.setString(1, key);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                keyId = rs.getString("key_id");
            }
        }
        System.out.println("insert into vault.secrets (name, secret) values ('stripe', '<your key>') returning key_id;");
        System.out.println("  key_id = " + keyId);

        section("Connecting to Stripe");
        execute(connection, "create server stripe_server\n  foreign data wrapper stripe_wrapper\n  options (\n"
                + "    api_key_id '" + keyId + "',\n    api_url '" + apiUrl + "'\n  )");

        section("Creating foreign tables");
        execute(connection, "create schema stripe");
        execute(connection, "import foreign schema stripe from server stripe_server into stripe");
        try (ResultSet tables = connection.getMetaData().getTables(null, "stripe", "%", null)) {
            int count = 0;
            while (tables.next()) {
                count++;
            }
            System.out.println("  -> " + count + " foreign tables in schema stripe");
        }

        section("Basic example (always limit records to reduce API calls to Stripe)");
        query(connection, "select id, email, name, created from stripe.customers limit 10");
        query(connection, "select id, customer, status, total, currency from stripe.invoices limit 10");
        query(connection, "select id, customer, status, current_period_end from stripe.subscriptions limit 10");

        section("Query pushdown: the WHERE clause becomes the request");
        String customer = single(connection, "select id from stripe.customers limit 1");
        query(connection, "explain select * from stripe.customers where id = '" + customer + "'");
        query(connection, "select id, email from stripe.customers where id = '" + customer + "'");

        section("Querying JSON attributes");
        String invoice = single(connection, "select id from stripe.invoices limit 1");
        String subscription = single(connection, "select id from stripe.subscriptions limit 1");
        query(connection, "select id, attrs->>'account_name' as account_name\nfrom stripe.invoices where id = '"
                + invoice + "'");
        query(connection, "select id, attrs#>'{lines,data}' as line_items\nfrom stripe.invoices where id = '"
                + invoice + "'");
        query(connection, "select id, attrs#>'{items,data}' as items\nfrom stripe.subscriptions where id = '"
                + subscription + "'");

        section("Data modification");
        String created;
        try (Statement statement = connection.createStatement()) {
            String insert = "insert into stripe.customers(email,name,description) values ('test@test.com', 'test name', null)";
            statement.executeUpdate(insert, Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                created = keys.getString(1);
            }
            System.out.println(insert + ";\n  -> new customer " + created);
        }
        execute(connection, "update stripe.customers set description='hello fdw' where id ='" + created + "'");
        execute(connection, "update stripe.customers set attrs='{\"metadata[foo]\": \"bar\"}' where id ='" + created + "'");
        query(connection, "select id, email, description, attrs->'metadata' as metadata from stripe.customers where id = '"
                + created + "'");
        execute(connection, "delete from stripe.customers where id ='" + created + "'");
        // Stripe still answers a retrieve of a deleted customer, with "deleted": true.
        query(connection, "select id, attrs->>'deleted' as deleted from stripe.customers where id = '" + created + "'");
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            System.out.println(sql + ";" + (statement.getUpdateCount() > 0 ? "\n  -> " + statement.getUpdateCount()
                    + " row(s)" : ""));
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row for: " + sql);
            }
            return rs.getString(1);
        }
    }

    /** Runs a query and prints it with its rows as a small text table. */
    private static void query(Connection connection, String sql) throws SQLException {
        System.out.println(sql + ";");
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> header = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                header.add(meta.getColumnLabel(i));
            }
            System.out.println("  " + String.join(" | ", header));
            int rows = 0;
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= header.size(); i++) {
                    String value = rs.getString(i);
                    cells.add(value != null && value.length() > 80 ? value.substring(0, 77) + "..." : value);
                }
                System.out.println("  " + String.join(" | ", cells));
                rows++;
            }
            System.out.println("  (" + rows + " row" + (rows == 1 ? "" : "s") + ")");
        }
    }
}
