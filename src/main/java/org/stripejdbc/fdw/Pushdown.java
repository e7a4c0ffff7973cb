package org.stripejdbc.fdw;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.types.SqlType;

/**
 * What {@link PushdownPlanner} made of the WHERE conjuncts: how the rows are fetched ({@link Access}), which
 * conjuncts became part of the requests ({@code pushed}, which the scan checks again on every row it fetches) and
 * which the executor must evaluate ({@code residual}). Every conjunct is in exactly one of the two lists.
 *
 * <p>Values are still expressions here: parameters get their values at {@code open()}, when
 * {@link RequestResolver} turns the access into concrete requests.
 */
record Pushdown(Access access, List<Expr> pushed, List<Expr> residual) {
    Pushdown {
        Objects.requireNonNull(access, "access");
        pushed = List.copyOf(pushed);
        residual = List.copyOf(residual);
    }

    /** How rows are fetched. */
    sealed interface Access {}

    /** A conjunct can never be true ({@code email = NULL}): no request, no row. */
    record NoRows(Expr condition) implements Access {
        NoRows {
            Objects.requireNonNull(condition, "condition");
        }
    }

    /** {@code GET balance}: one row per balance entry. */
    record Balance() implements Access {}

    /**
     * One {@code GET <path>/<id>} per distinct id: {@code ids} for {@code id = c} and {@code id IN (...)},
     * {@code array} (and empty {@code ids}) for {@code id = ANY(array)}.
     */
    record Retrieve(Expr condition, List<Expr> ids, Expr array) implements Access {
        Retrieve {
            Objects.requireNonNull(condition, "condition");
            ids = List.copyOf(ids);
            if (ids.isEmpty() == (array == null)) {
                throw new IllegalArgumentException("a retrieve has either id expressions or an array");
            }
        }
    }

    /**
     * List walks: {@code GET <path>?<filters>&<created bounds>&<defaults>&limit=..[&starting_after=..]}. When a
     * filter expands ({@code customer IN (a, b)}), there is one walk per distinct value, merged without
     * duplicate ids. {@code required} are the fields without which the object cannot be listed
     * ({@code setup_intent} for setup attempts; {@code customer}, {@code start_time} and {@code end_time} for billing
     * meter event summaries): a value of theirs that cannot be sent matches nothing instead of being left out.
     */
    record ListWalk(
            List<EqualityFilter> filters,
            List<CreatedBound> createdBounds,
            Map<String, String> defaultParameters,
            Set<String> required)
            implements Access {
        ListWalk {
            filters = List.copyOf(filters);
            createdBounds = List.copyOf(createdBounds);
            defaultParameters = Map.copyOf(defaultParameters);
            required = Set.copyOf(required);
        }

        /** The filter that expands into several walks, if any (at most one). */
        EqualityFilter expanding() {
            return filters.stream().filter(EqualityFilter::expands).findFirst().orElse(null);
        }
    }

    /**
     * {@code field = value} pushed as the query pair {@code field=value}; {@code field IN (values)} or
     * {@code field = ANY(array)} pushed as one list walk per value. {@code allowed} is the parameter's enumeration in
     * the pinned API version (empty: any value): a value outside it is not sent (Stripe would answer 400 "not in
     * enumeration"), so that value's walk goes without the filter and the condition is checked on every row.
     */
    record EqualityFilter(
            String field,
            SqlType type,
            Expr condition,
            List<Expr> values,
            Expr array,
            boolean in,
            List<String> allowed) {
        EqualityFilter {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(condition, "condition");
            values = List.copyOf(values);
            allowed = List.copyOf(allowed);
        }

        /** Whether the API accepts this value for the parameter (a placeholder is shown as is). */
        boolean accepts(RequestSet.RequestValue value) {
            return value.placeholder() || allowed.isEmpty() || allowed.contains(value.text());
        }

        boolean expands() {
            return in || array != null;
        }
    }

    /** The comparison a {@link CreatedBound} came from. */
    enum BoundOperator {
        GREATER,
        GREATER_OR_EQUAL,
        LESS,
        LESS_OR_EQUAL,
        EQUALS,
        BETWEEN
    }

    /**
     * A condition on a range field ({@code created}, or any other Unix time whose list parameter takes ranges:
     * {@code due_date}, {@code arrival_date}...) pushed as {@code field[gt|gte|lt|lte]}; {@code high} is only set for
     * BETWEEN. {@code type} is the column's declared type (timestamp or timestamptz), used to coerce string
     * constants.
     */
    record CreatedBound(String field, BoundOperator operator, Expr value, Expr high, SqlType type, Expr condition) {
        CreatedBound {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(condition, "condition");
        }
    }
}
