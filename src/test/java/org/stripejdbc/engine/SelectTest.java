package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.engine.Engine.assertFails;
import static org.stripejdbc.testkit.Sql.*;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.Expr;

/** Single-table SELECT over in-memory tables: projection, labels, WHERE, ORDER BY, LIMIT, DISTINCT, parameters. */
class SelectTest {
    private final Engine engine = Engine.standard();

    @Test
    void selectStarReturnsEveryColumnInOrder() {
        List<String> rows =
                engine.rows(select(star()).from("stripe.customers").limit(2).build());
        assertEquals(
                List.of(
                        "id=cus_1; email=ann@example.com; name=Ann; created=2023-01-05 10:00:00; "
                                + "attrs={\"id\": \"cus_1\", \"balance\": 0, \"metadata\": {\"tier\": \"gold\"}}",
                        "id=cus_2; email=bob@example.com; name=Bob; created=2023-06-01 08:30:00; "
                                + "attrs={\"id\": \"cus_2\", \"balance\": -500, \"metadata\": {}}"),
                rows);
    }

    @Test
    void qualifiedStarAndAliases() {
        assertEquals(
                List.of("id=cus_1; label=ANN"),
                engine
                        .rows(select(star("c"), as(fn("upper", col("c.name")), "label"))
                                .from(table("stripe.customers", "c"))
                                .limit(1)
                                .build())
                        .stream()
                        .map(r -> r.replaceAll("; email=.*; attrs=[^;]*", ""))
                        .toList());
        assertEquals(
                List.of("id=cus_1"),
                engine.rows(select(col("stripe.customers.id"))
                        .from("stripe.customers")
                        .limit(1)
                        .build()));
    }

    @Test
    void jsonAttributesInTheSelectList() {
        assertEquals(
                List.of("id=in_1; account_name=Acme; line_items=[{\"id\": \"il_1\", \"price\": {\"id\": \"price_a\"}, "
                        + "\"amount\": 1000}, {\"id\": \"il_2\", \"price\": {\"id\": \"price_b\"}, \"amount\": 2500}]"),
                engine.rows(select(
                                col("id"),
                                as(arrowText(col("attrs"), "account_name"), "account_name"),
                                as(op(Expr.BinaryOperator.JSON_PATH, col("attrs"), text("{lines,data}")), "line_items"))
                        .from("stripe.invoices")
                        .where(eq(col("id"), text("in_1")))
                        .build()));
    }

    @Test
    void whereWithUnknownLiteralComparesAsTimestamp() {
        assertEquals(
                List.of("id=cus_3", "id=cus_4"),
                engine.rows(select(col("id"))
                        .from("stripe.customers")
                        .where(gt(col("created"), text("2024-01-01")))
                        .build()));
    }

    @Test
    void whereUsesThreeValuedLogic() {
        assertEquals(
                List.of("id=cus_2", "id=cus_4"),
                engine.rows(select(col("id"))
                        .from("stripe.customers")
                        .where(ne(col("email"), text("ann@example.com")))
                        .build()));
        assertEquals(
                List.of("id=cus_3"),
                engine.rows(select(col("id"))
                        .from("stripe.customers")
                        .where(isNull(col("email")))
                        .build()));
        assertEquals(
                List.of("id=cus_1", "id=cus_2"),
                engine.rows(select(col("id"))
                        .from("stripe.customers")
                        .where(not(like(col("email"), text("%.org"))))
                        .build()));
    }

    @Test
    void whereOnJsonAttributes() {
        assertEquals(
                List.of("id=cus_1"),
                engine.rows(select(col("id"))
                        .from("stripe.customers")
                        .where(eq(arrowText(arrow(col("attrs"), "metadata"), "tier"), text("gold")))
                        .build()));
        assertEquals(
                List.of("id=cus_2"),
                engine.rows(select(col("id"))
                        .from("stripe.customers")
                        .where(lt(cast(arrow(col("attrs"), "balance"), "bigint"), number(0)))
                        .build()));
        assertEquals(
                List.of("id=cus_1", "id=cus_3"),
                engine.rows(select(col("id"))
                        .from("stripe.customers")
                        .where(op(Expr.BinaryOperator.JSON_HAS_KEY, arrow(col("attrs"), "metadata"), text("tier")))
                        .build()));
    }

    @Test
    void comparisonWithInvalidTextIsAnError() {
        assertEquals(
                "invalid input syntax for type bigint: \"abc\"",
                assertFails(
                        "22P02",
                        () -> engine.rows(select(col("id"))
                                .from("stripe.charges")
                                .where(gt(col("amount"), text("abc")))
                                .build())));
        assertEquals(
                List.of("id=ch_2", "id=ch_4"),
                engine.rows(select(col("id"))
                        .from("stripe.charges")
                        .where(gt(col("amount"), text("1000")))
                        .build()));
    }

    @Test
    void orderByWithPostgresNullPlacement() {
        assertEquals(
                List.of("email=ann@example.com", "email=bob@example.com", "email=dan@test.org", "email=null"),
                engine.rows(select(col("email"))
                        .from("stripe.customers")
                        .orderBy(col("email"))
                        .build()));
        assertEquals(
                List.of("email=null", "email=dan@test.org", "email=bob@example.com", "email=ann@example.com"),
                engine.rows(select(col("email"))
                        .from("stripe.customers")
                        .orderBy(desc(col("email")))
                        .build()));
        assertEquals(
                List.of("email=dan@test.org", "email=bob@example.com", "email=ann@example.com", "email=null"),
                engine.rows(select(col("email"))
                        .from("stripe.customers")
                        .orderBy(order(col("email"), true, false))
                        .build()));
        assertEquals(
                List.of("email=null", "email=ann@example.com", "email=bob@example.com", "email=dan@test.org"),
                engine.rows(select(col("email"))
                        .from("stripe.customers")
                        .orderBy(order(col("email"), false, true))
                        .build()));
    }

    @Test
    void orderBySeveralKeysIsStable() {
        assertEquals(
                List.of(
                        "currency=eur; id=ch_3",
                        "currency=eur; id=ch_4",
                        "currency=usd; id=ch_1",
                        "currency=usd; id=ch_2",
                        "currency=usd; id=ch_5"),
                engine.rows(select(col("currency"), col("id"))
                        .from("stripe.charges")
                        .orderBy(col("currency"))
                        .build()));
        assertEquals(
                List.of("id=ch_4", "id=ch_3", "id=ch_2", "id=ch_1", "id=ch_5"),
                engine.rows(select(col("id"))
                        .from("stripe.charges")
                        .orderBy(asc(col("currency")), desc(col("amount")))
                        .build()));
    }

    @Test
    void orderByAliasOrdinalAndHiddenExpression() {
        assertEquals(
                List.of("id=ch_2; a=2500", "id=ch_4; a=1200"),
                engine.rows(select(col("id"), as(col("amount"), "a"))
                        .from("stripe.charges")
                        .orderBy(desc(col("a")))
                        .limit(2)
                        .build()));
        assertEquals(
                List.of("id=ch_2; amount=2500"),
                engine.rows(select(col("id"), col("amount"))
                        .from("stripe.charges")
                        .orderBy(desc(number(2)))
                        .limit(1)
                        .build()));
        assertEquals(
                List.of("id=ch_5", "id=ch_3"),
                engine.rows(select(col("id"))
                        .from("stripe.charges")
                        .orderBy(asc(col("amount")))
                        .limit(2)
                        .build()));
        assertEquals(
                List.of("id=ch_5"),
                engine.rows(select(col("id"))
                        .from("stripe.charges")
                        .orderBy(asc(mod(col("amount"), number(1000))), asc(col("id")))
                        .limit(1)
                        .offset(2)
                        .build()));
        assertEquals(
                "ORDER BY position 3 is not in select list",
                assertFails(
                        "42P10",
                        () -> engine.rows(select(col("id"))
                                .from("stripe.charges")
                                .orderBy(number(3))
                                .build())));
    }

    @Test
    void limitAndOffset() {
        assertEquals(
                List.of("id=ch_2", "id=ch_3"),
                engine.rows(select(col("id"))
                        .from("stripe.charges")
                        .limit(2)
                        .offset(1)
                        .build()));
        assertEquals(
                List.of("id=ch_5"),
                engine.rows(select(col("id")).from("stripe.charges").offset(4).build()));
        assertEquals(
                5,
                engine.rows(select(col("id"))
                                .from("stripe.charges")
                                .limit(nullValue())
                                .build())
                        .size());
        assertEquals(
                "LIMIT must not be negative",
                assertFails(
                        "2201W",
                        () -> engine.rows(select(col("id"))
                                .from("stripe.charges")
                                .limit(neg(number(1)))
                                .build())));
        assertEquals(
                "OFFSET must not be negative",
                assertFails(
                        "2201X",
                        () -> engine.rows(select(col("id"))
                                .from("stripe.charges")
                                .offset(neg(number(1)))
                                .build())));
        assertEquals(
                List.of("id=ch_1"),
                engine.rows(
                        select(col("id")).from("stripe.charges").limit(param(1)).build(), "1"));
    }

    @Test
    void maxRowsCapsTheResult() {
        assertEquals(
                2,
                engine.rows(
                                select(col("id"))
                                        .from("stripe.charges")
                                        .orderBy(col("id"))
                                        .build(),
                                Engine.contextWithMaxRows(2))
                        .size());
    }

    @Test
    void distinct() {
        assertEquals(
                List.of("currency=usd", "currency=eur"),
                engine.rows(select(col("currency"))
                        .distinct()
                        .from("stripe.charges")
                        .build()));
        assertEquals(
                List.of("currency=eur", "currency=usd"),
                engine.rows(select(col("currency"))
                        .distinct()
                        .from("stripe.charges")
                        .orderBy(col("currency"))
                        .build()));
        assertEquals(
                "for SELECT DISTINCT, ORDER BY expressions must appear in select list",
                assertFails(
                        "42P10",
                        () -> engine.rows(select(col("currency"))
                                .distinct()
                                .from("stripe.charges")
                                .orderBy(col("id"))
                                .build())));
    }

    @Test
    void distinctOn() {
        assertEquals(
                List.of("currency=eur; id=ch_4", "currency=usd; id=ch_2"),
                engine.rows(select(col("currency"), col("id"))
                        .distinctOn(col("currency"))
                        .from("stripe.charges")
                        .orderBy(asc(col("currency")), desc(col("amount")))
                        .build()));
        assertEquals(
                "SELECT DISTINCT ON expressions must match initial ORDER BY expressions",
                assertFails(
                        "42P10",
                        () -> engine.rows(select(col("currency"), col("id"))
                                .distinctOn(col("currency"))
                                .from("stripe.charges")
                                .orderBy(desc(col("amount")))
                                .build())));
    }

    @Test
    void selectWithoutFrom() {
        assertEquals(List.of("?column?=1"), engine.rows(select(number(1)).build()));
        assertEquals(
                List.of("now=2023-11-14 22:13:20+00"),
                engine.rows(select(fn("now")).build()));
        assertEquals(List.of(), engine.rows(select(number(1)).where(bool(false)).build()));
        assertEquals(
                "SELECT * with no tables specified is not valid",
                assertFails("42601", () -> engine.rows(select(star()).build())));
    }

    @Test
    void parametersAreTypedByTheirContext() {
        assertEquals(
                List.of("id=ch_2"),
                engine.rows(
                        select(col("id"))
                                .from("stripe.charges")
                                .where(gt(col("amount"), param(1)))
                                .build(),
                        "2000"));
        assertEquals(
                List.of("id=ch_2"),
                engine.rows(
                        select(col("id"))
                                .from("stripe.charges")
                                .where(gt(col("amount"), param(1)))
                                .build(),
                        2000));
        assertEquals(
                List.of("id=cus_3", "id=cus_4"),
                engine.rows(
                        select(col("id"))
                                .from("stripe.customers")
                                .where(gt(col("created"), param(1)))
                                .build(),
                        OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)));
        assertEquals(List.of("?column?=x"), engine.rows(select(param(1)).build(), "x"));
        assertEquals(
                List.of("id=ch_1", "id=ch_3"),
                engine.rows(
                        select(col("id"))
                                .from("stripe.charges")
                                .where(new Expr.Quantified(Expr.BinaryOperator.EQUALS, col("id"), param(1), false))
                                .build(),
                        List.of("ch_1", "ch_3")));
        assertEquals(
                "there is no parameter $2",
                assertFails(
                        "42P02",
                        () -> engine.rows(
                                select(col("id"))
                                        .from("stripe.charges")
                                        .where(eq(col("id"), param(2)))
                                        .build(),
                                "x")));
        assertEquals(
                "invalid input syntax for type bigint: \"lots\"",
                assertFails(
                        "22P02",
                        () -> engine.rows(
                                select(col("id"))
                                        .from("stripe.charges")
                                        .where(gt(col("amount"), param(1)))
                                        .build(),
                                "lots")));
        // A fractional number compared with an integer follows Postgres' numeric promotion (pgjdbc sends it as a
        // numeric or a float8): the same rows as the literal. Where an integer result would have to hold it, refused.
        List<String> overLiteral = engine.rows(select(col("id"))
                .from("stripe.charges")
                .where(gt(col("amount"), decimal("1999.5")))
                .build());
        assertEquals(List.of("id=ch_2"), overLiteral);
        assertEquals(
                overLiteral,
                engine.rows(
                        select(col("id"))
                                .from("stripe.charges")
                                .where(gt(col("amount"), param(1)))
                                .build(),
                        1999.5));
        assertEquals(
                overLiteral,
                engine.rows(
                        select(col("id"))
                                .from("stripe.charges")
                                .where(gt(col("amount"), param(1)))
                                .build(),
                        new java.math.BigDecimal("1999.5")));
        assertEquals(
                List.of(),
                engine.rows(
                        select(col("id"))
                                .from("stripe.charges")
                                .where(eq(col("amount"), param(1)))
                                .build(),
                        new java.math.BigDecimal("1999.5")));
        assertEquals(
                "invalid input syntax for type bigint: \"2499.5\" (parameter $1)",
                assertFails(
                        "22P02",
                        () -> engine.rows(
                                select(col("id"))
                                        .from("stripe.charges")
                                        .where(gt(times(col("amount"), param(1)), number(0)))
                                        .build(),
                                2499.5)));
    }

    @Test
    void nameResolutionErrors() {
        assertEquals(
                "column \"nope\" does not exist",
                assertFails(
                        "42703",
                        () -> engine.rows(
                                select(col("nope")).from("stripe.customers").build())));
        assertEquals(
                "column c.nope does not exist",
                assertFails(
                        "42703",
                        () -> engine.rows(select(col("c.nope"))
                                .from(table("stripe.customers", "c"))
                                .build())));
        assertEquals(
                "missing FROM-clause entry for table \"x\"",
                assertFails(
                        "42P01",
                        () -> engine.rows(select(col("x.id"))
                                .from(table("stripe.customers", "c"))
                                .build())));
        assertEquals(
                "relation \"stripe.nope\" does not exist",
                assertFails(
                        "42P01",
                        () -> engine.rows(select(star()).from("stripe.nope").build())));
        assertEquals(
                "column reference \"id\" is ambiguous",
                assertFails(
                        "42702",
                        () -> engine.rows(select(col("id"))
                                .from(comma(table("stripe.customers"), table("stripe.charges")))
                                .build())));
        assertEquals(
                "argument of WHERE must be type boolean, not type bigint",
                assertFails(
                        "42804",
                        () -> engine.rows(select(col("id"))
                                .from("stripe.charges")
                                .where(col("amount"))
                                .build())));
        assertEquals(
                "aggregate functions are not allowed in WHERE",
                assertFails(
                        "42803",
                        () -> engine.rows(select(col("id"))
                                .from("stripe.charges")
                                .where(gt(countStar(), number(1)))
                                .build())));
    }

    @Test
    void setReturningFunctionsInTheSelectList() {
        Expr lines = op(Expr.BinaryOperator.JSON_PATH, col("attrs"), text("{lines,data}"));
        assertEquals(
                List.of("id=in_1; line=il_1", "id=in_1; line=il_2", "id=in_2; line=il_3"),
                engine.rows(select(col("id"), as(arrowText(fn("jsonb_array_elements", lines), "id"), "line"))
                        .from("stripe.invoices")
                        .build()));
        assertEquals(
                List.of(
                        "generate_series=1; generate_series=1",
                        "generate_series=2; generate_series=2",
                        "generate_series=3; generate_series=null"),
                engine.rows(
                        select(fn("generate_series", number(1), number(3)), fn("generate_series", number(1), number(2)))
                                .build()));
        assertEquals(
                List.of("id=in_1; n=1"),
                engine.rows(select(col("id"), as(fn("generate_series", number(1), number(3)), "n"))
                        .from("stripe.invoices")
                        .limit(1)
                        .build()));
        assertFails(
                "0A000",
                () -> engine.rows(select(fn("jsonb_each", col("attrs")))
                        .from("stripe.invoices")
                        .build()));
    }

    @Test
    void castsWithTypeModifiers() {
        assertEquals(
                List.of("numeric=12.35; varchar=ab; bpchar=a  ; timestamp=2024-01-01 10:00:01"),
                engine.rows(select(
                                new Expr.Cast(decimal("12.345"), org.stripejdbc.types.SqlType.NUMERIC, "numeric(10,2)"),
                                as(
                                        new Expr.Cast(text("abc"), org.stripejdbc.types.SqlType.TEXT, "varchar(2)"),
                                        "varchar"),
                                as(new Expr.Cast(text("a"), org.stripejdbc.types.SqlType.TEXT, "char(3)"), "bpchar"),
                                new Expr.Cast(
                                        text("2024-01-01 10:00:00.6"),
                                        org.stripejdbc.types.SqlType.TIMESTAMP,
                                        "timestamp(0)"))
                        .build()));
        assertFails(
                "22003",
                () -> engine.rows(
                        select(new Expr.Cast(decimal("123.4"), org.stripejdbc.types.SqlType.NUMERIC, "numeric(3,1)"))
                                .build()));
    }

    @Test
    void functionsAddedByTheDriver() {
        FunctionLibrary library = FunctionLibrary.standard()
                .with("current_schema", List.of(), org.stripejdbc.types.SqlType.TEXT, (arguments, context) -> "public")
                .with(
                        "vault.create_secret",
                        List.of(org.stripejdbc.types.SqlType.TEXT, org.stripejdbc.types.SqlType.TEXT),
                        org.stripejdbc.types.SqlType.UUID,
                        (arguments, context) ->
                                java.util.UUID.nameUUIDFromBytes(((String) arguments.get(1)).getBytes()));
        QueryCompiler compiler = new QueryCompiler(engine::resolve, library);
        CompiledQuery query =
                compiler.compile(select(fn("current_schema"), fn("vault.create_secret", text("sk_x"), text("stripe")))
                        .build());
        assertEquals(
                List.of("current_schema", "create_secret"),
                query.columns().stream().map(ResultColumn::name).toList());
        try (RowIterator rows = query.execute(Engine.context())) {
            rows.next();
            assertEquals("public", rows.current()[0]);
            assertEquals(java.util.UUID.nameUUIDFromBytes("stripe".getBytes()), rows.current()[1]);
        }
    }
}
