package org.stripejdbc.fdw.modify;

import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * A write refused by one of its guards before any write request: safe updates (no WHERE), the row cap
 * ({@code max_write_rows}) or a dangerous write without the table option {@code allow_dangerous_writes}. The
 * message says what would have happened and how to opt in. A dry run ({@code EXPLAIN}) shows it as the line
 * {@code Refused: <message>} instead of failing.
 */
public final class ModifyRefusedException extends StripeJdbcException {
    private static final long serialVersionUID = 1L;

    public ModifyRefusedException(SqlState sqlState, String message) {
        super(sqlState, message);
    }
}
