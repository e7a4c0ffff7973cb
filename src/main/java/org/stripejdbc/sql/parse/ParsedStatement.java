package org.stripejdbc.sql.parse;

import java.util.Objects;
import org.stripejdbc.sql.Statement;

/**
 * One parsed statement: the model, its text as written (from its first to its last token, without the
 * closing {@code ;}) and how many parameters it takes, which JDBC needs at prepare time.
 *
 * <p>Example: {@code select * from stripe.customers where id = ? and email = ?;} gives
 * {@code ParsedStatement(QueryStatement(...), "select * from stripe.customers where id = ? and email = ?", 2)};
 * {@code ... where id = $2} gives a count of 2 as well (the highest {@code $n}).
 */
public record ParsedStatement(Statement statement, String text, int parameterCount) {
    public ParsedStatement {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(text, "text");
        if (parameterCount < 0) {
            throw new IllegalArgumentException("parameterCount must not be negative");
        }
    }
}
