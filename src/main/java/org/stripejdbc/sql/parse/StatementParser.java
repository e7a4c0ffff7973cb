package org.stripejdbc.sql.parse;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.sql.Statement;

/**
 * Routes one statement by its leading keywords: queries and DML go to JSqlParser
 * ({@link JsqlStatementParser}), the FDW/catalog DDL to {@link CatalogStatementParser}, session and
 * transaction statements to {@link SessionStatementParser}; EXPLAIN is unwrapped here.
 *
 * <p>Statements Postgres has but the driver does not (GRANT, TRUNCATE, CREATE TABLE, VACUUM...) are 0A000
 * naming the statement; an unknown first word is 42601 at that word, as in Postgres.
 */
final class StatementParser {

    /** Deepest parenthesis nesting accepted; deeper input is 54000 rather than a stack overflow. */
    static final int MAX_NESTING = 200;

    private static final Set<String> QUERY_KEYWORDS = Set.of("select", "with", "values", "insert", "update", "delete");

    private static final Map<String, String> UNSUPPORTED_COMMANDS = Map.ofEntries(
            Map.entry("grant", "the driver has no roles or privileges"),
            Map.entry("revoke", "the driver has no roles or privileges"),
            Map.entry("truncate", "the Stripe API has no bulk delete; use DELETE ... WHERE"),
            Map.entry("vacuum", "there is no local storage to vacuum"),
            Map.entry("analyze", "there are no local statistics"),
            Map.entry("analyse", "there are no local statistics"),
            Map.entry("copy", "use SELECT or INSERT"),
            Map.entry("lock", "rows are read from Stripe, they cannot be locked"),
            Map.entry("call", "there are no procedures"),
            Map.entry("do", "there is no procedural language"),
            Map.entry("prepare", "use JDBC prepared statements"),
            Map.entry("execute", "use JDBC prepared statements"),
            Map.entry("deallocate", "use JDBC prepared statements"),
            Map.entry("listen", "there are no notifications"),
            Map.entry("notify", "there are no notifications"),
            Map.entry("unlisten", "there are no notifications"),
            Map.entry("discard", ""),
            Map.entry("savepoint", "the driver has no savepoints"),
            Map.entry("release", "the driver has no savepoints"),
            Map.entry("reindex", "there are no indexes"),
            Map.entry("cluster", "there is no local storage"),
            Map.entry("checkpoint", "there is no local storage"),
            Map.entry("refresh", "there are no materialized views"),
            Map.entry("security", ""),
            Map.entry("merge", "use INSERT, UPDATE and DELETE"),
            Map.entry("fetch", "cursors are handled by JDBC result sets"),
            Map.entry("move", "cursors are handled by JDBC result sets"),
            Map.entry("close", "cursors are handled by JDBC result sets"),
            Map.entry("declare", "cursors are handled by JDBC result sets"),
            Map.entry("load", ""),
            Map.entry("reassign", "the driver has no roles"),
            Map.entry("table", "write SELECT * FROM ..."));

    private static final Set<String> OBJECT_KINDS = Set.of(
            "table",
            "view",
            "materialized",
            "index",
            "unique",
            "function",
            "procedure",
            "trigger",
            "sequence",
            "type",
            "domain",
            "role",
            "user",
            "database",
            "policy",
            "publication",
            "subscription",
            "rule",
            "aggregate",
            "cast",
            "collation",
            "conversion",
            "event",
            "language",
            "operator",
            "statistics",
            "text",
            "transform",
            "access",
            "tablespace",
            "group",
            "temp",
            "temporary",
            "unlogged",
            "global",
            "local",
            "or",
            "recursive",
            "default",
            "owned",
            "routine",
            "extension",
            "foreign",
            "schema",
            "server");

    /** Words that continue an object kind in a message ("FOREIGN DATA WRAPPER", "OR REPLACE VIEW"). */
    private static final Set<String> CONSTRUCT_WORDS = Set.of(
            "data",
            "wrapper",
            "mapping",
            "replace",
            "view",
            "index",
            "function",
            "procedure",
            "trigger",
            "table",
            "sequence");

    private StatementParser() {}

    static Statement parse(StatementSource statement) {
        checkNesting(statement);
        TokenReader tokens = new TokenReader(statement);
        Token first = tokens.peek();
        if (first.type() == TokenType.LEFT_PAREN) {
            return JsqlStatementParser.parse(statement);
        }
        if (first.type() != TokenType.IDENTIFIER) {
            throw tokens.syntaxError();
        }
        String keyword = first.value();
        if (QUERY_KEYWORDS.contains(keyword)) {
            return JsqlStatementParser.parse(statement);
        }
        switch (keyword) {
            case "explain":
                return explain(tokens);
            case "create":
                tokens.next();
                return create(tokens);
            case "alter":
                tokens.next();
                return alter(tokens);
            case "drop":
                tokens.next();
                return drop(tokens);
            case "comment":
                tokens.next();
                tokens.expectKeywords("on");
                return new CatalogStatementParser(tokens).commentOn();
            case "set":
                tokens.next();
                return new SessionStatementParser(tokens).set();
            case "reset":
                tokens.next();
                return new SessionStatementParser(tokens).reset();
            case "show":
                tokens.next();
                return new SessionStatementParser(tokens).show();
            case "begin":
                tokens.next();
                return new SessionStatementParser(tokens).begin();
            case "start":
                tokens.next();
                return new SessionStatementParser(tokens).startTransaction();
            case "commit":
            case "end":
                tokens.next();
                return new SessionStatementParser(tokens).commit(keyword);
            case "rollback":
            case "abort":
                tokens.next();
                return new SessionStatementParser(tokens).rollback(keyword);
            default:
                break;
        }
        if (keyword.equals("import")) {
            tokens.next();
            tokens.expectKeywords("foreign", "schema");
            return new ForeignTableStatementParser(tokens).importForeignSchema();
        }
        if (UNSUPPORTED_COMMANDS.containsKey(keyword)) {
            String detail = UNSUPPORTED_COMMANDS.get(keyword);
            throw SqlErrors.unsupported(keyword.toUpperCase(Locale.ROOT), detail.isEmpty() ? null : detail);
        }
        throw tokens.syntaxError();
    }

    /** Parenthesis nesting deeper than {@link #MAX_NESTING} is refused before any recursive parsing. */
    private static void checkNesting(StatementSource statement) {
        int depth = 0;
        for (Token token : statement.tokens()) {
            if (token.type() == TokenType.LEFT_PAREN || token.type() == TokenType.LEFT_BRACKET) {
                depth++;
                if (depth > MAX_NESTING) {
                    throw SqlErrors.at(
                            statement.source(),
                            token.start(),
                            SqlState.PROGRAM_LIMIT_EXCEEDED,
                            "statement is too deeply nested (more than " + MAX_NESTING + " levels of parentheses)");
                }
            } else if (token.type() == TokenType.RIGHT_PAREN || token.type() == TokenType.RIGHT_BRACKET) {
                depth--;
            }
        }
    }

    private static Statement create(TokenReader tokens) {
        CatalogStatementParser catalog = new CatalogStatementParser(tokens);
        if (tokens.acceptKeywords("extension")) {
            return catalog.createExtension();
        }
        if (tokens.acceptKeywords("foreign", "data", "wrapper")) {
            return catalog.createForeignDataWrapper();
        }
        if (tokens.acceptKeywords("foreign", "table")) {
            return new ForeignTableStatementParser(tokens).createForeignTable();
        }
        if (tokens.acceptKeywords("server")) {
            return catalog.createServer();
        }
        if (tokens.acceptKeywords("schema")) {
            return catalog.createSchema();
        }
        if (tokens.isKeywords("user", "mapping")) {
            throw SqlErrors.unsupported(
                    "CREATE USER MAPPING",
                    "the Stripe wrapper reads no user mapping options; "
                            + "put api_key or api_key_id in the server options");
        }
        if (tokens.isKeyword("table")
                || tokens.isKeywords("temp", "table")
                || tokens.isKeywords("temporary", "table")
                || tokens.isKeywords("unlogged", "table")) {
            throw SqlErrors.unsupported(
                    "CREATE TABLE",
                    "only foreign tables exist here; use CREATE FOREIGN TABLE ... SERVER ... OPTIONS (object '...')");
        }
        throw unsupportedOrSyntax(tokens, "CREATE");
    }

    private static Statement alter(TokenReader tokens) {
        CatalogStatementParser catalog = new CatalogStatementParser(tokens);
        if (tokens.acceptKeywords("foreign", "table") || tokens.acceptKeywords("table")) {
            return new ForeignTableStatementParser(tokens).alterForeignTable();
        }
        if (tokens.acceptKeywords("server")) {
            return catalog.alterServer();
        }
        throw unsupportedOrSyntax(tokens, "ALTER");
    }

    private static Statement drop(TokenReader tokens) {
        CatalogStatementParser catalog = new CatalogStatementParser(tokens);
        if (tokens.acceptKeywords("extension")) {
            return catalog.dropExtension();
        }
        if (tokens.acceptKeywords("foreign", "data", "wrapper")) {
            return catalog.dropForeignDataWrapper();
        }
        if (tokens.acceptKeywords("foreign", "table") || tokens.acceptKeywords("table")) {
            return new ForeignTableStatementParser(tokens).dropForeignTable();
        }
        if (tokens.acceptKeywords("server")) {
            return catalog.dropServer();
        }
        if (tokens.acceptKeywords("schema")) {
            return catalog.dropSchema();
        }
        throw unsupportedOrSyntax(tokens, "DROP");
    }

    /** {@code CREATE VIEW ...} → 0A000 "CREATE VIEW is not supported"; {@code CREATE xyz} → 42601 at xyz. */
    private static RuntimeException unsupportedOrSyntax(TokenReader tokens, String verb) {
        Token object = tokens.peek();
        if (object.type() != TokenType.IDENTIFIER || !OBJECT_KINDS.contains(object.value())) {
            return tokens.syntaxError();
        }
        if (object.isKeyword("foreign")
                && !tokens.peek(1).isKeyword("table")
                && !tokens.peek(1).isKeyword("data")) {
            // FOREIGN is only ever followed by TABLE or DATA WRAPPER: "create foreign tabel" is a typo, as Postgres
            // says.
            tokens.next();
            return tokens.syntaxError();
        }
        StringBuilder construct = new StringBuilder(verb);
        for (int i = 0; i < 4; i++) {
            Token word = tokens.peek(i);
            if (word.type() != TokenType.IDENTIFIER
                    || !(OBJECT_KINDS.contains(word.value()) || CONSTRUCT_WORDS.contains(word.value()))) {
                break;
            }
            construct.append(' ').append(word.value().toUpperCase(Locale.ROOT));
        }
        return SqlErrors.unsupported(construct.toString(), null);
    }

    /**
     * {@code EXPLAIN [ANALYZE] [VERBOSE] statement} or {@code EXPLAIN (option [value], ...) statement}. Options
     * other than ANALYZE and VERBOSE only shape Postgres' output and are accepted without effect, except
     * FORMAT other than TEXT (0A000).
     */
    private static Statement explain(TokenReader tokens) {
        tokens.expectKeywords("explain");
        boolean analyze = false;
        boolean verbose = false;
        if (tokens.peek().type() == TokenType.LEFT_PAREN && !isQueryStart(tokens.peek(1))) {
            tokens.next();
            do {
                Token option = tokens.peek();
                String name = tokens.label();
                switch (name) {
                    case "analyze":
                    case "analyse":
                        analyze = explainBoolean(tokens);
                        break;
                    case "verbose":
                        verbose = explainBoolean(tokens);
                        break;
                    case "costs":
                    case "buffers":
                    case "timing":
                    case "summary":
                    case "settings":
                    case "wal":
                    case "memory":
                    case "generic_plan":
                        explainBoolean(tokens);
                        break;
                    case "format":
                        Token format = tokens.peek();
                        String value = tokens.label();
                        if (!value.equals("text")) {
                            throw SqlErrors.unsupported(
                                    "EXPLAIN (FORMAT "
                                            + SqlErrors.display(format).toUpperCase(Locale.ROOT) + ")",
                                    "EXPLAIN prints text");
                        }
                        break;
                    default:
                        throw tokens.errorAt(
                                option,
                                SqlState.SYNTAX_ERROR,
                                "unrecognized EXPLAIN option \"" + SqlErrors.display(option) + "\"");
                }
            } while (tokens.accept(TokenType.COMMA));
            tokens.expect(TokenType.RIGHT_PAREN);
        } else {
            analyze = tokens.acceptKeywords("analyze") || tokens.acceptKeywords("analyse");
            verbose = tokens.acceptKeywords("verbose");
        }
        Token start = tokens.peek();
        if (!isQueryStart(start)) {
            throw tokens.syntaxError();
        }
        Statement explained = JsqlStatementParser.parse(tokens.statement().from(tokens.index()));
        return new Statement.Explain(explained, analyze, verbose);
    }

    private static boolean isQueryStart(Token token) {
        return token.type() == TokenType.LEFT_PAREN
                || token.type() == TokenType.IDENTIFIER && QUERY_KEYWORDS.contains(token.value());
    }

    private static boolean explainBoolean(TokenReader tokens) {
        Token value = tokens.peek();
        if (value.type() == TokenType.COMMA || value.type() == TokenType.RIGHT_PAREN) {
            return true;
        }
        String text = value.type() == TokenType.STRING
                ? value.value().toLowerCase(Locale.ROOT)
                : value.isName() || value.type() == TokenType.NUMBER ? value.value() : "";
        tokens.next();
        switch (text) {
            case "true":
            case "on":
            case "1":
            case "yes":
                return true;
            case "false":
            case "off":
            case "0":
            case "no":
                return false;
            default:
                throw tokens.errorAt(value, SqlState.SYNTAX_ERROR, "EXPLAIN option requires a Boolean value");
        }
    }
}
