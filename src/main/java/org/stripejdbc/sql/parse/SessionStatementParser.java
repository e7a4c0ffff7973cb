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

    private final TokenReader tokens;

    SessionStatementParser(TokenReader tokens) {
        this.tokens = tokens;
    }

    /** After {@code SET}. */
    Statement set() {
        if (tokens.isKeyword("local")
                && !tokens.peek(1).isOperator("=")
                && !tokens.peek(1).isKeyword("to")) {
            throw SqlErrors.unsupported("SET LOCAL", "every statement runs in its own transaction; use SET");
        }
        if (tokens.isKeyword("session")
                && !tokens.peek(1).isOperator("=")
                && !tokens.peek(1).isKeyword("to")) {
            tokens.next();
            if (tokens.acceptKeywords("characteristics", "as", "transaction")) {
                return transactionModeVariable("default_transaction_");
            }
            if (tokens.isKeyword("authorization")) {
                throw SqlErrors.unsupported("SET SESSION AUTHORIZATION", "the driver has no roles");
            }
        }
        if (tokens.acceptKeywords("time", "zone")) {
            return timeZone();
        }
        if (tokens.isKeywords("transaction", "isolation")
                || tokens.isKeywords("transaction", "read")
                || tokens.isKeywords("transaction", "not")
                || tokens.isKeywords("transaction", "deferrable")) {
            tokens.next();
            return transactionModeVariable("transaction_");
        }
        if (tokens.isKeyword("role")
                && !tokens.peek(1).isOperator("=")
                && !tokens.peek(1).isKeyword("to")) {
            throw SqlErrors.unsupported("SET ROLE", "the driver has no roles");
        }
        if (tokens.isKeyword("schema") && tokens.peek(1).is(TokenType.STRING)) {
            tokens.next();
            String schema = tokens.string();
            tokens.expectEnd();
            return new Statement.SetVariable("search_path", List.of(schema));
        }
        if (tokens.isKeyword("names")
                && !tokens.peek(1).isOperator("=")
                && !tokens.peek(1).isKeyword("to")) {
            tokens.next();
            String encoding = tokens.atEnd() ? "default" : valueWord();
            tokens.expectEnd();
            return new Statement.SetVariable("client_encoding", List.of(encoding));
        }
        String name = variableName();
        if (!tokens.acceptKeywords("to") && !acceptOperator("=")) {
            throw tokens.syntaxError();
        }
        if (tokens.acceptKeywords("default")) {
            tokens.expectEnd();
            return new Statement.ResetVariable(name);
        }
        List<String> values = new ArrayList<>();
        do {
            values.add(value());
        } while (tokens.accept(TokenType.COMMA));
        tokens.expectEnd();
        return new Statement.SetVariable(name, values);
    }

    private Statement timeZone() {
        if (tokens.acceptKeywords("local") || tokens.acceptKeywords("default")) {
            tokens.expectEnd();
            return new Statement.ResetVariable("timezone");
        }
        if (tokens.isKeyword("interval")) {
            throw SqlErrors.unsupported("SET TIME ZONE INTERVAL", "give the zone as a string, e.g. '+02:00'");
        }
        String zone = value();
        tokens.expectEnd();
        return new Statement.SetVariable("timezone", List.of(zone));
    }

    /** One transaction mode, as the variable Postgres stores it in ({@code transaction_isolation}...). */
    private Statement transactionModeVariable(String prefix) {
        Token start = tokens.peek();
        Statement statement;
        if (tokens.acceptKeywords("isolation", "level")) {
            statement = new Statement.SetVariable(prefix + "isolation", List.of(isolationLevel()));
        } else if (tokens.acceptKeywords("read", "only")) {
            statement = new Statement.SetVariable(prefix + "read_only", List.of("on"));
        } else if (tokens.acceptKeywords("read", "write")) {
            statement = new Statement.SetVariable(prefix + "read_only", List.of("off"));
        } else if (tokens.acceptKeywords("deferrable")) {
            statement = new Statement.SetVariable(prefix + "deferrable", List.of("on"));
        } else if (tokens.acceptKeywords("not", "deferrable")) {
            statement = new Statement.SetVariable(prefix + "deferrable", List.of("off"));
        } else {
            throw tokens.syntaxError();
        }
        if (!tokens.atEnd()) {
            if (tokens.peek().is(TokenType.COMMA)
                    || tokens.isKeyword("isolation")
                    || tokens.isKeyword("read")
                    || tokens.isKeyword("deferrable")
                    || tokens.isKeyword("not")) {
                throw SqlErrors.unsupported(
                        "several transaction modes in one SET",
                        "set one mode per statement (at " + SqlErrors.mask(start.text()) + ")");
            }
            throw tokens.syntaxError();
        }
        return statement;
    }

    private String isolationLevel() {
        if (tokens.acceptKeywords("serializable")) {
            return "serializable";
        }
        if (tokens.acceptKeywords("repeatable", "read")) {
            return "repeatable read";
        }
        if (tokens.acceptKeywords("read", "committed")) {
            return "read committed";
        }
        if (tokens.acceptKeywords("read", "uncommitted")) {
            return "read uncommitted";
        }
        throw tokens.syntaxError();
    }

    /** {@code name} or {@code prefix.name} (custom options such as {@code stripe.api_version}). */
    private String variableName() {
        StringBuilder name = new StringBuilder(tokens.name());
        while (tokens.accept(TokenType.DOT)) {
            name.append('.').append(tokens.label());
        }
        return name.toString();
    }

    /** A SET value: string, word (any, folded; ON/TRUE...), or a number with optional sign. */
    private String value() {
        Token token = tokens.peek();
        if (token.type() == TokenType.STRING) {
            tokens.next();
            return token.value();
        }
        if (token.isOperator("-") || token.isOperator("+")) {
            tokens.next();
            Token number = tokens.expect(TokenType.NUMBER);
            return token.text().equals("-") ? "-" + number.text() : number.text();
        }
        if (token.type() == TokenType.NUMBER) {
            tokens.next();
            return token.text();
        }
        return valueWord();
    }

    private String valueWord() {
        Token token = tokens.peek();
        if (token.type() == TokenType.STRING) {
            tokens.next();
            return token.value();
        }
        if (!token.isName()) {
            throw tokens.syntaxError();
        }
        tokens.next();
        return token.value();
    }

    private boolean acceptOperator(String operator) {
        if (tokens.peek().isOperator(operator)) {
            tokens.next();
            return true;
        }
        return false;
    }

    /** After {@code RESET}. */
    Statement reset() {
        String name;
        if (tokens.acceptKeywords("all")) {
            name = "all";
        } else if (tokens.acceptKeywords("time", "zone")) {
            name = "timezone";
        } else if (tokens.isKeywords("session", "authorization") || tokens.isKeyword("role")) {
            throw SqlErrors.unsupported(
                    "RESET " + tokens.peek().value().toUpperCase(Locale.ROOT), "the driver has no roles");
        } else if (tokens.acceptKeywords("transaction", "isolation", "level")) {
            name = "transaction_isolation";
        } else {
            name = variableName();
        }
        tokens.expectEnd();
        return new Statement.ResetVariable(name);
    }

    /** After {@code SHOW}. */
    Statement show() {
        String name;
        if (tokens.acceptKeywords("all")) {
            name = "all";
        } else if (tokens.acceptKeywords("time", "zone")) {
            name = "timezone";
        } else if (tokens.acceptKeywords("transaction", "isolation", "level")) {
            name = "transaction_isolation";
        } else if (tokens.acceptKeywords("session", "authorization")) {
            name = "session_authorization";
        } else {
            name = variableName();
        }
        tokens.expectEnd();
        return new Statement.ShowVariable(name);
    }

    /** After {@code BEGIN}: {@code [WORK | TRANSACTION] [mode [, ...]]}. */
    Statement begin() {
        if (!tokens.acceptKeywords("work")) {
            tokens.acceptKeywords("transaction");
        }
        transactionModes();
        return new Statement.Transaction(TransactionAction.BEGIN);
    }

    /** After {@code START}: {@code TRANSACTION [mode [, ...]]}. */
    Statement startTransaction() {
        tokens.expectKeywords("transaction");
        transactionModes();
        return new Statement.Transaction(TransactionAction.BEGIN);
    }

    /** After {@code COMMIT} or {@code END}. */
    Statement commit(String keyword) {
        if (tokens.isKeyword("prepared")) {
            throw SqlErrors.unsupported(keyword.toUpperCase(Locale.ROOT) + " PREPARED", "two-phase commit");
        }
        return transactionEnd(TransactionAction.COMMIT);
    }

    /** After {@code ROLLBACK} or {@code ABORT}. */
    Statement rollback(String keyword) {
        if (tokens.isKeyword("prepared")) {
            throw SqlErrors.unsupported(keyword.toUpperCase(Locale.ROOT) + " PREPARED", "two-phase commit");
        }
        if (!tokens.acceptKeywords("work")) {
            tokens.acceptKeywords("transaction");
        }
        if (tokens.isKeyword("to")) {
            throw SqlErrors.unsupported("ROLLBACK TO SAVEPOINT", "the driver has no savepoints");
        }
        return transactionEnd(TransactionAction.ROLLBACK);
    }

    private Statement transactionEnd(TransactionAction action) {
        if (!tokens.acceptKeywords("work")) {
            tokens.acceptKeywords("transaction");
        }
        if (tokens.acceptKeywords("and", "no", "chain")) {
            tokens.expectEnd();
        } else if (tokens.isKeywords("and", "chain")) {
            throw SqlErrors.unsupported("AND CHAIN", "start the next transaction with BEGIN");
        }
        tokens.expectEnd();
        return new Statement.Transaction(action);
    }

    /**
     * Transaction modes of BEGIN / START TRANSACTION, separated by commas or blanks. Isolation levels,
     * READ WRITE and DEFERRABLE are accepted (each statement is atomic on its own), READ ONLY is 0A000:
     * the driver could not keep the promise of refusing writes.
     */
    private void transactionModes() {
        boolean first = true;
        while (!tokens.atEnd()) {
            if (!first) {
                tokens.accept(TokenType.COMMA);
            }
            first = false;
            if (tokens.acceptKeywords("isolation", "level")) {
                isolationLevel();
            } else if (tokens.acceptKeywords("read", "write")
                    || tokens.acceptKeywords("deferrable")
                    || tokens.acceptKeywords("not", "deferrable")) {
                continue;
            } else if (tokens.isKeywords("read", "only")) {
                throw SqlErrors.unsupported("READ ONLY transactions", "every statement runs and commits on its own");
            } else {
                throw tokens.syntaxError();
            }
        }
    }
}
