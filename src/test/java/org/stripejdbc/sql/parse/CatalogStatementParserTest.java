package org.stripejdbc.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.ColumnDefinition;
import org.stripejdbc.sql.CommentTarget;
import org.stripejdbc.sql.ImportFilter;
import org.stripejdbc.sql.OptionChange;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.sql.TableAlteration;

class CatalogStatementParserTest {

    private static Statement parse(String sql) {
        return SqlFrontEnd.parse(sql).statement();
    }

    private static StripeJdbcException failure(String sql) {
        return assertThrows(StripeJdbcException.class, () -> parse(sql));
    }

    private static SqlParseException syntaxError(String sql) {
        StripeJdbcException error = failure(sql);
        assertEquals(SqlState.SYNTAX_ERROR, error.sqlState(), error.getMessage());
        return assertThrows(SqlParseException.class, () -> {
            throw error;
        });
    }

    private static void assertUnsupported(String sql, String construct) {
        StripeJdbcException error = failure(sql);
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, error.sqlState(), error.getMessage());
        assertTrue(error.getMessage().contains(construct), error.getMessage());
    }

    private static Map<String, String> options(String... keysAndValues) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            options.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return options;
    }

    // ---------------------------------------------------------------- extensions

    @Test
    void createExtensionForms() {
        assertEquals(new Statement.CreateExtension("wrappers", false, null), parse("create extension wrappers"));
        assertEquals(
                new Statement.CreateExtension("wrappers", true, "extensions"),
                parse("CREATE EXTENSION IF NOT EXISTS Wrappers WITH SCHEMA Extensions VERSION '0.4' CASCADE"));
        assertEquals(
                new Statement.CreateExtension("Wrappers", false, "s"),
                parse("create extension \"Wrappers\" schema s version v1"));
    }

    @Test
    void createExtensionRejectsRepeatedClauses() {
        SqlParseException error = syntaxError("create extension x schema a schema b");
        assertEquals("conflicting or redundant options", error.reason());
        assertEquals(29, error.position());
        assertEquals(
                "syntax error at or near \"with\"",
                syntaxError("create extension x schema a with").reason());
    }

    @Test
    void dropExtension() {
        assertEquals(
                new Statement.DropExtension(List.of("a", "b"), true, true),
                parse("drop extension if exists a, b cascade"));
        assertEquals(
                new Statement.DropExtension(List.of("wrappers"), false, false),
                parse("drop extension wrappers restrict"));
    }

    // ---------------------------------------------------------------- wrappers

    @Test
    void createForeignDataWrapperForms() {
        assertEquals(
                new Statement.CreateForeignDataWrapper("w", null, null, Map.of()),
                parse("create foreign data wrapper w"));
        assertEquals(
                new Statement.CreateForeignDataWrapper("w", "extensions.h", null, options("a", "1", "b", "2")),
                parse("create foreign data wrapper w handler extensions.h no validator options (a '1', b '2')"));
        assertEquals(
                new Statement.CreateForeignDataWrapper("w", null, "v", Map.of()),
                parse("create foreign data wrapper w validator v no handler"));
        Statement.CreateForeignDataWrapper wrapper =
                (Statement.CreateForeignDataWrapper) parse("create foreign data wrapper w options (z '1', a '2')");
        assertEquals(List.of("z", "a"), new ArrayList<>(wrapper.options().keySet()), "written order kept");
    }

    @Test
    void createForeignDataWrapperRejectsTwoHandlers() {
        assertEquals(
                "conflicting or redundant options",
                syntaxError("create foreign data wrapper w handler a handler b").reason());
    }

    @Test
    void dropForeignDataWrapper() {
        assertEquals(
                new Statement.DropForeignDataWrapper(List.of("stripe_wrapper"), true, true),
                parse("drop foreign data wrapper if exists stripe_wrapper cascade"));
    }

    // ---------------------------------------------------------------- servers

    @Test
    void createServerForms() {
        assertEquals(
                new Statement.CreateServer("s", true, "w", Map.of()),
                parse("create server if not exists s type 'stripe' version '1' foreign data wrapper w"));
        Statement.CreateServer server = (Statement.CreateServer)
                parse("create server s foreign data wrapper w options (api_key 'sk_test_1''2', API_URL "
                        + "'http://x/', \"Mixed\" 'y')");
        assertEquals(options("api_key", "sk_test_1'2", "api_url", "http://x/", "Mixed", "y"), server.options());
        assertEquals(
                List.of("api_key", "api_url", "Mixed"),
                new ArrayList<>(server.options().keySet()));
    }

    @Test
    void optionValuesMayBeAnyStringForm() {
        Statement.CreateServer server = (Statement.CreateServer)
                parse("create server s foreign data wrapper w options (a E'x\\ty', b $$it's$$, user 'reserved "
                        + "words are labels')");
        assertEquals(options("a", "x\ty", "b", "it's", "user", "reserved words are labels"), server.options());
    }

    @Test
    void duplicateOptionIs42710() {
        StripeJdbcException error = failure("create server s foreign data wrapper w options (a '1', A '2')");
        assertEquals(SqlState.DUPLICATE_OBJECT, error.sqlState());
        assertTrue(error.getMessage().startsWith("option \"a\" provided more than once"), error.getMessage());
    }

    @Test
    void createServerErrors() {
        SqlParseException missingWrapper = syntaxError("create server s options (a 'b')");
        assertEquals("syntax error at or near \"options\"", missingWrapper.reason());
        assertEquals(17, missingWrapper.position());
        assertEquals(
                "syntax error at end of input",
                syntaxError("create server s foreign data wrapper").reason());
        assertEquals(
                "syntax error at or near \"'...'\"",
                syntaxError("create server 'sk_live_secret' foreign data wrapper w")
                        .reason(),
                "string literals are never echoed");
        assertEquals(
                "syntax error at or near \")\"",
                syntaxError("create server s foreign data wrapper w options ()").reason());
        assertEquals(
                "syntax error at or near \")\"",
                syntaxError("create server s foreign data wrapper w options (a)")
                        .reason(),
                "a value is required");
        assertEquals(
                "syntax error at or near \"1\"",
                syntaxError("create server s foreign data wrapper w options (a 1)")
                        .reason(),
                "values are strings");
        assertEquals(
                "syntax error at or near \"select\"",
                syntaxError("create server select foreign data wrapper w").reason());
    }

    @Test
    void alterServerOptions() {
        assertEquals(
                new Statement.AlterServer(
                        "s",
                        List.of(
                                new OptionChange(OptionChange.Action.ADD, "api_version", "2024-06-20"),
                                new OptionChange(OptionChange.Action.SET, "api_key", "k"),
                                new OptionChange(OptionChange.Action.DROP, "api_url", null),
                                new OptionChange(OptionChange.Action.ADD, "plain", "v")),
                        null),
                parse("alter server s options (add api_version '2024-06-20', set api_key 'k', drop api_url, plain "
                        + "'v')"));
        assertEquals(
                new Statement.AlterServer("s", List.of(new OptionChange(OptionChange.Action.ADD, "set", "v")), null),
                parse("alter server s options (set 'v')"),
                "an action word followed by a value is an option name");
        assertEquals(new Statement.AlterServer("s", List.of(), null), parse("alter server s version '2'"));
    }

    @Test
    void alterServerRenameAndErrors() {
        assertEquals(new Statement.AlterServer("s", List.of(), "t"), parse("alter server s rename to T"));
        assertUnsupported("alter server s owner to bob", "OWNER TO");
        assertEquals(
                "syntax error at end of input", syntaxError("alter server s").reason());
        assertEquals(
                SqlState.DUPLICATE_OBJECT,
                failure("alter server s options (set a '1', drop a)").sqlState());
    }

    @Test
    void dropServer() {
        assertEquals(
                new Statement.DropServer(List.of("a", "b"), true, false), parse("drop server if exists a, b restrict"));
        assertEquals(
                new Statement.DropServer(List.of("stripe_server"), false, true),
                parse("drop server stripe_server cascade"));
        assertEquals(
                "syntax error at or near \"now\"",
                syntaxError("drop server s cascade now").reason());
    }

    // ---------------------------------------------------------------- schemas

    @Test
    void schemas() {
        assertEquals(
                new Statement.CreateSchema("stripe", true),
                parse("create schema if not exists stripe authorization me"));
        assertEquals(new Statement.CreateSchema("bob", false), parse("create schema authorization bob"));
        assertEquals(new Statement.CreateSchema("Stripe Data", false), parse("create schema \"Stripe Data\""));
        assertEquals(
                new Statement.DropSchema(List.of("a", "b"), true, true), parse("drop schema if exists a, b cascade"));
        assertUnsupported("create schema s create table t (a int)", "schema elements");
        assertEquals(
                "syntax error at or near \"table\"",
                syntaxError("create schema table").reason());
    }

    // ---------------------------------------------------------------- foreign tables

    @Test
    void createForeignTableWithTypesQuotedNamesAndOptions() {
        Statement.CreateForeignTable table = (Statement.CreateForeignTable) parse("""
                create foreign table if not exists Stripe.Subscription_Items (
                  "items[0][price]" text options (column_name 'items[0][price]'),
                  amount NUMERIC( 10 , 2 ) not null,
                  created timestamp   WITHOUT time zone null,
                  tags text[],
                  labels varchar ARRAY,
                  name character varying(20),
                  ratio double precision,
                  at timestamp(3) with time zone,
                  n pg_catalog.int8,
                  "Mixed Case" bool
                )
                server stripe_server
                options (object 'subscriptions', rowid_column 'id')
                """);
        assertEquals(new QualifiedName("stripe", "subscription_items"), table.name());
        assertEquals(true, table.ifNotExists());
        assertEquals(
                List.of(
                        new ColumnDefinition(
                                "items[0][price]", "text", false, Map.of("column_name", "items[0][price]")),
                        new ColumnDefinition("amount", "numeric(10,2)", true, Map.of()),
                        new ColumnDefinition("created", "timestamp without time zone", false, Map.of()),
                        new ColumnDefinition("tags", "text[]", false, Map.of()),
                        new ColumnDefinition("labels", "varchar[]", false, Map.of()),
                        new ColumnDefinition("name", "character varying(20)", false, Map.of()),
                        new ColumnDefinition("ratio", "double precision", false, Map.of()),
                        new ColumnDefinition("at", "timestamp(3) with time zone", false, Map.of()),
                        new ColumnDefinition("n", "pg_catalog.int8", false, Map.of()),
                        new ColumnDefinition("Mixed Case", "bool", false, Map.of())),
                table.columns());
        assertEquals("stripe_server", table.server());
        assertEquals(options("object", "subscriptions", "rowid_column", "id"), table.options());
    }

    @Test
    void columnOptionsMayAlsoFollowNotNull() {
        Statement.CreateForeignTable table = (Statement.CreateForeignTable)
                parse("create foreign table t (a text not null options (column_name 'x')) server s");
        assertEquals(List.of(new ColumnDefinition("a", "text", true, Map.of("column_name", "x"))), table.columns());
        assertEquals(
                "conflicting or redundant options",
                syntaxError("create foreign table t (a text options (x 'y') not null options (z 'w')) server s")
                        .reason());
    }

    @Test
    void createForeignTableWithoutColumnsOrOptions() {
        assertEquals(
                new Statement.CreateForeignTable(QualifiedName.of("t"), false, List.of(), "s", Map.of()),
                parse("create foreign table t () server s"));
    }

    @Test
    void createForeignTableErrors() {
        assertEquals(
                "syntax error at end of input",
                syntaxError("create foreign table t (id text)").reason());
        assertEquals(
                "syntax error at or near \")\"",
                syntaxError("create foreign table t (id) server s").reason());
        assertEquals(
                "syntax error at or near \",\"",
                syntaxError("create foreign table t (id text,, x text) server s")
                        .reason());
        assertEquals(
                "syntax error at or near \"server\"",
                syntaxError("create foreign table t (id text server s").reason());
        assertEquals(
                "conflicting NULL/NOT NULL declarations for column",
                syntaxError("create foreign table t (id text not null null) server s")
                        .reason());
        SqlParseException duplicate = assertThrows(
                SqlParseException.class, () -> parse("create foreign table t (id text, ID text) server s"));
        assertEquals(SqlState.DUPLICATE_COLUMN, duplicate.sqlState());
        assertEquals("column \"id\" specified more than once", duplicate.reason());
        assertEquals(34, duplicate.position());
        assertEquals(
                "improper qualified name (too many dotted names): a...",
                syntaxError("create foreign table a.b.c (id text) server s").reason());
    }

    @Test
    void createForeignTableTypeErrors() {
        SqlParseException unknown =
                assertThrows(SqlParseException.class, () -> parse("create foreign table t (id texty) server s"));
        assertEquals(SqlState.UNDEFINED_OBJECT, unknown.sqlState());
        assertEquals("type \"texty\" does not exist", unknown.reason());
        assertEquals(28, unknown.position());
        assertEquals(
                SqlState.FEATURE_NOT_SUPPORTED,
                failure("create foreign table t (b bytea) server s").sqlState());
    }

    @Test
    void createForeignTableUnsupportedClauses() {
        assertUnsupported("create foreign table t (id text default 'x') server s", "DEFAULT");
        assertUnsupported("create foreign table t (id text check (id <> '')) server s", "CHECK");
        assertUnsupported("create foreign table t (id text collate \"C\") server s", "COLLATE");
        assertUnsupported("create foreign table t (id text, constraint c check (true)) server s", "CONSTRAINT");
        assertUnsupported("create foreign table t (id text) inherits (u) server s", "INHERITS");
        assertUnsupported("create foreign table t partition of u server s", "PARTITION OF");
    }

    @Test
    void alterForeignTableActions() {
        assertEquals(
                new Statement.AlterForeignTable(
                        new QualifiedName("stripe", "x"),
                        true,
                        List.of(
                                new TableAlteration.Options(
                                        List.of(new OptionChange(OptionChange.Action.SET, "object", "y"))),
                                new TableAlteration.AddColumn(
                                        new ColumnDefinition("c", "bigint", true, Map.of()), true),
                                new TableAlteration.AddColumn(
                                        new ColumnDefinition("d", "text", false, Map.of()), false),
                                new TableAlteration.DropColumn("e", true),
                                new TableAlteration.DropColumn("f", false))),
                parse("alter foreign table if exists stripe.x options (set object 'y'), add column if not exists c "
                        + "bigint "
                        + "not null, add d text, drop column if exists e cascade, drop f"));
    }

    @Test
    void alterForeignTableRenames() {
        assertEquals(
                new Statement.AlterForeignTable(
                        QualifiedName.of("t"), false, List.of(new TableAlteration.RenameColumn("a", "b"))),
                parse("alter foreign table t rename column a to b"));
        assertEquals(
                new Statement.AlterForeignTable(
                        QualifiedName.of("t"), false, List.of(new TableAlteration.RenameColumn("a", "b"))),
                parse("alter table t rename a to b"));
        assertEquals(
                new Statement.AlterForeignTable(
                        new QualifiedName("s", "t"), false, List.of(new TableAlteration.RenameTable("u"))),
                parse("alter foreign table s.t rename to u"));
        assertEquals(
                "syntax error at or near \",\"",
                syntaxError("alter foreign table t rename to u, drop a").reason());
        assertEquals(
                "syntax error at or near \"rename\"",
                syntaxError("alter foreign table t drop a, rename to u").reason());
    }

    @Test
    void alterForeignTableUnsupportedActions() {
        assertUnsupported("alter foreign table t alter column a type bigint", "ALTER");
        assertUnsupported("alter foreign table t owner to bob", "OWNER");
        assertUnsupported("alter foreign table t set schema u", "SET SCHEMA");
        assertEquals(
                "syntax error at or near \"frobnicate\"",
                syntaxError("alter foreign table t frobnicate").reason());
    }

    @Test
    void dropForeignTableAlsoAsDropTable() {
        Statement.DropForeignTable expected = new Statement.DropForeignTable(
                List.of(new QualifiedName("stripe", "accounts"), QualifiedName.of("b")), true, true);
        assertEquals(expected, parse("drop foreign table if exists stripe.accounts, b cascade"));
        assertEquals(expected, parse("DROP TABLE IF EXISTS stripe.accounts, b CASCADE"));
        assertEquals(
                "syntax error at end of input",
                syntaxError("drop foreign table").reason());
    }

    // ---------------------------------------------------------------- import and comments

    @Test
    void importForeignSchemaForms() {
        assertEquals(
                new Statement.ImportForeignSchema(
                        "stripe", ImportFilter.ALL, List.of(), "stripe_server", "stripe", Map.of()),
                parse("import foreign schema stripe from server stripe_server into stripe"));
        assertEquals(
                new Statement.ImportForeignSchema(
                        "x",
                        ImportFilter.LIMIT_TO,
                        List.of("customers", "non-exists"),
                        "s",
                        "local",
                        options("strict", "true")),
                parse("import foreign schema x limit to (customers, \"non-exists\") from server s into local "
                        + "options (strict 'true')"));
        assertEquals(
                new Statement.ImportForeignSchema(
                        "x", ImportFilter.EXCEPT, List.of("balance", "b"), "s", "l", Map.of()),
                parse("import foreign schema x except (balance, other.b) from server s into l"));
    }

    @Test
    void importForeignSchemaErrors() {
        assertEquals(
                "syntax error at end of input",
                syntaxError("import foreign schema x from server s into").reason());
        assertEquals(
                "syntax error at or near \"into\"",
                syntaxError("import foreign schema x into l").reason());
        assertEquals(
                "syntax error at or near \"schemas\"",
                syntaxError("import foreign schemas x").reason());
    }

    @Test
    void commentOnTargets() {
        assertEquals(
                new Statement.CommentOn(
                        new CommentTarget.OnForeignTable(new QualifiedName("stripe", "customers")),
                        "Stripe's customers"),
                parse("comment on foreign table stripe.customers is 'Stripe''s customers'"));
        assertEquals(
                new Statement.CommentOn(new CommentTarget.OnForeignTable(QualifiedName.of("t")), null),
                parse("comment on table t is null"));
        assertEquals(
                new Statement.CommentOn(
                        new CommentTarget.OnColumn(new QualifiedName("stripe", "customers"), "email"), "e-mail"),
                parse("comment on column stripe.customers.email is 'e-mail'"));
        assertEquals(
                new Statement.CommentOn(new CommentTarget.OnColumn(QualifiedName.of("customers"), "email"), "x"),
                parse("comment on column customers.email is 'x'"));
        assertEquals(
                new Statement.CommentOn(new CommentTarget.OnSchema("stripe"), "s"),
                parse("comment on schema stripe is 's'"));
        assertEquals(
                new Statement.CommentOn(new CommentTarget.OnServer("stripe_server"), "s"),
                parse("comment on server stripe_server is 's'"));
    }

    @Test
    void commentOnErrors() {
        assertEquals(
                "column name must be qualified",
                syntaxError("comment on column email is 'x'").reason());
        assertEquals(
                "syntax error at or near \"'...'\"",
                syntaxError("comment on table t 'x'").reason());
        assertUnsupported("comment on extension wrappers is 'x'", "COMMENT ON EXTENSION");
    }
}
