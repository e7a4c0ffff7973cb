package org.stripejdbc.fdw.modify;

import java.util.Locale;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.stripe.objects.WriteRules;

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
    INSERT("INSERT into", "inserted", WriteRules.Operation.INSERT),
    UPDATE("UPDATE of", "updated", WriteRules.Operation.UPDATE),
    DELETE("DELETE from", "deleted", WriteRules.Operation.DELETE);

    private final String preposition;
    private final String pastTense;
    private final WriteRules.Operation rule;

    ModifyOperation(String preposition, String pastTense, WriteRules.Operation rule) {
        this.preposition = preposition;
        this.pastTense = pastTense;
        this.rule = rule;
    }

    /** The verb in lower case: {@code insert}, {@code update}, {@code delete}. */
    public String verb() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The operation as the registry's write rules name it. */
    public WriteRules.Operation rule() {
        return rule;
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
        throw StripeJdbcException.unsupported(
                "unknown data-modifying operation '" + name + "' (expected INSERT, UPDATE or DELETE)");
    }
}
