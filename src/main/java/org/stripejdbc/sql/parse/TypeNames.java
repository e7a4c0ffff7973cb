package org.stripejdbc.sql.parse;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.ReservedWords;
import org.stripejdbc.types.SqlType;

/**
 * Type names as written in column definitions and casts: parsing them from tokens into the normalised
 * spelling the statement model keeps, and resolving that spelling to a {@link SqlType}.
 *
 * <p>Normalised spelling: lower case, single spaces between words, modifiers glued to the word before them,
 * array bounds as {@code []}. Examples: {@code NUMERIC( 10 , 2 )} → {@code numeric(10,2)},
 * {@code timestamp  WITHOUT time zone} → {@code timestamp without time zone}, {@code text ARRAY} →
 * {@code text[]}, {@code character varying(20)}, {@code double precision}.
 */
final class TypeNames {

    /** Postgres types that exist but that the driver cannot carry: 0A000 rather than "does not exist". */
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of(
            "money",
            "bytea",
            "xml",
            "inet",
            "cidr",
            "macaddr",
            "macaddr8",
            "point",
            "line",
            "lseg",
            "box",
            "path",
            "polygon",
            "circle",
            "bit",
            "bit varying",
            "varbit",
            "oid",
            "regclass",
            "regtype",
            "regproc",
            "tsvector",
            "tsquery",
            "int4range",
            "int8range",
            "numrange",
            "tsrange",
            "tstzrange",
            "daterange",
            "pg_lsn",
            "txid_snapshot",
            "jsonpath",
            "timetz",
            "time with time zone",
            "record",
            "void",
            "hstore");

    private TypeNames() {}

    /**
     * Parses a type name at the tokens, e.g. {@code numeric(10,2)}, {@code timestamp with time zone},
     * {@code text[]}, {@code pg_catalog.int8}, and returns its normalised spelling.
     */
    static String parse(TokenReader tokens) {
        Token first = tokens.peek();
        if (!first.isName() || (first.type() == TokenType.IDENTIFIER && ReservedWords.cannotBeName(first.value()))) {
            throw tokens.syntaxError();
        }
        StringBuilder name = new StringBuilder(tokens.label());
        String word = first.type() == TokenType.IDENTIFIER ? first.value() : "";
        switch (word) {
            case "double":
                tokens.expectKeywords("precision");
                name.append(" precision");
                break;
            case "national":
                if (!tokens.isKeyword("character") && !tokens.isKeyword("char")) {
                    throw tokens.syntaxError();
                }
                name.append(' ').append(tokens.label());
                acceptVarying(tokens, name);
                break;
            case "character":
            case "char":
            case "nchar":
            case "bit":
                acceptVarying(tokens, name);
                break;
            default:
                while (tokens.accept(TokenType.DOT)) {
                    name.append('.').append(tokens.label());
                }
        }
        if (tokens.peek().type() == TokenType.LEFT_PAREN) {
            name.append(modifiers(tokens));
        }
        if ((word.equals("timestamp") || word.equals("time"))
                && (tokens.isKeywords("with", "time", "zone") || tokens.isKeywords("without", "time", "zone"))) {
            name.append(' ').append(tokens.next().value()).append(" time zone");
            tokens.next();
            tokens.next();
        }
        if (word.equals("interval") && isIntervalField(tokens.peek())) {
            throw SqlErrors.unsupported(
                    "interval field restriction (" + tokens.peek().value() + ")", null);
        }
        appendArrayBounds(tokens, name);
        return name.toString();
    }

    private static void acceptVarying(TokenReader tokens, StringBuilder name) {
        if (tokens.acceptKeywords("varying")) {
            name.append(" varying");
        }
    }

    /** {@code ( 10 , 2 )} → {@code (10,2)}. */
    private static String modifiers(TokenReader tokens) {
        StringBuilder modifiers = new StringBuilder("(");
        tokens.expect(TokenType.LEFT_PAREN);
        do {
            Token token = tokens.peek();
            if (token.type() == TokenType.NUMBER || token.type() == TokenType.IDENTIFIER) {
                modifiers.append(token.value());
            } else if (token.type() == TokenType.STRING) {
                modifiers.append('\'').append(token.value().replace("'", "''")).append('\'');
            } else {
                throw tokens.syntaxError();
            }
            tokens.next();
            if (tokens.peek().type() == TokenType.COMMA) {
                modifiers.append(',');
            }
        } while (tokens.accept(TokenType.COMMA));
        tokens.expect(TokenType.RIGHT_PAREN);
        return modifiers.append(')').toString();
    }

    private static void appendArrayBounds(TokenReader tokens, StringBuilder name) {
        if (tokens.acceptKeywords("array")) {
            if (tokens.accept(TokenType.LEFT_BRACKET)) {
                tokens.expect(TokenType.NUMBER);
                tokens.expect(TokenType.RIGHT_BRACKET);
            }
            name.append("[]");
            return;
        }
        while (tokens.accept(TokenType.LEFT_BRACKET)) {
            tokens.accept(TokenType.NUMBER);
            tokens.expect(TokenType.RIGHT_BRACKET);
            name.append("[]");
        }
    }

    private static boolean isIntervalField(Token token) {
        return token.type() == TokenType.IDENTIFIER
                && Set.of("year", "month", "day", "hour", "minute", "second").contains(token.value());
    }

    /** Lower case with single spaces and no blanks around {@code ( , )}: {@code numeric (10, 2)} → {@code
     * numeric(10,2)}. */
    static String normalize(String written) {
        String lower = written.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return lower.replaceAll(" ?\\( ?", "(")
                .replaceAll(" ?, ?", ",")
                .replaceAll(" ?\\)", ")")
                .replaceAll(" ?\\[ ?", "[")
                .replaceAll(" ?\\]", "]")
                .replaceAll("\\[\\d+]", "[]");
    }

    /**
     * Resolves a normalised type name: a known type gives its {@link SqlType}; a Postgres type the driver
     * cannot carry gives 0A000; anything else 42704 {@code type "x" does not exist}.
     */
    static SqlType resolve(String typeName) {
        Optional<SqlType> type = SqlType.fromName(typeName);
        if (type.isPresent()) {
            return type.get();
        }
        String base = typeName.replaceAll("\\(.*?\\)", "")
                .replaceFirst("^pg_catalog\\.", "")
                .trim();
        if (KNOWN_UNSUPPORTED.contains(base)) {
            throw StripeJdbcException.unsupported("type " + base + " is not supported");
        }
        throw new StripeJdbcException(
                SqlState.UNDEFINED_OBJECT, "type \"" + SqlErrors.mask(typeName) + "\" does not exist");
    }
}
