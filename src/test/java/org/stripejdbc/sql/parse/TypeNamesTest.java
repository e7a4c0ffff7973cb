package org.stripejdbc.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.types.SqlType;

class TypeNamesTest {

    private static String parse(String typeName) {
        SourceText source = new SourceText(typeName);
        StatementSource statement =
                ScriptSplitter.split(source, Tokenizer.tokenize(source)).get(0);
        TokenReader tokens = new TokenReader(statement);
        String parsed = TypeNames.parse(tokens);
        tokens.expectEnd();
        return parsed;
    }

    @Test
    void parsesToTheNormalisedSpelling() {
        assertEquals("numeric(10,2)", parse("NUMERIC ( 10 , 2 )"));
        assertEquals("timestamp without time zone", parse("timestamp  WITHOUT\n time zone"));
        assertEquals("timestamp(3) with time zone", parse("timestamp(3) with time zone"));
        assertEquals("character varying(20)", parse("Character Varying(20)"));
        assertEquals("national character varying", parse("national character varying"));
        assertEquals("double precision", parse("double precision"));
        assertEquals("text[]", parse("text[]"));
        assertEquals("int[][]", parse("int[3][]"));
        assertEquals("text[]", parse("text array"));
        assertEquals("pg_catalog.int8", parse("pg_catalog.int8"));
        assertEquals("char", parse("\"char\""));
    }

    @Test
    void rejectsMalformedTypes() {
        assertThrows(SqlParseException.class, () -> parse("double"));
        assertThrows(SqlParseException.class, () -> parse("numeric(10,"));
        assertThrows(SqlParseException.class, () -> parse("select"));
        assertEquals(
                SqlState.FEATURE_NOT_SUPPORTED,
                assertThrows(StripeJdbcException.class, () -> parse("interval day to second"))
                        .sqlState());
    }

    @Test
    void normalizesJsqlParserSpellings() {
        assertEquals("numeric(10,2)", TypeNames.normalize("numeric (10, 2)"));
        assertEquals("character varying(20)", TypeNames.normalize("CHARACTER VARYING (20)"));
        assertEquals("text[]", TypeNames.normalize("text [ ]"));
        assertEquals("text[]", TypeNames.normalize("text[5]"));
    }

    @Test
    void resolvesKnownUnsupportedAndUnknownTypes() {
        assertEquals(SqlType.NUMERIC, TypeNames.resolve("numeric(10,2)"));
        assertEquals(SqlType.TIMESTAMP, TypeNames.resolve("timestamp without time zone"));
        assertEquals(SqlType.ARRAY, TypeNames.resolve("text[]"));
        StripeJdbcException unsupported = assertThrows(StripeJdbcException.class, () -> TypeNames.resolve("bytea"));
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, unsupported.sqlState());
        assertEquals("type bytea is not supported", unsupported.getMessage());
        StripeJdbcException unknown = assertThrows(StripeJdbcException.class, () -> TypeNames.resolve("texty"));
        assertEquals(SqlState.UNDEFINED_OBJECT, unknown.sqlState());
        assertEquals("type \"texty\" does not exist", unknown.getMessage());
    }
}
