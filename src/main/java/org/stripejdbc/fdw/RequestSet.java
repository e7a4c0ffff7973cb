package org.stripejdbc.fdw;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The concrete requests of one scan, once constants and parameters have values: what {@code open()} sends
 * and what EXPLAIN prints. In EXPLAIN without bound parameters a value may be a placeholder ({@code $1}),
 * printed as is.
 */
sealed interface RequestSet {

    /** No request at all; {@code reason} says why ({@code LIMIT 0}, {@code email = NULL is never true}...). */
    record None(String reason) implements RequestSet {
        public None {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** {@code GET balance}. */
    record Balance() implements RequestSet {}

    /**
     * One {@code GET <path>/<id>} per id (distinct, in condition order). {@code arrayPlaceholder} is set
     * instead when the ids are the elements of an unbound array parameter ({@code id = ANY($1)}).
     */
    record Retrieves(List<RequestValue> ids, String arrayPlaceholder) implements RequestSet {
        public Retrieves {
            ids = List.copyOf(ids);
        }
    }

    /**
     * List walks, each a fixed parameter list (without {@code limit} and {@code starting_after}), walked one
     * after the other; rows of several walks are merged without duplicate ids.
     */
    record ListWalks(List<List<QueryParameter>> walks) implements RequestSet {
        public ListWalks {
            List<List<QueryParameter>> copy = new ArrayList<>();
            for (List<QueryParameter> walk : walks) {
                copy.add(List.copyOf(walk));
            }
            walks = List.copyOf(copy);
        }
    }

    /** A value sent in a request, or (EXPLAIN only) a placeholder such as {@code $1}. */
    record RequestValue(String text, boolean placeholder) {
        public RequestValue {
            Objects.requireNonNull(text, "text");
        }

        static RequestValue of(String text) {
            return new RequestValue(text, false);
        }
    }

    /** One {@code name=value} query pair. */
    record QueryParameter(String name, RequestValue value) {
        public QueryParameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        static QueryParameter of(String name, String value) {
            return new QueryParameter(name, RequestValue.of(value));
        }

        /** As the entry {@link org.stripejdbc.stripe.StripeClient#list} takes. */
        Map.Entry<String, String> toEntry() {
            return new SimpleImmutableEntry<>(name, value.text());
        }
    }
}
