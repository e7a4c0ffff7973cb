/**
 * The driver's errors: {@link org.stripejdbc.error.SqlState}, every SQLSTATE the driver raises, and
 * {@link org.stripejdbc.error.StripeJdbcException}, the one exception every layer below JDBC throws, with its
 * SQLSTATE and a message that names the statement part, object or value at fault (never a secret).
 *
 * <p>Example: {@code new StripeJdbcException(SqlState.UNDEFINED_TABLE, "relation \"stripe.nowhere\" does not
 * exist")} reaches the application, through {@code driver.SqlExceptions}, as a {@code java.sql.SQLSyntaxErrorException}
 * with SQLSTATE {@code 42P01} and the same message.
 *
 * <p>The bottom of the driver: it knows nothing of any other package, and every package may use it.
 */
package org.stripejdbc.error;
