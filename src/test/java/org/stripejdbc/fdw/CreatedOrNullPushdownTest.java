package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.testkit.Sql.col;
import static org.stripejdbc.testkit.Sql.context;
import static org.stripejdbc.testkit.Sql.eq;
import static org.stripejdbc.testkit.Sql.ge;
import static org.stripejdbc.testkit.Sql.lt;
import static org.stripejdbc.testkit.Sql.or;
import static org.stripejdbc.testkit.Sql.text;
import static org.stripejdbc.testkit.Sql.timestamp;
import static org.stripejdbc.testkit.Sql.where;
import static org.stripejdbc.testkit.Tables.drain;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.json.Json;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.testkit.Tables;

/**
 * {@code created < X OR created IS NULL}, the condition of Spark's first JDBC partition, walks
 * {@code created[lt]=X} (a listed object always has a created time) and stays residual.
 */
class CreatedOrNullPushdownTest {
    private FakeStripeClient client = new FakeStripeClient();

    private StripeScanPlan plan(Expr... conditions) {
        client.add("charges", Json.parse("{\"id\":\"ch_1\",\"created\":1704067200}"));
        StripeTableSource charges = new StripeTableSource(
                Tables.define("charges", "charges", "id text, customer text, created timestamp"),
                client,
                new FakeConstantEvaluator());
        return charges.plan(where(conditions));
    }

    private static Expr isNull(Expr value) {
        return new Expr.IsNull(value, false);
    }

    @Test
    void lessThanOrNullIsPushedAndCheckedByTheScan() {
        Expr first = or(lt(col("created"), timestamp("2024-01-01")), isNull(col("created")));
        StripeScanPlan plan = plan(first);
        assertEquals(List.of(first), plan.pushed());
        assertEquals(List.of(), plan.residual());
        drain(plan.open(context(), -1));
        assertEquals(List.of("GET charges?created[lt]=1704067200&limit=100"), client.requests());
    }

    @Test
    void eitherOrderAndOtherConditionsCombine() {
        Expr first = or(isNull(col("created")), ge(col("created"), text("2024-01-01 00:00:00")));
        Expr customer = eq(col("customer"), text("cus_1"));
        StripeScanPlan plan = plan(customer, first);
        assertEquals(List.of(customer, first), plan.pushed());
        assertEquals(List.of(), plan.residual());
        drain(plan.open(context(), -1));
        assertEquals(List.of("GET charges?customer=cus_1&created[gte]=1704067200&limit=100"), client.requests());
    }

    @Test
    void otherDisjunctionsAreNotPushed() {
        Expr notNull = or(lt(col("created"), timestamp("2024-01-01")), new Expr.IsNull(col("created"), true));
        Expr otherColumn = or(lt(col("created"), timestamp("2024-01-01")), isNull(col("customer")));
        Expr twoBounds = or(
                or(lt(col("created"), timestamp("2024-01-01")), ge(col("created"), timestamp("2025-01-01"))),
                isNull(col("created")));
        for (Expr condition : List.of(notNull, otherColumn, twoBounds)) {
            client = new FakeStripeClient();
            StripeScanPlan plan = plan(condition);
            assertEquals(List.of(condition), plan.residual());
            drain(plan.open(context(), -1));
            assertEquals(List.of("GET charges?limit=100"), client.requests(), condition.toString());
        }
    }
}
