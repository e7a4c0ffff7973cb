package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.stripejdbc.engine.CompiledQuery;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.modify.ActionRequest;
import org.stripejdbc.fdw.modify.ActionResult;
import org.stripejdbc.fdw.modify.ModifyRefusedException;
import org.stripejdbc.fdw.modify.ModifySettings;
import org.stripejdbc.fdw.modify.ModifySettings.Restriction;
import org.stripejdbc.fdw.modify.StripeActionRunner;
import org.stripejdbc.session.ModifyRowFinder.Collected;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprTrees;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.stripe.objects.StripeAction;
import org.stripejdbc.stripe.objects.WriteRules;
import org.stripejdbc.types.SqlType;

/**
 * Stripe's actions from SQL: the statement form {@code stripe_action}, recognised before a SELECT is compiled
 * (it is not a function of the engine, so no constant folding, pushdown or EXPLAIN can ever send it):
 * <pre>
 *   select stripe_action('invoices', 'finalize', id [, '{"auto_advance": false}']) from stripe.invoices
 *     where status = 'draft' and customer = 'cus_1'
 *                                    → GET /v1/invoices?customer=cus_1&amp;status=draft&amp;limit=100 (every page),
 *                                      then POST /v1/invoices/&lt;id&gt;/finalize per row, each its own Idempotency-Key
 *   select * from stripe_action('subscriptions', 'cancel', 'sub_1')
 *                                    → DELETE /v1/subscriptions/sub_1
 *   select * from stripe_action('credit_notes', 'preview', '{"invoice": "in_1"}')
 *                                    → GET /v1/credit_notes/preview?invoice=in_1 (no id: the action addresses none;
 *                                      a read, so a read-only connection runs it)
 *   select * from stripe_action('customers', 'verify_source', 'cus_1', 'ba_1')
 *                                    → POST /v1/customers/cus_1/sources/ba_1/verify (two ids)
 * </pre>
 * The number of id arguments is the action's (42883 naming the form it takes otherwise).
 * It runs like an UPDATE ({@link ModifyStatements}): the table and the action are resolved when the statement is
 * prepared (42P01, 42883 naming the table's actions); dangerous actions need {@code allow_dangerous_writes}
 * (42501); a FROM whose WHERE does not restrict its rows is refused by safe updates (42501); every row is read
 * to the end and every request's parameters checked against the action's (22023) before the first request; more
 * than {@code max_write_rows} rows is 54000; then one request per row, in order. The result is rows
 * {@code (id text, action text, result jsonb)}, one per object Stripe applied the action to (a 404 is a warning,
 * not a row): a query, so JDBC's update count is -1. {@code EXPLAIN} of the statement is a dry run listing the
 * requests; the session runs it as a write (a read-only connection refuses it, 25006).
 */
final class ActionStatements {
    /** The statement form's name. */
    static final String FUNCTION = "stripe_action";

    private static final List<ResultColumn> COLUMNS = List.of(
            ResultColumn.of("id", SqlType.TEXT),
            ResultColumn.of("action", SqlType.TEXT),
            ResultColumn.of("result", SqlType.JSONB));

    /** Builds the runner of a table's actions (the session's resolution rules, 42P01 for an unknown table). */
    interface Targets {
        StripeActionRunner resolve(QualifiedName table);
    }

    private final Targets targets;
    private final QueryCompilerFacade queries;
    private final ModifyRowFinder rowFinder;
    private final Supplier<ModifySettings> settings;
    private final UnaryOperator<String> redactor;

    ActionStatements(
            Targets targets,
            QueryCompilerFacade queries,
            Supplier<ModifySettings> settings,
            UnaryOperator<String> redactor) {
        this.targets = targets;
        this.queries = queries;
        this.rowFinder = new ModifyRowFinder(queries);
        this.settings = settings;
        this.redactor = redactor;
    }

    /** Whether {@code query} is the statement form (it names {@code stripe_action} in its select list or FROM). */
    static boolean isAction(Query query) {
        if (!(query instanceof Query.Select select)) {
            return false;
        }
        return fromForm(select) || select.items().stream().anyMatch(ActionStatements::callsAction);
    }

    /** Whether {@code select} is {@code select ... from stripe_action(...)}. */
    private static boolean fromForm(Query.Select select) {
        return select.from() instanceof FromItem.Function f && f.call().name().equals(FUNCTION);
    }

    private static boolean callsAction(SelectItem item) {
        return item instanceof SelectItem.Column c && ExprTrees.any(c.expression(), ActionStatements::isCall);
    }

    /**
     * The select list over {@code select ... from stripe_action(...)}'s rows ({@code id}, {@code action},
     * {@code result}), compiled against them under the function's alias: {@code select result->>'total' from
     * stripe_action('invoices', 'create_preview', ...)}; absent for {@code *} and for the per-row form.
     */
    private ReturningList projection(Query query) {
        Query.Select select = (Query.Select) query;
        if (!fromForm(select)
                || (select.items().size() == 1
                        && select.items().get(0) instanceof SelectItem.Star star
                        && star.qualifier() == null)) {
            return null;
        }
        FromItem.Function f = (FromItem.Function) select.from();
        if (!f.columnAliases().isEmpty()) {
            throw misplaced(FUNCTION + "(...) AS alias(columns): its columns are id, action and result; name them "
                    + "in the select list instead (select id as x ...)");
        }
        return ReturningList.of(
                select.items(), COLUMNS, f.alias() != null ? f.alias() : FUNCTION, queries.expressions());
    }

    private static boolean isCall(Expr e) {
        return e instanceof Expr.FunctionCall f && f.name().equals(FUNCTION);
    }

    /**
     * The command running the statement; {@code asWrite} wraps it when the action writes (a read-only connection
     * refuses those), and not for the actions that write nothing ({@code credit_notes preview}, a GET, and
     * {@code invoices create_preview}).
     */
    Command command(Query query, int parameterCount, UnaryOperator<Command> asWrite) {
        CompiledAction action = compile(query);
        ReturningList projection = projection(query);
        List<ResultColumn> columns = projection == null ? COLUMNS : projection.columns();
        Command command = SimpleCommand.query(columns, parameterCount, context -> {
            Plan plan = action.plan(context, settings.get());
            if (plan.refusal() != null) {
                throw plan.refusal();
            }
            ActionResult result = action.runner().apply(plan.requests(), context);
            if (projection != null) {
                return projection.result(result.rows().size(), List.of(), result.rows(), result.warnings(), context);
            }
            return new CommandResult.Rows(COLUMNS, RowIterator.of(result.rows()), result.warnings());
        });
        return action.action().writes() ? asWrite.apply(command) : command;
    }

    /** {@code EXPLAIN} of the statement: a dry run that reads the rows and prints the requests, sending none. */
    Command explain(Statement.Explain explain, Query query, int parameterCount) {
        CompiledAction action = compile(query);
        if (explain.analyze()) {
            throw StripeJdbcException.unsupported("EXPLAIN ANALYZE of " + FUNCTION + " would send the action to "
                    + "Stripe; use EXPLAIN (without ANALYZE), a dry run that reads the rows and shows the requests "
                    + "without sending them");
        }
        List<ResultColumn> columns = List.of(ResultColumn.of("QUERY PLAN", SqlType.TEXT));
        return SimpleCommand.query(columns, parameterCount, context -> {
            List<Object[]> rows = new ArrayList<>();
            for (String line : dryRun(action, context, explain.verbose())) {
                rows.add(new Object[] {redactor.apply(line)}); // Security: values as written, secrets masked
            }
            return new CommandResult.Rows(columns, RowIterator.of(rows), List.of());
        });
    }

    // ------------------------------------------------------------------ compiling

    /** One compiled statement: its action, the query giving each row's id and parameters, the WHERE's effect. */
    private record CompiledAction(
            StripeActionRunner runner,
            StripeAction action,
            CompiledQuery read,
            boolean fromTable,
            Function<ExecutionContext, Restriction> restriction) {

        /**
         * Reads every row before anything is sent (without the JDBC max-rows cap), keeping the first
         * {@code max_write_rows} and counting on; a failure or cancel here sends nothing and says so.
         */
        private Collected<Object[]> collect(ExecutionContext context, ModifySettings settings) {
            ExecutionContext reading = context.forWriteTargets();
            List<Object[]> kept = new ArrayList<>();
            long count = 0;
            try (RowIterator rows = read.execute(reading)) {
                while (rows.next()) {
                    count++;
                    if (settings.keepsRow(count)) {
                        kept.add(rows.current().clone());
                    }
                }
            } catch (StripeJdbcException e) {
                throw new StripeJdbcException(
                        e.sqlState(),
                        runner.statement(action) + ": reading the rows failed, so nothing was sent: " + e.getMessage(),
                        e);
            }
            return new Collected<>(kept, count);
        }

        Plan plan(ExecutionContext context, ModifySettings settings) {
            try {
                runner.checkAllowed(action);
                runner.checkRestricted(settings, action, restriction.apply(context));
            } catch (ModifyRefusedException e) {
                return new Plan(List.of(), -1, false, e);
            }
            Collected<Object[]> rows = collect(context, settings);
            try {
                runner.checkCount(settings, action, rows.count());
            } catch (ModifyRefusedException e) {
                return new Plan(List.of(), rows.count(), fromTable, e);
            }
            List<ActionRequest> requests = new ArrayList<>();
            int total = rows.kept().size();
            for (int i = 0; i < total; i++) {
                Object[] row = rows.kept().get(i);
                String location = total == 1 ? null : "row " + (i + 1) + " of " + total;
                int ids = action.ids();
                requests.add(runner.plan(action, Arrays.asList(row).subList(0, ids), row[ids], location));
            }
            return new Plan(requests, total, fromTable, null);
        }
    }

    /** The requests of one execution, or the guard refusing it; {@code rows} -1 when refused before the read. */
    private record Plan(List<ActionRequest> requests, long rows, boolean read, ModifyRefusedException refusal) {}

    private CompiledAction compile(Query query) {
        Query.Select select = (Query.Select) query;
        Expr.FunctionCall call;
        boolean fromForm = fromForm(select);
        if (fromForm) {
            // select * from stripe_action(...): one request, given by constants; a select list other than * reads
            // the result rows' columns (id, action, result), as over any function in FROM (projection below).
            if (select.items().stream().anyMatch(ActionStatements::callsAction)
                    || select.where() != null
                    || !select.groupBy().isEmpty()
                    || select.having() != null
                    || !select.orderBy().isEmpty()
                    || select.limit() != null
                    || select.offset() != null
                    || !select.with().isEmpty()
                    || select.distinct()) {
                throw misplaced("select ... from " + FUNCTION + "(...) takes nothing else: no WHERE, ORDER BY, LIMIT, "
                        + "joins or " + FUNCTION + " in the select list (read the rows with select " + FUNCTION
                        + "(table, action, id) from <table> where ... instead)");
            }
            call = ((FromItem.Function) select.from()).call();
        } else {
            if (select.items().size() != 1
                    || !(select.items().get(0) instanceof SelectItem.Column item)
                    || !isCall(item.expression())
                    || ExprTrees.any(select.where(), ActionStatements::isCall)) {
                throw misplaced(FUNCTION + "(...) must be the only item of the select list, with nothing around it");
            }
            call = (Expr.FunctionCall) item.expression();
        }
        checkCall(call);
        List<Expr> args = call.arguments();
        QualifiedName table = tableName(literal(args.get(0), "the table name (first argument)"));
        StripeActionRunner runner = targets.resolve(table);
        StripeAction action = runner.action(literal(args.get(1), "the action name (second argument)"));
        checkArity(call, runner, action);
        List<SelectItem> items = items(args, action);
        Query.Select reading;
        boolean fromTable;
        if (fromForm) {
            reading = noFrom(args, items);
            fromTable = false;
        } else {
            reading = new Query.Select(
                    select.with(),
                    select.distinct(),
                    select.distinctOn(),
                    items,
                    select.from(),
                    select.where(),
                    select.groupBy(),
                    select.having(),
                    select.orderBy(),
                    select.limit(),
                    select.offset());
            fromTable = select.from() != null;
        }
        CompiledQuery read = queries.compile(reading);
        Function<ExecutionContext, Restriction> restriction =
                fromTable ? rowFinder.restriction(select.where()) : context -> Restriction.RESTRICTS;
        return new CompiledAction(runner, action, read, fromTable, restriction);
    }

    /** {@code <id>::text ..., <parameters>::jsonb}: each request's ids (as many as the action takes) and parameters. */
    private static List<SelectItem> items(List<Expr> args, StripeAction action) {
        List<SelectItem> items = new ArrayList<>();
        for (int i = 0; i < action.ids(); i++) {
            items.add(new SelectItem.Column(new Expr.Cast(args.get(2 + i), SqlType.TEXT, "text"), "id" + i));
        }
        int parameters = 2 + action.ids();
        items.add(new SelectItem.Column(
                args.size() > parameters
                        ? new Expr.Cast(args.get(parameters), SqlType.JSONB, "jsonb")
                        : new Expr.Literal(null, SqlType.JSONB),
                "parameters"));
        return items;
    }

    /** {@code select <ids>::text, <parameters>::jsonb}: the one row of the FROM form. */
    private static Query.Select noFrom(List<Expr> args, List<SelectItem> items) {
        for (int i = 2; i < args.size(); i++) {
            if (ExprTrees.any(args.get(i), e -> e instanceof Expr.ColumnRef)) {
                throw misplaced("the arguments of select * from " + FUNCTION + "(...) are constants; to act on the "
                        + "rows of a table, write select " + FUNCTION + "(table, action, id) from <table> where ...");
            }
        }
        return new Query.Select(List.of(), false, List.of(), items, null, null, List.of(), null, List.of(), null, null);
    }

    private static void checkCall(Expr.FunctionCall call) {
        int n = call.arguments().size();
        int most = 3 + StripeAction.MAX_IDS;
        if (n < 2 || n > most || call.distinct() || call.star() || call.over() != null || call.filter() != null) {
            throw new StripeJdbcException(
                    SqlState.UNDEFINED_FUNCTION,
                    "function " + FUNCTION + " takes 2 to " + most + " arguments: " + FUNCTION + "(table text, "
                            + "action text, id text [, parameters jsonb]), with no id for an action that addresses "
                            + "no object and two for one that addresses two, not " + n);
        }
    }

    /** The number of arguments the action takes: table, action, one per id, and optionally the parameters. */
    private static void checkArity(Expr.FunctionCall call, StripeActionRunner runner, StripeAction action) {
        int n = call.arguments().size();
        int fewest = 2 + action.ids();
        if (n < fewest || n > fewest + 1) {
            String table = runner.target().qualifiedName();
            String ids = switch (action.ids()) {
                case 0 -> "addresses no object (" + action.endpoint() + "), so it takes no id";
                case 1 -> "addresses one object (" + action.endpoint() + "), so it takes its id";
                default -> "addresses two objects (" + action.endpoint() + "), so it takes both ids";
            };
            throw new StripeJdbcException(
                    SqlState.UNDEFINED_FUNCTION,
                    "function " + FUNCTION + " with " + n + " arguments does not match the action " + action.name()
                            + " of " + table + ": it " + ids + ", called as " + action.signature(table));
        }
    }

    private static String literal(Expr e, String what) {
        Expr value = e instanceof Expr.Cast cast ? cast.value() : e;
        if (value instanceof Expr.Literal literal && literal.value() instanceof String text) {
            return text;
        }
        throw new StripeJdbcException(
                SqlState.FEATURE_NOT_SUPPORTED,
                FUNCTION + ": " + what + " must be a string literal, such as " + FUNCTION + "('invoices', "
                        + "'finalize', id): the table and the action are resolved when the statement is prepared");
    }

    /** {@code 'invoices'} or {@code 'stripe.invoices'}; quoted as SQL would fold an unquoted name (lower case). */
    private static QualifiedName tableName(String text) {
        String trimmed = text.strip();
        int dot = trimmed.indexOf('.');
        if (trimmed.isEmpty() || dot == 0 || dot == trimmed.length() - 1 || trimmed.indexOf('.', dot + 1) >= 0) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    FUNCTION + ": '" + text + "' is not a table name (write 'invoices' or 'stripe.invoices')");
        }
        String folded = trimmed.toLowerCase(Locale.ROOT);
        return dot < 0
                ? QualifiedName.of(folded)
                : new QualifiedName(folded.substring(0, dot), folded.substring(dot + 1));
    }

    private static StripeJdbcException misplaced(String detail) {
        return StripeJdbcException.unsupported(
                FUNCTION + " is a statement of its own, not a function to use inside " + "a query: " + detail);
    }

    // ------------------------------------------------------------------ dry run

    private List<String> dryRun(CompiledAction compiled, ExecutionContext context, boolean verbose) {
        StripeActionRunner runner = compiled.runner();
        StripeAction action = compiled.action();
        ModifySettings guards = settings.get();
        Plan plan = compiled.plan(context, guards);
        List<String> out = new ArrayList<>();
        out.add("Action " + action.name() + " on " + runner.target().qualifiedName() + " (dry run: "
                + (plan.read() ? "the rows were read, nothing was sent)" : "nothing was sent)"));
        out.add("  Endpoint: " + action.endpoint() + (action.testHelper() ? " (a test helper: test mode only)" : "")
                + (action.writes() ? "" : " (it changes nothing: a read-only connection may run it)"));
        String guardLine = "  Guards: safe_updates " + (guards.safeUpdates() ? "on" : "off") + ", max_write_rows "
                + (guards.maxWriteRows() == 0 ? "0 (no cap)" : count(guards.maxWriteRows()));
        if (action.danger().isPresent()) {
            guardLine +=
                    ", " + WriteRules.ALLOW_DANGEROUS_WRITES + " " + (runner.allowsDangerousWrites() ? "on" : "off")
                            + " (this action " + action.danger().get() + ")";
        }
        out.add(guardLine);
        if (plan.rows() >= 0) {
            out.add("  Rows: " + count(plan.rows()));
        }
        if (plan.refusal() != null) {
            out.add("  Refused: " + plan.refusal().getMessage());
        } else if (plan.requests().isEmpty()) {
            out.add("  Action requests: none");
        } else {
            out.add("  Action requests: " + count(plan.requests().size())
                    + (plan.requests().size() == 1 && !compiled.fromTable() ? "" : ", one per row, in this order")
                    + (action.method().equals("POST") ? ", each with its own Idempotency-Key" : "") + ":");
            int shown = verbose
                    ? plan.requests().size()
                    : Math.min(ModifyDryRun.SHOWN, plan.requests().size());
            for (int i = 0; i < shown; i++) {
                out.add("    " + plan.requests().get(i).describe());
            }
            if (shown < plan.requests().size()) {
                out.add("    ... and " + count(plan.requests().size() - shown)
                        + " more (EXPLAIN VERBOSE lists every request)");
            }
        }
        if (!compiled.fromTable()) {
            out.add(
                    action.ids() == 0
                            ? "  Read: none (the action addresses no object)"
                            : action.ids() == 1
                                    ? "  Read: none (the id is given)"
                                    : "  Read: none (the ids are given)");
            return out;
        }
        out.add(
                plan.read()
                        ? "  Read: every row, to the end, before the first request:"
                        : "  Read: not run (refused before any request):");
        List<String> read = compiled.read().explain(context.forWriteTargets());
        for (int i = 0; i < read.size(); i++) {
            out.add((i == 0 ? "  ->  " : "      ") + read.get(i));
        }
        return out;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
