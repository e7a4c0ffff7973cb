package org.stripejdbc.catalog;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.stripejdbc.sql.OrderedMaps;
import org.stripejdbc.types.SqlType;

/**
 * A column of a foreign table, as the catalog stores it and as the Stripe adapter ({@code fdw}) reads it: the
 * resolved form of a {@code sql.ColumnDefinition}. {@code typeName} is the type as written, lower case
 * ({@code bool}, {@code varchar(20)}); {@code type} is what it resolves to ({@link SqlType#BOOLEAN},
 * {@link SqlType#TEXT}). Example: {@code created timestamp} is
 * {@code new ForeignColumn("created", "timestamp", SqlType.TIMESTAMP, false, {}, null)}; the quoted
 * {@code "items[0][price]" text} keeps its brackets in the name.
 */
public record ForeignColumn(
        String name, String typeName, SqlType type, boolean notNull, Map<String, String> options, String comment) {
    public ForeignColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(type, "type");
        options = OrderedMaps.copy(options, "column option");
    }

    /** A nullable column without options or comment, its type written as Postgres names it. */
    public static ForeignColumn of(String name, SqlType type) {
        return new ForeignColumn(name, type.postgresName(), type, false, Map.of(), null);
    }

    /** A column option's value. */
    public Optional<String> option(String optionName) {
        return Optional.ofNullable(options.get(optionName));
    }

    ForeignColumn withName(String newName) {
        return new ForeignColumn(newName, typeName, type, notNull, options, comment);
    }

    ForeignColumn withComment(String newComment) {
        return new ForeignColumn(name, typeName, type, notNull, options, newComment);
    }
}
