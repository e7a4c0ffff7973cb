package org.stripejdbc.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.sql.Statement.TransactionAction;

/**
 * Parses the session and transaction statements: SET, RESET, SHOW, BEGIN, START TRANSACTION, COMMIT, END,
 * ROLLBACK, ABORT. Each method starts after the statement's first keyword.
 *
 * <p>Examples:
 * <pre>
 *   SET search_path TO stripe, public          → SetVariable("search_path", [stripe, public])
 *   SET application_name = 'DBeaver 24'        → SetVariable("application_name", [DBeaver 24])
 *   SET TIME ZONE 'UTC'                         → SetVariable("timezone", [UTC])
 *   SET statement_timeout TO DEFAULT            → ResetVariable("statement_timeout")
 *   SHOW TRANSACTION ISOLATION LEVEL            → ShowVariable("transaction_isolation")
 *   BEGIN ISOLATION LEVEL READ COMMITTED        → Transaction(BEGIN)
 * </pre>
 * Values keep Postgres' meaning: unquoted words fold to lower case, strings are unescaped, numbers keep
 * their written form (with a leading sign if written). {@code SET LOCAL}, {@code SET ROLE},
 * {@code SET SESSION AUTHORIZATION}, {@code READ ONLY} transactions, {@code AND CHAIN} and savepoints are
 * 0A000: the driver runs each statement on its own and cannot honour them.
 */
final class SessionStatementParser {

    private final TokenCursor cursor;

    SessionStatementParser(TokenCursor cursor) {
        this.cursor = cursor;
    }

    /** After {@code SET}. */
    Statement set() {
        if (cursor.isKeyword("local") && !cursor.peek(1).isOperator("=") && !cursor.peek(1).isKeyword("to")) {
            throw SqlErrors.unsupported("SET LOCAL", "every statement runs in its own transaction; use SET");
        }
        if (cursor.isKeyword("session") && !cursor.peek(1).isOperator("=") && !cursor.peek(1).isKeyword("to")) {
            cursor.next();
            if (cursor.acceptKeywords("characteristics", "as", "transaction")) {
                return transactionModeVariable("default_transaction_");
            }
            if (cursor.isKeyword("authorization")) {
                throw SqlErrors.unsupported("SET SESSION AUTHORIZATION", "the driver has no roles");
            }
        }
        if (cursor.acceptKeywords("time", "zone")) {
            return timeZone();
        }
        if (cursor.isKeywords("transaction", "isolation") || cursor.isKeywords("transaction", "read")
                || cursor.isKeywords("transaction", "not") || cursor.isKeywords("transaction", "deferrable")) {
            cursor.next();
            return transactionModeVariable("transaction_");
        }
        if (cursor.isKeyword("role") && !cursor.peek(1).isOperator("=") && !cursor.peek(1).isKeyword("to")) {
            throw SqlErrors.unsupported("SET ROLE", "the driver has no roles");
        }
        if (cursor.isKeyword("schema") && cursor.peek(1).is(TokenType.STRING)) {
            cursor.next();
            String schema = cursor.string();
            cursor.expectEnd();
            return new Statement.SetVariable("search_path", List.of(schema));
        }
        if (cursor.isKeyword("names") && !cursor.peek(1).isOperator("=") && !cursor.peek(1).isKeyword("to")) {
            cursor.next();
            String encoding = cursor.atEnd() ? "default" : valueWord();
            cursor.expectEnd();
            return new Statement.SetVariable("client_encoding", List.of(encoding));
        }
        String name = variableName();
        if (!cursor.acceptKeywords("to") && !acceptOperator("=")) {
            throw cursor.syntaxError();
        }
        if (cursor.acceptKeywords("default")) {
            cursor.expectEnd();
            return new Statement.ResetVariable(name);
        }
        List<String> values = new ArrayList<>();
        do {
            values.add(value());
        } while (cursor.accept(TokenType.COMMA));
        cursor.expectEnd();
        return new Statement.SetVariable(name, values);
    }

    private Statement timeZone() {
        if (cursor.acceptKeywords("local") || cursor.acceptKeywords("default")) {
            cursor.expectEnd();
            return new Statement.ResetVariable("timezone");
        }
        if (cursor.isKeyword("interval")) {
            throw SqlErrors.unsupported("SET TIME ZONE INTERVAL", "give the zone as a string, e.g. '+02:00'");
        }
        String zone = value();
        cursor.expectEnd();
        return new Statement.SetVariable("timezone", List.of(zone));
    }

    /** One transaction mode, as the variable Postgres stores it in ({@code transaction_isolation}...). */
    private Statement transactionModeVariable(String prefix) {
        Token start = cursor.peek();
        Statement statement;
        if (cursor.acceptKeywords("isolation", "level")) {
            statement = new Statement.SetVariable(prefix + "isolation", List.of(isolationLevel()));
        } else if (cursor.acceptKeywords("read", "only")) {
            statement = new Statement.SetVariable(prefix + "read_only", List.of("on"));
        } else if (cursor.acceptKeywords("read", "write")) {
            statement = new Statement.SetVariable(prefix + "read_only", List.of("off"));
        } else if (cursor.acceptKeywords("deferrable")) {
            statement = new Statement.SetVariable(prefix + "deferrable", List.of("on"));
        } else if (cursor.acceptKeywords("not", "deferrable")) {
            statement = new Statement.SetVariable(prefix + "deferrable", List.of("off"));
        } else {
            throw cursor.syntaxError();
        }
        if (!cursor.atEnd()) {
            if (cursor.peek().is(TokenType.COMMA) || cursor.isKeyword("isolation") || cursor.isKeyword("read")
                    || cursor.isKeyword("deferrable") || cursor.isKeyword("not")) {
                throw SqlErrors.unsupported("several transaction modes in one SET",
                        "set one mode per statement (at " + SqlErrors.mask(start.text()) + ")");
            }
            throw cursor.syntaxError();
        }
        return statement;
    }

    private String isolationLevel() {
        if (cursor.acceptKeywords("serializable")) {
            return "serializable";
        }
        if (cursor.acceptKeywords("repeatable", "read")) {
            return "repeatable read";
        }
        if (cursor.acceptKeywords("read", "committed")) {
            return "read committed";
        }
        if (cursor.acceptKeywords("read", "uncommitted")) {
            return "read uncommitted";
        }
        throw cursor.syntaxError();
    }

    /** {@code name} or {@code prefix.name} (custom options such as {@code stripe.api_version}). */
    private String variableName() {
        StringBuilder name = new StringBuilder(cursor.name());
        while (cursor.accept(TokenType.DOT)) {
            name.append('.').append(cursor.label());
        }
        return name.toString();
    }

    /** A SET value: string, word (any, folded; ON/TRUE...), or a number with optional sign. */
    private String value() {
        Token token = cursor.peek();
        if (token.type() == TokenType.STRING) {
            cursor.next();
            return token.value();
        }
        if (token.isOperator("-") || token.isOperator("+")) {
            cursor.next();
            Token number = cursor.expect(TokenType.NUMBER);
            return token.text().equals("-") ? "-" + number.text() : number.text();
        }
        if (token.type() == TokenType.NUMBER) {
            cursor.next();
            return token.text();
        }
        return valueWord();
    }

    private String valueWord() {
        Token token = cursor.peek();
        if (token.type() == TokenType.STRING) {
            cursor.next();
            return token.value();
        }
        if (!token.isName()) {
            throw cursor.syntaxError();
        }
        cursor.next();
        return token.value();
    }

    private boolean acceptOperator(String operator) {
        if (cursor.peek().isOperator(operator)) {
            cursor.next();
            return true;
        }
        return false;
    }

    /** After {@code RESET}. */
    Statement reset() {
        String name;
        if (cursor.acceptKeywords("all")) {
            name = "all";
        } else if (cursor.acceptKeywords("time", "zone")) {
            name = "timezone";
        } else if (cursor.isKeywords("session", "authorization") || cursor.isKeyword("role")) {
            throw SqlErrors.unsupported("RESET " + cursor.peek().value().toUpperCase(Locale.ROOT), "the driver has no roles");
        } else if (cursor.acceptKeywords("transaction", "isolation", "level")) {
            name = "transaction_isolation";
        } else {
            name = variableName();
        }
        cursor.expectEnd();
        return new Statement.ResetVariable(name);
    }

    /** After {@code SHOW}. */
    Statement show() {
        String name;
        if (cursor.acceptKeywords("all")) {
            name = "all";
        } else if (cursor.acceptKeywords("time", "zone")) {
            name = "timezone";
        } else if (cursor.acceptKeywords("transaction", "isolation", "level")) {
            name = "transaction_isolation";
        } else if (cursor.acceptKeywords("session", "authorization")) {
            name = "session_authorization";
        } else {
            name = variableName();
        }
        cursor.expectEnd();
        return new Statement.ShowVariable(name);
    }

    /** After {@code BEGIN}: {@code [WORK | TRANSACTION] [mode [, ...]]}. */
    Statement begin() {
        if (!cursor.acceptKeywords("work")) {
            cursor.acceptKeywords("transaction");
        }
        transactionModes();
        return new Statement.Transaction(TransactionAction.BEGIN);
    }

    /** After {@code START}: {@code TRANSACTION [mode [, ...]]}. */
    Statement startTransaction() {
        cursor.expectKeywords("transaction");
        transactionModes();
        return new Statement.Transaction(TransactionAction.BEGIN);
    }

    /** After {@code COMMIT} or {@code END}. */
    Statement commit(String keyword) {
        if (cursor.isKeyword("prepared")) {
            throw SqlErrors.unsupported(keyword.toUpperCase(Locale.ROOT) + " PREPARED", "two-phase commit");
        }
        return transactionEnd(TransactionAction.COMMIT);
    }

    /** After {@code ROLLBACK} or {@code ABORT}. */
    Statement rollback(String keyword) {
        if (cursor.isKeyword("prepared")) {
            throw SqlErrors.unsupported(keyword.toUpperCase(Locale.ROOT) + " PREPARED", "two-phase commit");
        }
        if (!cursor.acceptKeywords("work")) {
            cursor.acceptKeywords("transaction");
        }
        if (cursor.isKeyword("to")) {
            throw SqlErrors.unsupported("ROLLBACK TO SAVEPOINT", "the driver has no savepoints");
        }
        return transactionEnd(TransactionAction.ROLLBACK);
    }

    private Statement transactionEnd(TransactionAction action) {
        if (!cursor.acceptKeywords("work")) {
            cursor.acceptKeywords("transaction");
        }
        if (cursor.acceptKeywords("and", "no", "chain")) {
            cursor.expectEnd();
        } else if (cursor.isKeywords("and", "chain")) {
            throw SqlErrors.unsupported("AND CHAIN", "start the next transaction with BEGIN");
        }
        cursor.expectEnd();
        return new Statement.Transaction(action);
    }

    /**
     * Transaction modes of BEGIN / START TRANSACTION, separated by commas or blanks. Isolation levels,
     * READ WRITE and DEFERRABLE are accepted (each statement is atomic on its own), READ ONLY is 0A000:
     * the driver could not keep the promise of refusing writes.
     */
    private void transactionModes() {
        boolean first = true;
        while (!cursor.atEnd()) {
            if (!first) {
                cursor.accept(TokenType.COMMA);
            }
            first = false;
            if (cursor.acceptKeywords("isolation", "level")) {
                isolationLevel();
            } else if (cursor.acceptKeywords("read", "write") || cursor.acceptKeywords("deferrable")
                    || cursor.acceptKeywords("not", "deferrable")) {
                continue;
            } else if (cursor.isKeywords("read", "only")) {
                throw SqlErrors.unsupported("READ ONLY transactions", "every statement runs and commits on its own");
            } else {
                throw cursor.syntaxError();
            }
        }
    }
}
