/**
 * The {@code jsonb} value: {@link org.stripejdbc.json.Json}, immutable, with Postgres' {@code jsonb} semantics (keys
 * ordered by length then bytes, duplicate keys keep the last value, exact numbers), the runtime value of the
 * {@code attrs} column and of every JSON operator and function. {@code JsonTreeReader} builds it straight from a
 * Jackson token stream with no intermediate tree, {@code JsonText} prints it, {@code JsonMembers},
 * {@code KeyOrder} and {@code JsonbKeyOrder} keep an object's keys once per key sequence.
 *
 * <p>Example: {@code Json.parse("{\"name\":\"x\",\"id\":1}").toString()} is {@code {"id": 1, "name": "x"}}, what
 * Postgres prints for the same {@code jsonb}.
 *
 * <p>Jackson is known here and by {@code stripe} (its streaming reads of responses and its form bodies), by
 * {@code catalog.CatalogFileFormat} (the catalog file) and by the emulator, and nowhere else (the layering test says
 * so): the engine, {@code fdw}, the session, the parser and the JDBC layer see only {@code Json}. This package knows
 * {@code error} only; it must not know SQL, the engine or Stripe (the JSON operators and functions live in the
 * engine, the reading of Stripe's responses in {@code stripe}).
 */
package org.stripejdbc.json;
