package org.stripejdbc.sql.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.OptionChange;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.ReservedWords;

/**
 * A read position in one statement's tokens, with the small vocabulary a recursive-descent parser needs:
 * look at the next token, accept a keyword sequence, expect a name, fail with a Postgres-style error at the
 * current token. Keywords are given in lower case and match unquoted words only.
 */
final class TokenReader {

    private final StatementSource statement;
    private final List<Token> tokens;
    private int index;

    TokenReader(StatementSource statement) {
        this(statement, 0);
    }

    TokenReader(StatementSource statement, int index) {
        this.statement = statement;
        this.tokens = statement.tokens();
        this.index = index;
    }

    StatementSource statement() {
        return statement;
    }

    int index() {
        return index;
    }

    Token peek() {
        return tokens.get(index);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    Token next() {
        Token token = tokens.get(index);
        if (token.type() != TokenType.END) {
            index++;
        }
        return token;
    }

    boolean atEnd() {
        return peek().type() == TokenType.END;
    }

    boolean isKeyword(String keyword) {
        return peek().isKeyword(keyword);
    }

    /** Whether the next tokens are exactly {@code keywords}, without consuming them. */
    boolean isKeywords(String... keywords) {
        for (int i = 0; i < keywords.length; i++) {
            if (!peek(i).isKeyword(keywords[i])) {
                return false;
            }
        }
        return true;
    }

    /** Consumes {@code keywords} if the next tokens are exactly those; otherwise consumes nothing. */
    boolean acceptKeywords(String... keywords) {
        if (!isKeywords(keywords)) {
            return false;
        }
        index += keywords.length;
        return true;
    }

    void expectKeywords(String... keywords) {
        for (String keyword : keywords) {
            if (!peek().isKeyword(keyword)) {
                throw syntaxError();
            }
            next();
        }
    }

    boolean accept(TokenType type) {
        if (peek().type() == type) {
            next();
            return true;
        }
        return false;
    }

    Token expect(TokenType type) {
        if (peek().type() != type) {
            throw syntaxError();
        }
        return next();
    }

    void expectEnd() {
        if (!atEnd()) {
            throw syntaxError();
        }
    }

    /** IF NOT EXISTS, if present. */
    boolean acceptIfNotExists() {
        return acceptKeywords("if", "not", "exists");
    }

    /** IF EXISTS, if present. */
    boolean acceptIfExists() {
        return acceptKeywords("if", "exists");
    }

    /** A name that may not be a reserved word unless quoted (Postgres' ColId): {@code stripe}, {@code "My Schema"}. */
    String name() {
        Token token = peek();
        if (token.type() == TokenType.QUOTED_IDENTIFIER
                || (token.type() == TokenType.IDENTIFIER && !ReservedWords.cannotBeName(token.value()))) {
            next();
            return token.value();
        }
        throw syntaxError();
    }

    /** Any word, reserved or not, or a quoted identifier (Postgres' ColLabel), e.g. an option name. */
    String label() {
        Token token = peek();
        if (token.isName()) {
            next();
            return token.value();
        }
        throw syntaxError();
    }

    /** {@code name} or {@code schema.name}. */
    QualifiedName qualifiedName() {
        Token first = peek();
        String name = name();
        if (peek().type() != TokenType.DOT) {
            return QualifiedName.of(name);
        }
        next();
        String second = label();
        if (peek().type() == TokenType.DOT) {
            throw SqlErrors.at(
                    statement.source(),
                    first.start(),
                    SqlState.SYNTAX_ERROR,
                    "improper qualified name (too many dotted names): " + SqlErrors.mask(first.text()) + "...");
        }
        return new QualifiedName(name, second);
    }

    /** {@code name} or {@code a.b.c}, joined with dots (function names such as {@code extensions.handler}). */
    String dottedName() {
        StringBuilder name = new StringBuilder(name());
        while (accept(TokenType.DOT)) {
            name.append('.').append(label());
        }
        return name.toString();
    }

    /** A string constant's decoded value. */
    String string() {
        return expect(TokenType.STRING).value();
    }

    /** {@code CASCADE} → true, {@code RESTRICT} or nothing → false. */
    boolean acceptDropBehavior() {
        if (acceptKeywords("cascade")) {
            return true;
        }
        acceptKeywords("restrict");
        return false;
    }

    /**
     * {@code OPTIONS (name 'value', ...)} after the OPTIONS keyword was consumed: names fold like identifiers,
     * values are string constants; the written order is kept; a repeated name is 42710.
     */
    Map<String, String> optionList() {
        Map<String, String> options = new LinkedHashMap<>();
        expect(TokenType.LEFT_PAREN);
        do {
            Token nameToken = peek();
            String name = label();
            String value = string();
            if (options.putIfAbsent(name, value) != null) {
                throw duplicateOption(nameToken, name);
            }
        } while (accept(TokenType.COMMA));
        expect(TokenType.RIGHT_PAREN);
        return options;
    }

    /** {@code a, b, c}: one name or more, comma-separated. */
    List<String> nameList() {
        List<String> names = new ArrayList<>();
        do {
            names.add(name());
        } while (accept(TokenType.COMMA));
        return names;
    }

    /** {@code OPTIONS (k 'v', ...)} when present, else an empty map. */
    Map<String, String> optionalOptions() {
        return acceptKeywords("options") ? optionList() : new LinkedHashMap<>();
    }

    /**
     * {@code (ADD k 'v', SET k 'v', DROP k, k 'v')} after the OPTIONS keyword; a bare {@code k 'v'} is ADD.
     * Naming one option twice is 42710, as in Postgres.
     */
    List<OptionChange> optionChanges() {
        List<OptionChange> changes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        expect(TokenType.LEFT_PAREN);
        do {
            OptionChange.Action action = OptionChange.Action.ADD;
            // "add", "set" and "drop" are also legal option names: they are actions only when a name follows.
            if (peek(1).isName()) {
                if (acceptKeywords("add")) {
                    action = OptionChange.Action.ADD;
                } else if (acceptKeywords("set")) {
                    action = OptionChange.Action.SET;
                } else if (acceptKeywords("drop")) {
                    action = OptionChange.Action.DROP;
                }
            }
            Token nameToken = peek();
            String name = label();
            String value = action == OptionChange.Action.DROP ? null : string();
            if (!seen.add(name)) {
                throw duplicateOption(nameToken, name);
            }
            changes.add(new OptionChange(action, name, value));
        } while (accept(TokenType.COMMA));
        expect(TokenType.RIGHT_PAREN);
        return changes;
    }

    StripeJdbcException duplicateOption(Token at, String name) {
        return SqlErrors.at(
                statement.source(),
                at.start(),
                SqlState.DUPLICATE_OBJECT,
                "option \"" + SqlErrors.mask(name) + "\" provided more than once");
    }

    /** 42601 at the current token. */
    SqlParseException syntaxError() {
        return SqlErrors.syntaxErrorAt(statement.source(), peek());
    }

    /** An error of {@code state} pointing at {@code token}. */
    SqlParseException errorAt(Token token, SqlState state, String reason) {
        return SqlErrors.at(statement.source(), token.start(), state, reason);
    }

    /** 42601 {@code conflicting or redundant options} at {@code token}, as Postgres reports repeated clauses. */
    SqlParseException redundant(Token token) {
        return errorAt(token, SqlState.SYNTAX_ERROR, "conflicting or redundant options");
    }
}
