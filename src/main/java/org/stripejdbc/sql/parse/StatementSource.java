package org.stripejdbc.sql.parse;

import java.util.List;
import java.util.Objects;

/**
 * The tokens of one statement of a script, ending with an {@link TokenType#END} token. When the statement
 * was closed by a semicolon, that END token stands on the semicolon (so an error there reads
 * {@code syntax error at or near ";"}, as in Postgres); otherwise it stands at the end of the text.
 * Parameters are numbered: {@code ?} sequentially from 1, {@code $n} by its number.
 */
record StatementSource(SourceText source, List<Token> tokens, int start, int end, int parameterCount) {

    StatementSource {
        Objects.requireNonNull(source, "source");
        tokens = List.copyOf(tokens);
        if (tokens.isEmpty() || tokens.get(tokens.size() - 1).type() != TokenType.END) {
            throw new IllegalArgumentException("tokens must end with END");
        }
    }

    /** The statement as written, from its first token to its last (comments inside included, ';' excluded). */
    String text() {
        return source.sql().substring(start, end);
    }

    /** The tokens from {@code fromIndex} on, as a statement of their own (used after EXPLAIN's prefix). */
    StatementSource from(int fromIndex) {
        List<Token> rest = tokens.subList(fromIndex, tokens.size());
        int restEnd =
                rest.size() > 1 ? rest.get(rest.size() - 2).end() : rest.get(0).start();
        return new StatementSource(
                source, rest, rest.get(0).start(), Math.max(rest.get(0).start(), restEnd), parameterCount);
    }
}
