package org.stripejdbc.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.stripejdbc.testkit.Sql.col;
import static org.stripejdbc.testkit.Sql.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stripejdbc.WalkthroughSql;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.types.SqlType;

/**
 * Every statement of the Stripe FDW walkthrough users paste (the MemFire/supabase docs), as written there,
 * parses to the right record.
 */
class StripeFdwDocTest {

    private static final String CREATE_EXTENSION = "create extension if not exists wrappers with schema extensions;";

    private static final String CREATE_WRAPPER = """
            create foreign data wrapper stripe_wrapper
            handler stripe_fdw_handler
            validator stripe_fdw_validator;
            """;

    private static final String VAULT_INSERT = """
            -- Save your Stripe API key in Vault and retrieve the `key_id`
            insert into vault.secrets (name, secret)
            values (
              'stripe',
              'YOUR_SECRET'
            )
            returning key_id;
            """;

    private static final String CREATE_SERVER_WITH_VAULT = """
            create server stripe_server
            foreign data wrapper stripe_wrapper
            options (
              api_key_id '<key_ID>', -- The Key ID from above, required.
              api_url 'https://api.stripe.com/v1/'  -- Stripe API base URL, optional. Default is \
            'https://api.stripe.com/v1/'
            );
            """;

    private static final String CREATE_SERVER_WITHOUT_VAULT = """
            create server stripe_server
            foreign data wrapper stripe_wrapper
            options (
              api_key '<Stripe API Key>',  -- Stripe API key, required
              api_url 'https://api.stripe.com/v1/'  -- Stripe API base URL, optional. Default is \
            'https://api.stripe.com/v1/'
            );
            """;

    private static final String CREATE_SCHEMA = "create schema stripe;";

    /** The 24 CREATE FOREIGN TABLE statements of the page (accounts appears twice), verbatim. */
    private static final String FOREIGN_TABLES = WalkthroughSql.foreignTables();

    /** table | columns | options, in the written order. */
    private static final List<String> EXPECTED_FOREIGN_TABLES = List.of(
            "stripe.accounts | id text, business_type text, country text, email text, type text, created timestamp, "
                    + "attrs jsonb | object=accounts",
            "stripe.accounts | id text, business_type text, country text, email text, type text, created timestamp, "
                    + "attrs jsonb | object=accounts",
            "stripe.balance | balance_type text, amount bigint, currency text, attrs jsonb | object=balance",
            "stripe.balance_transactions | id text, amount bigint, currency text, description text, fee bigint, net "
                    + "bigint, status text, type text, created timestamp, attrs jsonb | object=balance_transactions",
            "stripe.charges | id text, amount bigint, currency text, customer text, description text, invoice text, "
                    + "payment_intent text, status text, created timestamp, attrs jsonb | object=charges",
            "stripe.checkout_sessions | id text, customer text, payment_intent text, subscription text, attrs jsonb "
                    + "| object=checkout/sessions, rowid_column=id",
            "stripe.customers | id text, email text, name text, description text, created timestamp, attrs jsonb | "
                    + "object=customers, rowid_column=id",
            "stripe.disputes | id text, amount bigint, currency text, charge text, payment_intent text, reason text, "
                    + "status text, created timestamp, attrs jsonb | object=disputes",
            "stripe.events | id text, type text, api_version text, created timestamp, attrs jsonb | object=events",
            "stripe.files | id text, filename text, purpose text, title text, size bigint, type text, url text, "
                    + "created timestamp, expires_at timestamp, attrs jsonb | object=files",
            "stripe.file_links | id text, file text, url text, created timestamp, expired bool, expires_at "
                    + "timestamp, attrs jsonb | object=file_links",
            "stripe.invoices | id text, customer text, subscription text, status text, total bigint, currency text, "
                    + "period_start timestamp, period_end timestamp, attrs jsonb | object=invoices",
            "stripe.mandates | id text, payment_method text, status text, type text, attrs jsonb | object=mandates",
            "stripe.payment_intents | id text, customer text, amount bigint, currency text, payment_method text, "
                    + "created timestamp, attrs jsonb | object=payment_intents",
            "stripe.payouts | id text, amount bigint, currency text, arrival_date timestamp, description text, "
                    + "statement_descriptor text, status text, created timestamp, attrs jsonb | object=payouts",
            "stripe.prices | id text, active bool, currency text, product text, unit_amount bigint, type text, "
                    + "created timestamp, attrs jsonb | object=prices",
            "stripe.products | id text, name text, active bool, default_price text, description text, created "
                    + "timestamp, updated timestamp, attrs jsonb | object=products, rowid_column=id",
            "stripe.refunds | id text, amount bigint, currency text, charge text, payment_intent text, reason text, "
                    + "status text, created timestamp, attrs jsonb | object=refunds",
            "stripe.setup_attempts | id text, application text, customer text, on_behalf_of text, payment_method "
                    + "text, setup_intent text, status text, usage text, created timestamp, attrs jsonb | "
                    + "object=setup_attempts",
            "stripe.setup_intents | id text, client_secret text, customer text, description text, payment_method "
                    + "text, status text, usage text, created timestamp, attrs jsonb | object=setup_intents",
            "stripe.subscriptions | id text, customer text, currency text, current_period_start timestamp, "
                    + "current_period_end timestamp, attrs jsonb | object=subscriptions, rowid_column=id",
            "stripe.tokens | id text, customer text, currency text, current_period_start timestamp, "
                    + "current_period_end timestamp, attrs jsonb | object=tokens",
            "stripe.topups | id text, amount bigint, currency text, description text, status text, created "
                    + "timestamp, attrs jsonb | object=topups",
            "stripe.transfers | id text, amount bigint, currency text, description text, destination text, created "
                    + "timestamp, attrs jsonb | object=transfers");

    /** The pushdown example, the examples and the data modification statements, verbatim. */
    private static final String EXAMPLES = WalkthroughSql.examples();

    private static Statement single(String sql) {
        return SqlFrontEnd.parse(sql).statement();
    }

    private static Expr idEquals(String id) {
        return new Expr.Binary(BinaryOperator.EQUALS, col("id"), text(id));
    }

    private static FromItem.Table table(String schema, String name) {
        return new FromItem.Table(new QualifiedName(schema, name), null);
    }

    private static Query.Select select(List<SelectItem> items, FromItem from, Expr where, Expr limit) {
        return new Query.Select(
                List.of(), false, List.of(), items, from, where, List.of(), null, List.of(), limit, null);
    }

    @Test
    void createExtension() {
        assertEquals(new Statement.CreateExtension("wrappers", true, "extensions"), single(CREATE_EXTENSION));
    }

    @Test
    void createForeignDataWrapper() {
        assertEquals(
                new Statement.CreateForeignDataWrapper(
                        "stripe_wrapper", "stripe_fdw_handler", "stripe_fdw_validator", Map.of()),
                single(CREATE_WRAPPER));
    }

    @Test
    void vaultInsertReturningKeyId() {
        ParsedStatement parsed = SqlFrontEnd.parse(VAULT_INSERT);
        assertEquals(
                new Statement.Insert(
                        new QualifiedName("vault", "secrets"),
                        List.of("name", "secret"),
                        List.of(List.of(text("stripe"), text("YOUR_SECRET"))),
                        null,
                        List.of(new SelectItem.Column(col("key_id"), null))),
                parsed.statement());
        assertEquals(0, parsed.parameterCount());
    }

    @Test
    void createServerWithVaultKeepsOptionOrderDespiteComments() {
        Statement.CreateServer server = (Statement.CreateServer) single(CREATE_SERVER_WITH_VAULT);
        assertEquals("stripe_server", server.name());
        assertEquals("stripe_wrapper", server.wrapper());
        assertEquals(false, server.ifNotExists());
        assertEquals(
                List.of("api_key_id", "api_url"),
                new ArrayList<>(server.options().keySet()));
        assertEquals("<key_ID>", server.options().get("api_key_id"));
        assertEquals("https://api.stripe.com/v1/", server.options().get("api_url"));
    }

    @Test
    void createServerWithoutVault() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("api_key", "<Stripe API Key>");
        options.put("api_url", "https://api.stripe.com/v1/");
        assertEquals(
                new Statement.CreateServer("stripe_server", false, "stripe_wrapper", options),
                single(CREATE_SERVER_WITHOUT_VAULT));
    }

    @Test
    void createSchema() {
        assertEquals(new Statement.CreateSchema("stripe", false), single(CREATE_SCHEMA));
    }

    @Test
    void everyForeignTableOfThePage() {
        List<ParsedStatement> parsed = SqlFrontEnd.parseScript(FOREIGN_TABLES);
        assertEquals(24, parsed.size());
        List<String> described = new ArrayList<>();
        for (ParsedStatement statement : parsed) {
            Statement.CreateForeignTable table =
                    assertInstanceOf(Statement.CreateForeignTable.class, statement.statement());
            assertEquals("stripe_server", table.server());
            assertEquals(false, table.ifNotExists());
            described.add(table.name() + " | "
                    + table.columns().stream()
                            .map(c -> c.name() + " " + c.typeName())
                            .collect(Collectors.joining(", "))
                    + " | "
                    + table.options().entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", ")));
            table.columns().forEach(c -> assertEquals(false, c.notNull()));
        }
        assertEquals(EXPECTED_FOREIGN_TABLES, described);
    }

    @Test
    void checkoutSessionsKeepsTheSlashInItsObject() {
        Statement.CreateForeignTable sessions = SqlFrontEnd.parseScript(FOREIGN_TABLES).stream()
                .map(p -> (Statement.CreateForeignTable) p.statement())
                .filter(t -> t.name().name().equals("checkout_sessions"))
                .findFirst()
                .orElseThrow();
        assertEquals(new QualifiedName("stripe", "checkout_sessions"), sessions.name());
        assertEquals("checkout/sessions", sessions.options().get("object"));
        assertEquals("id", sessions.options().get("rowid_column"));
    }

    @Test
    void theExamples() {
        List<Statement> statements = SqlFrontEnd.parseScript(EXAMPLES).stream()
                .map(ParsedStatement::statement)
                .toList();
        assertEquals(11, statements.size());
        List<SelectItem> star = List.of(new SelectItem.Star(null));
        assertEquals(
                new Statement.QueryStatement(select(star, table("stripe", "customers"), idEquals("cus_xxx"), null)),
                statements.get(0));
        Expr ten = new Expr.Literal(10, SqlType.INTEGER);
        assertEquals(
                new Statement.QueryStatement(select(star, table("stripe", "customers"), null, ten)), statements.get(1));
        assertEquals(
                new Statement.QueryStatement(select(star, table("stripe", "invoices"), null, ten)), statements.get(2));
        assertEquals(
                new Statement.QueryStatement(select(star, table("stripe", "subscriptions"), null, ten)),
                statements.get(3));
        assertEquals(
                new Statement.QueryStatement(select(
                        List.of(
                                new SelectItem.Column(col("id"), null),
                                new SelectItem.Column(
                                        new Expr.Binary(
                                                BinaryOperator.JSON_GET_TEXT, col("attrs"), text("account_name")),
                                        "account_name")),
                        table("stripe", "invoices"),
                        idEquals("in_xxx"),
                        null)),
                statements.get(4));
        assertEquals(
                new Statement.QueryStatement(select(
                        List.of(
                                new SelectItem.Column(col("id"), null),
                                new SelectItem.Column(
                                        new Expr.Binary(BinaryOperator.JSON_PATH, col("attrs"), text("{lines,data}")),
                                        "line_items")),
                        table("stripe", "invoices"),
                        idEquals("in_xxx"),
                        null)),
                statements.get(5));
        assertEquals(
                new Statement.QueryStatement(select(
                        List.of(
                                new SelectItem.Column(col("id"), null),
                                new SelectItem.Column(
                                        new Expr.Binary(BinaryOperator.JSON_PATH, col("attrs"), text("{items,data}")),
                                        "items")),
                        table("stripe", "subscriptions"),
                        idEquals("sub_xxx"),
                        null)),
                statements.get(6));
        QualifiedName customers = new QualifiedName("stripe", "customers");
        assertEquals(
                new Statement.Insert(
                        customers,
                        List.of("email", "name", "description"),
                        List.of(List.of(text("test@test.com"), text("test name"), Expr.Literal.nullValue())),
                        null,
                        List.of()),
                statements.get(7));
        assertEquals(
                new Statement.Update(
                        customers,
                        null,
                        List.of(new Statement.Assignment("description", text("hello fdw"))),
                        null,
                        idEquals("cus_xxx"),
                        List.of()),
                statements.get(8));
        assertEquals(
                new Statement.Update(
                        customers,
                        null,
                        List.of(new Statement.Assignment("attrs", text("{\"metadata[foo]\": \"bar\"}"))),
                        null,
                        idEquals("cus_xxx"),
                        List.of()),
                statements.get(9));
        assertEquals(new Statement.Delete(customers, null, null, idEquals("cus_xxx"), List.of()), statements.get(10));
    }

    @Test
    void theWholeWalkthroughAsOneScript() {
        String script = String.join(
                "\n",
                CREATE_EXTENSION,
                CREATE_WRAPPER,
                VAULT_INSERT,
                CREATE_SERVER_WITH_VAULT,
                CREATE_SCHEMA,
                FOREIGN_TABLES,
                EXAMPLES);
        List<ParsedStatement> parsed = SqlFrontEnd.parseScript(script);
        assertEquals(5 + 24 + 11, parsed.size());
        assertEquals("create schema stripe", parsed.get(4).text());
        assertInstanceOf(Statement.Delete.class, parsed.get(parsed.size() - 1).statement());
    }
}
