package org.stripejdbc.engine;

import org.stripejdbc.sql.QualifiedName;

/**
 * Finds the {@link TableSource} a FROM item names: a Stripe foreign table, the vault's secrets, a metadata view.
 * Resolution happens while compiling and must not do I/O.
 *
 * <p>Example: {@code resolve(new QualifiedName("stripe", "customers"))} gives the customers foreign table;
 * {@code resolve(QualifiedName.of("nope"))} throws {@code 42P01 relation "nope" does not exist}.
 */
@FunctionalInterface
public interface TableResolver {
    /**
     * The table {@code name} denotes (an unqualified name is looked up on the session's search path).
     *
     * @throws org.stripejdbc.error.StripeJdbcException {@code 42P01 relation "x" does not exist} when there is none
     */
    TableSource resolve(QualifiedName name);
}
