package org.stripejdbc.fdw.modify;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stripejdbc.json.Json;

/**
 * What an UPDATE that computes {@code attrs} from the row changes: the difference between the row's {@code attrs}
 * as read and the new value, as the attrs object to send. Stripe answers a POST of the whole object with
 * "Received unknown parameter: id", so only what changed may go.
 *
 * <pre>
 *   before  {"id":"cus_1","object":"customer","email":"a@b.c","metadata":{"x":"1"}}
 *   after   before || '{"metadata": {"x":"1","a":"b"}}'
 *   change  {"metadata":{"a":"b"}}                      → metadata[a]=b
 *   after   before - 'email'                            → {"email":null}    → email=  (Stripe's unset)
 *   after   jsonb_set(before, '{metadata,x}', '"2"')    → {"metadata":{"x":"2"}}
 * </pre>
 * Objects are compared member by member (a member removed becomes {@code null}, an unset); arrays and scalars are
 * sent whole when they differ. An unchanged value gives the empty object.
 */
final class AttrsChange {
    private AttrsChange() {}

    /** The change from {@code before} to {@code after} (both JSON objects; anything else: {@code after} as is). */
    static Json between(Json before, Json after) {
        if (before == null || after == null || !before.isObject() || !after.isObject()) {
            return after;
        }
        return Json.of(objectChange(before, after));
    }

    private static Map<String, Json> objectChange(Json before, Json after) {
        Map<String, Json> change = new LinkedHashMap<>();
        Map<String, Json> old = before.membersInArrivalOrder();
        for (Map.Entry<String, Json> member : after.membersInArrivalOrder().entrySet()) {
            Json was = old.get(member.getKey());
            Json now = member.getValue();
            if (was == null || !was.equals(now)) {
                if (was != null && was.isObject() && now.isObject()) {
                    change.put(member.getKey(), Json.of(objectChange(was, now)));
                } else {
                    change.put(member.getKey(), now);
                }
            }
        }
        for (String key : old.keySet()) {
            if (!after.hasKey(key)) {
                change.put(key, Json.NULL);
            }
        }
        return change;
    }
}
