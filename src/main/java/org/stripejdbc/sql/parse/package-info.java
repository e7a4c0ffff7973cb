/**
 * The SQL front end: SQL text to the statement model of {@code org.stripejdbc.sql}, with Postgres' lexical rules and
 * Postgres' error texts and positions.
 *
 * <p>Entry points: {@link org.stripejdbc.sql.parse.SqlFrontEnd} ({@code parse}, {@code parseScript},
 * {@code splitScript}) and {@link org.stripejdbc.sql.parse.ParseCache}, the bounded cache of parsed texts every
 * session shares. Inside: {@code Tokenizer} (a Postgres-compatible lexer) and {@code ScriptSplitter} split a text into
 * statements; {@code StatementParser} routes each by its first keywords: queries and INSERT/UPDATE/DELETE to
 * JSqlParser ({@code JsqlStatementParser}, whose AST the {@code Jsql*Converter}s turn into the model and which never
 * leaks out), the FDW and catalog DDL to the hand-written {@code CatalogStatementParser} and
 * {@code ForeignTableStatementParser}, SET/SHOW/transactions to {@code SessionStatementParser}.
 *
 * <pre>
 *   SqlFrontEnd.parseScript("create schema stripe; select id from stripe.customers where id = $1")
 *     → [ParsedStatement(CreateSchema("stripe", false), "create schema stripe", 0),
 *        ParsedStatement(QueryStatement(Select(... where id = Parameter(1))), "select id ...", 1)]
 *   SqlFrontEnd.parse("selec 1")   → 42601 syntax error at or near "selec", with its position
 * </pre>
 *
 * <p>The only package that knows JSqlParser. Knows {@code sql}, {@code types}, {@code error} and
 * {@code vault.Redactor} (an error quoting a statement masks its secrets). Must not know the catalog, the engine, the
 * session or Stripe: whether a table or function exists is decided later.
 */
package org.stripejdbc.sql.parse;
