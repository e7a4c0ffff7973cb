package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A parsed search query ({@link SearchQueryParser}): at most 10 clauses, all joined by AND or all by OR.
 *
 * <p>Example: {@code email~"son" AND -metadata['plan']:null} is two clauses joined by AND: the email holds "son"
 * (any case), and the metadata has a {@code plan} key.
 *
 * @param clauses the clauses, in query order (at least one)
 * @param or      true when they are joined by OR, false for AND (also when there is one clause)
 */
record SearchQuery(List<Clause> clauses, boolean or) {
    /** The operators of a clause. */
    enum Operator {
        EQUALS(":"),
        CONTAINS("~"),
        GREATER(">"),
        GREATER_OR_EQUAL(">="),
        LESS("<"),
        LESS_OR_EQUAL("<=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        String symbol() {
            return symbol;
        }
    }

    /**
     * One clause: {@code [-]field op value}.
     *
     * @param field       the field
     * @param metadataKey for {@code metadata['key']}, the key; else null
     * @param operator    the operator
     * @param value       the value as written, unquoted; null for a bare {@code null}
     * @param number      the value as a number when it is one, else null
     * @param negated     written with a leading {@code -}
     */
    record Clause(
            SearchField field,
            String metadataKey,
            Operator operator,
            String value,
            BigDecimal number,
            boolean negated) {
        Clause {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(operator, "operator");
        }

        boolean matches(JsonNode object) {
            JsonNode node = field.read(object);
            if (metadataKey != null) {
                node = node.path(metadataKey);
            }
            return holds(node) != negated;
        }

        private boolean holds(JsonNode node) {
            boolean absent = node.isMissingNode() || node.isNull();
            if (value == null) {
                return absent;
            }
            if (absent) {
                return false;
            }
            switch (operator) {
                case EQUALS:
                    if (number != null && node.isNumber()) {
                        return node.decimalValue().compareTo(number) == 0;
                    }
                    return text(node).equalsIgnoreCase(value);
                case CONTAINS:
                    return text(node).toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
                default:
                    if (!node.isNumber()) {
                        return false;
                    }
                    int order = node.decimalValue().compareTo(number);
                    return switch (operator) {
                        case GREATER -> order > 0;
                        case GREATER_OR_EQUAL -> order >= 0;
                        case LESS -> order < 0;
                        default -> order <= 0;
                    };
            }
        }

        private static String text(JsonNode node) {
            return node.isValueNode() ? node.asText() : node.toString();
        }
    }

    SearchQuery {
        clauses = List.copyOf(clauses);
        if (clauses.isEmpty()) {
            throw new IllegalArgumentException("a search query has at least one clause");
        }
    }

    /** Whether {@code object} (its JSON tree) satisfies the query. */
    boolean matches(JsonNode object) {
        for (Clause clause : clauses) {
            if (clause.matches(object) == or) {
                return or;
            }
        }
        return !or;
    }
}
