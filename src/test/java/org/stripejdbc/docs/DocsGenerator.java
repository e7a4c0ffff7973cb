package org.stripejdbc.docs;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.stripejdbc.config.ConnectionProperty;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.stripe.StripeApiException;

/**
 * Everything under {@code docs/} that is generated from the code: whole files (the object pages, the connection
 * properties) and marked sections of hand-written pages ({@code <!-- generated:NAME:start -->} ...
 * {@code <!-- generated:NAME:end -->}). {@link DocsDriftTest} compares them with the committed docs.
 */
final class DocsGenerator {
    private DocsGenerator() {}

    /** Whole generated files by path relative to the repository root. */
    static Map<String, String> files(Explainer explainer) {
        Map<String, String> files = new LinkedHashMap<>(new ObjectPages(explainer).render());
        files.put("docs/connection-properties.md", connectionProperties());
        return files;
    }

    /** Generated sections of hand-written files: path → section name → content. */
    static Map<String, Map<String, String>> sections(Explainer explainer) throws SQLException {
        Map<String, String> sqlReference = new LinkedHashMap<>();
        sqlReference.put("explain-example", explainExample(explainer));
        sqlReference.put("stripe-errors", stripeErrors());
        sqlReference.put("sqlstates", sqlStates());
        return Map.of("docs/sql-reference.md", sqlReference);
    }

    static String connectionProperties() {
        StringBuilder out = new StringBuilder("<!-- Generated from ConnectionProperty by DocsDriftTest; do not edit "
                + "by hand. Regenerate: mvn -B -Pdocs test -->\n\n# Connection properties\n\n"
                + "Properties follow a `?` in the URL as `name=value` pairs separated by `&` "
                + "(`jdbc:stripe:mem:demo?schema=stripe&read_timeout=30`) or come from `java.util.Properties` "
                + "(DBeaver's driver properties, `DriverManager.getConnection(url, properties)`), which win over the "
                + "URL. Names are case-insensitive and `-` equals `_`. `password` is an alias of `api_key`, so tools "
                + "with a user/password form keep the key in their masked password field; `user` is ignored.\n\n"
                + "Values are checked when the connection opens: a value a property cannot take "
                + "(`read_timeout=abc`) fails `getConnection` with SQLSTATE 22023 naming the property, not the first "
                + "query. A name that is no property but lies within two edits of one (`read_timout`) adds a "
                + "warning to the connection (`getWarnings()`, SQLSTATE 01000) naming the closest property; any "
                + "other name is accepted silently, as Spark, connection pools and Avatica (`timeZone`, "
                + "`fetchSize`) pass their own.\n\n"
                + "| property | type | default | description |\n|---|---|---|---|\n");
        for (ConnectionProperty p : ConnectionProperty.values()) {
            out.append("| `")
                    .append(p.key())
                    .append("` | ")
                    .append(typeName(p.type()))
                    .append(" | ")
                    .append(p.defaultValue() == null ? "" : "`" + p.defaultValue() + "`")
                    .append(" | ")
                    .append(p.description())
                    .append(" |\n");
        }
        out.append("\nSecrets (`api_key`, `vault_key`) never appear in `DatabaseMetaData.getURL()`, `toString()`, "
                + "messages or logs.\n");
        return out.toString();
    }

    private static String typeName(ConnectionProperty.Type type) {
        return switch (type) {
            case STRING -> "text";
            case SECRET -> "secret";
            case INTEGER -> "integer ≥ 0";
            case SECONDS -> "seconds";
            case BOOLEAN -> "boolean (`true/false/yes/no/on/off/1/0`)";
        };
    }

    static String explainExample(Explainer explainer) throws SQLException {
        String sql = "select c.email, count(*) as charges, sum(ch.amount) as total\n"
                + "from stripe.charges ch join stripe.customers c on c.id = ch.customer\n"
                + "where ch.created >= '2024-01-01' and ch.status = 'succeeded'\n"
                + "group by c.email order by total desc limit 5";
        return "```sql\nexplain " + sql + ";\n```\n```\n" + String.join("\n", explainer.explain(sql)) + "\n```\n";
    }

    /** HTTP status of a Stripe error → SQLSTATE, from {@link StripeApiException#sqlStateFor}. */
    static String stripeErrors() {
        StringBuilder out = new StringBuilder("| Stripe answer | SQLSTATE |\n|---|---|\n");
        Map<String, SqlState> cases = new LinkedHashMap<>();
        cases.put(
                "400 invalid_request_error (validation: missing or invalid parameter)",
                StripeApiException.sqlStateFor(400, "invalid_request_error"));
        cases.put("401 (invalid API key)", StripeApiException.sqlStateFor(401, "invalid_request_error"));
        cases.put("402 or card_error (card declined)", StripeApiException.sqlStateFor(402, "card_error"));
        cases.put("403 (restricted key without the permission)", StripeApiException.sqlStateFor(403, null));
        cases.put("404 on a write (no such object)", StripeApiException.sqlStateFor(404, "invalid_request_error"));
        cases.put("409 (concurrent change, idempotency conflict)", StripeApiException.sqlStateFor(409, null));
        cases.put("429 (rate limited, after the retries)", StripeApiException.sqlStateFor(429, "rate_limit_error"));
        cases.put("408, 500, 502, 503 (after the retries)", StripeApiException.sqlStateFor(503, "api_error"));
        for (Map.Entry<String, SqlState> c : cases.entrySet()) {
            out.append("| ")
                    .append(c.getKey())
                    .append(" | `")
                    .append(c.getValue().code())
                    .append("` ")
                    .append(name(c.getValue()))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** Every SQLSTATE with the JDBC exception class and what Spring's translation makes of it. */
    static String sqlStates() {
        StringBuilder out = new StringBuilder(
                "| SQLSTATE | name | JDBC exception | Spring `DataAccessException` |\n" + "|---|---|---|---|\n");
        SQLExceptionSubclassTranslator spring = new SQLExceptionSubclassTranslator();
        Map<String, SqlState> byCode = new LinkedHashMap<>();
        for (SqlState state : SqlState.values()) {
            byCode.putIfAbsent(state.code(), state);
        }
        for (SqlState state : byCode.values()) {
            if (state == SqlState.SUCCESSFUL_COMPLETION) {
                continue;
            }
            SQLException jdbc = jdbcException(state);
            DataAccessException translated = spring.translate("query", "select 1", jdbc);
            out.append("| `")
                    .append(state.code())
                    .append("` | ")
                    .append(name(state))
                    .append(" | `")
                    .append(jdbc.getClass().getSimpleName())
                    .append("` | ")
                    .append("`")
                    .append(
                            translated == null
                                    ? "UncategorizedSQLException"
                                    : translated.getClass().getSimpleName())
                    .append("`")
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String name(SqlState state) {
        List<String> aliases = Arrays.stream(SqlState.values())
                .filter(s -> s.code().equals(state.code()))
                .map(s -> s.name().toLowerCase(Locale.ROOT))
                .toList();
        return String.join(" / ", aliases);
    }

    /** The exception the driver throws for a state (its package-private factory, read reflectively). */
    private static SQLException jdbcException(SqlState state) {
        try {
            Method create = Class.forName("org.stripejdbc.driver.SqlExceptions")
                    .getDeclaredMethod("create", String.class, String.class, Throwable.class);
            create.setAccessible(true);
            return (SQLException) create.invoke(null, state.name(), state.code(), null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call SqlExceptions.create", e);
        }
    }
}
