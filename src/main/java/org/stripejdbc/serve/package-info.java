/**
 * The optional serve mode: Avatica's HTTP server ({@code avatica-server}, Jetty) over the driver, so that
 * Avatica's thin JDBC client ({@code jdbc:avatica:remote:url=http://127.0.0.1:8765;serialization=PROTOBUF})
 * and other Avatica clients query the same catalog. Run it from the {@code -server} jar
 * ({@code java -jar stripe-jdbc-<version>-server.jar}) or with {@link org.stripejdbc.serve.StripeServe#start}.
 *
 * <p>{@code avatica-server} is an optional dependency: the driver artifact and the {@code -all} jar do not carry
 * it, and nothing outside this package refers to it. The only package that knows Jetty or {@code avatica-server}.
 *
 * <p>How it fits together:
 * <ul>
 *   <li>{@code ServeOptions} parses and validates the command line; a host that is not loopback without a BASIC
 *       user is refused there ({@code BindAddress} decides what is loopback).</li>
 *   <li>{@code ServedCatalog} picks what is served (the emulator, the default catalog with a key, or a URL) and
 *       connects once to fail early.</li>
 *   <li>{@code ServedJdbcMeta} (Avatica's {@code JdbcMeta}, one driver connection per remote connection) keeps the
 *       server in charge of connection properties (a client's stripe-jdbc properties other than {@code schema} are
 *       refused with 42501) and opens every connection as a served session
 *       ({@code org.stripejdbc.session.StripeEngine#served()}), which never reads decrypted secrets and never
 *       changes servers, the vault or the options that route requests; {@code SqlStatePreservingService} keeps
 *       SQLSTATEs intact on the way to the client.</li>
 *   <li>Jetty customizers bind the connector to the chosen host ({@code ConnectorHostCustomizer}) and install
 *       the BASIC user in memory ({@code BasicUserCustomizer}, {@code HashedCredential}).</li>
 * </ul>
 *
 * <p>The top of the house, beside the shell: the only package that depends on {@code driver}. It also knows
 * {@code session} (to open served sessions), the emulator, {@code config}, {@code vault} and {@code error}; it must
 * not know how statements run (the engine, the Stripe adapter, the catalog's internals, the HTTP client).
 */
package org.stripejdbc.serve;
