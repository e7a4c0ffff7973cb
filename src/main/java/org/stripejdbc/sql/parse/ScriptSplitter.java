package org.stripejdbc.sql.parse;

import java.util.ArrayList;
import java.util.List;
import org.stripejdbc.error.SqlState;

/**
 * Splits a token stream into statements at every top-level {@code ;}, as the Postgres server does for a
 * multi-statement query string. Semicolons inside strings, dollar quotes, quoted identifiers and comments
 * are not tokens, so they never split. Empty statements ({@code ;;}, comment-only text) are dropped.
 *
 * <p>It also numbers each statement's parameters: {@code ?} sequentially from 1, {@code $n} by its number
 * (the parameter count is the highest number). Mixing {@code ?} and {@code $n} in one statement is 42601.
 */
final class ScriptSplitter {

    private ScriptSplitter() {}

    static List<StatementSource> split(SourceText source, List<Token> tokens) {
        List<StatementSource> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token token : tokens) {
            if (token.type() == TokenType.SEMICOLON || token.type() == TokenType.END) {
                if (!current.isEmpty()) {
                    Token end = new Token(TokenType.END, token.text(), token.text(), token.start(), token.end(), 0);
                    statements.add(statement(source, current, end));
                    current = new ArrayList<>();
                }
            } else {
                current.add(token);
            }
        }
        return statements;
    }

    private static StatementSource statement(SourceText source, List<Token> body, Token end) {
        List<Token> numbered = new ArrayList<>(body.size() + 1);
        int questionMarks = 0;
        int highestNumbered = 0;
        Token firstQuestionMark = null;
        Token firstNumbered = null;
        for (Token token : body) {
            if (token.type() == TokenType.PARAMETER) {
                if (token.text().equals("?")) {
                    questionMarks++;
                    firstQuestionMark = firstQuestionMark == null ? token : firstQuestionMark;
                    token = token.withParameterIndex(questionMarks);
                } else {
                    highestNumbered = Math.max(highestNumbered, token.parameterIndex());
                    firstNumbered = firstNumbered == null ? token : firstNumbered;
                }
            }
            numbered.add(token);
        }
        if (firstQuestionMark != null && firstNumbered != null) {
            Token later = firstQuestionMark.start() > firstNumbered.start() ? firstQuestionMark : firstNumbered;
            throw SqlErrors.at(
                    source, later.start(), SqlState.SYNTAX_ERROR, "cannot mix ? and $n parameters in one statement");
        }
        numbered.add(end);
        return new StatementSource(
                source,
                numbered,
                body.get(0).start(),
                body.get(body.size() - 1).end(),
                Math.max(questionMarks, highestNumbered));
    }
}
