package org.stripejdbc.modify;

import java.util.Locale;
import org.stripejdbc.error.StripeJdbcException;

/**
 * The three data-modifying statements, with the words their messages use.
 *
 * <pre>
 *   INSERT  "INSERT into stripe.customers"  warning "inserted customers cus_1"
 *   UPDATE  "UPDATE of stripe.customers"    warning "updated customers cus_1"
 *   DELETE  "DELETE from stripe.customers"  warning "deleted customers cus_1"
 * </pre>
 */
public enum ModifyOperation {
    INSERT("INSERT into", "inserted"),
    UPDATE("UPDATE of", "updated"),
    DELETE("DELETE from", "deleted");

    private final String preposition;
    private final String pastTense;

    ModifyOperation(String preposition, String pastTense) {
        this.preposition = preposition;
        this.pastTense = pastTense;
    }

    /** How messages name the statement on a table: {@code "UPDATE of stripe.customers"}. */
    public String on(String qualifiedTable) {
        return preposition + " " + qualifiedTable;
    }

    /** The verb of the per-row warning: {@code inserted}, {@code updated}, {@code deleted}. */
    public String pastTense() {
        return pastTense;
    }

    /** Parses {@code insert}/{@code UPDATE}/{@code Delete}; anything else is a {@code 0A000} error naming it. */
    public static ModifyOperation of(String name) {
        if (name != null) {
            for (ModifyOperation operation : values()) {
                if (operation.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                    return operation;
                }
            }
        }
        throw StripeJdbcException.unsupported("unknown data-modifying operation '" + name
                + "' (expected INSERT, UPDATE or DELETE)");
    }
}
