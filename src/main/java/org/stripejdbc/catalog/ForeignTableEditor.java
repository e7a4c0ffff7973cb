package org.stripejdbc.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.catalog.DropPlanner.CatalogObject;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.ColumnDefinition;
import org.stripejdbc.sql.ImportFilter;
import org.stripejdbc.sql.OptionChange;
import org.stripejdbc.sql.OrderedMaps;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.TableAlteration;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;
import org.stripejdbc.types.SqlType;

/**
 * The DDL of foreign tables, applied to a {@link CatalogDraft}: CREATE, ALTER (all actions or none, then validated
 * again), DROP and IMPORT FOREIGN SCHEMA, with Postgres's checks, SQLSTATEs and texts. Every table that results is
 * checked by {@link TableRules}; column types resolve through {@code SqlType.fromName}.
 *
 * <p>Example: {@code create foreign table stripe.t (id text, id text) server s options (object 'customers')} is
 * {@code 42701 column "id" specified more than once}; {@code import foreign schema stripe limit to (charges) from
 * server s into stripe} creates {@code stripe.charges} unless a table of that name exists (then a NOTICE).
 */
final class ForeignTableEditor {
    private final CatalogDraft draft;

    ForeignTableEditor(CatalogDraft draft) {
        this.draft = Objects.requireNonNull(draft, "draft");
    }

    void createForeignTable(
            String schema,
            String name,
            boolean ifNotExists,
            List<ColumnDefinition> columns,
            String server,
            Map<String, String> options) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(server, "server");
        if (CatalogSnapshot.isReservedSchema(schema)) {
            throw new StripeJdbcException(
                    SqlState.INSUFFICIENT_PRIVILEGE,
                    "permission denied to create \"" + schema + "." + name + "\": schema " + schema
                            + " is reserved for stripe-jdbc's own relations");
        }
        draft.requireStoredSchema(schema, "create in");
        QualifiedName key = new QualifiedName(schema, name);
        if (draft.tables.containsKey(key)) {
            draft.skipOrFail(ifNotExists, SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
            return;
        }
        List<ForeignColumn> built = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ColumnDefinition definition : columns) {
            if (!seen.add(definition.name())) {
                throw new StripeJdbcException(
                        SqlState.DUPLICATE_COLUMN, "column \"" + definition.name() + "\" specified more than once");
            }
            built.add(buildColumn(definition, key));
        }
        if (!draft.servers.containsKey(server)) {
            throw new StripeJdbcException(SqlState.UNDEFINED_OBJECT, "server \"" + server + "\" does not exist");
        }
        ForeignTable table = new ForeignTable(schema, name, server, built, OrderedMaps.copy(options, "option"), null);
        TableRules.validate(table);
        draft.tables.put(key, table);
        draft.changed();
    }

    private static ForeignColumn buildColumn(ColumnDefinition definition, QualifiedName table) {
        String typeName = definition.typeName().strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        SqlType type = SqlType.fromName(typeName)
                .orElseThrow(() -> new StripeJdbcException(
                        SqlState.UNDEFINED_OBJECT,
                        "type \"" + definition.typeName() + "\" does not exist (column " + definition.name() + " of "
                                + table + ")"));
        definition
                .options()
                .forEach((option, value) ->
                        SensitiveOptions.requireNoKey(option, value, "column " + definition.name() + " of " + table));
        return new ForeignColumn(definition.name(), typeName, type, definition.notNull(), definition.options(), null);
    }

    void alterForeignTable(String schema, String name, boolean ifExists, List<TableAlteration> alterations) {
        QualifiedName key =
                new QualifiedName(Objects.requireNonNull(schema, "schema"), Objects.requireNonNull(name, "name"));
        ForeignTable table = draft.tables.get(key);
        if (table == null) {
            draft.skipOrFail(ifExists, SqlState.UNDEFINED_TABLE, "relation \"" + key + "\" does not exist");
            return;
        }
        ForeignTable working = table;
        for (TableAlteration alteration : alterations) {
            working = alter(working, alteration);
        }
        TableRules.validate(working);
        draft.replaceTable(key, working);
        draft.changed();
    }

    private ForeignTable alter(ForeignTable table, TableAlteration alteration) {
        String relation = "relation \"" + table.name() + "\"";
        if (alteration instanceof TableAlteration.Options options) {
            LinkedHashMap<String, Object> values = new LinkedHashMap<>(table.options());
            for (OptionChange change : options.changes()) {
                CatalogDraft.applyOptionChange(values, change, change::value);
            }
            LinkedHashMap<String, String> plain = new LinkedHashMap<>();
            values.forEach((option, value) -> plain.put(option, (String) value));
            return table.withOptions(plain);
        }
        if (alteration instanceof TableAlteration.AddColumn add) {
            String column = add.column().name();
            if (table.column(column).isPresent()) {
                draft.skipOrFail(
                        add.ifNotExists(),
                        SqlState.DUPLICATE_COLUMN,
                        "column \"" + column + "\" of " + relation + " already exists");
                return table;
            }
            List<ForeignColumn> columns = new ArrayList<>(table.columns());
            columns.add(buildColumn(add.column(), table.tableName()));
            return table.withColumns(columns);
        }
        if (alteration instanceof TableAlteration.DropColumn drop) {
            if (table.column(drop.column()).isEmpty()) {
                draft.skipOrFail(
                        drop.ifExists(),
                        SqlState.UNDEFINED_COLUMN,
                        "column \"" + drop.column() + "\" of " + relation + " does not exist");
                return table;
            }
            if (table.rowidColumn().filter(drop.column()::equals).isPresent()) {
                throw new StripeJdbcException(
                        SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop column "
                                + drop.column() + " of foreign table " + table.tableName()
                                + " because option rowid_column refers to it\nHINT: set or drop the rowid_column "
                                + "option first");
            }
            return table.withColumns(table.columns().stream()
                    .filter(c -> !c.name().equals(drop.column()))
                    .toList());
        }
        if (alteration instanceof TableAlteration.RenameColumn rename) {
            if (table.column(rename.from()).isEmpty()) {
                throw new StripeJdbcException(
                        SqlState.UNDEFINED_COLUMN,
                        "column \"" + rename.from() + "\" of " + relation + " does not exist");
            }
            if (rename.from().equals(rename.to())) {
                return table;
            }
            if (table.column(rename.to()).isPresent()) {
                throw new StripeJdbcException(
                        SqlState.DUPLICATE_COLUMN, "column \"" + rename.to() + "\" of " + relation + " already exists");
            }
            ForeignTable renamed = table.withColumns(table.columns().stream()
                    .map(c -> c.name().equals(rename.from()) ? c.withName(rename.to()) : c)
                    .toList());
            if (table.rowidColumn().filter(rename.from()::equals).isPresent()) {
                // The option follows its column, as Postgres dependencies follow a rename.
                LinkedHashMap<String, String> options = new LinkedHashMap<>(renamed.options());
                options.put(ForeignTable.ROWID_COLUMN, rename.to());
                renamed = renamed.withOptions(options);
            }
            return renamed;
        }
        TableAlteration.RenameTable rename = (TableAlteration.RenameTable) alteration;
        if (!rename.to().equals(table.name())
                && draft.tables.containsKey(new QualifiedName(table.schema(), rename.to()))) {
            throw new StripeJdbcException(SqlState.DUPLICATE_TABLE, "relation \"" + rename.to() + "\" already exists");
        }
        return table.withName(rename.to());
    }

    void dropForeignTables(List<QualifiedName> names, boolean ifExists, boolean cascade) {
        List<CatalogObject> targets = new ArrayList<>();
        for (QualifiedName name : names) {
            if (draft.tables.containsKey(name)) {
                targets.add(new DropPlanner.TableObject(name));
            } else {
                draft.skipOrFail(ifExists, SqlState.UNDEFINED_TABLE, "foreign table \"" + name + "\" does not exist");
            }
        }
        draft.drop(targets, cascade);
    }

    ImportResult importForeignSchema(
            ImportFilter filter,
            List<String> tableNames,
            String server,
            String localSchema,
            Map<String, String> options) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(localSchema, "localSchema");
        draft.requireServer(server);
        draft.requireStoredSchema(localSchema, "import into");
        Set<String> listed = Set.copyOf(tableNames);
        String stripeAccount = options == null ? null : options.get(ForeignTable.STRIPE_ACCOUNT);
        List<ForeignTable> created = new ArrayList<>();
        List<QualifiedName> skipped = new ArrayList<>();
        for (StripeObject object : StripeObjects.all()) {
            boolean selected = switch (filter) {
                case ALL -> true;
                case LIMIT_TO -> listed.contains(object.tableName());
                case EXCEPT -> !listed.contains(object.tableName());
            };
            if (!selected) {
                continue;
            }
            QualifiedName key = new QualifiedName(localSchema, object.tableName());
            if (draft.tables.containsKey(key)) {
                skipped.add(key);
                continue;
            }
            ForeignTable table = ImportedTables.of(object, key, server, stripeAccount);
            TableRules.validate(table);
            draft.tables.put(key, table);
            created.add(table);
            draft.changed();
        }
        ImportResult result = new ImportResult(created, skipped);
        draft.notices(result.notices());
        return result;
    }
}
