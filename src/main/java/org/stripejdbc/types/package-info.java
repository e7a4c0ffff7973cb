/**
 * The SQL types and the Postgres text forms of their values: {@link org.stripejdbc.types.SqlType} (the types, named
 * as Postgres names them, and the one Java class that carries each type's values everywhere: {@code TEXT} a
 * {@code String}, {@code BIGINT} a {@code Long}, {@code TIMESTAMP} a {@code LocalDateTime}, {@code JSONB} a
 * {@code json.Json}...), {@link org.stripejdbc.types.PostgresText} (what {@code psql} prints and {@code ::text}
 * gives), {@code DateTimeInput} and {@code DateTimeOutput} (date and time text in a UTC session) and
 * {@link org.stripejdbc.types.Interval}.
 *
 * <p>Example: {@code PostgresText.format(true)} is {@code t}; {@code PostgresText.parse("42", SqlType.BIGINT, now)}
 * is {@code 42L}; {@code '2024-01-01 10:00+05'::timestamp} reads as {@code 2024-01-01 10:00:00}, as in Postgres.
 *
 * <p>Used by every layer that holds a value. Knows {@code json} (the class of {@code jsonb} values) and
 * {@code error}; must not know expressions, the engine, the catalog or Stripe.
 */
package org.stripejdbc.types;
