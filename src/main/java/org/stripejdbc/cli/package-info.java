/**
 * The shell, the main class of the {@code -all} jar: {@link org.stripejdbc.cli.StripeShell} runs sqlline
 * ({@code StripeSqlLine}, which reads a backslash line as one command, with {@code StripeSqlLineApplication}, whose
 * table commands accept {@code stripe.customers} and whose {@code MetaCommandHandler} runs psql's meta-commands) on a
 * {@code jdbc:stripe:} connection, on the built-in emulator when no key is given; {@code ScriptRunner} runs
 * {@code -e} and {@code -f} without the interactive shell, in the output formats of {@code ResultFormats}; both run
 * the meta-commands through {@code MetaCommand} ({@code \dt}, {@code \d}, ... as queries of
 * {@code information_schema}). {@code ShellOptions} is the command line, {@code ShellEnvironment} the rest of what
 * the shell reads from its process (the key variable, whether stderr is a terminal, a key typed at a prompt).
 *
 * <pre>
 *   java -jar stripe-jdbc-0.1.0-SNAPSHOT-all.jar           the shell, on the emulator (no key, no network)
 *   java -jar stripe-jdbc-0.1.0-SNAPSHOT-all.jar -e "select count(*) from stripe.customers"
 *                                                          prints the result as psql does (a header, a rule, the
 *                                                          rows, "(1 row)"); exit status 1 when a statement fails
 * </pre>
 *
 * <p>The only package that knows sqlline and JLine (optional dependencies, absent from the {@code -server} jar). It
 * reaches the driver as any application does, through {@code java.sql.DriverManager}, never through the
 * {@code driver} classes; besides JDBC it knows the emulator (the demo mode), {@code sql.parse.SqlFrontEnd} (splitting
 * a script), {@code vault.Secret} (masking the key it prints) and {@code error}. It must not know the driver's
 * classes, the session or the engine: what works in the shell works in any JDBC tool.
 */
package org.stripejdbc.cli;
