package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObjectCollectionTest {
    private final EmulatedObject charges = EmulatedObjects.require("charges");
    private ObjectCollection collection;
    private long sequence;

    @BeforeEach
    void fill() {
        collection = new ObjectCollection(charges);
        // Ten charges: three in second 100, four in second 200, three in second 300; customers alternate.
        long[] seconds = {100, 200, 300, 100, 200, 300, 200, 100, 300, 200};
        for (int i = 0; i < seconds.length; i++) {
            put("ch_" + i, seconds[i], i % 2 == 0 ? "cus_even" : "cus_odd");
        }
    }

    private void put(String id, long created, String customer) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("object", "charge");
        node.put("created", created);
        node.put("customer", customer);
        collection.put(StoredObject.of(charges, node, created, ++sequence));
    }

    private List<String> ids(ObjectCollection.Page page) {
        List<String> ids = new ArrayList<>();
        page.data().forEach(object -> ids.add(object.id()));
        return ids;
    }

    private static ListQuery query(
            int limit, String after, String before, long min, long max, ListQuery.Condition... conditions) {
        return new ListQuery(limit, after, before, List.of(conditions), min, max);
    }

    private static final List<String> NEWEST_FIRST =
            List.of("ch_8", "ch_5", "ch_2", "ch_9", "ch_6", "ch_4", "ch_1", "ch_7", "ch_3", "ch_0");

    @Test
    void listsNewestFirstAndLaterStoredFirstWithinASecond() {
        ObjectCollection.Page page = collection.list(ListQuery.all(100));
        assertEquals(NEWEST_FIRST, ids(page));
        assertFalse(page.hasMore());
    }

    @Test
    void pagesForwardWithoutLosingOrRepeatingSameSecondObjects() {
        for (int limit = 1; limit <= 11; limit++) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            for (int pages = 0; pages < 20; pages++) {
                ObjectCollection.Page page =
                        collection.list(query(limit, cursor, null, Long.MIN_VALUE, Long.MAX_VALUE));
                seen.addAll(ids(page));
                assertEquals(seen.size() < NEWEST_FIRST.size(), page.hasMore(), "has_more at limit " + limit);
                if (!page.hasMore()) {
                    break;
                }
                cursor = page.data().get(page.data().size() - 1).id();
            }
            assertEquals(NEWEST_FIRST, seen, "limit " + limit);
        }
    }

    @Test
    void pagesBackwardWithEndingBefore() {
        for (int limit = 1; limit <= 11; limit++) {
            List<String> seen = new ArrayList<>();
            String cursor = "ch_0";
            seen.add(cursor);
            for (int pages = 0; pages < 20; pages++) {
                ObjectCollection.Page page =
                        collection.list(query(limit, null, cursor, Long.MIN_VALUE, Long.MAX_VALUE));
                List<String> pageIds = ids(page);
                seen.addAll(0, pageIds);
                assertEquals(seen.size() < NEWEST_FIRST.size(), page.hasMore(), "has_more at limit " + limit);
                if (!page.hasMore()) {
                    break;
                }
                cursor = pageIds.get(0);
            }
            assertEquals(NEWEST_FIRST, seen, "limit " + limit);
        }
    }

    @Test
    void endingBeforeGivesThePageJustBeforeTheCursorNewestFirst() {
        ObjectCollection.Page page = collection.list(query(2, null, "ch_1", Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(List.of("ch_6", "ch_4"), ids(page));
        assertTrue(page.hasMore());
    }

    @Test
    void honoursCreatedRangesAtSameSecondBoundaries() {
        assertEquals(List.of("ch_9", "ch_6", "ch_4", "ch_1"), ids(collection.list(query(100, null, null, 200, 200))));
        assertEquals(
                List.of("ch_8", "ch_5", "ch_2"), ids(collection.list(query(100, null, null, 201, Long.MAX_VALUE))));
        assertEquals(
                List.of("ch_7", "ch_3", "ch_0"), ids(collection.list(query(100, null, null, Long.MIN_VALUE, 199))));
        assertEquals(List.of(), ids(collection.list(query(100, null, null, 201, 299))));
        assertEquals(List.of(), ids(collection.list(query(100, null, null, 300, 100))));
        // A cursor inside the range, and a cursor outside it.
        assertEquals(List.of("ch_4", "ch_1"), ids(collection.list(query(100, "ch_6", null, 200, 200))));
        assertEquals(List.of("ch_9", "ch_6", "ch_4", "ch_1"), ids(collection.list(query(100, "ch_8", null, 200, 200))));
        assertEquals(List.of(), ids(collection.list(query(100, "ch_0", null, 200, 200))));
        assertEquals(List.of("ch_9", "ch_6"), ids(collection.list(query(100, null, "ch_4", 200, 200))));
        ObjectCollection.Page limited = collection.list(query(3, null, null, 200, 200));
        assertEquals(List.of("ch_9", "ch_6", "ch_4"), ids(limited));
        assertTrue(limited.hasMore());
    }

    @Test
    void filtersWithTheIndexAndPaginatesFiltered() {
        ListQuery.Condition even = new ListQuery.Condition(0, Set.of("cus_even"), null);
        assertEquals(
                List.of("ch_8", "ch_2", "ch_6", "ch_4", "ch_0"),
                ids(collection.list(query(100, null, null, Long.MIN_VALUE, Long.MAX_VALUE, even))));
        ObjectCollection.Page second = collection.list(query(2, "ch_2", null, Long.MIN_VALUE, Long.MAX_VALUE, even));
        assertEquals(List.of("ch_6", "ch_4"), ids(second));
        assertTrue(second.hasMore());
        // The cursor may be an object the filter does not match: only its position counts.
        assertEquals(
                List.of("ch_6", "ch_4", "ch_0"),
                ids(collection.list(query(100, "ch_9", null, Long.MIN_VALUE, Long.MAX_VALUE, even))));
        ListQuery.Condition nobody = new ListQuery.Condition(0, Set.of("cus_nobody"), null);
        assertEquals(List.of(), ids(collection.list(query(100, null, null, Long.MIN_VALUE, Long.MAX_VALUE, nobody))));
    }

    @Test
    void anUnknownCursorIsStripesResourceMissing() {
        ApiError error = assertThrows(
                        ApiErrorException.class,
                        () -> collection.list(query(3, "ch_missing", null, Long.MIN_VALUE, Long.MAX_VALUE)))
                .error();
        assertEquals(400, error.status());
        assertEquals("No such charge: 'ch_missing'", error.message());
        assertEquals("starting_after", error.param());
        assertEquals("resource_missing", error.code());
        assertEquals(
                "ending_before",
                assertThrows(ApiErrorException.class, () -> collection.list(query(3, null, "ch_missing", 0, 1)))
                        .error()
                        .param());
    }

    @Test
    void keepsIndexesRightAcrossReplaceAndRemove() {
        StoredObject original = collection.get("ch_8");
        ObjectNode changed = original.tree();
        changed.put("customer", "cus_new");
        collection.put(new StoredObject(
                "ch_8", original.key(), charges.extractFilterValues(changed), EmulatorJson.bytes(changed)));
        ListQuery.Condition even = new ListQuery.Condition(0, Set.of("cus_even"), null);
        ListQuery.Condition moved = new ListQuery.Condition(0, Set.of("cus_new"), null);
        assertFalse(ids(collection.list(query(100, null, null, Long.MIN_VALUE, Long.MAX_VALUE, even)))
                .contains("ch_8"));
        assertEquals(
                List.of("ch_8"), ids(collection.list(query(100, null, null, Long.MIN_VALUE, Long.MAX_VALUE, moved))));
        assertEquals(NEWEST_FIRST, ids(collection.list(ListQuery.all(100))));

        assertNotNull(collection.remove("ch_8", "{\"deleted\":true}".getBytes(StandardCharsets.UTF_8)));
        assertNull(collection.get("ch_8"));
        assertNotNull(collection.tombstone("ch_8"));
        assertEquals(9, collection.size());
        assertEquals(List.of(), ids(collection.list(query(100, null, null, Long.MIN_VALUE, Long.MAX_VALUE, moved))));
        assertNull(collection.remove("ch_8", null));
    }
}
