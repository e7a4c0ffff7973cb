package org.stripejdbc.engine.function;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.types.PostgresText;

/**
 * {@code jsonb_set} and {@code jsonb_insert}: a copy of a jsonb value with one place, named by a text-array path,
 * replaced or inserted, as Postgres' setPath does. Object steps are keys; array steps are integers, negative counting
 * from the end. A path through a missing key or index changes nothing; at the last step a missing key is added
 * ({@code jsonb_set} with {@code create_missing}, or {@code jsonb_insert}), and an index past either end adds the
 * element at that end.
 *
 * <p>Examples: {@code jsonb_set('{"a":1}', '{b}', '2')} is {@code {"a": 1, "b": 2}};
 * {@code jsonb_insert('[1,2]', '{1}', '9')} is {@code [1, 9, 2]}, with {@code insert_after} {@code [1, 2, 9]}.
 */
final class JsonEdit {
    private JsonEdit() {}

    static Json set(Json target, Object path, Json value, boolean createMissing) {
        return edit(target, steps(path), 0, value, createMissing, false, false);
    }

    static Json insert(Json target, Object path, Json value, boolean after) {
        return edit(target, steps(path), 0, value, true, true, after);
    }

    private static List<String> steps(Object path) {
        List<String> steps = new ArrayList<>();
        for (Object step : (List<?>) path) {
            if (step == null) {
                throw new StripeJdbcException(
                        SqlState.NULL_VALUE_NOT_ALLOWED, "path element at position " + (steps.size() + 1) + " is null");
            }
            steps.add(step instanceof String s ? s : PostgresText.format(step));
        }
        return steps;
    }

    private static Json edit(
            Json json, List<String> path, int level, Json value, boolean create, boolean insert, boolean after) {
        if (path.isEmpty()) {
            return json;
        }
        if (!json.isObject() && !json.isArray()) {
            if (level == 0) {
                throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "cannot set path in scalar");
            }
            return json;
        }
        String step = path.get(level);
        boolean last = level == path.size() - 1;
        if (json.isObject()) {
            Map<String, Object> members = new LinkedHashMap<>(json.members());
            Json current = json.get(step);
            if (last) {
                if (current != null && insert) {
                    throw new StripeJdbcException(
                            SqlState.INVALID_PARAMETER_VALUE,
                            "cannot replace existing key; try using the function jsonb_set to replace key value");
                }
                if (current != null || create) {
                    members.put(step, value);
                }
            } else if (current != null) {
                members.put(step, edit(current, path, level + 1, value, create, insert, after));
            }
            return Json.of(members);
        }
        List<Object> elements = new ArrayList<>(json.elements());
        int index;
        try {
            index = Integer.parseInt(step.trim());
        } catch (NumberFormatException e) {
            throw new StripeJdbcException(
                    SqlState.INVALID_TEXT_REPRESENTATION,
                    "path element at position " + (level + 1) + " is not an integer: \"" + step + "\"");
        }
        int size = elements.size();
        if (index < 0) {
            index += size;
        }
        if (last) {
            if (index < 0) {
                if (create) {
                    elements.add(0, value);
                }
            } else if (index >= size) {
                if (create) {
                    elements.add(value);
                }
            } else if (insert) {
                elements.add(after ? index + 1 : index, value);
            } else {
                elements.set(index, value);
            }
        } else if (index >= 0 && index < size) {
            elements.set(index, edit((Json) elements.get(index), path, level + 1, value, create, insert, after));
        }
        return Json.of(elements);
    }
}
