package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.stripejdbc.engine.InMemoryTableSource;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.TableSource;
import org.stripejdbc.types.SqlType;

/**
 * One view of {@code information_schema} or {@code pg_catalog}: its columns, and its rows computed from the catalog
 * as it is when a scan opens ({@link CatalogObjects}).
 *
 * <p>Example: {@code CatalogView.of("pg_catalog", "pg_namespace", "oid bigint, nspname text", o -> ...)} declares
 * two columns; {@link #source} is a table whose rows are read when its scan opens.
 */
record CatalogView(
        String schema, String name, List<ResultColumn> columns, Function<CatalogObjects, List<Object[]>> rows) {
    CatalogView {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        Objects.requireNonNull(rows, "rows");
    }

    /** A view whose columns are written {@code "name type, name type"} with Postgres type names. */
    static CatalogView of(String schema, String name, String columns, Function<CatalogObjects, List<Object[]>> rows) {
        List<ResultColumn> declared = new ArrayList<>();
        for (String column : columns.split(",")) {
            String[] parts = column.trim().split("\\s+", 2);
            SqlType type = SqlType.fromName(parts[1])
                    .orElseThrow(() -> new IllegalArgumentException("unknown type in " + column));
            declared.add(new ResultColumn(parts[0], type, schema, name));
        }
        return new CatalogView(schema, name, declared, rows);
    }

    /** The view as a table: {@code objects} is asked for the catalog each time a scan opens. */
    TableSource source(java.util.function.Supplier<CatalogObjects> objects) {
        return new InMemoryTableSource(schema + "." + name, columns, () -> rows.apply(objects.get()));
    }

    /** The view as DatabaseMetaData lists it ({@code SYSTEM VIEW}, as pgjdbc lists Postgres' own). */
    MetadataView.TableInfo metadata() {
        List<MetadataView.ColumnInfo> out = new ArrayList<>();
        for (ResultColumn c : columns) {
            out.add(new MetadataView.ColumnInfo(c.name(), c.type(), c.type().postgresName(), true, null));
        }
        return new MetadataView.TableInfo(schema, name, "SYSTEM VIEW", null, out, List.of());
    }
}
