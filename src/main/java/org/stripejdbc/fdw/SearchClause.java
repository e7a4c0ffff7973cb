package org.stripejdbc.fdw;

import java.util.Objects;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.stripe.objects.SearchFields.Kind;
import org.stripejdbc.types.SqlType;

/**
 * One clause of a search query as planned, its value still an expression ({@link SearchQueryRenderer} gives it a
 * value per execution). Each is never narrower than the SQL condition it came from, so a search never loses a row
 * the condition holds for (the condition is evaluated again on every row).
 *
 * <pre>
 *   Match(email, STRING, 'a@b.c', false)      →  email:"a@b.c"
 *   Match(status, ENUM, 'canceled', true)     →  -status:"canceled"
 *   Substring(name, '%son%', null)            →  name~"son"
 *   Compare(amount, NUMBER, &gt;, 1000)          →  amount&gt;1000
 *   Null(email, false)                        →  email:null
 *   Metadata('plan', 'gold')                  →  metadata['plan']:'gold'
 *   MetadataContains('{"metadata": {"plan": "gold", "tier": "1"}}')  →  metadata['plan']:'gold' AND
 *                                                                       metadata['tier']:'1'
 * </pre>
 */
sealed interface SearchClause {

    /** {@code field:value}, or {@code -field:value} when negated; {@code type} is the value's SQL type. */
    record Match(String field, Kind kind, Expr value, SqlType type, boolean negated) implements SearchClause {
        public Match {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code field~"run"}: the longest literal run of a LIKE pattern ({@code escape} null: {@code \}). */
    record Substring(String field, Expr pattern, Expr escape) implements SearchClause {}

    /** {@code field>v} and the like, on a number or a Unix time ({@code type} timestamp or a number type). */
    record Compare(String field, Kind kind, BinaryOperator operator, Expr value, SqlType type)
            implements SearchClause {}

    /** {@code field:null}, or {@code -field:null} when negated. */
    record Null(String field, boolean negated) implements SearchClause {}

    /** {@code metadata['key']:'value'}. */
    record Metadata(Expr key, Expr value) implements SearchClause {}

    /** One {@code metadata['key']:'value'} per string member of the {@code metadata} object of a jsonb constant. */
    record MetadataContains(Expr json) implements SearchClause {}
}
