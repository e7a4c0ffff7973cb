package org.stripejdbc.sql.parse;

import java.util.Objects;

/**
 * One lexical token of SQL text.
 *
 * <p>{@code text} is the token exactly as written; {@code value} is its meaning: the folded name of an
 * identifier ({@code Stripe} → {@code stripe}), the unquoted name of a quoted identifier
 * ({@code "Items"} → {@code Items}), the decoded content of a string ({@code 'it''s'} → {@code it's}).
 * {@code start} and {@code end} are UTF-16 offsets into the whole source text, end exclusive.
 * {@code parameterIndex} is the 1-based parameter number of a {@link TokenType#PARAMETER} token
 * ({@code $3} → 3; a {@code ?} gets its sequential number), 0 for every other token.
 */
record Token(TokenType type, String text, String value, int start, int end, int parameterIndex) {

    Token {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(value, "value");
    }

    /** Whether this is the unquoted word {@code keyword} (given in lower case); quoted identifiers never are. */
    boolean isKeyword(String keyword) {
        return type == TokenType.IDENTIFIER && value.equals(keyword);
    }

    boolean is(TokenType expected) {
        return type == expected;
    }

    boolean isOperator(String operator) {
        return type == TokenType.OPERATOR && text.equals(operator);
    }

    /** Whether this token names something: an unquoted word or a quoted identifier. */
    boolean isName() {
        return type == TokenType.IDENTIFIER || type == TokenType.QUOTED_IDENTIFIER;
    }

    Token withParameterIndex(int index) {
        return new Token(type, text, value, start, end, index);
    }
}
