/**
 * The embedded catalog: what Postgres keeps in {@code pg_catalog} for the Stripe FDW, persisted without Postgres.
 *
 * <p>Entry points: {@link org.stripejdbc.catalog.Catalogs#open} gives the {@link org.stripejdbc.catalog.Catalog} of a
 * {@link org.stripejdbc.catalog.CatalogLocation}; {@link org.stripejdbc.catalog.Catalog#snapshot()} gives an
 * immutable {@link org.stripejdbc.catalog.CatalogSnapshot}; the {@code Catalog}'s DDL methods apply one statement
 * each, atomically, with Postgres's checks, SQLSTATEs and texts.
 *
 * <p>On disk, a directory catalog is
 * <pre>
 *   catalog.json   formatVersion 1; extensions, wrappers, servers (api_key sealed), schemas, foreign tables,
 *                  vault secrets (ciphertext); replaced atomically (temp file + fsync + ATOMIC_MOVE)
 *   catalog.lock   empty; the OS file lock on it serialises writers of all processes
 *   vault.key      the AES-256 vault key, rw------- (only when no key is configured)
 * </pre>
 * The directory is created {@code rwx------} on first write. A damaged file or a newer format is reported
 * ({@code XX001} / {@code F0000}) and never overwritten.
 *
 * <p>Decisions where Postgres or upstream leave a choice:
 * <ul>
 *   <li>bad option values (unknown {@code object}, {@code api_url}, {@code max_response_size}, {@code startup_cost})
 *       are {@code 22023} invalid_parameter_value; a missing {@code object} is {@code HV00J};</li>
 *   <li>server option checks run at CREATE/ALTER SERVER, not first at query time;</li>
 *   <li>a new catalog has the schemas {@code public} and {@code extensions}; {@code vault}, {@code pg_catalog} and
 *       {@code information_schema} always exist and hold no foreign tables;</li>
 *   <li>IMPORT FOREIGN SCHEMA adds {@code rowid_column 'id'} only to objects with an id (not {@code balance});</li>
 *   <li>renaming a column named by {@code rowid_column} carries the option along; dropping it is refused.</li>
 * </ul>
 * The DDL methods take the statement model's records as the parser made them ({@code sql.ColumnDefinition},
 * {@code sql.OptionChange}, {@code sql.TableAlteration}, {@code sql.CommentTarget}, {@code sql.ImportFilter}) and
 * name tables by {@code sql.QualifiedName} with the schema resolved; a stored column is a
 * {@link org.stripejdbc.catalog.ForeignColumn}, which the Stripe adapter reads as it is.
 *
 * <p>This package depends on {@code sql} (those records only, never the parser), {@code vault},
 * {@code stripe.objects}, {@code types} and {@code error}. Jackson is used only inside {@code CatalogFileFormat}.
 * It must not know the engine, the Stripe adapter, the HTTP client, the session or the JDBC layer: the catalog
 * stores what the DDL said and checks it, and makes no request.
 */
package org.stripejdbc.catalog;
