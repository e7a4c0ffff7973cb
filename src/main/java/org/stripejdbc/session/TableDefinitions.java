package org.stripejdbc.session;

import org.stripejdbc.catalog.ForeignTable;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.ForeignTableDefinition;
import org.stripejdbc.stripe.objects.StripeObject;

/** Turns catalog foreign tables into what the planner and the modifier need. */
final class TableDefinitions {
    private TableDefinitions() {}

    static ForeignTableDefinition of(ForeignTable table) {
        StripeObject object = table.stripeObject()
                .orElseThrow(() -> new StripeJdbcException(
                        SqlState.FDW_ERROR,
                        "Stripe object '" + table.object() + "' not implemented (table " + table.schema() + "."
                                + table.name() + ")"));
        return new ForeignTableDefinition(
                table.schema(),
                table.name(),
                object,
                table.columns(),
                table.rowidColumn().orElse(null),
                table.stripeAccount().orElse(null));
    }
}
