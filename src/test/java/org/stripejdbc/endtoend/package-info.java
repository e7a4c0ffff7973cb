/**
 * End-to-end tests: the driver as applications use it, through {@code DriverManager} and plain JDBC, down to a Stripe
 * double over HTTP (the built-in emulator, MockWebServer, a silent socket) and back, asserting the rows and the
 * exact requests. Each class is named {@code *JdbcTest}; the time-zone runs of the build (pom.xml, executions
 * {@code jdbc-new-york} and {@code jdbc-kolkata}) run them all again under other JVM default zones.
 *
 * <p>The test names say where a test belongs:
 * <ul>
 *   <li>{@code <Class>Test}, in the package of the class it tests: one class or one package, with fakes around it
 *       (the driver over a fake session, the Stripe adapter over {@code FakeStripeClient});</li>
 *   <li>{@code <Feature>JdbcTest}, here: a feature end to end through JDBC, in the test JVM (surefire);</li>
 *   <li>{@code <Jar>IT}, in the package of the main class it launches: the packaged jar run as users run it
 *       ({@code java -jar ...}), after {@code mvn package} (failsafe, in {@code mvn verify}).</li>
 * </ul>
 *
 * <p>Doubles shared here: {@link org.stripejdbc.endtoend.EmulatorDatabase} (a zero-config database on the emulator),
 * {@link org.stripejdbc.endtoend.MockStripe} and {@link org.stripejdbc.endtoend.FakeCustomerApi} (MockWebServer),
 * {@link org.stripejdbc.endtoend.SilentStripe} (a socket that never answers).
 */
package org.stripejdbc.endtoend;
