package org.stripejdbc.serve;

import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;

/**
 * The Avatica service remote clients talk to, with our SQLSTATEs intact. {@code JdbcMeta} wraps the driver's
 * {@link SQLException} in a plain {@code RuntimeException}, and Avatica's handler then answers with SQLSTATE
 * {@code 00000} and a message made of the exception chain. This decorator finds the {@code SQLException} in the
 * chain and rethrows it as the {@link AvaticaRuntimeException} that Avatica serialises field by field, so the
 * thin client's {@code SQLException} carries the driver's SQLSTATE, vendor code and message.
 * <pre>
 *   select * from stripe.nope   →  thin client: SQLException, getSQLState() = "42P01",
 *                                   message contains: relation "stripe.nope" does not exist
 * </pre>
 * Failures without a {@code SQLException} (unknown connection or statement ids) pass through unchanged, because
 * Avatica and its clients recognise them by type.
 */
final class SqlStatePreservingService implements Service {
    /** Bounds the walk down a cause chain (which could in theory be cyclic). */
    private static final int MAXIMUM_CAUSE_DEPTH = 16;

    private final Service delegate;

    SqlStatePreservingService(Service delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    private static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (AvaticaRuntimeException e) {
            throw e;
        } catch (RuntimeException e) {
            SQLException cause = sqlException(e);
            if (cause == null) {
                throw e;
            }
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            String sqlState = cause.getSQLState() == null ? ErrorResponse.UNKNOWN_SQL_STATE : cause.getSQLState();
            throw new AvaticaRuntimeException(message, cause.getErrorCode(), sqlState, AvaticaSeverity.ERROR);
        }
    }

    static SQLException sqlException(Throwable thrown) {
        Throwable current = thrown;
        for (int depth = 0; current != null && depth < MAXIMUM_CAUSE_DEPTH; depth++) {
            if (current instanceof SQLException sql) {
                return sql;
            }
            current = current.getCause();
        }
        return null;
    }

    @Override
    public ResultSetResponse apply(CatalogsRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public ResultSetResponse apply(SchemasRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public ResultSetResponse apply(TablesRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public ResultSetResponse apply(TableTypesRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public ResultSetResponse apply(TypeInfoRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public ResultSetResponse apply(ColumnsRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public PrepareResponse apply(PrepareRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public ExecuteResponse apply(ExecuteRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public ExecuteResponse apply(PrepareAndExecuteRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public SyncResultsResponse apply(SyncResultsRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public FetchResponse apply(FetchRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public CreateStatementResponse apply(CreateStatementRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public CloseStatementResponse apply(CloseStatementRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public OpenConnectionResponse apply(OpenConnectionRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public CloseConnectionResponse apply(CloseConnectionRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public ConnectionSyncResponse apply(ConnectionSyncRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public DatabasePropertyResponse apply(DatabasePropertyRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public CommitResponse apply(CommitRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public RollbackResponse apply(RollbackRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public ExecuteBatchResponse apply(PrepareAndExecuteBatchRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public ExecuteBatchResponse apply(ExecuteBatchRequest request) {
        return translated(() -> delegate.apply(request));
    }

    @Override
    public void setRpcMetadata(RpcMetadataResponse metadata) {
        delegate.setRpcMetadata(metadata);
    }
}
