package org.stripejdbc.engine.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;

/** The jsonpath subset: accessors, filters with comparisons, logic, exists, like_regex, starts with; 0A000 beyond. */
class JsonPathTest {
    private static final Json DOC = Json.parse("{\"a\": [{\"t\": \"smb\", \"v\": 1}, {\"t\": \"x\", \"v\": 2},"
            + " {\"t\": \"Smc\", \"v\": null, \"tags\": [\"p\", \"q\"]}], \"n\": 5}");

    private static String query(String path) {
        return JsonPath.parse(path).evaluate(DOC).toString();
    }

    @Test
    void filtersSelectItemsAndFollowingAccessorsApply() {
        assertEquals("[1]", query("$.a[*] ? (@.t == \"smb\").v"));
        assertEquals("[1]", query("$.a ? (@.t == \"smb\").v"));
        assertEquals("[2]", query("$.a[*] ? (@.v > 1).v"));
        assertEquals("[1, 2]", query("$.a[*] ? (@.v >= 1 && @.v <= 2).v"));
        assertEquals("[\"smb\", \"x\"]", query("$.a[*] ? (@.v == 1 || @.t <> \"smb\" && @.v != null).t"));
        assertEquals("[\"Smc\"]", query("$.a[*] ? (exists(@.tags)).t"));
        assertEquals("[\"smb\", \"x\"]", query("$.a[*] ? (!(exists(@.tags))).t"));
        assertEquals("[\"smb\", \"Smc\"]", query("$.a[*] ? (@.t like_regex \"^sm\" flag \"i\").t"));
        assertEquals("[\"smb\"]", query("$.a[*] ? (@.t starts with \"sm\").t"));
        assertEquals("[\"Smc\"]", query("$.a[*] ? (@.tags == \"q\").t"));
        assertEquals("[1, 2]", query("$.a[*] ? (@.v < $.n).v"));
        assertEquals("[\"smb\", \"x\"]", query("$.a[*] ? (@.v != null).t"));
    }

    @Test
    void comparisonsOfDifferentTypesAreUnknown() {
        assertEquals("[]", query("$.a[*] ? (@.t > 1)"));
        assertEquals("[null]", query("$.n == \"5\""));
        assertEquals("[false]", query("$.n == null"));
        assertEquals("[null]", query("$.n < \"5\""));
        assertEquals("[true]", query("$.n == 5"));
        assertEquals("[true]", query("exists($.a ? (@.v == 2))"));
        assertEquals(Boolean.TRUE, JsonPath.parse("$.n > 4").match(DOC));
        assertEquals(null, JsonPath.parse("$.n > \"x\"").match(DOC));
    }

    @Test
    void unsupportedFeaturesAreNamed() {
        for (String path : List.of(
                "$.n + 1",
                "$.a.size()",
                "$var",
                "$.a ? (@.t like_regex \"a\" flag \"x\")",
                "$.a ? (@.t is unknown)",
                "$.**")) {
            StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> JsonPath.parse(path));
            assertEquals("0A000", e.sqlState().code(), path);
            assertTrue(e.getMessage().contains("is not supported"), e.getMessage());
        }
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> JsonPath.parse("$.a ? (@.v =="));
        assertEquals("42601", e.sqlState().code());
    }
}
