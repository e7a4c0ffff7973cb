package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.stripejdbc.catalog.CatalogSnapshot;
import org.stripejdbc.catalog.ForeignColumn;
import org.stripejdbc.catalog.ForeignTable;
import org.stripejdbc.catalog.Schema;
import org.stripejdbc.stripe.objects.StripeRelations;

/**
 * The catalog as DatabaseMetaData shows it: every stored schema plus {@code vault}; every foreign table
 * ({@code FOREIGN TABLE}, its {@code rowid_column} as primary key, comments as REMARKS); the vault's views
 * ({@code SYSTEM VIEW}); the views of {@code information_schema} and {@code pg_catalog} ({@code SYSTEM VIEW}, as
 * pgjdbc lists Postgres' own); and as foreign keys every expandable reference the API description records
 * between two tables of the catalog ({@link StripeRelations}): {@code charges.customer → customers.id} when both
 * are there, the referenced table taken from the referencing table's schema when it has one there.
 */
final class CatalogMetadata implements MetadataView {
    private final CatalogSnapshot snapshot;
    private final List<CatalogView> catalogViews;

    CatalogMetadata(CatalogSnapshot snapshot, List<CatalogView> catalogViews) {
        this.snapshot = snapshot;
        this.catalogViews = List.copyOf(catalogViews);
    }

    @Override
    public List<String> schemas() {
        TreeSet<String> names = new TreeSet<>();
        for (Schema s : snapshot.schemas()) {
            names.add(s.name());
        }
        names.add(VaultTables.SCHEMA);
        for (CatalogView view : catalogViews) {
            names.add(view.schema());
        }
        return List.copyOf(names);
    }

    @Override
    public List<TableInfo> tables() {
        List<TableInfo> out = new ArrayList<>();
        for (ForeignTable t : snapshot.tables()) {
            List<ColumnInfo> columns = new ArrayList<>();
            for (ForeignColumn c : t.columns()) {
                columns.add(new ColumnInfo(c.name(), c.type(), c.typeName(), !c.notNull(), c.comment()));
            }
            List<String> key = t.rowidColumn()
                    .filter(column -> t.column(column).isPresent())
                    .map(List::of)
                    .orElse(List.of());
            out.add(new TableInfo(t.schema(), t.name(), "FOREIGN TABLE", t.comment(), columns, key));
        }
        out.addAll(VaultTables.metadata());
        for (CatalogView view : catalogViews) {
            out.add(view.metadata());
        }
        out.sort(Comparator.comparing(TableInfo::schema).thenComparing(TableInfo::name));
        return out;
    }

    @Override
    public List<ForeignKey> foreignKeys() {
        Map<String, List<ForeignTable>> byResource = new HashMap<>();
        for (ForeignTable t : snapshot.tables()) {
            if (t.column("id").isPresent()) {
                StripeRelations.resourceName(t.object())
                        .ifPresent(r -> byResource
                                .computeIfAbsent(r, k -> new ArrayList<>())
                                .add(t));
            }
        }
        List<ForeignKey> out = new ArrayList<>();
        for (ForeignTable t : snapshot.tables()) {
            Map<String, String> references = StripeRelations.references(t.object());
            for (ForeignColumn c : t.columns()) {
                String resource = references.get(c.name());
                List<ForeignTable> targets =
                        resource == null ? List.of() : byResource.getOrDefault(resource, List.of());
                List<ForeignTable> sameSchema = targets.stream()
                        .filter(p -> p.schema().equals(t.schema()))
                        .toList();
                for (ForeignTable p : sameSchema.isEmpty() ? targets : sameSchema) {
                    out.add(new ForeignKey(p.schema(), p.name(), "id", t.schema(), t.name(), c.name()));
                }
            }
        }
        out.sort(Comparator.comparing(ForeignKey::pkSchema)
                .thenComparing(ForeignKey::pkTable)
                .thenComparing(ForeignKey::fkSchema)
                .thenComparing(ForeignKey::fkTable)
                .thenComparing(ForeignKey::fkColumn));
        return out;
    }
}
