package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stripejdbc.fdw.RequestSet.QueryParameter;
import org.stripejdbc.json.Json;

class CreatedSliceTest {

    private static Map.Entry<String, String> pair(String name, String value) {
        return new SimpleImmutableEntry<>(name, value);
    }

    @Test
    void parametersAreHalfOpenWholeSeconds() {
        assertEquals(
                List.of(pair("created[gte]", "1704067200"), pair("created[lt]", "1706745600")),
                new CreatedSlice(1_704_067_200, 1_706_745_600).parameters());
        assertEquals(List.of(pair("created[lt]", "1706745600")), new CreatedSlice(0, 1_706_745_600).parameters());
        assertEquals(
                List.of(pair("created[gte]", "5")), new CreatedSlice(5, CreatedSlice.UNBOUNDED_ABOVE).parameters());
        assertEquals(List.of(), CreatedSlice.all().parameters());
    }

    @Test
    void containsIsHalfOpen() {
        CreatedSlice slice = new CreatedSlice(10, 20);
        assertTrue(slice.contains(10));
        assertTrue(slice.contains(19));
        assertFalse(slice.contains(20));
        assertFalse(slice.contains(9));
    }

    @Test
    void theWalksOwnBoundsBecomeTheRange() {
        List<QueryParameter> walk = List.of(
                QueryParameter.of("email", "a@b.c"),
                QueryParameter.of("created[gt]", "99"),
                QueryParameter.of("created[lte]", "200"),
                QueryParameter.of("status", "all"));
        assertEquals(new CreatedSlice(100, 201), CreatedSlice.of(walk));
        assertEquals(
                List.of(QueryParameter.of("email", "a@b.c"), QueryParameter.of("status", "all")),
                CreatedSlice.withoutCreatedBounds(walk));
        assertEquals(
                new CreatedSlice(7, 9),
                CreatedSlice.of(
                        List.of(QueryParameter.of("created[gte]", "7"), QueryParameter.of("created[lt]", "9"))));
        assertEquals(CreatedSlice.all(), CreatedSlice.of(List.of(QueryParameter.of("email", "x"))));
        assertNull(CreatedSlice.of(
                List.of(QueryParameter.of("created[gte]", "9"), QueryParameter.of("created[lt]", "9"))));
    }

    @Test
    void invalidSlicesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CreatedSlice(5, 5));
        assertThrows(IllegalArgumentException.class, () -> new CreatedSlice(-1, 5));
    }

    @Test
    void pageDensityReadsTheFirstAndLastCreated() {
        List<Json> page = List.of(
                Json.parse("{\"id\":\"a\",\"created\":1000}"),
                Json.parse("{\"id\":\"b\",\"created\":1000}"),
                Json.parse("{\"id\":\"c\",\"created\":999}"),
                Json.parse("{\"id\":\"d\",\"created\":990}"));
        PageDensity density = PageDensity.of(page).orElseThrow();
        assertEquals(new PageDensity(4, 1000, 990), density);
        assertEquals(4 / 11.0, density.perSecond(), 1e-12);
        assertEquals(Optional.empty(), PageDensity.of(List.of()));
        assertEquals(Optional.empty(), PageDensity.of(List.of(Json.parse("{\"id\":\"a\"}"))));
        assertEquals(Optional.empty(), PageDensity.of(List.of(Json.parse("{\"id\":\"a\",\"created\":1.5}"))));
        // Oldest first is not Stripe's order: nothing can be told.
        assertEquals(
                Optional.empty(),
                PageDensity.of(List.of(
                        Json.parse("{\"id\":\"a\",\"created\":1}"), Json.parse("{\"id\":\"b\",\"created\":2}"))));
    }
}
