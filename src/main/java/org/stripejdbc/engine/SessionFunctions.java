package org.stripejdbc.engine;

import java.util.List;
import org.stripejdbc.config.DriverVersion;
import org.stripejdbc.exec.FunctionLibrary;
import org.stripejdbc.types.SqlType;

/**
 * The session functions tools call when they connect ({@code select current_schema()}, {@code version()}):
 * Postgres' standard functions plus those whose values come from the session.
 */
final class SessionFunctions {
    private SessionFunctions() {
    }

    static FunctionLibrary library(Session session) {
        return FunctionLibrary.standard()
                .with("current_schema", List.of(), SqlType.TEXT, (arguments, context) -> session.currentSchema())
                .with("current_user", List.of(), SqlType.TEXT, (arguments, context) -> "stripe")
                .with("session_user", List.of(), SqlType.TEXT, (arguments, context) -> "stripe")
                .with("current_database", List.of(), SqlType.TEXT, (arguments, context) -> "stripe")
                .with("current_catalog", List.of(), SqlType.TEXT, (arguments, context) -> "stripe")
                .with("version", List.of(), SqlType.TEXT, (arguments, context) ->
                        "PostgreSQL 15.0 (stripe-jdbc " + DriverVersion.VERSION + ")");
    }
}
