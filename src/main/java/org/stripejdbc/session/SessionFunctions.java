package org.stripejdbc.session;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.stripejdbc.config.DriverVersion;
import org.stripejdbc.engine.FunctionLibrary;
import org.stripejdbc.types.SqlType;

/**
 * The session information functions tools run when they open a connection, answered locally:
 * <pre>
 *   select current_user        → stripe   (also session_user, current_role, user; as getUserName())
 *   select current_schema()    → stripe   (the first schema of the search path, as Connection.getSchema())
 *   select current_database()  → mem:demo (the catalog the connection uses; also current_catalog)
 *   select version()           → PostgreSQL 16.0 (stripe-jdbc 0.1.0: Postgres-style SQL over the Stripe API, no
 *                                PostgreSQL server)   (tools read the version after "PostgreSQL ", as from
 *                                Redshift's "PostgreSQL 8.0.2 on ..., Redshift")
 *   select pg_typeof(1)        → integer  (the engine's; as Postgres names types)
 * </pre>
 */
final class SessionFunctions {
    /** The user name every connection reports (the API key is the credential, not a user). */
    static final String USER = "stripe";

    private SessionFunctions() {}

    /** The standard functions plus this session's; {@code currentSchema} is read at each call. */
    static FunctionLibrary library(Supplier<String> currentSchema, String catalogName) {
        Objects.requireNonNull(currentSchema, "currentSchema");
        Objects.requireNonNull(catalogName, "catalogName");
        FunctionLibrary library = FunctionLibrary.standard();
        for (String name : List.of("current_user", "session_user", "current_role", "user")) {
            library = library.with(name, List.of(), SqlType.TEXT, (arguments, context) -> USER);
        }
        library = library.with("current_schema", List.of(), SqlType.TEXT, (arguments, context) -> currentSchema.get());
        for (String name : List.of("current_database", "current_catalog")) {
            library = library.with(name, List.of(), SqlType.TEXT, (arguments, context) -> catalogName);
        }
        String version = "PostgreSQL 16.0 (stripe-jdbc " + DriverVersion.VERSION
                + ": Postgres-style SQL over the Stripe API, no PostgreSQL server)";
        return library.with("version", List.of(), SqlType.TEXT, (arguments, context) -> version);
    }
}
