/**
 * The statement model: immutable records of every statement the driver runs, as the front end ({@code sql.parse})
 * builds them and every later stage reads them. {@link org.stripejdbc.sql.Statement} (queries, INSERT/UPDATE/DELETE,
 * EXPLAIN, the FDW and catalog DDL, SET/SHOW, transactions), {@link org.stripejdbc.sql.Query},
 * {@link org.stripejdbc.sql.Expr}, {@link org.stripejdbc.sql.FromItem}, {@link org.stripejdbc.sql.SelectItem} and
 * {@link org.stripejdbc.sql.OrderItem}; for the DDL {@link org.stripejdbc.sql.QualifiedName},
 * {@link org.stripejdbc.sql.ColumnDefinition}, {@link org.stripejdbc.sql.OptionChange},
 * {@link org.stripejdbc.sql.TableAlteration}, {@link org.stripejdbc.sql.CommentTarget} and
 * {@link org.stripejdbc.sql.ImportFilter}, which the catalog takes as they are. Identifiers are already case-folded.
 *
 * <p>{@link org.stripejdbc.sql.ExprPrinter} is the one printer of {@code Expr}, with Postgres' EXPLAIN forms: the
 * engine's operators, the Stripe scans' EXPLAIN lines and error messages all print conditions through it.
 * {@link org.stripejdbc.sql.ExprTrees} is the one walker of {@code Expr} trees (children, bottom-up rewriting, the
 * AND-conjunct split pushdown starts from), shared by the engine and the Stripe adapter.
 * {@link org.stripejdbc.sql.ReservedWords} is the one list of Postgres' key words a name cannot be: the parser
 * refuses them unquoted, the printer quotes them.
 *
 * <pre>
 *   where email = 'a@b.c' and name like 'A%'
 *     → Expr.Binary(AND, Binary(EQUALS, ColumnRef(null, "email"), Literal("a@b.c", UNKNOWN)),
 *                        Like(ColumnRef(null, "name"), Literal("A%", UNKNOWN), false, false, null))
 *     → ExprPrinter.print(...)  =  ((email = 'a@b.c') AND (name ~~ 'A%'))
 * </pre>
 *
 * <p>Knows only {@code types} (the type of a literal or cast) and {@code vault.SecretNames} ({@code toString()} of an
 * option list masks secret values: {@code SET api_key '****'}). Must not know the grammar or JSqlParser (that is
 * {@code sql.parse}), nor the engine, the catalog or Stripe: the model says what was written, not what it means.
 */
package org.stripejdbc.sql;
