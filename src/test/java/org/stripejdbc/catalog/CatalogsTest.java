package org.stripejdbc.catalog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.stripejdbc.vault.VaultKey;
import org.stripejdbc.vault.VaultKeySource;

class CatalogsTest {
    @Test
    void namedMemoryCatalogsAreSharedAcrossOpens() {
        CatalogLocation location = new CatalogLocation.Memory("shared-" + UUID.randomUUID());
        Catalog first = Catalogs.open(location, VaultKeySource.locationDefault());
        Catalog second = Catalogs.open(location, VaultKeySource.locationDefault());
        assertSame(first, second);
        first.createSchema("stripe", false);
        assertTrue(second.snapshot().schemaExists("stripe"));
    }

    @Test
    void anotherKeySourceGivesAnotherFacadeOnTheSameStore() {
        CatalogLocation location = new CatalogLocation.Memory("keys-" + UUID.randomUUID());
        Catalog defaultKey = Catalogs.open(location, VaultKeySource.locationDefault());
        Catalog explicitKey = Catalogs.open(location, VaultKeySource.of(VaultKey.generate()));
        assertNotSame(defaultKey, explicitKey);
        defaultKey.createSchema("stripe", false);
        assertTrue(explicitKey.snapshot().schemaExists("stripe"));
    }

    @Test
    void privateMemoryCatalogsAreNeverShared() {
        Catalog first = Catalogs.open(new CatalogLocation.Memory(""), VaultKeySource.locationDefault());
        Catalog second = Catalogs.open(new CatalogLocation.Memory(""), VaultKeySource.locationDefault());
        first.createSchema("stripe", false);
        assertFalse(second.snapshot().schemaExists("stripe"));
    }

    @Test
    void uncachedMemoryIsItsOwnCatalog() {
        CatalogLocation location = new CatalogLocation.Memory("uncached-" + UUID.randomUUID());
        Catalog shared = Catalogs.open(location, VaultKeySource.locationDefault());
        Catalog own = Catalogs.openUncached(location, VaultKeySource.locationDefault());
        shared.createSchema("stripe", false);
        assertFalse(own.snapshot().schemaExists("stripe"));
    }
}
