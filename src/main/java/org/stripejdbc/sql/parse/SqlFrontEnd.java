package org.stripejdbc.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * The SQL front end: turns SQL text into the statement model of {@code org.stripejdbc.sql}.
 *
 * <p>Statements are split and tokenized by a Postgres-aware lexer ({@link Tokenizer}); the FDW and catalog
 * DDL (CREATE SERVER, CREATE FOREIGN TABLE, IMPORT FOREIGN SCHEMA...), SET/SHOW and transaction statements
 * are parsed by hand, queries and DML by JSqlParser 5.4, whose AST is converted and never leaks out.
 *
 * <pre>
 *   SqlFrontEnd.parse("select id, attrs#>'{lines,data}' as line_items from stripe.invoices where id = ?")
 *     → ParsedStatement(QueryStatement(Select(items [id, Binary(JSON_PATH, attrs, '{lines,data}') as line_items],
 *                        from stripe.invoices, where id = Parameter(1))), "select id, ...", 1)
 *
 *   SqlFrontEnd.parseScript("create schema stripe; -- comment only\n;;create server s foreign data wrapper w;")
 *     → [CreateSchema("stripe", false), CreateServer("s", false, "w", {})]
 * </pre>
 *
 * <p>Errors are always {@link StripeJdbcException}: 42601 syntax errors worded as Postgres words them, with
 * the 1-based position in the given text ({@link SqlParseException#position()}); 0A000 for valid Postgres the
 * driver does not support, naming the construct; 42704 for unknown type names; 54000 for absurdly nested
 * input. Thread-safe and stateless.
 */
public final class SqlFrontEnd {

    /** The highest parameter number accepted ({@code $65535}), as in the Postgres wire protocol. */
    public static final int MAX_PARAMETERS = 65_535;

    private SqlFrontEnd() {}

    /**
     * Splits a script into statements and parses each. Empty statements ({@code ;;}, comments only) are
     * skipped, so an empty or comment-only script gives an empty list. Stops at the first error.
     */
    public static List<ParsedStatement> parseScript(String sql) {
        requireText(sql);
        SourceText source = new SourceText(sql);
        List<ParsedStatement> parsed = new ArrayList<>();
        for (StatementSource statement : split(source)) {
            parsed.add(parseOne(statement));
        }
        return List.copyOf(parsed);
    }

    /**
     * Splits a script into the texts of its statements without parsing them (empty statements skipped), so
     * that a runner can execute each one in turn: {@code "select 1; ; select 2;"} → {@code ["select 1",
     * "select 2"]}. Only tokenizer errors (an unterminated string or comment) are raised here.
     */
    public static List<String> splitScript(String sql) {
        requireText(sql);
        List<String> texts = new ArrayList<>();
        for (StatementSource statement : split(new SourceText(sql))) {
            texts.add(statement.text());
        }
        return List.copyOf(texts);
    }

    /**
     * Parses exactly one statement; a trailing {@code ;} is allowed. More than one statement is 42601
     * ({@code cannot insert multiple commands into a prepared statement}, as Postgres says), and so is text
     * with no statement at all.
     */
    public static ParsedStatement parse(String sql) {
        requireText(sql);
        SourceText source = new SourceText(sql);
        List<StatementSource> statements = split(source);
        if (statements.isEmpty()) {
            throw SqlErrors.at(
                    source, sql.length(), SqlState.SYNTAX_ERROR, "syntax error: the text contains no statement");
        }
        if (statements.size() > 1) {
            throw SqlErrors.at(
                    source,
                    statements.get(1).start(),
                    SqlState.SYNTAX_ERROR,
                    "cannot insert multiple commands into a prepared statement");
        }
        return parseOne(statements.get(0));
    }

    private static void requireText(String sql) {
        if (sql == null) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "no SQL text given (null)");
        }
    }

    private static List<StatementSource> split(SourceText source) {
        return guarded(() -> ScriptSplitter.split(source, Tokenizer.tokenize(source)));
    }

    private static ParsedStatement parseOne(StatementSource statement) {
        return guarded(() ->
                new ParsedStatement(StatementParser.parse(statement), statement.text(), statement.parameterCount()));
    }

    /**
     * Runs one step of the front end so that only the engine's exception leaves it: a text nested too deeply is
     * 54001 (statement too complex), any other failure that is not already a {@link StripeJdbcException} is
     * {@link #internal}.
     */
    private static <T> T guarded(Supplier<T> step) {
        try {
            return step.get();
        } catch (StackOverflowError e) {
            throw JsqlStatementParser.tooComplex();
        } catch (StripeJdbcException e) {
            throw e;
        } catch (RuntimeException e) {
            throw internal(e);
        }
    }

    /** Last line of defence: a bug here must still surface as the engine's one exception type. */
    private static StripeJdbcException internal(RuntimeException e) {
        return new StripeJdbcException(
                SqlState.INTERNAL_ERROR,
                "internal error in the SQL front end (" + e.getClass().getSimpleName() + ")",
                e);
    }
}
