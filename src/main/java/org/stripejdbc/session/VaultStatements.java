package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.stripejdbc.catalog.Catalog;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.CompiledQuery;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.Expressions;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.types.SqlType;
import org.stripejdbc.vault.VaultSecretInfo;

/**
 * Supabase Vault's SQL surface over the encrypted vault:
 * <pre>
 *   insert into vault.secrets (name, secret[, description]) values (...) returning key_id   (or id, or *)
 *   select vault.create_secret('secret', 'name', 'description');                            → the new id
 *   select vault.update_secret('id', 'new secret', 'new name', 'new description');
 *   update vault.secrets set secret = '...', name = '...' where name = 'stripe' [returning ...];
 *   delete from vault.secrets where id = '...' [returning ...];
 * </pre>
 * RETURNING and SELECT never show a secret; only {@code vault.decrypted_secrets} does.
 */
final class VaultStatements implements ModifyCommands {
    private static final QualifiedName SECRETS = new QualifiedName(VaultTables.SCHEMA, VaultTables.SECRETS);

    private final Catalog catalog;
    private final Expressions expressions;
    private final QueryCompilerFacade queries;

    VaultStatements(Catalog catalog, Expressions expressions, QueryCompilerFacade queries) {
        this.catalog = catalog;
        this.expressions = expressions;
        this.queries = queries;
    }

    // ------------------------------------------------------------------ vault.create_secret / update_secret

    /** The command for {@code select vault.create_secret(...)} / {@code vault.update_secret(...)}, if it is one. */
    Optional<Command> functionCall(Query query, int parameterCount) {
        Optional<SelectItem.Column> called = callItem(query);
        if (called.isEmpty()) {
            return Optional.empty();
        }
        SelectItem.Column item = called.get();
        Expr.FunctionCall call = (Expr.FunctionCall) item.expression();
        String label = item.alias();
        if (call.name().equals("vault.create_secret")) {
            List<ResultColumn> columns =
                    List.of(ResultColumn.of(label == null ? "create_secret" : label, SqlType.TEXT));
            List<CompiledExpression> compiled = arguments(call, 1, 3);
            return Optional.of(SimpleCommand.query(columns, parameterCount, context -> {
                List<Object> args = values(compiled, 3, context);
                UUID id = catalog.vault().create(requireSecret(args.get(0)), text(args, 1), text(args, 2));
                return rows(columns, List.<Object[]>of(new Object[] {id.toString()}));
            }));
        }
        if (call.name().equals("vault.update_secret")) {
            List<ResultColumn> columns =
                    List.of(ResultColumn.of(label == null ? "update_secret" : label, SqlType.TEXT));
            List<CompiledExpression> compiled = arguments(call, 1, 4);
            return Optional.of(SimpleCommand.query(columns, parameterCount, context -> {
                List<Object> args = values(compiled, 4, context);
                UUID id = uuid(args.get(0));
                if (!catalog.vault().update(id, text(args, 1), text(args, 2), text(args, 3))) {
                    throw new StripeJdbcException(SqlState.NO_DATA, "vault secret " + id + " does not exist");
                }
                return rows(columns, List.<Object[]>of(new Object[] {""}));
            }));
        }
        return Optional.empty();
    }

    /**
     * The name of the vault function {@code query} calls in the form {@link #functionCall} runs
     * ({@code select vault.create_secret(...)}: one item, no FROM), if it is one; for the served sessions' check.
     */
    static Optional<String> functionName(Query query) {
        return callItem(query)
                .map(item -> ((Expr.FunctionCall) item.expression()).name())
                .filter(name -> name.startsWith(VaultTables.SCHEMA + "."));
    }

    /** The single function-call item of a {@code select f(...)} without FROM. */
    private static Optional<SelectItem.Column> callItem(Query query) {
        if (!(query instanceof Query.Select select)
                || select.from() != null
                || select.items().size() != 1
                || !(select.items().get(0) instanceof SelectItem.Column item)
                || !(item.expression() instanceof Expr.FunctionCall)) {
            return Optional.empty();
        }
        return Optional.of(item);
    }

    private List<CompiledExpression> arguments(Expr.FunctionCall call, int min, int max) {
        int n = call.arguments().size();
        if (n < min || n > max) {
            throw new StripeJdbcException(
                    SqlState.UNDEFINED_FUNCTION,
                    "function " + call.name() + " takes " + min + " to " + max + " arguments, not " + n);
        }
        List<CompiledExpression> compiled = new ArrayList<>();
        for (Expr argument : call.arguments()) {
            compiled.add(text(argument));
        }
        return compiled;
    }

    private static List<Object> values(List<CompiledExpression> compiled, int size, ExecutionContext context) {
        List<Object> values = new ArrayList<>();
        for (CompiledExpression c : compiled) {
            values.add(c.evaluate(NO_ROW, context));
        }
        while (values.size() < size) {
            values.add(null);
        }
        return values;
    }

    // ------------------------------------------------------------------ INSERT / UPDATE / DELETE

    @Override
    public Command insert(Statement.Insert insert, int parameterCount) {
        if (insert.source() != null) {
            throw StripeJdbcException.unsupported("INSERT INTO vault.secrets ... SELECT is not supported; use VALUES");
        }
        List<String> columns = insert.columns().isEmpty() ? List.of("name", "secret", "description") : insert.columns();
        for (String column : columns) {
            if (!List.of("name", "secret", "description", "id", "key_id").contains(column)) {
                throw new StripeJdbcException(
                        SqlState.UNDEFINED_COLUMN,
                        "column \"" + column + "\" of relation \"vault.secrets\" does not exist or cannot be written");
            }
        }
        if (columns.contains("id") || columns.contains("key_id")) {
            throw StripeJdbcException.unsupported("vault.secrets ids are generated; omit id and key_id");
        }
        List<List<CompiledExpression>> rows = new ArrayList<>();
        for (List<Expr> row : insert.rows()) {
            if (row.size() != columns.size()) {
                throw new StripeJdbcException(
                        SqlState.SYNTAX_ERROR,
                        "INSERT has " + row.size() + " expressions but " + columns.size() + " target columns");
            }
            List<CompiledExpression> compiled = new ArrayList<>();
            for (Expr e : row) {
                compiled.add(text(e));
            }
            rows.add(compiled);
        }
        ReturningList returning = returning(insert.returning(), "secrets");
        return new SimpleCommand(
                returning.kind(), returning.columns(), SimpleCommand.unknownParameters(parameterCount), context -> {
                    List<UUID> created = new ArrayList<>();
                    for (List<CompiledExpression> row : rows) {
                        Map<String, Object> values = new HashMap<>();
                        for (int i = 0; i < columns.size(); i++) {
                            values.put(columns.get(i), row.get(i).evaluate(NO_ROW, context));
                        }
                        created.add(catalog.vault()
                                .create(requireSecret(values.get("secret")), (String) values.get("name"), (String)
                                        values.get("description")));
                    }
                    return returning.result(created.size(), ids(created), rowsFor(created), List.of(), context);
                });
    }

    @Override
    public Command update(Statement.Update update, int parameterCount) {
        if (update.from() != null) {
            throw StripeJdbcException.unsupported("UPDATE of vault.secrets ... FROM");
        }
        for (Statement.Assignment a : update.assignments()) {
            if (!List.of("name", "secret", "description").contains(a.column())) {
                throw new StripeJdbcException(
                        SqlState.UNDEFINED_COLUMN,
                        "column \"" + a.column() + "\" of relation \"vault.secrets\" cannot be updated");
            }
        }
        CompiledQuery finder = finder(update.alias(), update.where());
        Map<String, CompiledExpression> assignments = new HashMap<>();
        for (Statement.Assignment a : update.assignments()) {
            assignments.put(a.column(), text(a.value()));
        }
        ReturningList returning = returning(update.returning(), update.alias());
        return new SimpleCommand(
                returning.kind(), returning.columns(), SimpleCommand.unknownParameters(parameterCount), context -> {
                    Map<String, Object> values = new HashMap<>();
                    assignments.forEach((column, value) -> values.put(column, value.evaluate(NO_ROW, context)));
                    if (values.containsKey("secret")) {
                        requireSecret(values.get("secret"));
                    }
                    List<UUID> ids = ids(finder, context);
                    for (UUID id : ids) {
                        catalog.vault().update(id, (String) values.get("secret"), (String) values.get("name"), (String)
                                values.get("description"));
                    }
                    return returning.result(ids.size(), ids(ids), rowsFor(ids), List.of(), context);
                });
    }

    @Override
    public Command delete(Statement.Delete delete, int parameterCount) {
        if (delete.using() != null) {
            throw StripeJdbcException.unsupported("DELETE FROM vault.secrets ... USING");
        }
        CompiledQuery finder = finder(delete.alias(), delete.where());
        ReturningList returning = returning(delete.returning(), delete.alias());
        return new SimpleCommand(
                returning.kind(), returning.columns(), SimpleCommand.unknownParameters(parameterCount), context -> {
                    List<UUID> ids = ids(finder, context);
                    List<Object[]> before = rowsFor(ids);
                    for (UUID id : ids) {
                        catalog.vault().delete(id);
                    }
                    return returning.result(ids.size(), ids(ids), before, List.of(), context);
                });
    }

    private CompiledQuery finder(String alias, Expr where) {
        return queries.compile(
                QueryCompilerFacade.selectFrom(SECRETS, alias, List.of(QueryCompilerFacade.column("id")), where));
    }

    private static List<UUID> ids(CompiledQuery finder, ExecutionContext context) {
        List<UUID> ids = new ArrayList<>();
        try (RowIterator rows = finder.execute(context)) {
            while (rows.next()) {
                ids.add(UUID.fromString((String) rows.current()[0]));
            }
        }
        return ids;
    }

    private List<Object[]> rowsFor(List<UUID> ids) {
        List<Object[]> rows = new ArrayList<>();
        for (UUID id : ids) {
            catalog.vault().info(id).ifPresent(info -> rows.add(row(info)));
        }
        return rows;
    }

    private static Object[] row(VaultSecretInfo info) {
        return new Object[] {
            info.id().toString(),
            info.name(),
            info.description(),
            info.ciphertext(),
            info.keyId() == null ? null : info.keyId().toString(),
            info.createdAt(),
            info.updatedAt()
        };
    }

    // ------------------------------------------------------------------ values

    private static final Object[] NO_ROW = new Object[0];

    /** A value written to the vault: any expression without columns, as text (22P02-style errors if not). */
    private CompiledExpression text(Expr expression) {
        return expressions.compileAssignment(expression, SqlType.TEXT, List.of(), null);
    }

    private ReturningList returning(List<SelectItem> items, String alias) {
        return ReturningList.of(
                items, VaultTables.SECRET_COLUMNS, alias == null ? VaultTables.SECRETS : alias, expressions);
    }

    private static List<String> ids(List<UUID> ids) {
        List<String> out = new ArrayList<>();
        for (UUID id : ids) {
            out.add(id.toString());
        }
        return out;
    }

    private static String requireSecret(Object secret) {
        if (secret == null) {
            throw new StripeJdbcException(
                    SqlState.NOT_NULL_VIOLATION,
                    "null value in column \"secret\" of relation \"secrets\" violates not-null constraint");
        }
        return secret.toString();
    }

    private static String text(List<Object> values, int index) {
        Object v = values.get(index);
        return v == null ? null : v.toString();
    }

    private static UUID uuid(Object value) {
        try {
            return UUID.fromString(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new StripeJdbcException(
                    SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type uuid: \"" + value + "\"");
        }
    }

    private static CommandResult rows(List<ResultColumn> columns, List<Object[]> rows) {
        return new CommandResult.Rows(columns, RowIterator.of(rows), List.of());
    }
}
