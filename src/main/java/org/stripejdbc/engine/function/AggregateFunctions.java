package org.stripejdbc.engine.function;

import static org.stripejdbc.types.SqlType.ARRAY;
import static org.stripejdbc.types.SqlType.BIGINT;
import static org.stripejdbc.types.SqlType.BOOLEAN;
import static org.stripejdbc.types.SqlType.DOUBLE;
import static org.stripejdbc.types.SqlType.INTERVAL;
import static org.stripejdbc.types.SqlType.JSON;
import static org.stripejdbc.types.SqlType.JSONB;
import static org.stripejdbc.types.SqlType.NUMERIC;
import static org.stripejdbc.types.SqlType.REAL;
import static org.stripejdbc.types.SqlType.TEXT;
import static org.stripejdbc.types.SqlType.UNKNOWN;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.stripejdbc.engine.value.Arithmetic;
import org.stripejdbc.engine.value.Casts;
import org.stripejdbc.engine.value.ValueComparator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.types.Interval;
import org.stripejdbc.types.PostgresText;
import org.stripejdbc.types.SqlType;

/**
 * The aggregate functions, with Postgres result types: {@code count} is bigint; {@code sum(integer)} is bigint and
 * {@code sum(bigint)} numeric; {@code avg} of integers or numerics is numeric ({@code avg(1, 2)} is
 * {@code 1.5000000000000000}); {@code min}/{@code max} keep their argument type; {@code bool_and}, {@code bool_or},
 * {@code string_agg}, {@code array_agg}, {@code jsonb_agg}, {@code jsonb_object_agg}; the statistics
 * {@code stddev}/{@code variance} (and {@code _samp}, {@code _pop}: numeric for integers and numerics, double precision
 * for floats), {@code corr}, {@code covar_samp/pop} and {@code regr_*} (double precision); {@code bit_and},
 * {@code bit_or}. NULL inputs are ignored
 * (except by {@code array_agg} and {@code jsonb_agg}); an aggregate over no rows is NULL, {@code count} 0.
 */
public final class AggregateFunctions {
    /** The running state of one aggregate for one group. {@link #result()} may be called repeatedly. */
    public interface Accumulator {
        void add(Object[] arguments);

        Object result();
    }

    /** A resolved aggregate: argument types to coerce to, result type, element type for arrays, state factory. */
    public record Definition(
            List<SqlType> argumentTypes, SqlType resultType, SqlType elementType, Supplier<Accumulator> factory) {}

    private AggregateFunctions() {}

    public static Definition resolve(String name, List<SqlType> types, boolean star) {
        if (star) {
            if (!name.equals("count")) {
                throw new StripeJdbcException(SqlState.SYNTAX_ERROR, name + "(*) must be used only with count");
            }
            return new Definition(List.of(), BIGINT, null, CountAll::new);
        }
        int arity = types.size();
        SqlType first = arity > 0 ? types.get(0) : null;
        switch (name) {
            case "count":
                requireArity(name, types, 1);
                return new Definition(List.of(first == UNKNOWN ? TEXT : first), BIGINT, null, Count::new);
            case "sum":
                requireArity(name, types, 1);
                switch (first) {
                    case SMALLINT:
                    case INTEGER:
                        return new Definition(List.of(BIGINT), BIGINT, null, SumLong::new);
                    case BIGINT:
                    case NUMERIC:
                        return new Definition(List.of(NUMERIC), NUMERIC, null, SumNumeric::new);
                    case REAL:
                        return new Definition(List.of(REAL), REAL, null, () -> new SumDouble(true));
                    case DOUBLE:
                        return new Definition(List.of(DOUBLE), DOUBLE, null, () -> new SumDouble(false));
                    case INTERVAL:
                        return new Definition(List.of(INTERVAL), INTERVAL, null, SumInterval::new);
                    default:
                        throw FunctionRegistry.undefined(name, types);
                }
            case "avg":
                requireArity(name, types, 1);
                switch (first) {
                    case SMALLINT:
                    case INTEGER:
                    case BIGINT:
                    case NUMERIC:
                        return new Definition(List.of(NUMERIC), NUMERIC, null, AverageNumeric::new);
                    case REAL:
                    case DOUBLE:
                        return new Definition(List.of(DOUBLE), DOUBLE, null, AverageDouble::new);
                    case INTERVAL:
                        return new Definition(List.of(INTERVAL), INTERVAL, null, AverageInterval::new);
                    default:
                        throw FunctionRegistry.undefined(name, types);
                }
            case "min":
            case "max": {
                requireArity(name, types, 1);
                SqlType type = first == UNKNOWN ? TEXT : first;
                if (type == BOOLEAN || type.isJson() || type == SqlType.UUID) {
                    throw FunctionRegistry.undefined(name, types);
                }
                boolean max = name.equals("max");
                return new Definition(List.of(type), type, type == ARRAY ? TEXT : null, () -> new Extremum(max));
            }
            case "bool_and":
            case "every":
            case "bool_or": {
                requireArity(name, types, 1);
                if (first != BOOLEAN && first != UNKNOWN) {
                    throw FunctionRegistry.undefined(name, types);
                }
                boolean and = !name.equals("bool_or");
                return new Definition(List.of(BOOLEAN), BOOLEAN, null, () -> new BooleanAggregate(and));
            }
            case "string_agg":
                requireArity(name, types, 2);
                for (SqlType t : types) {
                    if (t != TEXT && t != UNKNOWN) {
                        throw FunctionRegistry.undefined(name, types);
                    }
                }
                return new Definition(List.of(TEXT, TEXT), TEXT, null, StringAggregate::new);
            case "array_agg": {
                requireArity(name, types, 1);
                SqlType element = first == UNKNOWN ? TEXT : first;
                return new Definition(List.of(element), ARRAY, element, ArrayAggregate::new);
            }
            case "jsonb_agg":
            case "json_agg":
                requireArity(name, types, 1);
                return new Definition(
                        List.of(first == UNKNOWN ? TEXT : first),
                        name.startsWith("jsonb") ? JSONB : JSON,
                        null,
                        () -> new JsonAggregate(!name.startsWith("jsonb")));
            case "jsonb_object_agg":
            case "json_object_agg":
                requireArity(name, types, 2);
                return new Definition(
                        List.of(
                                types.get(0) == UNKNOWN ? TEXT : types.get(0),
                                types.get(1) == UNKNOWN ? TEXT : types.get(1)),
                        name.startsWith("jsonb") ? JSONB : JSON,
                        null,
                        () -> new JsonObjectAggregate(!name.startsWith("jsonb")));
            case "stddev":
            case "stddev_samp":
            case "stddev_pop":
            case "variance":
            case "var_samp":
            case "var_pop": {
                requireArity(name, types, 1);
                boolean sample = !name.endsWith("_pop");
                boolean root = name.startsWith("stddev");
                switch (first) {
                    case SMALLINT:
                    case INTEGER:
                    case BIGINT:
                    case NUMERIC:
                    case UNKNOWN:
                        return new Definition(List.of(NUMERIC), NUMERIC, null, () -> new NumericVariance(sample, root));
                    case REAL:
                    case DOUBLE:
                        return new Definition(List.of(DOUBLE), DOUBLE, null, () -> new DoubleVariance(sample, root));
                    default:
                        throw FunctionRegistry.undefined(name, types);
                }
            }
            case "corr":
            case "covar_samp":
            case "covar_pop":
            case "regr_count":
            case "regr_sxx":
            case "regr_syy":
            case "regr_sxy":
            case "regr_avgx":
            case "regr_avgy":
            case "regr_r2":
            case "regr_slope":
            case "regr_intercept":
                requireArity(name, types, 2);
                for (SqlType t : types) {
                    if (!t.isNumeric() && t != UNKNOWN) {
                        throw FunctionRegistry.undefined(name, types);
                    }
                }
                return new Definition(
                        List.of(DOUBLE, DOUBLE),
                        name.equals("regr_count") ? BIGINT : DOUBLE,
                        null,
                        () -> new Regression(name));
            case "percentile_cont": {
                // percentile_cont(fraction) within group (order by value): the parser passes (fraction, value).
                requireArity(name, types, 2);
                SqlType value = types.get(1) == INTERVAL ? INTERVAL : DOUBLE;
                if (!types.get(1).isNumeric() && types.get(1) != INTERVAL && types.get(1) != UNKNOWN) {
                    throw FunctionRegistry.undefined(name, types);
                }
                return new Definition(List.of(DOUBLE, value), value, null, () -> new Percentile(true));
            }
            case "percentile_disc": {
                requireArity(name, types, 2);
                SqlType value = types.get(1) == UNKNOWN ? TEXT : types.get(1);
                return new Definition(List.of(DOUBLE, value), value, null, () -> new Percentile(false));
            }
            case "mode": {
                requireArity(name, types, 1);
                SqlType value = first == UNKNOWN ? TEXT : first;
                return new Definition(List.of(value), value, null, Mode::new);
            }
            case "bit_and":
            case "bit_or": {
                requireArity(name, types, 1);
                if (first != SqlType.SMALLINT && first != SqlType.INTEGER && first != BIGINT) {
                    throw FunctionRegistry.undefined(name, types);
                }
                boolean and = name.equals("bit_and");
                return new Definition(List.of(first), first, null, () -> new BitAggregate(and, first));
            }
            default:
                throw FunctionRegistry.undefined(name, types);
        }
    }

    private static void requireArity(String name, List<SqlType> types, int arity) {
        if (types.size() != arity) {
            throw FunctionRegistry.undefined(name, types);
        }
    }

    private static final class CountAll implements Accumulator {
        private long count;

        @Override
        public void add(Object[] arguments) {
            count++;
        }

        @Override
        public Object result() {
            return count;
        }
    }

    private static final class Count implements Accumulator {
        private long count;

        @Override
        public void add(Object[] arguments) {
            if (arguments[0] != null) {
                count++;
            }
        }

        @Override
        public Object result() {
            return count;
        }
    }

    private static final class SumLong implements Accumulator {
        private long sum;
        private boolean any;

        @Override
        public void add(Object[] arguments) {
            if (arguments[0] != null) {
                try {
                    sum = Math.addExact(sum, ((Number) arguments[0]).longValue());
                } catch (ArithmeticException e) {
                    throw Casts.outOfRange(BIGINT);
                }
                any = true;
            }
        }

        @Override
        public Object result() {
            return any ? sum : null;
        }
    }

    private static final class SumNumeric implements Accumulator {
        private BigDecimal sum;

        @Override
        public void add(Object[] arguments) {
            if (arguments[0] != null) {
                sum = sum == null ? (BigDecimal) arguments[0] : sum.add((BigDecimal) arguments[0]);
            }
        }

        @Override
        public Object result() {
            return sum;
        }
    }

    private static final class SumDouble implements Accumulator {
        private final boolean real;
        private double sum;
        private boolean any;

        SumDouble(boolean real) {
            this.real = real;
        }

        @Override
        public void add(Object[] arguments) {
            if (arguments[0] != null) {
                sum += ((Number) arguments[0]).doubleValue();
                any = true;
            }
        }

        @Override
        public Object result() {
            if (!any) {
                return null;
            }
            return real ? (Object) (float) sum : (Object) sum;
        }
    }

    private static final class SumInterval implements Accumulator {
        private Interval sum;

        @Override
        public void add(Object[] arguments) {
            if (arguments[0] != null) {
                sum = sum == null ? (Interval) arguments[0] : Arithmetic.add(sum, (Interval) arguments[0]);
            }
        }

        @Override
        public Object result() {
            return sum;
        }
    }

    private static final class AverageNumeric implements Accumulator {
        private BigDecimal sum = BigDecimal.ZERO;
        private long count;

        @Override
        public void add(Object[] arguments) {
            if (arguments[0] != null) {
                sum = sum.add((BigDecimal) arguments[0]);
                count++;
            }
        }

        @Override
        public Object result() {
            return count == 0 ? null : Arithmetic.divide(sum, BigDecimal.valueOf(count));
        }
    }

    private static final class AverageDouble implements Accumulator {
        private double sum;
        private long count;

        @Override
        public void add(Object[] arguments) {
            if (arguments[0] != null) {
                sum += ((Number) arguments[0]).doubleValue();
                count++;
            }
        }

        @Override
        public Object result() {
            return count == 0 ? null : sum / count;
        }
    }

    private static final class AverageInterval implements Accumulator {
        private Interval sum = Interval.ZERO;
        private long count;

        @Override
        public void add(Object[] arguments) {
            if (arguments[0] != null) {
                sum = Arithmetic.add(sum, (Interval) arguments[0]);
                count++;
            }
        }

        @Override
        public Object result() {
            return count == 0 ? null : Arithmetic.divide(sum, count);
        }
    }

    private static final class Extremum implements Accumulator {
        private final boolean max;
        private Object best;

        Extremum(boolean max) {
            this.max = max;
        }

        @Override
        public void add(Object[] arguments) {
            Object value = arguments[0];
            if (value != null
                    && (best == null
                            || (max
                                    ? ValueComparator.compare(value, best) > 0
                                    : ValueComparator.compare(value, best) < 0))) {
                best = value;
            }
        }

        @Override
        public Object result() {
            return best;
        }
    }

    private static final class BooleanAggregate implements Accumulator {
        private final boolean and;
        private Boolean result;

        BooleanAggregate(boolean and) {
            this.and = and;
        }

        @Override
        public void add(Object[] arguments) {
            Boolean value = (Boolean) arguments[0];
            if (value != null) {
                result = result == null ? value : and ? result && value : result || value;
            }
        }

        @Override
        public Object result() {
            return result;
        }
    }

    private static final class StringAggregate implements Accumulator {
        private StringBuilder text;

        @Override
        public void add(Object[] arguments) {
            if (arguments[0] == null) {
                return;
            }
            if (text == null) {
                text = new StringBuilder();
            } else if (arguments[1] != null) {
                text.append((String) arguments[1]);
            }
            text.append((String) arguments[0]);
        }

        @Override
        public Object result() {
            return text == null ? null : text.toString();
        }
    }

    private static final class ArrayAggregate implements Accumulator {
        private List<Object> values;

        @Override
        public void add(Object[] arguments) {
            if (values == null) {
                values = new ArrayList<>();
            }
            values.add(arguments[0]);
        }

        @Override
        public Object result() {
            return values == null ? null : new ArrayList<>(values);
        }
    }

    /** {@code json_agg} (printed {@code [1, 2]}, its elements in their json text) and {@code jsonb_agg}. */
    private static final class JsonAggregate implements Accumulator {
        private final boolean json;
        private List<Object> values;
        /** The inputs as given, for json_agg's text (a jsonb input keeps its jsonb text). */
        private List<Object> inputs;

        JsonAggregate(boolean json) {
            this.json = json;
        }

        @Override
        public void add(Object[] arguments) {
            if (values == null) {
                values = new ArrayList<>();
                inputs = new ArrayList<>();
            }
            values.add(JsonFunctions.toJson(arguments[0]));
            if (json) {
                inputs.add(arguments[0]);
            }
        }

        @Override
        public Object result() {
            if (values == null) {
                return null;
            }
            List<Object> elements = new ArrayList<>(values.size());
            for (Object value : values) {
                elements.add(value == null ? Json.NULL : value);
            }
            Json array = Json.of(elements);
            return json ? array.withJsonText(JsonFunctions.arrayText(inputs)) : array;
        }
    }

    /** {@code json_object_agg} (printed {@code { "a" : 1, "b" : 2 }}, every pair) and {@code jsonb_object_agg}. */
    private static final class JsonObjectAggregate implements Accumulator {
        private final boolean json;
        private Map<String, Object> members;
        private final List<String> keys = new ArrayList<>();
        private final List<Object> inputs = new ArrayList<>();

        JsonObjectAggregate(boolean json) {
            this.json = json;
        }

        @Override
        public void add(Object[] arguments) {
            if (arguments[0] == null) {
                throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "field name must not be null");
            }
            if (members == null) {
                members = new LinkedHashMap<>();
            }
            String key = arguments[0] instanceof String s ? s : PostgresText.format(arguments[0]);
            members.remove(key);
            Json value = JsonFunctions.toJson(arguments[1]);
            members.put(key, value == null ? Json.NULL : value);
            if (json) {
                keys.add(key);
                inputs.add(arguments[1]);
            }
        }

        @Override
        public Object result() {
            if (members == null) {
                return null;
            }
            Json object = Json.of(members);
            return json ? object.withJsonText(JsonFunctions.aggregatedObjectText(keys, inputs)) : object;
        }
    }

    /**
     * {@code var_samp}, {@code var_pop}, {@code stddev_samp}, {@code stddev_pop} of integers or numerics, as Postgres'
     * numeric_stddev_internal: {@code (N * sum(x*x) - sum(x)^2) / (N * (N - 1))} (or {@code N * N}), exact up to the
     * division, which takes numeric division's scale; the square root is rounded to that scale.
     * {@code var_samp(1, 2, 4)} is {@code 2.3333333333333333}.
     */
    private static final class NumericVariance implements Accumulator {
        private final boolean sample;
        private final boolean root;
        private long count;
        private BigDecimal sum = BigDecimal.ZERO;
        private BigDecimal sumOfSquares = BigDecimal.ZERO;

        NumericVariance(boolean sample, boolean root) {
            this.sample = sample;
            this.root = root;
        }

        @Override
        public void add(Object[] arguments) {
            if (arguments[0] != null) {
                BigDecimal x = (BigDecimal) arguments[0];
                count++;
                sum = sum.add(x);
                sumOfSquares = sumOfSquares.add(x.multiply(x));
            }
        }

        @Override
        public Object result() {
            if (count == 0 || (sample && count == 1)) {
                return null;
            }
            BigDecimal n = BigDecimal.valueOf(count);
            BigDecimal numerator = n.multiply(sumOfSquares).subtract(sum.multiply(sum));
            if (numerator.signum() <= 0) {
                return BigDecimal.ZERO;
            }
            BigDecimal denominator = n.multiply(sample ? BigDecimal.valueOf(count - 1) : n);
            BigDecimal variance = Arithmetic.divide(numerator, denominator);
            if (!root) {
                return variance;
            }
            int scale = variance.scale();
            java.math.MathContext context = new java.math.MathContext(variance.precision() + 20);
            return variance.sqrt(context).setScale(scale, java.math.RoundingMode.HALF_UP);
        }
    }

    /** The same over double precision, with Postgres' Youngs-Cramer accumulation (float8_accum) for equal results. */
    private static final class DoubleVariance implements Accumulator {
        private final boolean sample;
        private final boolean root;
        private double n;
        private double sx;
        private double sxx;

        DoubleVariance(boolean sample, boolean root) {
            this.sample = sample;
            this.root = root;
        }

        @Override
        public void add(Object[] arguments) {
            if (arguments[0] != null) {
                double x = ((Number) arguments[0]).doubleValue();
                double previous = n;
                n += 1.0;
                sx += x;
                if (previous > 0.0) {
                    double tmp = x * n - sx;
                    sxx += tmp * tmp / (n * previous);
                } else {
                    sxx = 0.0;
                }
            }
        }

        @Override
        public Object result() {
            if (n == 0.0 || (sample && n <= 1.0)) {
                return null;
            }
            double variance = sxx / (sample ? n - 1.0 : n);
            return root ? Math.sqrt(variance) : variance;
        }
    }

    /**
     * {@code corr}, {@code covar_samp/pop} and {@code regr_*(y, x)} over the rows where neither is NULL, as Postgres'
     * float8_regr_accum and its final functions (Youngs-Cramer sums; NULL when the answer is undefined).
     */
    private static final class Regression implements Accumulator {
        private final String name;
        private double n;
        private double sx;
        private double sxx;
        private double sy;
        private double syy;
        private double sxy;

        Regression(String name) {
            this.name = name;
        }

        @Override
        public void add(Object[] arguments) {
            if (arguments[0] == null || arguments[1] == null) {
                return;
            }
            double y = ((Number) arguments[0]).doubleValue();
            double x = ((Number) arguments[1]).doubleValue();
            double previous = n;
            n += 1.0;
            sx += x;
            sy += y;
            if (previous > 0.0) {
                double tmpX = x * n - sx;
                double tmpY = y * n - sy;
                double scale = 1.0 / (n * previous);
                sxx += tmpX * tmpX * scale;
                syy += tmpY * tmpY * scale;
                sxy += tmpX * tmpY * scale;
            }
        }

        @Override
        public Object result() {
            if (name.equals("regr_count")) {
                return (long) n;
            }
            if (n < 1.0 || (name.equals("covar_samp") && n < 2.0)) {
                return null;
            }
            switch (name) {
                case "covar_pop":
                    return sxy / n;
                case "covar_samp":
                    return sxy / (n - 1.0);
                case "regr_sxx":
                    return sxx;
                case "regr_syy":
                    return syy;
                case "regr_sxy":
                    return sxy;
                case "regr_avgx":
                    return sx / n;
                case "regr_avgy":
                    return sy / n;
                case "corr":
                    return sxx == 0 || syy == 0 ? null : sxy / Math.sqrt(sxx * syy);
                case "regr_r2":
                    return sxx == 0 ? null : syy == 0 ? 1.0 : (sxy * sxy) / (sxx * syy);
                case "regr_slope":
                    return sxx == 0 ? null : sxy / sxx;
                default:
                    return sxx == 0 ? null : (sy - sx * sxy / sxx) / n;
            }
        }
    }

    /** {@code bit_and}, {@code bit_or} of smallint, integer or bigint: the result keeps the argument's type. */
    private static final class BitAggregate implements Accumulator {
        private final boolean and;
        private final SqlType type;
        private Long bits;

        BitAggregate(boolean and, SqlType type) {
            this.and = and;
            this.type = type;
        }

        @Override
        public void add(Object[] arguments) {
            if (arguments[0] != null) {
                long value = ((Number) arguments[0]).longValue();
                bits = bits == null ? value : and ? bits & value : bits | value;
            }
        }

        @Override
        public Object result() {
            return bits == null ? null : Arithmetic.boxIntegral(bits, type);
        }
    }

    /**
     * {@code percentile_cont(fraction)} and {@code percentile_disc(fraction) WITHIN GROUP (ORDER BY value)}: the
     * values arrive sorted with the fraction on every row; NULL values are ignored. {@code percentile_cont(0.5)} of
     * 1, 2, 4, 10 is 3 (interpolated); {@code percentile_disc(0.5)} is 2 (the first value whose cumulative share
     * reaches 0.5).
     */
    private static final class Percentile implements Accumulator {
        private final boolean continuous;
        private final List<Object> values = new ArrayList<>();
        private Double fraction;
        private boolean fractionNull;

        Percentile(boolean continuous) {
            this.continuous = continuous;
        }

        @Override
        public void add(Object[] arguments) {
            if (arguments[0] == null) {
                fractionNull = true;
            } else if (fraction == null) {
                fraction = ((Number) arguments[0]).doubleValue();
                if (fraction < 0 || fraction > 1 || Double.isNaN(fraction)) {
                    throw new StripeJdbcException(
                            SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                            "percentile value " + PostgresText.formatDouble(fraction) + " is not between 0 and 1");
                }
            }
            if (arguments[1] != null) {
                values.add(arguments[1]);
            }
        }

        @Override
        public Object result() {
            if (values.isEmpty() || fractionNull || fraction == null) {
                return null;
            }
            int n = values.size();
            if (!continuous) {
                int row = (int) Math.ceil(fraction * n);
                return values.get(Math.max(row, 1) - 1);
            }
            double position = fraction * (n - 1);
            int lower = (int) Math.floor(position);
            int upper = (int) Math.ceil(position);
            Object low = values.get(lower);
            Object high = values.get(upper);
            if (low instanceof Interval a) {
                if (lower == upper) {
                    return a;
                }
                Interval difference = Arithmetic.add((Interval) high, Arithmetic.negate(a));
                return Arithmetic.add(a, Arithmetic.multiply(difference, position - lower));
            }
            double first = ((Number) low).doubleValue();
            double second = ((Number) high).doubleValue();
            return lower == upper ? first : first + (position - lower) * (second - first);
        }
    }

    /** {@code mode() WITHIN GROUP (ORDER BY value)}: the most frequent value, the first in sort order on a tie. */
    private static final class Mode implements Accumulator {
        private Object best;
        private long bestCount;
        private Object current;
        private long currentCount;

        @Override
        public void add(Object[] arguments) {
            Object value = arguments[0];
            if (value == null) {
                return;
            }
            if (current != null && ValueComparator.compare(current, value) == 0) {
                currentCount++;
            } else {
                current = value;
                currentCount = 1;
            }
            if (currentCount > bestCount) {
                best = current;
                bestCount = currentCount;
            }
        }

        @Override
        public Object result() {
            return best;
        }
    }
}
