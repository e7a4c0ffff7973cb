package org.stripejdbc.sql.parse;

/** The kinds of lexical token the {@link Tokenizer} produces. Comments and whitespace produce no token. */
enum TokenType {
    /** An unquoted word ({@code select}, {@code stripe_server}); its value is folded to lower case. */
    IDENTIFIER,
    /** A {@code "double quoted"} identifier; its value keeps its case, {@code ""} unescaped to {@code "}. */
    QUOTED_IDENTIFIER,
    /** A string constant in any of its forms ({@code '..'}, {@code E'..'}, {@code $$..$$}); value decoded. */
    STRING,
    /** A numeric constant as written ({@code 42}, {@code 1.5}, {@code 1e5}, {@code .5}). */
    NUMBER,
    /** An operator ({@code =}, {@code ->>}, {@code #>}, {@code ::}, {@code ?|}...). */
    OPERATOR,
    /** A {@code ?} or {@code $n} parameter; see {@link Token#parameterIndex()}. */
    PARAMETER,
    LEFT_PAREN,
    RIGHT_PAREN,
    LEFT_BRACKET,
    RIGHT_BRACKET,
    COMMA,
    SEMICOLON,
    DOT,
    /** A lone {@code :} (array slices, {@code a[1:2]}). */
    COLON,
    /** The end of the text; always the last token. */
    END
}
