/**
 * The JDBC layer: {@code jdbc:stripe:} through Avatica. The top of the driver; nothing but the serve mode depends on
 * it.
 *
 * <p>Entry point: {@link org.stripejdbc.driver.StripeDriver}, registered through
 * {@code META-INF/services/java.sql.Driver}. A {@code StripeConnection} is one {@code session.Session}, opened by the
 * driver's {@code session.SessionFactory} ({@code session.StripeEngine} unless a test passes another);
 * {@code StripeMeta} is Avatica's {@code Meta} over it: it prepares a statement with {@code Session.prepare}, runs
 * the {@code session.Command} ({@code CommandRunner}), and serves rows one {@code ResultSet.next()} at a time
 * ({@code RowCursor}, never a row ahead, so a Stripe page is requested only for a row the caller wants).
 * {@code StripeResultSet} reads values as pgjdbc reads them from PostgreSQL; {@code SqlExceptions} turns the engine's
 * {@code error.StripeJdbcException} into the {@code SQLException} subclass of its SQLSTATE's class;
 * {@code MetadataQueries} answers {@code DatabaseMetaData} from the session's {@code MetadataView}.
 *
 * <pre>
 *   DriverManager.getConnection("jdbc:stripe:mem:demo", "stripe", "sk_test_...")    → StripeConnection, one Session
 *   executeQuery("select id from stripe.customers limit 2")                        → GET /v1/customers?limit=2
 *                                                                                     (row 1 read by the execution)
 *   executeQuery("select * from nowhere")                                          → SQLSyntaxErrorException 42P01
 *                                                                                     relation "nowhere" does not exist
 * </pre>
 *
 * <p>Knows Avatica (the only package besides {@code serve}), the session's interface ({@code Session},
 * {@code Command}, {@code CommandResult}, {@code MetadataView}), the engine's API types ({@code RowIterator},
 * {@code ResultColumn}, {@code ExecutionContext}, {@code ScanListener}), {@code config}, {@code types},
 * {@code runtime}, {@code error} and {@code vault.SecretNames} (which URL parameters to hide). It must not know how a
 * statement runs: no parser, catalog, Stripe adapter, HTTP client or engine subpackage. No Stripe logic lives here.
 */
package org.stripejdbc.driver;
