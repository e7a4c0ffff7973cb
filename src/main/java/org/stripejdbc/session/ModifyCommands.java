package org.stripejdbc.session;

import org.stripejdbc.sql.Statement;

/**
 * The commands of INSERT, UPDATE and DELETE for one kind of table: {@link VaultStatements} for
 * {@code vault.secrets}, {@link ModifyStatements} for the Stripe foreign tables. The session picks one by the
 * statement's table: {@code insert into vault.secrets ...} goes to the vault, {@code insert into
 * stripe.customers ...} to Stripe.
 */
interface ModifyCommands {
    Command insert(Statement.Insert insert, int parameterCount);

    Command update(Statement.Update update, int parameterCount);

    Command delete(Statement.Delete delete, int parameterCount);
}
