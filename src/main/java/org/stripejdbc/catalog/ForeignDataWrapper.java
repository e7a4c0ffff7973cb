package org.stripejdbc.catalog;

import java.util.Map;
import java.util.Objects;
import org.stripejdbc.sql.OrderedMaps;

/**
 * A foreign data wrapper ({@code pg_foreign_data_wrapper}). The walkthrough's
 * {@code create foreign data wrapper stripe_wrapper handler stripe_fdw_handler validator stripe_fdw_validator}
 * gives {@code ForeignDataWrapper("stripe_wrapper", "stripe_fdw_handler", "stripe_fdw_validator", {})}.
 *
 * @param handler   the handler function, or null for {@code NO HANDLER}
 * @param validator the validator function, or null for {@code NO VALIDATOR}
 * @param options   in the order written
 */
public record ForeignDataWrapper(
        String name, String handler, String validator, Map<String, String> options, String comment) {
    public ForeignDataWrapper {
        Objects.requireNonNull(name, "name");
        options = OrderedMaps.copy(options, "option");
    }
}
