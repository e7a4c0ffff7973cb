package org.stripejdbc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.catalog.CatalogFixtures.assertError;
import static org.stripejdbc.catalog.CatalogFixtures.assertErrorStartsWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.ColumnDefinition;
import org.stripejdbc.sql.CommentTarget;
import org.stripejdbc.sql.QualifiedName;

class CatalogFileFormatTest {
    private static final Path FILE = Path.of("/tmp/x/catalog.json");

    private static CatalogSnapshot read(String json) {
        return CatalogFileFormat.read(json.getBytes(StandardCharsets.UTF_8), FILE);
    }

    @Test
    void roundTripsEverythingKeepingOptionOrder() {
        Catalog catalog = CatalogFixtures.walkthrough(CatalogFixtures.memory());
        LinkedHashMap<String, String> options = new LinkedHashMap<>();
        options.put("rowid_column", "id");
        options.put("object", "customers");
        options.put("stripe_account", "acct_1");
        catalog.createForeignTable(
                "stripe",
                "customers",
                false,
                List.of(
                        new ColumnDefinition("id", "text", true, Map.of("a", "1")),
                        ColumnDefinition.of("attrs", "jsonb")),
                "stripe_server",
                options);
        catalog.comment(new CommentTarget.OnColumn(new QualifiedName("stripe", "customers"), "id"), "the id");
        catalog.comment(new CommentTarget.OnServer("stripe_server"), "main");
        catalog.createWrapper("plain", null, null, Map.of("k", "v"));
        catalog.vault().create("some-secret-value", null, "no name");
        CatalogSnapshot written = catalog.snapshot();

        CatalogSnapshot read = CatalogFileFormat.read(CatalogFileFormat.write(written), FILE);
        assertEquals(written.version(), read.version());
        assertEquals(written.keyCheck(), read.keyCheck());
        assertEquals(written.extensions(), read.extensions());
        assertEquals(written.wrappers(), read.wrappers());
        assertEquals(written.servers(), read.servers());
        assertEquals(written.schemas(), read.schemas());
        assertEquals(written.tables(), read.tables());
        assertEquals(written.secrets(), read.secrets());
        assertEquals(
                List.of("rowid_column", "object", "stripe_account"),
                List.copyOf(read.table("stripe", "customers").get().options().keySet()));
    }

    @Test
    void theInitialCatalogIsSmallAndReadable() {
        String json = new String(CatalogFileFormat.write(CatalogSnapshot.initial()), StandardCharsets.UTF_8);
        assertEquals("""
                {
                  "formatVersion" : 1,
                  "version" : 0,
                  "extensions" : [ ],
                  "wrappers" : [ ],
                  "servers" : [ ],
                  "schemas" : [ {
                    "name" : "public"
                  }, {
                    "name" : "extensions"
                  } ],
                  "tables" : [ ],
                  "secrets" : [ ]
                }""", json.replace("\r\n", "\n"));
    }

    @Test
    void strictReading() {
        String valid = "{\"formatVersion\":1,\"version\":0,\"extensions\":[],\"wrappers\":[],\"servers\":[],"
                + "\"schemas\":[{\"name\":\"public\"}],\"tables\":[],\"secrets\":[]}";
        assertEquals(0, read(valid).version());
        assertError(
                "XX001",
                "catalog file " + FILE + " is damaged: the top level is not a JSON object; the file was "
                        + "left untouched (restore it from a backup, or move it away to start an empty catalog)",
                () -> read("[1]"));
        assertErrorStartsWith(
                "XX001", "catalog file " + FILE + " is damaged: formatVersion is missing", () -> read("{}"));
        assertErrorStartsWith(
                "XX001",
                "catalog file " + FILE + " is damaged: formatVersion 0 is not a valid version",
                () -> read(valid.replace("\"formatVersion\":1", "\"formatVersion\":0")));
        assertErrorStartsWith(
                "XX001",
                "catalog file " + FILE + " is damaged: $.servers is missing or not an array",
                () -> read(valid.replace("\"servers\":[],", "")));
        assertErrorStartsWith(
                "XX001",
                "catalog file " + FILE + " is damaged: duplicate schema public",
                () -> read(valid.replace("{\"name\":\"public\"}", "{\"name\":\"public\"},{\"name\":\"public\"}")));
        assertErrorStartsWith(
                "XX001",
                "catalog file " + FILE + " is damaged: it is not valid JSON (Duplicate field",
                () -> read(valid.replace("\"version\":0,", "\"version\":0,\"version\":1,")));
        assertErrorStartsWith(
                "XX001",
                "catalog file " + FILE + " is damaged: $.secrets[0].id is not a UUID",
                () -> read(valid.replace("\"secrets\":[]", "\"secrets\":[{\"id\":\"x\"}]")));
        assertErrorStartsWith(
                "XX001",
                "catalog file " + FILE + " is damaged: server s uses the missing wrapper w",
                () -> read(valid.replace(
                        "\"servers\":[]",
                        "\"servers\":[{\"id\":\"" + UUID.randomUUID()
                                + "\",\"name\":\"s\",\"wrapper\":\"w\",\"options\":{}}]")));
        assertErrorStartsWith(
                "XX001",
                "catalog file " + FILE + " is damaged: $.servers[0].options.api_key is neither",
                () -> read(valid.replace(
                        "\"servers\":[]",
                        "\"servers\":[{\"id\":\"" + UUID.randomUUID()
                                + "\",\"name\":\"s\",\"wrapper\":\"w\",\"options\":{\"api_key\":1}}]")));
        assertTrue(read(valid).schemaExists("public"));
    }
}
