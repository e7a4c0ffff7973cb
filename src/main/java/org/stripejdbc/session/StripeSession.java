package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.stripejdbc.catalog.Catalog;
import org.stripejdbc.catalog.CatalogSnapshot;
import org.stripejdbc.catalog.ForeignServer;
import org.stripejdbc.catalog.ForeignTable;
import org.stripejdbc.config.ConnectionProperty;
import org.stripejdbc.config.SearchMode;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.Expressions;
import org.stripejdbc.engine.RecursionBound;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.TableSource;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.ForeignTableDefinition;
import org.stripejdbc.fdw.ScanParallelism;
import org.stripejdbc.fdw.SearchSettings;
import org.stripejdbc.fdw.StripeTableSource;
import org.stripejdbc.fdw.modify.IdempotencyKeys;
import org.stripejdbc.fdw.modify.ModifySettings;
import org.stripejdbc.fdw.modify.StripeActionRunner;
import org.stripejdbc.fdw.modify.StripeModifier;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.sql.parse.ParseCache;
import org.stripejdbc.sql.parse.ParsedStatement;
import org.stripejdbc.stripe.RecentWrites;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.objects.ApiDescription;
import org.stripejdbc.types.SqlType;
import org.stripejdbc.vault.Secret;

/**
 * One connection's engine: parses statements, dispatches them (queries to the local executor over Stripe
 * table sources, DDL to the catalog, vault statements to the vault, writes to the modifier), resolves table
 * names on the search path and answers metadata.
 */
final class StripeSession implements Session {
    private final Catalog catalog;
    private final Map<String, String> properties;
    private final SearchPath searchPath;
    private final SessionVariables variables;
    private final DdlExecutor ddl;
    private final Expressions constants;
    private final QueryCompilerFacade queries;
    private final VaultStatements vault;
    private final ModifyStatements modifies;
    private final ActionStatements actions;
    private final String description;
    /** information_schema and pg_catalog, over this session's metadata (see {@link #catalogView}). */
    private final List<CatalogView> catalogViews;

    private volatile boolean closed;
    private volatile boolean readOnly;
    /** Security: a session StripeServe opened for a remote client; fixed for the session's life. */
    private final boolean served;

    private final CompiledQueries compiledQueries = new CompiledQueries();
    static final String NOTHING_ROLLED_BACK = "there is no transaction in progress: Stripe has no transactions, every "
            + "statement took effect in Stripe when it ran";
    /** The table sources of the catalog snapshot last seen (see {@link #resolve}). */
    private volatile ResolvedSources resolvedSources = new ResolvedSources(null, Map.of());

    StripeSession(Catalog catalog, Map<String, String> properties, String description) {
        this(catalog, properties, description, false);
    }

    /** With {@code served}, the session refuses what {@link ServedRestrictions} lists (42501). */
    StripeSession(Catalog catalog, Map<String, String> properties, String description, boolean served) {
        this.served = served;
        this.catalog = catalog;
        this.properties = Map.copyOf(properties);
        Integer scanParallelism = ConnectionProperty.SCAN_PARALLELISM.integer(this.properties);
        if (scanParallelism != null) {
            ScanParallelism.resolve(scanParallelism, null, null); // 22023 at connect time when out of range
        }
        this.searchPath = new SearchPath(ConnectionProperty.SCHEMA.string(properties));
        this.variables = new SessionVariables(
                searchPath,
                new ModifySettings(
                        ConnectionProperty.SAFE_UPDATES.bool(this.properties),
                        ConnectionProperty.MAX_WRITE_ROWS.integer(this.properties)));
        this.ddl = new DdlExecutor(catalog, searchPath);
        this.queries = new QueryCompilerFacade(
                this::resolve,
                SessionFunctions.library(searchPath::creationSchema, description),
                new RecursionBound(
                        ConnectionProperty.MAX_RECURSIVE_ROWS.integer(this.properties),
                        ConnectionProperty.MAX_RECURSIVE_ROWS.key()));
        this.constants = queries.expressions();
        this.vault = new VaultStatements(catalog, constants, queries);
        this.modifies = new ModifyStatements(
                this::target,
                queries,
                variables::modifySettings,
                text -> catalog.redactor().redact(text));
        this.actions = new ActionStatements(
                this::actionRunner,
                queries,
                variables::modifySettings,
                text -> catalog.redactor().redact(text));
        this.description = description;
        List<CatalogView> views = new ArrayList<>(InformationSchemaViews.views(description));
        views.addAll(PgCatalogViews.views());
        this.catalogViews = List.copyOf(views);
    }

    // ------------------------------------------------------------------ statements

    /**
     * Parses and compiles {@code sql}. A plain query whose text was compiled before against the same catalog
     * snapshot and search path is not compiled again ({@link CompiledQueries}); the text's parse is shared by
     * every session ({@link ParseCache}).
     */
    @Override
    public Command prepare(String sql) {
        checkOpen();
        CatalogSnapshot snapshot = currentSnapshotOrNull();
        List<String> path = searchPath.schemas();
        Command compiled = snapshot == null ? null : compiledQueries.get(snapshot, sql, path);
        if (compiled != null) {
            return compiled;
        }
        List<ParsedStatement> statements = ParseCache.shared().parseScript(sql);
        if (served) {
            // Security: every statement of a script is checked before the first one runs.
            for (ParsedStatement statement : statements) {
                ServedRestrictions.check(statement.statement(), snapshot, searchPath);
            }
            // Avatica's remote protocol reports only the first result of a text: the others would run unseen.
            if (statements.size() > 1) {
                throw StripeJdbcException.unsupported("a served connection runs one statement per call: this text"
                        + " holds " + statements.size() + " statements, send them one by one (the remote protocol"
                        + " returns only the first result, so the others would run without their results)");
            }
        }
        if (statements.isEmpty()) {
            return SimpleCommand.other(0, context -> List.of());
        }
        if (statements.size() == 1) {
            Command command = commandFor(statements.get(0));
            // Vault function calls and texts that may carry a secret are never kept (see ParseCache).
            if (snapshot != null
                    && statements.get(0).statement() instanceof Statement.QueryStatement
                    && !ParseCache.mayHoldSecret(sql)) {
                compiledQueries.put(snapshot, sql, path, command);
            }
            return command;
        }
        return script(statements);
    }

    /**
     * The catalog now, or null when it cannot be read (a damaged catalog directory): statements that need it then
     * fail with the catalog's own error, and those that do not (a pool's {@code select 1}) still run, uncached.
     */
    private CatalogSnapshot currentSnapshotOrNull() {
        try {
            return catalog.snapshot();
        } catch (StripeJdbcException e) {
            return null;
        }
    }

    /**
     * Several statements in one string: a {@link Script}. Executed as one command they run in order (each prepared
     * just before it runs, so a CREATE is visible to the statements after it) and the result is a count of 0; the
     * JDBC layer instead runs them one by one and reports each result.
     */
    private Command script(List<ParsedStatement> statements) {
        int parameters =
                statements.stream().mapToInt(ParsedStatement::parameterCount).sum();
        if (parameters > 0) {
            throw new StripeJdbcException(
                    SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        return new SessionScript(statements);
    }

    /** The statements of one text, each prepared by this session when it is about to run. */
    private final class SessionScript implements Script {
        private final List<ParsedStatement> statements;

        SessionScript(List<ParsedStatement> statements) {
            this.statements = List.copyOf(statements);
        }

        @Override
        public int size() {
            return statements.size();
        }

        @Override
        public Command prepare(int index) {
            checkOpen();
            return commandFor(statements.get(index));
        }

        @Override
        public String text(int index) {
            return statements.get(index).text();
        }

        @Override
        public Kind kind() {
            return Kind.OTHER;
        }

        @Override
        public List<ResultColumn> columns() {
            return List.of();
        }

        @Override
        public List<SqlType> parameterTypes() {
            return List.of();
        }

        @Override
        public CommandResult execute(ExecutionContext context) {
            List<String> warnings = new ArrayList<>();
            for (int i = 0; i < statements.size(); i++) {
                CommandResult result = prepare(i).execute(context);
                warnings.addAll(result.warnings());
                if (result instanceof CommandResult.Rows rows) {
                    rows.rows().close();
                }
            }
            return new CommandResult.Count(0, List.of(), warnings);
        }
    }

    /**
     * One INSERT, UPDATE or DELETE with a RETURNING list of {@code columns} ({@code "*"}: all of them) added, what
     * JDBC's generated keys by column name ask for (pgjdbc adds {@code RETURNING} the same way); a statement that
     * has its own RETURNING list keeps it. Empty for any other text.
     */
    @Override
    public Optional<Command> prepareReturning(String sql, List<String> columns) {
        checkOpen();
        List<ParsedStatement> statements = ParseCache.shared().parseScript(sql);
        if (statements.size() != 1 || columns.isEmpty()) {
            return Optional.empty();
        }
        ParsedStatement parsed = statements.get(0);
        if (served) {
            // Security: the same check as prepare() makes, before anything else.
            ServedRestrictions.check(parsed.statement(), currentSnapshotOrNull(), searchPath);
        }
        List<SelectItem> items = new ArrayList<>();
        for (String column : columns) {
            items.add(
                    "*".equals(column)
                            ? new SelectItem.Star(null)
                            : new SelectItem.Column(new Expr.ColumnRef(null, column), null));
        }
        Statement returning;
        if (parsed.statement() instanceof Statement.Insert i) {
            returning = i.returning().isEmpty()
                    ? new Statement.Insert(i.table(), i.columns(), i.rows(), i.source(), items)
                    : i;
        } else if (parsed.statement() instanceof Statement.Update u) {
            returning = u.returning().isEmpty() ? u.withReturning(items) : u;
        } else if (parsed.statement() instanceof Statement.Delete d) {
            returning = d.returning().isEmpty() ? d.withReturning(items) : d;
        } else {
            return Optional.empty();
        }
        return Optional.of(commandFor(new ParsedStatement(returning, parsed.text(), parsed.parameterCount())));
    }

    private Command commandFor(ParsedStatement parsed) {
        Statement statement = parsed.statement();
        int parameterCount = parsed.parameterCount();
        if (statement instanceof Statement.QueryStatement query) {
            Optional<Command> vaultFunction = vault.functionCall(query.query(), parameterCount);
            if (vaultFunction.isPresent()) {
                return guarded(vaultFunction.get(), "a vault function");
            }
            if (ActionStatements.isAction(query.query())) {
                // Guarded unless the action writes nothing (a GET, an invoice preview).
                return actions.command(query.query(), parameterCount, c -> guarded(c, ActionStatements.FUNCTION));
            }
            return queries.queryCommand(query.query(), parameterCount);
        }
        if (statement instanceof Statement.Explain explain) {
            return explain(explain, parameterCount);
        }
        if (statement instanceof Statement.Insert insert) {
            return guarded(modifyCommands(insert.table()).insert(insert, parameterCount), "INSERT");
        }
        if (statement instanceof Statement.Update update) {
            return guarded(modifyCommands(update.table()).update(update, parameterCount), "UPDATE");
        }
        if (statement instanceof Statement.Delete delete) {
            return guarded(modifyCommands(delete.table()).delete(delete, parameterCount), "DELETE");
        }
        if (DdlExecutor.handles(statement)) {
            return guarded(
                    SimpleCommand.other(parameterCount, context -> {
                        if (served) {
                            // Security: again at execution, against the catalog as it is now (a table may have
                            // changed).
                            ServedRestrictions.check(statement, catalog.snapshot(), searchPath);
                        }
                        return ddl.execute(statement);
                    }),
                    statementVerb(statement));
        }
        if (statement instanceof Statement.SetVariable set) {
            return SimpleCommand.other(parameterCount, context -> {
                variables.set(set.name(), set.values());
                return List.of();
            });
        }
        if (statement instanceof Statement.ResetVariable reset) {
            return SimpleCommand.other(parameterCount, context -> {
                variables.reset(reset.name());
                return List.of();
            });
        }
        if (statement instanceof Statement.ShowVariable show) {
            String name = show.name();
            variables.show(name);
            List<ResultColumn> columns = List.of(ResultColumn.of(name.toLowerCase(Locale.ROOT), SqlType.TEXT));
            return SimpleCommand.query(
                    columns,
                    parameterCount,
                    context -> new CommandResult.Rows(
                            columns,
                            RowIterator.of(List.<Object[]>of(new Object[] {variables.show(name)})),
                            List.of()));
        }
        if (statement instanceof Statement.Transaction transaction) {
            // Autocommit only: each statement has taken effect in Stripe when it returns, so a ROLLBACK undoes
            // nothing; it says so, as Postgres warns of a ROLLBACK outside a transaction.
            List<String> notices = transaction.action() == Statement.TransactionAction.ROLLBACK
                    ? List.of(NOTHING_ROLLED_BACK)
                    : List.of();
            return SimpleCommand.other(parameterCount, context -> notices);
        }
        throw StripeJdbcException.unsupported(
                "statement not supported: " + statement.getClass().getSimpleName());
    }

    /** A writing statement, refused at execution while the session is read-only. */
    private Command guarded(Command command, String verb) {
        return new ReadOnlyCommand(command, verb, () -> readOnly);
    }

    /** {@code CreateForeignTable} → {@code CREATE FOREIGN TABLE}, for messages. */
    static String statementVerb(Statement statement) {
        return statement
                .getClass()
                .getSimpleName()
                .replaceAll("([a-z])([A-Z])", "$1 $2")
                .toUpperCase(Locale.ROOT);
    }

    private Command explain(Statement.Explain explain, int parameterCount) {
        Statement inner = explain.statement();
        QualifiedName written = inner instanceof Statement.Insert i
                ? i.table()
                : inner instanceof Statement.Update u
                        ? u.table()
                        : inner instanceof Statement.Delete d ? d.table() : null;
        if (written != null && !isVault(written)) {
            return modifies.explain(explain, parameterCount); // a dry run: reads, never writes
        }
        if (!(inner instanceof Statement.QueryStatement query)) {
            throw StripeJdbcException.unsupported("EXPLAIN is supported for queries and writes to Stripe tables only");
        }
        if (ActionStatements.isAction(query.query())) {
            return actions.explain(explain, query.query(), parameterCount); // a dry run: reads, never sends
        }
        return explain.analyze()
                ? queries.explainAnalyzeCommand(query.query(), parameterCount)
                : queries.explainCommand(query.query(), parameterCount);
    }

    /** Who runs an INSERT, UPDATE or DELETE of {@code table}: the vault for its tables, else Stripe. */
    private ModifyCommands modifyCommands(QualifiedName table) {
        return isVault(table) ? vault : modifies;
    }

    private static boolean isVault(QualifiedName name) {
        return VaultTables.isVaultTable(name.schema(), name.name());
    }

    // ------------------------------------------------------------------ names

    /**
     * Resolves a table name on the search path; vault views by their qualified names. A Stripe table's source
     * (its definition, the server's client and decrypted API key) depends only on the catalog snapshot and the
     * session's fixed connection properties, so it is built once per snapshot and table: a statement against an
     * unchanged catalog reads the snapshot once and decrypts nothing. Any catalog or vault change makes a new
     * snapshot, and with it new sources.
     */
    TableSource resolve(QualifiedName name) {
        Optional<CatalogView> view = catalogView(name);
        if (view.isPresent()) {
            return view.get().source(() -> {
                CatalogSnapshot snapshot = catalog.snapshot();
                return new CatalogObjects(metadata(snapshot), snapshot);
            });
        }
        if (name.schema() != null && VaultTables.isVaultTable(name.schema(), name.name())) {
            if (served && VaultTables.DECRYPTED_SECRETS.equals(name.name())) {
                throw ServedRestrictions.decryptedSecrets(); // Security: every read of the view comes here
            }
            return VaultTables.source(catalog, name.name());
        }
        CatalogSnapshot snapshot = catalog.snapshot();
        ForeignTable table = findTable(snapshot, name).orElseThrow(() -> undefinedTable(name));
        ResolvedSources sources = resolvedSources;
        if (sources.snapshot() != snapshot) {
            sources = new ResolvedSources(snapshot, new ConcurrentHashMap<>());
            resolvedSources = sources;
        }
        QualifiedName key = new QualifiedName(table.schema(), table.name());
        TableSource cached = sources.byTable().get(key);
        if (cached != null) {
            return cached;
        }
        TableSource source = tableSource(table, server(snapshot, table));
        sources.byTable().put(key, source);
        return source;
    }

    /**
     * A view of {@code information_schema} or {@code pg_catalog} by its qualified name; an unqualified name is
     * looked up in {@code pg_catalog} first, as in Postgres, where {@code pg_catalog} is implicitly first on the
     * search path ({@code select * from pg_class}).
     */
    private Optional<CatalogView> catalogView(QualifiedName name) {
        String schema = name.schema() == null ? PgCatalogViews.SCHEMA : name.schema();
        for (CatalogView view : catalogViews) {
            if (view.schema().equals(schema) && view.name().equals(name.name())) {
                return Optional.of(view);
            }
        }
        return Optional.empty();
    }

    private TableSource tableSource(ForeignTable table, ForeignServer server) {
        Secret apiKey = catalog.resolveApiKey(server);
        int scanParallelism = ScanParallelism.resolve(
                ConnectionProperty.SCAN_PARALLELISM.integer(properties), apiKey, server.apiUrl());
        ForeignTableDefinition definition = TableDefinitions.of(table);
        StripeClient client = StripeClients.forServer(
                server, apiKey, properties, definition.object().apiVersion());
        return new StripeTableSource(
                definition,
                client,
                constants,
                StripeTableSource.DEFAULT_RETRIEVE_PARALLELISM,
                scanParallelism,
                searchSettings(table, client.recentWrites()));
    }

    /** The connection property {@code search} with the table option of the same name (off anywhere wins). */
    private SearchSettings searchSettings(ForeignTable table, RecentWrites writes) {
        SearchMode mode = ConnectionProperty.SEARCH
                .searchMode(properties)
                .and(table.option(ForeignTable.SEARCH)
                        .flatMap(SearchMode::parse)
                        .orElse(null));
        return new SearchSettings(mode, ConnectionProperty.SEARCH_AFTER_WRITE.seconds(properties), writes);
    }

    /** The table sources built for one catalog snapshot, by schema-qualified table name. */
    private record ResolvedSources(CatalogSnapshot snapshot, Map<QualifiedName, TableSource> byTable) {}

    /** The target of INSERT/UPDATE/DELETE on a Stripe table. */
    private ModifyStatements.Target target(QualifiedName name) {
        ForeignTable table = foreignTable(name);
        ForeignTableDefinition definition = TableDefinitions.of(table);
        return new ModifyStatements.Target(
                definition,
                new StripeModifier(
                        definition,
                        client(table, definition.object().apiVersion()),
                        IdempotencyKeys.RANDOM,
                        table.allowsDangerousWrites()));
    }

    /** The runner of the actions of a Stripe table, or of an object without one ({@code stripe_action}). */
    private StripeActionRunner actionRunner(QualifiedName name) {
        StripeActionRunner runner = findActionRunner(name);
        if (served) {
            ServedRestrictions.checkAction(runner.target().objectPath()); // Security: Apps secrets stay local
        }
        return runner;
    }

    private StripeActionRunner findActionRunner(QualifiedName name) {
        CatalogSnapshot snapshot = catalog.snapshot();
        if (findTable(snapshot, name).isEmpty()) {
            String version = ApiDescription.pinned().apiVersion();
            return ActionTargets.objectWithoutTable(
                            snapshot,
                            searchPath.schemas(),
                            name,
                            server -> StripeClients.forServer(catalog, server, properties, version))
                    .orElseThrow(() -> undefinedTable(name));
        }
        ForeignTable table = foreignTable(name);
        ForeignTableDefinition definition = TableDefinitions.of(table);
        return new StripeActionRunner(
                definition,
                client(table, definition.object().apiVersion()),
                IdempotencyKeys.RANDOM,
                table.allowsDangerousWrites());
    }

    private ForeignTable foreignTable(QualifiedName name) {
        return findTable(catalog.snapshot(), name).orElseThrow(() -> undefinedTable(name));
    }

    private static StripeJdbcException undefinedTable(QualifiedName name) {
        return new StripeJdbcException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
    }

    private StripeClient client(ForeignTable table, String defaultVersion) {
        return StripeClients.forServer(catalog, server(catalog.snapshot(), table), properties, defaultVersion);
    }

    private static ForeignServer server(CatalogSnapshot snapshot, ForeignTable table) {
        return snapshot.server(table.server())
                .orElseThrow(() -> new StripeJdbcException(
                        SqlState.UNDEFINED_OBJECT, "server \"" + table.server() + "\" does not exist"));
    }

    private Optional<ForeignTable> findTable(CatalogSnapshot snapshot, QualifiedName name) {
        if (name.schema() != null) {
            return snapshot.table(name.schema(), name.name());
        }
        return searchPath.findTableSchema(snapshot, name.name()).flatMap(schema -> snapshot.table(schema, name.name()));
    }

    // ------------------------------------------------------------------ session

    @Override
    public MetadataView metadata() {
        checkOpen();
        return metadata(catalog.snapshot());
    }

    /** Security: a served session's metadata (and with it the catalog views) leaves out what it may not read. */
    private MetadataView metadata(CatalogSnapshot snapshot) {
        MetadataView metadata = new CatalogMetadata(snapshot, catalogViews);
        return served ? ServedRestrictions.metadata(metadata) : metadata;
    }

    @Override
    public String currentSchema() {
        return searchPath.creationSchema();
    }

    @Override
    public void setCurrentSchema(String schema) {
        if (schema == null || schema.isBlank()) {
            throw new StripeJdbcException(SqlState.INVALID_SCHEMA_NAME, "schema name must not be empty");
        }
        searchPath.set(List.of("\"" + schema + "\"", "public"));
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public String describe() {
        return description;
    }

    private void checkOpen() {
        if (closed) {
            throw new StripeJdbcException(SqlState.CONNECTION_EXCEPTION, "This connection has been closed.");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
