package org.stripejdbc.catalog;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.stripejdbc.types.SqlType;

/**
 * A column of a foreign table. {@code typeName} is the type as written, lower case ({@code bool},
 * {@code varchar(20)}); {@code type} is what it resolves to ({@link SqlType#BOOLEAN}, {@link SqlType#TEXT}).
 */
public record ForeignColumn(String name, String typeName, SqlType type, boolean notNull, Map<String, String> options,
                            String comment) {
    public ForeignColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(type, "type");
        options = OrderedMaps.copy(options, "column option");
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
