package org.stripejdbc.session;

import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.types.SqlType;

/** A {@link Command} made of its parts: kind, result columns, parameter types and what executing does. */
record SimpleCommand(
        Kind kind,
        List<ResultColumn> columns,
        List<SqlType> parameterTypes,
        Function<ExecutionContext, CommandResult> action)
        implements Command {

    SimpleCommand {
        columns = List.copyOf(columns);
        parameterTypes = List.copyOf(parameterTypes);
    }

    /** A statement that changes no rows (DDL, SET, BEGIN...), reporting its notices as warnings. */
    static SimpleCommand other(int parameterCount, Function<ExecutionContext, List<String>> action) {
        return new SimpleCommand(
                Kind.OTHER,
                List.of(),
                unknownParameters(parameterCount),
                context -> new CommandResult.Count(0, List.of(), action.apply(context)));
    }

    /** A statement returning rows. */
    static SimpleCommand query(
            List<ResultColumn> columns, int parameterCount, Function<ExecutionContext, CommandResult> action) {
        return new SimpleCommand(Kind.QUERY, columns, unknownParameters(parameterCount), action);
    }

    static List<SqlType> unknownParameters(int count) {
        return Collections.nCopies(count, SqlType.UNKNOWN);
    }

    @Override
    public CommandResult execute(ExecutionContext context) {
        return action.apply(context);
    }
}
