package org.stripejdbc.fdw.modify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.fdw.ForeignTableDefinition;
import org.stripejdbc.fdw.RowShaper;
import org.stripejdbc.json.Json;

/**
 * What an INSERT, UPDATE or DELETE did in Stripe.
 *
 * <p>Example: {@code update stripe.customers set name = 'n' where id in ('cus_1', 'cus_gone', 'cus_2')}, with
 * {@code cus_gone} answered 404:
 * <pre>
 *   affected = 2
 *   objects  = [{"id":"cus_1","name":"n",...}, {"id":"cus_2","name":"n",...}]   (empty with Returning.NONE)
 *   ids      = [cus_1, cus_2]
 *   warnings = [updated customers cus_1, customers cus_gone was not found; not updated, updated customers cus_2]
 * </pre>
 *
 * @param affected the number of rows Stripe applied (the update count); rows answered 404 are not counted
 * @param objects  the API's response object of every applied row, in row order, when {@link Returning#ROWS}
 *                 was asked for; otherwise empty. A DELETE's response is Stripe's deletion stub
 *                 ({@code {"id":"cus_1","object":"customer","deleted":true}})
 * @param ids      the id of every applied row, in row order: for INSERT the {@code id} of the created object
 *                 (what {@code getGeneratedKeys()} returns; a response without an id adds none), for UPDATE and
 *                 DELETE the rowid the row was addressed by
 * @param warnings messages for the statement's {@code SQLWarning}s, as upstream's INFO lines
 *                 ({@code inserted customers cus_123}); after {@value StripeModifier#MAX_ROW_WARNINGS} rows a
 *                 last line counts the rest
 */
public record ModifyResult(long affected, List<Json> objects, List<String> ids, List<String> warnings) {
    public ModifyResult {
        if (affected < 0) {
            throw new IllegalArgumentException("affected must not be negative: " + affected);
        }
        objects = List.copyOf(Objects.requireNonNull(objects, "objects"));
        ids = List.copyOf(Objects.requireNonNull(ids, "ids"));
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    }

    /**
     * The {@link #objects()} as rows of {@code table}'s declared columns, in declaration order, typed exactly as a
     * SELECT of the table would give them (the RETURNING rows). Throws {@code 42804} when a declared type cannot
     * hold its column's values, as the SELECT would.
     */
    public List<Object[]> rows(ForeignTableDefinition table) {
        RowShaper shaper = new RowShaper(Objects.requireNonNull(table, "table"));
        shaper.check();
        List<Object[]> rows = new ArrayList<>(objects.size());
        for (Json object : objects) {
            rows.add(shaper.shape(object));
        }
        return rows;
    }
}
