package org.stripejdbc.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;

class ScriptSplitterTest {

    private static List<StatementSource> split(String sql) {
        SourceText source = new SourceText(sql);
        return ScriptSplitter.split(source, Tokenizer.tokenize(source));
    }

    private static List<String> texts(String sql) {
        return split(sql).stream().map(StatementSource::text).toList();
    }

    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        String script = "select ';' as a; select $$;$$; select \"a;b\" from t; select 1 /* ; */ -- ;\n; select $x$;$x$";
        assertEquals(
                List.of("select ';' as a", "select $$;$$", "select \"a;b\" from t", "select 1", "select $x$;$x$"),
                texts(script));
    }

    @Test
    void skipsEmptyStatementsAndCommentOnlyText() {
        assertEquals(List.of("select 1", "select 2"), texts(";; select 1;;\n-- nothing\n;select 2;"));
        assertEquals(List.of(), texts("  -- just a comment\n /* and another */ ;;"));
        assertEquals(List.of(), texts(""));
    }

    @Test
    void statementTextRunsFromFirstToLastTokenWithInnerCommentsKept() {
        assertEquals(List.of("select /* keep */ 1"), texts("  -- lead\n  select /* keep */ 1  ;  "));
    }

    @Test
    void endTokenStandsOnTheSemicolon() {
        StatementSource first = split("select (1; select 2").get(0);
        Token end = first.tokens().get(first.tokens().size() - 1);
        assertEquals(TokenType.END, end.type());
        assertEquals(";", end.text());
        assertEquals(9, end.start());
    }

    @Test
    void numbersQuestionMarksPerStatement() {
        List<StatementSource> statements = split("select ?, ?; select ? ; select $3, $1");
        assertEquals(2, statements.get(0).parameterCount());
        assertEquals(
                List.of(1, 2),
                statements.get(0).tokens().stream()
                        .filter(token -> token.type() == TokenType.PARAMETER)
                        .map(Token::parameterIndex)
                        .toList());
        assertEquals(1, statements.get(1).parameterCount());
        assertEquals(3, statements.get(2).parameterCount(), "the highest $n counts");
    }

    @Test
    void questionMarkOperatorsAreNotParameters() {
        assertEquals(
                0,
                split("select attrs ?| array['a'], attrs ?& array['b']").get(0).parameterCount());
    }

    @Test
    void mixingParameterStylesIsASyntaxError() {
        SqlParseException error = assertThrows(SqlParseException.class, () -> split("select $1, ?"));
        assertEquals(SqlState.SYNTAX_ERROR, error.sqlState());
        assertEquals(12, error.position());
    }
}
