package org.stripejdbc.engine.operator;

import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.function.SetReturningFunctions;

/**
 * One compiled call of a set-returning function, in FROM ({@link FunctionScanNode}) or in the select list
 * ({@link ProjectSetNode}): its arguments, its columns, whether its single column is named by its OUT parameter
 * ({@code fixedNames}), and the generator of its rows.
 *
 * <p>Example: {@code jsonb_array_elements(i.attrs->'lines'->'data') as line} has one argument (jsonb), the column
 * {@code value jsonb} with a fixed name (the alias {@code line} also denotes it as a whole-row reference), and
 * generates one row per array element.
 */
public record SetReturningCall(
        String name,
        List<CompiledExpression> arguments,
        List<ResultColumn> columns,
        boolean fixedNames,
        SetReturningFunctions.Generator generator) {
    public SetReturningCall {
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
        columns = List.copyOf(columns);
        Objects.requireNonNull(generator, "generator");
    }
}
