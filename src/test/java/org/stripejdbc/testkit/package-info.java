/**
 * The test kit: what tests of several packages share, so that each idea has one builder and one name.
 *
 * <ul>
 *   <li>{@link org.stripejdbc.testkit.Sql}: the statement model built by hand, standing in for the parser
 *       ({@code eq(col("email"), text("a@b.c"))}, {@code select(...).from(...).where(...).build()}), and the execution
 *       context a scan or query runs with;</li>
 *   <li>{@link org.stripejdbc.testkit.Tables}: foreign tables declared as DDL declares them
 *       ({@code define("customers", "customers", "id text, email text")}), rows read rendered as text, values
 *       written as ordered maps;</li>
 *   <li>{@link org.stripejdbc.testkit.Await}: waiting, with a bound, for what another thread does; the one place
 *       a test polls, so that no assertion depends on having slept long enough;</li>
 *   <li>{@link org.stripejdbc.testkit.Fixtures}: Stripe objects kept as JSON files under
 *       {@code src/test/resources/fixtures/} ({@code objects/<table>.json}: a documented object of every table).</li>
 * </ul>
 *
 * <p>The kit depends on the production packages and on nothing else; no production code depends on it.
 */
package org.stripejdbc.testkit;
