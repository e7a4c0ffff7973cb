package org.stripejdbc.driver;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.session.Command;
import org.stripejdbc.session.CommandResult;
import org.stripejdbc.session.MetadataView;
import org.stripejdbc.session.Session;
import org.stripejdbc.session.SessionFactory;
import org.stripejdbc.types.SqlType;

/**
 * A hand-written engine for testing the JDBC layer alone. It understands a few fixed statements:
 * <pre>
 *   rows N          N rows (id text, n bigint, created timestamp, paid bool, attrs jsonb, amount numeric)
 *   param ?, ?      one row echoing the two parameters as text
 *   insert N        update count N with generated keys cus_1..cus_N and a warning per row
 *   slow            rows that check cancellation before each row (never ends by itself)
 *   fail-on-row K   rows that fail with 22012 at row K
 *   anything else   42601 syntax error
 * </pre>
 */
final class FakeSession implements Session {
    static final List<ResultColumn> COLUMNS = List.of(
            new ResultColumn("id", SqlType.TEXT, "stripe", "customers"),
            new ResultColumn("n", SqlType.BIGINT, "stripe", "customers"),
            new ResultColumn("created", SqlType.TIMESTAMP, "stripe", "customers"),
            new ResultColumn("paid", SqlType.BOOLEAN, "stripe", "customers"),
            new ResultColumn("attrs", SqlType.JSONB, "stripe", "customers"),
            new ResultColumn("amount", SqlType.NUMERIC, "stripe", "customers"));

    final AtomicInteger rowsPulled = new AtomicInteger();
    final List<List<Object>> executedParameters = new ArrayList<>();
    final List<ExecutionContext> contexts = new ArrayList<>();
    boolean closed;
    String schema = "stripe";
    boolean readOnly;

    static SessionFactory factory(FakeSession session) {
        return (catalogSpec, properties) -> session;
    }

    @Override
    public Command prepare(String sql) {
        String s = sql.trim();
        if (s.startsWith("rows ")) {
            int n = Integer.parseInt(s.substring(5).trim());
            return query(COLUMNS, List.of(), context -> counting(n, -1, context));
        }
        if (s.startsWith("fail-on-row ")) {
            int k = Integer.parseInt(s.substring(12).trim());
            return query(COLUMNS, List.of(), context -> counting(k + 10, k, context));
        }
        if (s.equals("slow")) {
            return query(COLUMNS, List.of(), context -> counting(Integer.MAX_VALUE, -1, context));
        }
        if (s.startsWith("param")) {
            long count = s.chars().filter(c -> c == '?').count();
            List<SqlType> types = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                types.add(SqlType.UNKNOWN);
            }
            List<ResultColumn> columns = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                columns.add(ResultColumn.of("p" + (i + 1), SqlType.TEXT));
            }
            return query(columns, types, context -> {
                executedParameters.add(context.parameters());
                Object[] row = new Object[(int) count];
                for (int i = 0; i < count; i++) {
                    Object p = context.parameters().get(i);
                    row[i] = p == null ? null : p.getClass().getSimpleName() + ":" + p;
                }
                return RowIterator.of(List.<Object[]>of(row));
            });
        }
        if (s.startsWith("insert ")) {
            int n = Integer.parseInt(s.substring(7).trim());
            return new Command() {
                public Kind kind() {
                    return Kind.UPDATE;
                }

                public List<ResultColumn> columns() {
                    return List.of();
                }

                public List<SqlType> parameterTypes() {
                    return List.of();
                }

                public CommandResult execute(ExecutionContext context) {
                    List<String> keys = new ArrayList<>();
                    List<String> warnings = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        keys.add("cus_" + i);
                        warnings.add("inserted customers cus_" + i);
                    }
                    return new CommandResult.Count(n, keys, warnings);
                }
            };
        }
        throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + s.split("\\s+")[0] + "\"");
    }

    private Command query(
            List<ResultColumn> columns, List<SqlType> parameterTypes, Function<ExecutionContext, RowIterator> rows) {
        return new Command() {
            public Kind kind() {
                return Kind.QUERY;
            }

            public List<ResultColumn> columns() {
                return columns;
            }

            public List<SqlType> parameterTypes() {
                return parameterTypes;
            }

            public CommandResult execute(ExecutionContext context) {
                contexts.add(context);
                return new CommandResult.Rows(columns, rows.apply(context), List.of());
            }
        };
    }

    private RowIterator counting(int n, int failAt, ExecutionContext context) {
        return new RowIterator() {
            int i;
            Object[] current;
            boolean closed;

            public boolean next() {
                if (closed) {
                    throw new IllegalStateException("read after close");
                }
                context.control().checkCancelled();
                if (i >= n) {
                    return false;
                }
                i++;
                if (i == failAt) {
                    throw new StripeJdbcException(SqlState.DIVISION_BY_ZERO, "division by zero at row " + i);
                }
                rowsPulled.incrementAndGet();
                current = new Object[] {
                    "cus_" + i,
                    (long) i,
                    LocalDateTime.of(2023, 11, 14, 22, 13, 20).plusDays(i),
                    i % 2 == 0,
                    Json.parse("{\"id\":\"cus_" + i + "\",\"n\":" + i + "}"),
                    new BigDecimal(i + ".50")
                };
                return true;
            }

            public Object[] current() {
                return current;
            }

            public void close() {
                closed = true;
            }
        };
    }

    @Override
    public MetadataView metadata() {
        return new MetadataView() {
            public List<String> schemas() {
                return List.of("public", "stripe");
            }

            public List<TableInfo> tables() {
                return List.of(
                        new TableInfo(
                                "stripe",
                                "customers",
                                "FOREIGN TABLE",
                                "Customers",
                                List.of(
                                        new ColumnInfo("id", SqlType.TEXT, "text", true, null),
                                        new ColumnInfo("created", SqlType.TIMESTAMP, "timestamp", true, null),
                                        new ColumnInfo("attrs", SqlType.JSONB, "jsonb", true, "all fields")),
                                List.of("id")),
                        new TableInfo(
                                "stripe",
                                "balance",
                                "FOREIGN TABLE",
                                null,
                                List.of(new ColumnInfo("amount", SqlType.BIGINT, "bigint", false, null)),
                                List.of()));
            }
        };
    }

    @Override
    public String currentSchema() {
        return schema;
    }

    @Override
    public void setCurrentSchema(String schema) {
        this.schema = schema;
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public String describe() {
        return "fake";
    }

    @Override
    public void close() {
        closed = true;
    }
}
