package org.stripejdbc.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import mockwebserver3.MockWebServer;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stripejdbc.catalog.Catalog;
import org.stripejdbc.catalog.CatalogLocation;
import org.stripejdbc.catalog.Catalogs;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.vault.VaultKeySource;

/**
 * Security (issue #12): what a served client can and cannot do, through Avatica's thin client against two
 * in-process servers on one catalog, one writable and one {@code --read-only}. A served session never reads
 * decrypted secrets and never changes servers, wrappers, extensions, the vault or an option that decides where
 * requests go or with which key, account or version: each attempt fails with 42501 and leaves the catalog as it was
 * (its version does not move), the emulator sees no write and a foreign server sees no request at all. Ordinary
 * reads, writes to Stripe tables (on the writable server), EXPLAIN and metadata still work, and a local connection
 * to the same catalog keeps every capability.
 */
class ServedTrustTest {
    private static final String KEY_ID_PLACEHOLDER = "00000000-0000-0000-0000-000000000000";

    private static StripeEmulator emulator;
    private static MockWebServer foreign;
    private static String catalogUrl;
    private static Catalog catalog;
    private static StripeServe writable;
    private static StripeServe readOnly;
    private static String keyId;

    @BeforeAll
    static void start() throws Exception {
        emulator = StripeEmulator.builder().customers(6).start();
        foreign = new MockWebServer();
        foreign.start(InetAddress.getByName("127.0.0.1"), 0);
        String name = "served-trust-" + UUID.randomUUID();
        catalogUrl = "jdbc:stripe:mem:" + name;
        String served = catalogUrl + "?api_url=" + URLEncoder.encode(emulator.baseUrl(), StandardCharsets.UTF_8);
        writable = StripeServe.start(ServeOptions.parse(
                new String[] {"--port", "0", "--url", served, "--api-key", emulator.apiKey()}, Map.of()));
        readOnly = StripeServe.start(ServeOptions.parse(
                new String[] {"--port", "0", "--url", served, "--api-key", emulator.apiKey(), "--read-only"},
                Map.of()));
        catalog = Catalogs.open(CatalogLocation.parse("mem:" + name), VaultKeySource.fromSettings(null));
        try (Connection local = DriverManager.getConnection(catalogUrl);
                Statement s = local.createStatement()) {
            try (ResultSet rs = s.executeQuery("select id from vault.secrets where name = 'stripe'")) {
                assertTrue(rs.next(), "zero-config stored the served key in the vault");
                keyId = rs.getString(1);
            }
            // A table whose requests go to a connected account, set up by the operator.
            s.execute("create schema connected");
            s.execute("create foreign table connected.customers (id text, email text, attrs jsonb) server"
                    + " stripe_server options (object 'customers', rowid_column 'id', stripe_account 'acct_operator')");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (readOnly != null) {
            readOnly.close();
        }
        if (writable != null) {
            writable.close();
        }
        if (foreign != null) {
            foreign.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void clearLog() {
        emulator.clearRequestLog();
    }

    @AfterEach
    void nothingReachedTheForeignServer() {
        assertEquals(0, foreign.getRequestCount(), "a request went to the foreign URL");
    }

    private static StripeServe server(boolean readOnlyServer) {
        return readOnlyServer ? readOnly : writable;
    }

    private static Connection connect(boolean readOnlyServer) throws SQLException {
        return DriverManager.getConnection(server(readOnlyServer).clientUrl());
    }

    private static long catalogVersion() {
        return catalog.snapshot().version();
    }

    /** Runs {@code sql} on a fresh statement, expecting a refusal with {@code state} whose message has {@code
     * fragment}. */
    private static SQLException refused(Connection c, String sql, String state, String fragment) {
        SQLException e = assertThrows(
                SQLException.class,
                () -> {
                    try (Statement s = c.createStatement()) {
                        s.execute(sql);
                    }
                },
                sql);
        assertEquals(state, e.getSQLState(), sql + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), sql + ": " + e.getMessage());
        assertFalse(e.getMessage().contains(emulator.apiKey()), "the key in " + e.getMessage());
        return e;
    }

    private static List<RecordedRequest> writesToStripe() {
        return emulator.requestLog().stream()
                .filter(r -> !r.method().equals("GET"))
                .toList();
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    // ------------------------------------------------------------------ decrypted secrets

    @ParameterizedTest(name = "read-only server: {0}")
    @ValueSource(booleans = {false, true})
    void decryptedSecretsAreNeverReadInAnyForm(boolean readOnlyServer) throws SQLException {
        long version = catalogVersion();
        String refusal = "served connections cannot read vault.decrypted_secrets";
        try (Connection c = connect(readOnlyServer)) {
            for (String sql : List.of(
                    "select decrypted_secret from vault.decrypted_secrets",
                    "select * from vault.decrypted_secrets",
                    "SELECT * FROM VAULT.DECRYPTED_SECRETS",
                    "select name from vault.decrypted_secrets where decrypted_secret like 'sk_%'",
                    "select c.id, s.decrypted_secret from stripe.customers c join vault.decrypted_secrets s on true",
                    "select (select decrypted_secret from vault.decrypted_secrets limit 1) as k",
                    "select id from stripe.customers where email in (select decrypted_secret from "
                            + "vault.decrypted_secrets)",
                    "select exists (select 1 from vault.decrypted_secrets where decrypted_secret like 'sk_test%')",
                    "with s as (select * from vault.decrypted_secrets) select decrypted_secret from s",
                    "select count(*) from (select decrypted_secret from vault.decrypted_secrets) t",
                    "select name from vault.secrets union all select decrypted_secret from vault.decrypted_secrets",
                    "explain select decrypted_secret from vault.decrypted_secrets")) {
                refused(c, sql, "42501", refusal);
            }
            // A text of several statements is refused as a whole before any runs.
            refused(
                    c,
                    "select 1; select decrypted_secret from vault.decrypted_secrets",
                    "0A000",
                    "a served connection runs one statement per call");
            SQLException prepared = assertThrows(
                    SQLException.class,
                    () -> c.prepareStatement("select decrypted_secret from vault.decrypted_secrets where name = ?"));
            assertEquals("42501", prepared.getSQLState(), prepared.getMessage());
            if (!readOnlyServer) {
                // Copying the plaintext into Stripe, where the client could read it back, is refused as well.
                refused(
                        c,
                        "insert into stripe.customers (email) select decrypted_secret from vault.decrypted_secrets",
                        "42501",
                        refusal);
                refused(
                        c,
                        "update stripe.customers set description = 'x' where email in (select decrypted_secret"
                                + " from vault.decrypted_secrets)",
                        "42501",
                        refusal);
                refused(
                        c,
                        "delete from stripe.customers where id in (select decrypted_secret from"
                                + " vault.decrypted_secrets) returning id",
                        "42501",
                        refusal);
                // ... and through the FROM of UPDATE ... FROM or the USING of DELETE ... USING.
                refused(
                        c,
                        "update stripe.customers c set description = s.decrypted_secret"
                                + " from vault.decrypted_secrets s where s.name = c.email",
                        "42501",
                        refusal);
                refused(
                        c,
                        "delete from stripe.customers c using (select decrypted_secret from"
                                + " vault.decrypted_secrets) s where s.decrypted_secret = c.id returning s.*",
                        "42501",
                        refusal);
            }
            // Unqualified, the view is not found at all, whatever the search path.
            try (Statement s = c.createStatement()) {
                s.execute("set search_path = vault, stripe");
            }
            refused(c, "select decrypted_secret from decrypted_secrets", "42P01", "decrypted_secrets");
        }
        assertEquals(List.of(), writesToStripe());
        assertEquals(version, catalogVersion());
    }

    // ------------------------------------------------------------------ the vault

    @ParameterizedTest(name = "read-only server: {0}")
    @ValueSource(booleans = {false, true})
    void theVaultIsNeverChanged(boolean readOnlyServer) throws SQLException {
        long version = catalogVersion();
        int secrets = catalog.vault().list().size();
        try (Connection c = connect(readOnlyServer)) {
            refused(
                    c,
                    "select vault.create_secret('sk_test_attacker_key_0001', 'attacker')",
                    "42501",
                    "served connections cannot call vault.create_secret");
            refused(
                    c,
                    "select vault.update_secret('" + keyId + "', 'sk_test_attacker_key_0001')",
                    "42501",
                    "served connections cannot call vault.update_secret");
            refused(
                    c,
                    "insert into vault.secrets (name, secret) values ('attacker', 'sk_test_attacker_key_0001')",
                    "42501",
                    "served connections cannot run INSERT INTO vault.secrets");
            refused(
                    c,
                    "update vault.secrets set secret = 'sk_test_attacker_key_0001' where name = 'stripe'",
                    "42501",
                    "served connections cannot run UPDATE vault.secrets");
            refused(c, "update vault.secrets set name = 'renamed'", "42501", "cannot run UPDATE vault.secrets");
            refused(c, "delete from vault.secrets", "42501", "served connections cannot run DELETE FROM vault.secrets");
            refused(
                    c,
                    "delete from vault.decrypted_secrets where name = 'stripe' returning decrypted_secret",
                    "42501",
                    "cannot run DELETE FROM vault.decrypted_secrets");
            // Written anywhere else than as the whole statement, the vault functions do not exist.
            refused(
                    c,
                    "select * from (select vault.create_secret('sk_test_attacker_key_0001')) t",
                    "42883",
                    "vault.create_secret");
            // A script is checked as a whole before its first statement runs.
            refused(c, "create schema script_first; delete from vault.secrets", "42501", "DELETE FROM vault.secrets");
        }
        assertEquals(secrets, catalog.vault().list().size());
        assertEquals(version, catalogVersion(), "the vault and the catalog are as they were");
    }

    /** The secrets Stripe Apps keep are the server's like the vault: neither found nor deleted by a served client. */
    @ParameterizedTest(name = "read-only server: {0}")
    @ValueSource(booleans = {false, true})
    void appsSecretsAreNeverReadOrDeleted(boolean readOnlyServer) throws SQLException {
        try (Connection c = connect(readOnlyServer)) {
            refused(
                    c,
                    "select * from stripe_action('apps_secrets', 'find', '{\"name\": \"k\", \"scope\": "
                            + "{\"type\": \"account\"}}')",
                    "42501",
                    "served connections cannot call stripe_action on apps_secrets");
            refused(
                    c,
                    "explain select * from stripe_action('apps_secrets', 'delete', '{\"name\": \"k\"}')",
                    "42501",
                    "served connections cannot call stripe_action on apps_secrets");
        }
        assertEquals(List.of(), emulator.requestLog(), "no request reached the emulator");
    }

    // ------------------------------------------------------------------ servers, wrappers, extensions, user mappings

    @ParameterizedTest(name = "read-only server: {0}")
    @ValueSource(booleans = {false, true})
    void serversWrappersAndExtensionsAreNeverChanged(boolean readOnlyServer) throws SQLException {
        long version = catalogVersion();
        String elsewhere = foreign.url("/v1/").toString();
        try (Connection c = connect(readOnlyServer)) {
            for (String sql : List.of(
                    "alter server stripe_server options (set api_url '" + elsewhere + "')",
                    "alter server stripe_server options (set api_key_id '" + KEY_ID_PLACEHOLDER + "')",
                    "alter server stripe_server options (add stripe_account 'acct_attacker')",
                    "alter server stripe_server options (add api_version '2020-08-27')",
                    "alter server stripe_server options (drop api_key_id)",
                    "alter server stripe_server rename to attacker_server")) {
                refused(c, sql, "42501", "served connections cannot run ALTER SERVER");
            }
            refused(
                    c,
                    "create server attacker foreign data wrapper stripe_wrapper options (api_url '" + elsewhere
                            + "', api_key_id '" + keyId + "')",
                    "42501",
                    "served connections cannot run CREATE SERVER");
            refused(c, "drop server stripe_server cascade", "42501", "served connections cannot run DROP SERVER");
            refused(c, "comment on server stripe_server is 'mine'", "42501", "cannot run COMMENT ON SERVER");
            refused(
                    c,
                    "create foreign data wrapper attacker_wrapper handler stripe_fdw_handler validator"
                            + " stripe_fdw_validator",
                    "42501",
                    "served connections cannot run CREATE FOREIGN DATA WRAPPER");
            refused(
                    c,
                    "drop foreign data wrapper stripe_wrapper cascade",
                    "42501",
                    "served connections cannot run DROP FOREIGN DATA WRAPPER");
            refused(
                    c,
                    "create extension if not exists wrappers with schema extensions",
                    "42501",
                    "served connections cannot run CREATE EXTENSION");
            refused(c, "drop extension wrappers cascade", "42501", "served connections cannot run DROP EXTENSION");
            // User mappings do not exist in stripe-jdbc (local sessions get the same answers).
            refused(
                    c,
                    "create user mapping for current_user server stripe_server options (api_key 'x')",
                    "0A000",
                    "CREATE USER MAPPING");
            refused(
                    c,
                    "alter user mapping for current_user server stripe_server options (set api_key 'x')",
                    "0A000",
                    "ALTER USER MAPPING");
            refused(c, "drop user mapping for current_user server stripe_server", "0A000", "DROP USER MAPPING");
            // No setting lifts the restriction.
            try (Statement s = c.createStatement()) {
                s.execute("reset all");
                s.execute("set search_path = vault, public");
            }
            refused(
                    c,
                    "alter server stripe_server options (set api_url '" + elsewhere + "')",
                    "42501",
                    "served connections cannot run ALTER SERVER");
            assertEquals(6, count(c, "select count(*) from stripe.customers"), "the served API answers");
        }
        assertEquals(version, catalogVersion());
        assertEquals(List.of(), writesToStripe());
    }

    @ParameterizedTest(name = "read-only server: {0}")
    @ValueSource(booleans = {false, true})
    void aPreparedStatementIsRefusedAtPrepare(boolean readOnlyServer) throws SQLException {
        long version = catalogVersion();
        try (Connection c = connect(readOnlyServer)) {
            SQLException e = assertThrows(
                    SQLException.class,
                    () -> c.prepareStatement(
                            "alter server stripe_server options (set api_url '" + foreign.url("/v1/") + "')"));
            assertEquals("42501", e.getSQLState(), e.getMessage());
            SQLException vault = assertThrows(
                    SQLException.class,
                    () -> c.prepareStatement("insert into vault.secrets (name, secret) values (?, ?)"));
            assertEquals("42501", vault.getSQLState(), vault.getMessage());
        }
        assertEquals(version, catalogVersion());
    }

    // ------------------------------------------------------------------ table options that route requests

    @ParameterizedTest(name = "read-only server: {0}")
    @ValueSource(booleans = {false, true})
    void tableOptionsThatRouteRequestsAreNeverSet(boolean readOnlyServer) throws SQLException {
        long version = catalogVersion();
        String elsewhere = foreign.url("/v1/").toString();
        try (Connection c = connect(readOnlyServer)) {
            for (String option : List.of(
                    "stripe_account 'acct_attacker'",
                    "api_url '" + elsewhere + "'",
                    "api_key_id '" + keyId + "'",
                    "api_key_name 'stripe'",
                    "api_version '2020-08-27'",
                    "\"API_URL\" '" + elsewhere + "'")) {
                String name = option.substring(0, option.indexOf(' ')).replace("\"", "");
                refused(
                        c,
                        "create foreign table stripe.attacker (id text, attrs jsonb) server stripe_server options"
                                + " (object 'customers', " + option + ")",
                        "42501",
                        "served connections cannot set option " + name + " of foreign table stripe.attacker");
                refused(
                        c,
                        "alter foreign table stripe.customers options (add " + option + ")",
                        "42501",
                        "served connections cannot set option " + name + " of foreign table stripe.customers");
                refused(
                        c,
                        "import foreign schema stripe limit to (customers) from server stripe_server into"
                                + " attacker options (" + option + ")",
                        "42501",
                        "served connections cannot set option " + name);
            }
            // The operator's connected-account table can be neither re-pointed, nor dropped or renamed (re-creating
            // it without the option would send its requests to another account).
            refused(
                    c,
                    "alter foreign table connected.customers options (set stripe_account 'acct_attacker')",
                    "42501",
                    "cannot set option stripe_account");
            refused(
                    c,
                    "alter foreign table connected.customers options (drop stripe_account)",
                    "42501",
                    "cannot set option stripe_account");
            refused(
                    c,
                    "alter foreign table connected.customers rename to old_customers",
                    "42501",
                    "served connections cannot alter foreign table connected.customers, which has option "
                            + "stripe_account");
            refused(
                    c,
                    "alter foreign table connected.customers add column name text",
                    "42501",
                    "cannot alter foreign table connected.customers");
            refused(
                    c,
                    "drop foreign table connected.customers",
                    "42501",
                    "served connections cannot drop foreign table connected.customers, which has option "
                            + "stripe_account");
            refused(
                    c,
                    "drop schema connected cascade",
                    "42501",
                    "cannot drop (DROP SCHEMA connected) foreign table" + " connected.customers");
            // A table may only use an existing server.
            refused(
                    c,
                    "create foreign table stripe.elsewhere (id text) server no_such_server options"
                            + " (object 'customers')",
                    readOnlyServer ? "25006" : "42704",
                    readOnlyServer ? "read-only" : "no_such_server");
        }
        assertEquals(version, catalogVersion());
    }

    // ------------------------------------------------------------------ session settings

    @ParameterizedTest(name = "read-only server: {0}")
    @ValueSource(booleans = {false, true})
    void settingsNamedLikeRoutingOptionsAreRefused(boolean readOnlyServer) throws SQLException {
        try (Connection c = connect(readOnlyServer)) {
            refused(c, "set api_url = '" + foreign.url("/v1/") + "'", "42501", "served connections cannot SET api_url");
            refused(c, "set stripe.api_version to '2020-08-27'", "42501", "cannot SET stripe.api_version");
            refused(c, "set session stripe.stripe_account = 'acct_attacker'", "42501", "stripe.stripe_account");
            refused(c, "reset api_key_id", "42501", "served connections cannot RESET api_key_id");
            refused(c, "set vault_key = 'AAAA'", "42501", "cannot SET vault_key");
            try (Statement s = c.createStatement()) {
                s.execute("set application_name = 'thin client'");
                s.execute("set search_path = stripe, public");
                try (ResultSet rs = s.executeQuery("show application_name")) {
                    assertTrue(rs.next());
                    assertEquals("thin client", rs.getString(1));
                }
            }
            assertEquals(6, count(c, "select count(*) from customers"));
        }
    }

    // ------------------------------------------------------------------ connection properties

    @ParameterizedTest(name = "read-only server: {0}")
    @ValueSource(booleans = {false, true})
    void connectionPropertiesThatDecideTheKeyOrTheRouteAreRefused(boolean readOnlyServer) throws SQLException {
        String elsewhere = foreign.url("/v1/").toString();
        Map<String, String> attempts = new LinkedHashMap<>();
        attempts.put("api_url", elsewhere);
        attempts.put("API-URL", elsewhere);
        attempts.put("api_key", "sk_test_attacker_key_0001");
        attempts.put("stripe_account", "acct_attacker");
        attempts.put("api_version", "2020-08-27");
        attempts.put("vault_key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        attempts.put("auto_import", "false");
        attempts.put("requests_per_second", "1");
        for (Map.Entry<String, String> attempt : attempts.entrySet()) {
            Properties properties = new Properties();
            properties.setProperty(attempt.getKey(), attempt.getValue());
            // The thin client reports a refused OpenConnection unchecked, with the server's SQLSTATE and message.
            AvaticaClientRuntimeException e = assertThrows(
                    AvaticaClientRuntimeException.class,
                    () -> DriverManager.getConnection(server(readOnlyServer).clientUrl(), properties)
                            .close(),
                    attempt.getKey());
            assertEquals("42501", e.getSqlState(), e.getMessage());
            String key = attempt.getKey().toLowerCase(Locale.ROOT).replace('-', '_');
            assertTrue(
                    e.getMessage().contains("served connections cannot set connection property " + key),
                    e.getMessage());
            assertFalse(e.getMessage().contains(attempt.getValue()), "the value in " + e.getMessage());
        }
        // The login pair of a tool's form and the thin client's own properties are not the driver's: ignored.
        Properties login = new Properties();
        login.setProperty("user", "analyst");
        login.setProperty("password", "sk_test_attacker_key_0001");
        login.setProperty("timeZone", "UTC");
        login.setProperty("schema", "stripe");
        try (Connection c =
                DriverManager.getConnection(server(readOnlyServer).clientUrl() + ";api_url=" + elsewhere, login)) {
            assertEquals(6, count(c, "select count(*) from customers"), "the served key and API URL were used");
            c.setCatalog("mem:attacker");
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select current_database()")) {
                assertTrue(rs.next());
                assertEquals(catalogUrl.substring("jdbc:stripe:".length()), rs.getString(1));
            }
        }
        // The log keeps the key masked to its last four characters: the served key's, and no Stripe-Account.
        String servedKeyEnd = emulator.apiKey().substring(emulator.apiKey().length() - 4);
        assertFalse(emulator.requestLog().isEmpty());
        for (RecordedRequest request : emulator.requestLog()) {
            assertTrue(request.header("Authorization").endsWith(servedKeyEnd), request.header("Authorization"));
            assertEquals(null, request.header("Stripe-Account"));
        }
    }

    // ------------------------------------------------------------------ what stays allowed

    @ParameterizedTest(name = "read-only server: {0}")
    @ValueSource(booleans = {false, true})
    void readsExplainAndMetadataWork(boolean readOnlyServer) throws SQLException {
        try (Connection c = connect(readOnlyServer);
                Statement s = c.createStatement()) {
            assertEquals(6, count(c, "select count(*) from stripe.customers"));
            try (ResultSet rs = s.executeQuery("explain select id from stripe.customers where id = 'cus_x'")) {
                StringBuilder plan = new StringBuilder();
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
                assertTrue(plan.toString().contains("GET /v1/customers/cus_x"), plan.toString());
            }
            // vault.secrets lists names and ciphertext, never a secret.
            try (ResultSet rs = s.executeQuery("select name, secret from vault.secrets")) {
                assertTrue(rs.next());
                assertFalse(rs.getString("secret").contains(emulator.apiKey()));
            }
            DatabaseMetaData metaData = c.getMetaData();
            List<String> vault = new ArrayList<>();
            try (ResultSet rs = metaData.getTables(null, "vault", "%", null)) {
                while (rs.next()) {
                    vault.add(rs.getString("TABLE_NAME"));
                }
            }
            assertEquals(List.of("secrets"), vault, "decrypted_secrets is not offered to served clients");
            try (ResultSet rs = metaData.getColumns(null, "stripe", "customers", "email")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void aWritableServerStillWritesToStripeAndManagesItsOwnTables() throws SQLException {
        try (Connection c = connect(false);
                Statement s = c.createStatement()) {
            String id;
            try (ResultSet rs =
                    s.executeQuery("insert into stripe.customers (email) values ('trust@example.com') returning id")) {
                assertTrue(rs.next());
                id = rs.getString(1);
            }
            assertEquals(1, s.executeUpdate("update stripe.customers set description = 'ok' where id = '" + id + "'"));
            assertEquals(1, s.executeUpdate("delete from stripe.customers where id = '" + id + "'"));
            // Its own schema and tables on an existing server, without routing options.
            s.execute("create schema if not exists reports");
            s.execute("create foreign table reports.big_charges (id text, amount bigint, attrs jsonb) server"
                    + " stripe_server options (object 'charges', rowid_column 'id')");
            s.execute("comment on foreign table reports.big_charges is 'mine'");
            s.execute("alter foreign table reports.big_charges rename to large_charges");
            assertEquals(emulator.count("charges"), count(c, "select count(*) from reports.large_charges"));
            s.execute("drop schema reports cascade");
        }
        assertEquals(
                List.of("POST /v1/customers", "POST /v1/customers/", "DELETE /v1/customers/"),
                writesToStripe().stream()
                        .map(r -> r.method() + " " + r.path().replaceAll("cus_\\w+$", ""))
                        .toList());
    }

    @Test
    void aReadOnlyServerRefusesWritesToStripeTables() throws SQLException {
        try (Connection c = connect(true)) {
            refused(c, "insert into stripe.customers (email) values ('trust@example.com')", "25006", "read-only");
            refused(c, "create schema reports_ro", "25006", "read-only");
            // Actions are writes: refused before their read and before any request.
            refused(c, "select * from stripe_action('invoices', 'void', 'in_1')", "25006", "stripe_action");
            refused(
                    c,
                    "select stripe_action('invoices', 'void', id) from stripe.invoices where status = 'open'",
                    "25006",
                    "read-only");
        }
        assertEquals(List.of(), emulator.requestLog());
        assertEquals(List.of(), writesToStripe());
    }

    // ------------------------------------------------------------------ local connections

    @Test
    void aLocalConnectionToTheSameCatalogKeepsEveryCapability() throws SQLException {
        String elsewhere = foreign.url("/v1/").toString();
        try (Connection local = DriverManager.getConnection(catalogUrl);
                Statement s = local.createStatement()) {
            try (ResultSet rs =
                    s.executeQuery("select decrypted_secret from vault.decrypted_secrets where name = 'stripe'")) {
                assertTrue(rs.next());
                assertEquals(emulator.apiKey(), rs.getString(1));
            }
            String id;
            try (ResultSet rs = s.executeQuery("select vault.create_secret('sk_test_local_key_0001', 'local_key')")) {
                assertTrue(rs.next());
                id = rs.getString(1);
            }
            s.execute("create server local_server foreign data wrapper stripe_wrapper options (api_key_id '" + id
                    + "', api_url '" + elsewhere + "')");
            s.execute("alter server local_server options (add api_version '2020-08-27')");
            s.execute("create foreign table public.local_customers (id text, attrs jsonb) server local_server"
                    + " options (object 'customers', stripe_account 'acct_local')");
            s.execute("drop foreign table public.local_customers");
            s.execute("drop server local_server");
            assertEquals(1, s.executeUpdate("delete from vault.secrets where name = 'local_key'"));
            s.execute("set stripe.api_version = 'x'");
            try (ResultSet rs = local.getMetaData().getTables(null, "vault", "decrypted_secrets", null)) {
                assertTrue(rs.next(), "local metadata lists the view");
            }
        }
    }
}
