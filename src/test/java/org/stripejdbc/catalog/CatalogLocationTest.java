package org.stripejdbc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.catalog.CatalogFixtures.assertErrorStartsWith;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CatalogLocationTest {
    private static final String HOME = System.getProperty("user.home");

    @Test
    void emptyMeansTheDefaultDirectory() {
        assertEquals(
                new CatalogLocation.Directory(Path.of(HOME, ".stripe-jdbc", "default")), CatalogLocation.parse(""));
        assertEquals(CatalogLocation.defaultDirectory(), CatalogLocation.fromUrl("jdbc:stripe:"));
    }

    @Test
    void memoryLocations() {
        assertEquals(new CatalogLocation.Memory("demo"), CatalogLocation.fromUrl("jdbc:stripe:mem:demo"));
        CatalogLocation.Memory anonymous = (CatalogLocation.Memory) CatalogLocation.parse("mem:");
        assertTrue(anonymous.isPrivate());
        assertFalse(new CatalogLocation.Memory("x").isPrivate());
        assertEquals("mem:demo", new CatalogLocation.Memory("demo").toString());
    }

    @Test
    void directoryLocations() {
        assertEquals(
                new CatalogLocation.Directory(Path.of("/srv/catalog")), CatalogLocation.parse("file:/srv/catalog"));
        assertEquals(
                new CatalogLocation.Directory(Path.of("/srv/catalog")), CatalogLocation.parse("file:///srv/catalog"));
        assertEquals(new CatalogLocation.Directory(Path.of("/srv/catalog")), CatalogLocation.parse("/srv/catalog"));
        assertEquals(new CatalogLocation.Directory(Path.of("relative/dir")), CatalogLocation.parse("relative/dir"));
        assertEquals(
                new CatalogLocation.Directory(Path.of(HOME, "work", "stripe")), CatalogLocation.parse("~/work/stripe"));
        assertEquals(
                new CatalogLocation.Directory(Path.of(HOME, "x")), CatalogLocation.fromUrl("JDBC:STRIPE:file:~/x"));
    }

    @Test
    void invalidLocations() {
        assertErrorStartsWith(
                "08001",
                "invalid catalog location \"file:\" in URL jdbc:stripe:file:",
                () -> CatalogLocation.parse("file:"));
        assertErrorStartsWith(
                "08001",
                "not a stripe-jdbc URL (expected jdbc:stripe:...): jdbc:postgresql:x",
                () -> CatalogLocation.fromUrl("jdbc:postgresql:x"));
        assertErrorStartsWith("08001", "invalid catalog location \"a\0b\"", () -> CatalogLocation.parse("a\0b"));
    }
}
