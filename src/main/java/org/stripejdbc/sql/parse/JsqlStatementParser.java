package org.stripejdbc.sql.parse;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.TokenMgrException;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Statement;

/**
 * Runs JSqlParser 5.4 on one SELECT/VALUES/INSERT/UPDATE/DELETE statement and converts the result.
 *
 * <p>The parser is called directly ({@code newParser(text).withAllowComplexParsing(true).Statement()}),
 * not through {@code CCJSqlParserUtil.parse}, which starts an executor thread per call. It reads the
 * rewritten text of a {@link JsqlSource}; a {@link ParseException} is mapped back to the original token,
 * so the error reads {@code syntax error at or near "frm"} with the position in the user's text.
 * JSqlParser failures that are not syntax errors (it throws runtime exceptions on some valid forms) are
 * 0A000: the statement may be valid Postgres, but this driver cannot read it.
 */
final class JsqlStatementParser {

    private JsqlStatementParser() {}

    static Statement parse(StatementSource statement) {
        JsqlSource source = JsqlSource.of(statement);
        net.sf.jsqlparser.statement.Statement parsed;
        try {
            CCJSqlParser parser = CCJSqlParserUtil.newParser(source.text()).withAllowComplexParsing(true);
            parsed = parser.Statement();
        } catch (ParseException e) {
            throw syntaxError(source, e);
        } catch (TokenMgrException e) {
            throw SqlErrors.at(
                    statement.source(),
                    statement.start(),
                    SqlState.SYNTAX_ERROR,
                    "syntax error: the statement contains characters the SQL parser cannot read");
        } catch (StackOverflowError e) {
            throw tooComplex();
        } catch (RuntimeException e) {
            throw StripeJdbcException.unsupported("statement form not supported by the SQL parser ("
                    + SqlErrors.mask(String.valueOf(e.getMessage())) + ")");
        }
        if (parsed == null) {
            throw SqlErrors.syntaxErrorAt(statement.source(), statement.tokens().get(0));
        }
        try {
            return new JsqlStatementConverter(source).convert(parsed);
        } catch (StackOverflowError e) {
            throw tooComplex();
        }
    }

    static StripeJdbcException tooComplex() {
        return new StripeJdbcException(
                SqlState.PROGRAM_LIMIT_EXCEEDED, "statement is too complex (stack depth limit exceeded)");
    }

    private static SqlParseException syntaxError(JsqlSource source, ParseException e) {
        net.sf.jsqlparser.parser.Token current = e.currentToken;
        net.sf.jsqlparser.parser.Token failing = current == null ? null : current.next;
        if (failing == null) {
            return SqlErrors.syntaxErrorAt(
                    source.statement().source(), source.statement().tokens().get(0));
        }
        // The rewritten text is a single line, so the 1-based column is the offset + 1.
        int offset = Math.max(0, failing.beginColumn - 1);
        Token token = failing.kind == 0
                ? source.statement().tokens().get(source.statement().tokens().size() - 1)
                : source.tokenAt(offset);
        return SqlErrors.syntaxErrorAt(source.statement().source(), token);
    }
}
