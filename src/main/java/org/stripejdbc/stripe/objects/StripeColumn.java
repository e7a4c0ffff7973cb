package org.stripejdbc.stripe.objects;

import java.util.Objects;
import org.stripejdbc.types.SqlType;

/** A column the FDW knows for an object: the top-level JSON field of the same name, converted to {@code type}. */
public record StripeColumn(String name, SqlType type) {
    public StripeColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
