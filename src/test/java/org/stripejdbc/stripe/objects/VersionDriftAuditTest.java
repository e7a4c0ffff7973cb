package org.stripejdbc.stripe.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The audit of the 24 original tables against the pinned API description: every original column is a top-level
 * field of its resource in the description's version, or one a later version moved ({@link MovedFields#newPlace})
 * or removed ({@link MovedFields#removed}), or one of the balance's entries. A new description that drops a field
 * fails here until the field is placed; docs/differences-from-the-fdw.md lists the result.
 */
class VersionDriftAuditTest {
    /** The balance's columns: its entries' fields and which list an entry came from. */
    private static final List<String> BALANCE_ENTRY = List.of("balance_type", "amount", "currency");

    private static final ApiDescription DESCRIPTION = ApiDescription.pinned();

    private static List<StripeObject> originals() {
        return StripeObjects.all().stream()
                .filter(o -> o.apiVersion() == null && o.parent() == null)
                .toList();
    }

    /** The resource an original object's endpoints return: listed at its path, else retrieved there. */
    private static ApiDescription.Resource resource(StripeObject object) {
        Optional<ApiDescription.Resource> listed = DESCRIPTION.listedAt(object.object());
        if (listed.isPresent()) {
            return listed.get();
        }
        return DESCRIPTION.resources().values().stream()
                .filter(r -> r.operation("retrieve", "/v1/" + object.object() + "/{}")
                                .isPresent()
                        || r.operation("retrieve", "/v1/" + object.object()).isPresent())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no resource for " + object.object()));
    }

    /** Original table → column → where it is read on the pinned version, for every column not at the top. */
    private static Map<String, String> drift() {
        Map<String, String> out = new TreeMap<>();
        for (StripeObject object : originals()) {
            ApiDescription.Resource resource = resource(object);
            for (StripeColumn column : object.columns()) {
                String name = column.name();
                if (resource.fields().containsKey(name)) {
                    continue;
                }
                String key = object.tableName() + "." + name;
                if (object.shape() == StripeObject.Shape.BALANCE && BALANCE_ENTRY.contains(name)) {
                    out.put(key, "balance entry");
                } else if (MovedFields.newPlace(object.object(), name).isPresent()) {
                    out.put(
                            key,
                            "moved to "
                                    + String.join(
                                            ".",
                                            MovedFields.newPlace(object.object(), name)
                                                    .get()));
                } else if (MovedFields.removed(object.object(), name).isPresent()) {
                    out.put(key, "removed");
                } else {
                    out.put(key, "MISSING");
                }
            }
        }
        return out;
    }

    @Test
    void everyOriginalColumnHasAPlaceOnThePinnedVersion() {
        assertEquals(24, originals().size());
        assertEquals(
                Map.of(
                        "balance.amount", "balance entry",
                        "balance.balance_type", "balance entry",
                        "balance.currency", "balance entry",
                        "charges.invoice", "removed",
                        "invoices.subscription", "moved to parent.subscription_details.subscription",
                        "subscriptions.current_period_end", "moved to items.data.0.current_period_end",
                        "subscriptions.current_period_start", "moved to items.data.0.current_period_start"),
                drift(),
                "API version " + DESCRIPTION.apiVersion());
    }

    @Test
    void everyMovedOrRemovedFieldIsAnOriginalColumnGoneFromTheTop() {
        List<String> stale = new ArrayList<>();
        MovedFields.all().forEach((object, fields) -> fields.keySet().forEach(field -> check(object, field, stale)));
        MovedFields.removedFields()
                .forEach((object, fields) -> fields.keySet().forEach(field -> check(object, field, stale)));
        assertEquals(List.of(), stale, "moved or removed fields still at the top, or no original column");
    }

    private static void check(String objectPath, String field, List<String> stale) {
        StripeObject object = StripeObjects.byObject(objectPath).orElseThrow();
        if (object.column(field).isEmpty() || resource(object).fields().containsKey(field)) {
            stale.add(objectPath + "." + field);
        }
    }

    @Test
    void theDocsListTheAudit() throws IOException {
        String docs = Files.readString(Path.of("docs/differences-from-the-fdw.md"), StandardCharsets.UTF_8);
        for (String column : drift().keySet()) {
            assertTrue(docs.contains("`" + column + "`"), "docs/differences-from-the-fdw.md does not list " + column);
        }
        assertTrue(docs.contains(DESCRIPTION.apiVersion()), "the docs name the audited version");
    }
}
