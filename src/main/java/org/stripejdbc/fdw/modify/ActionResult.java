package org.stripejdbc.fdw.modify;

import java.util.List;
import java.util.Objects;

/**
 * What an action statement did: one row per object Stripe applied the action to, in request order, each
 * {@code [id text, action text, result jsonb]} (the object Stripe answered), and the warnings (an object answered
 * 404 is not a row: {@code invoices in_gone was not found; finalize not applied}).
 *
 * @param rows     the result rows
 * @param warnings messages for the statement's {@code SQLWarning}s
 */
public record ActionResult(List<Object[]> rows, List<String> warnings) {
    public ActionResult {
        rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    }
}
