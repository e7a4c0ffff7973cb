package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.stripejdbc.testkit.Sql.*;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.FromItem;

/** Bulk behaviour: large inputs stream through filters, top-N sorts and hash joins in bounded time. */
class ScaleTest {
    private final Engine engine = Engine.standard();

    @Test
    void topNOverAMillionRows() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            List<String> rows = engine.rows(select(as(col("g"), "n")).from(function("g", "generate_series", number(1),
                    number(1_000_000))).where(eq(mod(col("g"), number(7)), number(0))).orderBy(desc(col("g"))).limit(2)
                    .build());
            assertEquals(List.of("n=999999", "n=999992"), rows);
        });
    }

    @Test
    void hashJoinOfTwentyThousandRows() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            FromItem from = join(function("a", "generate_series", number(1), number(20_000)),
                    function("b", "generate_series", number(1), number(20_000)), FromItem.JoinType.INNER,
                    eq(col("a"), col("b")));
            assertEquals(List.of("count=20000"), engine.rows(select(countStar()).from(from).build()));
        });
    }
}
