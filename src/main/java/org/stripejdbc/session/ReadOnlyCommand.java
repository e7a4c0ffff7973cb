package org.stripejdbc.session;

import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.types.SqlType;

/**
 * A statement that writes (to Stripe, the vault or the catalog), refused while its session is read-only
 * ({@code Connection.setReadOnly(true)}: DBeaver's read-only connections, HikariCP's {@code readOnly}, Spring's
 * {@code @Transactional(readOnly = true)}). The check happens at execution, like Postgres in a read-only
 * transaction, so a statement prepared before the switch is refused too.
 *
 * <p>Example: on a read-only connection, {@code insert into stripe.customers (email) values ('a@b.c')} fails with
 * SQLSTATE 25006 {@code cannot execute INSERT in a read-only transaction} before any request is made.
 */
record ReadOnlyCommand(Command delegate, String verb, BooleanSupplier readOnly) implements Command {

    ReadOnlyCommand {
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(readOnly, "readOnly");
    }

    @Override
    public Kind kind() {
        return delegate.kind();
    }

    @Override
    public List<ResultColumn> columns() {
        return delegate.columns();
    }

    @Override
    public List<SqlType> parameterTypes() {
        return delegate.parameterTypes();
    }

    @Override
    public CommandResult execute(ExecutionContext context) {
        if (readOnly.getAsBoolean()) {
            throw new StripeJdbcException(
                    SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute " + verb + " in a read-only transaction");
        }
        return delegate.execute(context);
    }
}
