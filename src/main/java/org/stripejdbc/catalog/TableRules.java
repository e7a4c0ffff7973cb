package org.stripejdbc.catalog;

import java.util.Comparator;
import java.util.Optional;
import org.stripejdbc.config.SearchMode;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;

/**
 * The foreign-table validator, run on CREATE and after every ALTER (upstream's {@code stripe_fdw_validator}, made
 * stricter where upstream only failed later, at scan time):
 * <ul>
 *   <li>{@code object} is required: {@code HV00J required option `object` is not specified};</li>
 *   <li>{@code object} must be one of {@link StripeObjects}: {@code 22023 Stripe object 'pricing' not implemented},
 *       with a suggestion and the list of valid objects. 22023 (invalid_parameter_value) because the option's
 *       name is fine and its value is not; every bad option value in the catalog uses 22023;</li>
 *   <li>{@code rowid_column}, when present, must name a column: {@code 42703 rowid_column attribute "x" does not
 *       exist};</li>
 *   <li>{@code startup_cost} must be a number, {@code stripe_account} must not be empty;</li>
 *   <li>{@code allow_dangerous_writes} (writes that move money or destroy an account, see
 *       {@link org.stripejdbc.stripe.objects.WriteRules}) must be a boolean: {@code 'true'} or {@code 'false'}
 *       ({@code on/off/yes/no/1/0} too): {@code 22023} otherwise, so that a typo never silently leaves it off or
 *       on;</li>
 *   <li>{@code search} must be {@code auto}, {@code off} or {@code always} ({@link SearchMode}): {@code 22023}
 *       otherwise;</li>
 *   <li>no option value may look like a Stripe secret key.</li>
 * </ul>
 * Other options are accepted silently, as upstream does.
 */
final class TableRules {
    private TableRules() {}

    static void validate(ForeignTable table) {
        String owner = "foreign table " + table.tableName();
        table.options().forEach((option, value) -> SensitiveOptions.requireNoKey(option, value, owner));
        String object = table.options().get(ForeignTable.OBJECT);
        if (object == null) {
            throw new StripeJdbcException(
                    SqlState.FDW_OPTION_NAME_NOT_FOUND, "required option `object` is not specified (" + owner + ")");
        }
        if (StripeObjects.byObject(object).isEmpty()) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    "Stripe object '" + object
                            + "' not implemented (" + owner + ")"
                            + suggestion(object)
                                    .map(s -> "; did you mean '" + s + "'?")
                                    .orElse("") + "\nHINT: valid objects: "
                            + String.join(", ", StripeObjects.objectNames()));
        }
        table.rowidColumn().ifPresent(rowid -> {
            if (table.column(rowid).isEmpty()) {
                throw new StripeJdbcException(
                        SqlState.UNDEFINED_COLUMN,
                        "rowid_column attribute \"" + rowid + "\" does not exist (" + owner + ")");
            }
        });
        table.option("startup_cost").ifPresent(cost -> {
            try {
                Double.parseDouble(cost.strip());
            } catch (NumberFormatException e) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE,
                        "invalid option startup_cost: '" + cost + "' is not a number (" + owner + ")");
            }
        });
        table.option(ForeignTable.ALLOW_DANGEROUS_WRITES).ifPresent(value -> {
            if (ForeignTable.booleanValue(value).isEmpty()) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE,
                        "invalid option "
                                + ForeignTable.ALLOW_DANGEROUS_WRITES + ": '" + value + "' is not a boolean (" + owner
                                + "); use 'true' or 'false'");
            }
        });
        table.option(ForeignTable.SEARCH).ifPresent(value -> {
            if (SearchMode.parse(value).isEmpty()) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE,
                        "invalid option " + ForeignTable.SEARCH + ": '" + value + "' (" + owner
                                + "); use 'auto', 'off' or 'always'");
            }
        });
        table.stripeAccount().ifPresent(account -> {
            if (account.isBlank()) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE, "option stripe_account of " + owner + " is empty");
            }
        });
    }

    /** The object meant: an import table name ({@code checkout_sessions}) or the closest object by edit distance. */
    static Optional<String> suggestion(String written) {
        Optional<StripeObject> byTable = StripeObjects.byTableName(written);
        if (byTable.isPresent()) {
            return Optional.of(byTable.get().object());
        }
        return StripeObjects.objectNames().stream()
                .filter(name -> distance(name, written) <= Math.max(1, Math.min(3, written.length() / 2)))
                .min(Comparator.comparingInt(name -> distance(name, written)));
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
