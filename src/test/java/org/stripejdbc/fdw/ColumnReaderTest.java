package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.testkit.Tables;

/** Column values from JSON fields: registry types, declared types, undeclared and write-only columns. */
class ColumnReaderTest {

    private static Object[] read(String object, String columns, String json) {
        ForeignTableDefinition table = Tables.define("t", object, columns);
        RowShaper shaper = new RowShaper(table);
        shaper.check();
        return shaper.shape(Json.parse(json));
    }

    @Test
    void registryConversionsFollowUpstream() {
        Object[] row = read(
                "charges",
                "id text, amount bigint, created timestamp",
                "{\"id\":\"ch_1\",\"amount\":2000,\"created\":1234567890}");
        assertArrayEquals(new Object[] {"ch_1", 2000L, LocalDateTime.of(2009, 2, 13, 23, 31, 30)}, row);
    }

    @Test
    void wrongJsonKindsAreNull() {
        Object[] row = read(
                "charges",
                "id text, amount bigint, created timestamp, customer text",
                "{\"id\":7,\"amount\":12.5,\"created\":\"1234567890\",\"customer\":{\"id\":\"cus_1\"}}");
        assertArrayEquals(new Object[] {null, null, null, null}, row);
        row = read(
                "charges", "amount bigint, created timestamp", "{\"amount\":99999999999999999999999,\"created\":1.5}");
        assertArrayEquals(new Object[] {null, null}, row);
        row = read("prices", "active bool", "{\"active\":\"true\"}");
        assertArrayEquals(new Object[] {null}, row);
    }

    @Test
    void missingAndJsonNullAreNull() {
        Object[] row = read(
                "customers",
                "id text, email text, created timestamp, metadata jsonb",
                "{\"id\":null,\"metadata\":null}");
        assertArrayEquals(new Object[] {null, null, null, null}, row);
    }

    @Test
    void registryValuesConvertToTheDeclaredType() {
        Object[] row = read(
                "charges",
                "amount numeric, created timestamptz, id varchar(255), status jsonb, customer json",
                "{\"id\":\"ch_1\",\"amount\":2000,\"created\":1234567890,\"status\":\"succeeded\","
                        + "\"customer\":{\"id\":\"cus_1\"}}");
        assertEquals(new BigDecimal("2000"), row[0]);
        assertEquals(OffsetDateTime.parse("2009-02-13T23:31:30Z"), row[1]);
        assertEquals("ch_1", row[2]);
        assertEquals(Json.of("succeeded"), row[3]);
        assertEquals(Json.parse("{\"id\":\"cus_1\"}"), row[4]);
    }

    @Test
    void bigintAndTimestampAsTextAndNumbers() {
        Object[] row = read(
                "charges",
                "amount text, created text, fee real, net double precision",
                "{\"amount\":2000,\"created\":1234567890}");
        assertArrayEquals(new Object[] {"2000", "2009-02-13 23:31:30", null, null}, row);
        row = read(
                "balance_transactions",
                "fee real, net double precision, created bigint, amount numeric",
                "{\"fee\":59,\"net\":941,\"created\":1234567890,\"amount\":-1}");
        assertArrayEquals(new Object[] {59.0f, 941.0, 1234567890L, new BigDecimal("-1")}, row);
        row = read("charges", "created date, created_too text", "{\"created\":1234567890}");
        assertEquals(LocalDate.of(2009, 2, 13), row[0]);
        row = read("prices", "active text", "{\"active\":false}");
        assertArrayEquals(new Object[] {"false"}, row);
    }

    @Test
    void narrowIntegersThatDoNotFitAreAnError() {
        Object[] row = read("charges", "amount integer, fee smallint", "{\"amount\":2000,\"fee\":30}");
        assertArrayEquals(new Object[] {2000, (short) 30}, row);
        StripeJdbcException error = assertThrows(
                StripeJdbcException.class, () -> read("charges", "amount integer", "{\"amount\":3000000000}"));
        assertEquals(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, error.sqlState());
        assertEquals(
                "integer out of range: column \"amount\" of stripe.t received 3000000000 from Stripe; "
                        + "declare it as bigint",
                error.getMessage());
        assertThrows(StripeJdbcException.class, () -> read("charges", "attempts smallint", "{\"attempts\":40000}"));
    }

    @Test
    void undeclaredColumnsReadTheFieldOfTheSameName() {
        Object[] row = read(
                "customers",
                "id text, livemode bool, metadata jsonb, balance bigint, currency text, delinquent text, "
                        + "invoice_prefix uuid, preferred_locales text[], next_invoice_sequence integer, "
                        + "discount numeric, tax double precision, test_clock timestamptz, created_day date",
                """
                {"id":"cus_1","livemode":false,"metadata":{"order":"6735"},"balance":-500,"currency":"usd",
                 "delinquent":true,"invoice_prefix":"0759376C","preferred_locales":["en","fr",1,1.5,null,{}],
                 "next_invoice_sequence":3,"discount":12.75,"tax":0.5,"test_clock":1234567890,
                 "created_day":1234567890}""");
        assertEquals("cus_1", row[0]);
        assertEquals(false, row[1]);
        assertEquals(Json.parse("{\"order\":\"6735\"}"), row[2]);
        assertEquals(-500L, row[3]);
        assertEquals("usd", row[4]);
        assertNull(row[5], "text reads JSON strings only, as upstream");
        assertNull(row[6], "not a UUID");
        assertEquals(Arrays.asList("en", "fr", 1L, new BigDecimal("1.5"), null, Json.parse("{}")), row[7]);
        assertEquals(3, row[8]);
        assertEquals(new BigDecimal("12.75"), row[9]);
        assertEquals(0.5, row[10]);
        assertEquals(OffsetDateTime.parse("2009-02-13T23:31:30Z"), row[11]);
        assertEquals(LocalDate.of(2009, 2, 13), row[12]);
    }

    @Test
    void undeclaredUuidAndTimeFromStrings() {
        Object[] row = read(
                "customers",
                "ref uuid, at time, span interval",
                "{\"ref\":\"123e4567-e89b-12d3-a456-426614174000\",\"at\":\"12:30:00\",\"span\":\"1 day\"}");
        assertEquals(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), row[0]);
        assertEquals(LocalTime.of(12, 30), row[1]);
        assertNull(row[2]);
    }

    @Test
    void bracketedColumnsAreWriteOnly() {
        Object[] row = read(
                "subscriptions",
                "id text, \"items[0][price]\" text, \"metadata[a]\" jsonb",
                "{\"id\":\"sub_1\",\"items[0][price]\":\"price_1\",\"metadata[a]\":{}}");
        assertArrayEquals(new Object[] {"sub_1", null, null}, row);
    }

    @Test
    void attrsIsTheWholeObjectAsJsonOrText() {
        Object[] row = read("customers", "attrs jsonb, id text", "{\"name\":\"x\",\"id\":\"cus_1\"}");
        assertEquals(Json.parse("{\"id\":\"cus_1\",\"name\":\"x\"}"), row[0]);
        row = read("customers", "attrs text", "{\"name\":\"x\",\"id\":\"cus_1\"}");
        assertEquals("{\"id\": \"cus_1\", \"name\": \"x\"}", row[0]);
        StripeJdbcException error =
                assertThrows(StripeJdbcException.class, () -> read("customers", "attrs bigint", "{}"));
        assertEquals(SqlState.DATATYPE_MISMATCH, error.sqlState());
        assertEquals(
                "column \"attrs\" of stripe.t is declared bigint, but it holds the whole Stripe object; "
                        + "declare it as jsonb, json or text",
                error.getMessage());
    }

    @Test
    void incompatibleDeclaredTypesAreRejected() {
        for (List<String> objectAndColumn : List.of(
                List.of("customers", "email bigint"),
                List.of("charges", "amount bool"),
                List.of("prices", "active timestamp"),
                List.of("charges", "created bool"),
                List.of("charges", "amount timestamp"),
                List.of("charges", "id uuid"),
                List.of("prices", "active integer"))) {
            StripeJdbcException error = assertThrows(
                    StripeJdbcException.class,
                    () -> read(objectAndColumn.get(0), objectAndColumn.get(1), "{}"),
                    objectAndColumn.toString());
            assertEquals(SqlState.DATATYPE_MISMATCH, error.sqlState());
        }
        StripeJdbcException error =
                assertThrows(StripeJdbcException.class, () -> read("customers", "email bigint", "{}"));
        assertEquals(
                "column \"email\" of stripe.t is declared bigint, but Stripe's customers.email is text; "
                        + "declare it as one of: text, jsonb, json",
                error.getMessage());
    }

    @Test
    void nonObjectIsAnInvalidResponse() {
        RowShaper shaper = new RowShaper(Tables.define("t", "customers", "id text"));
        StripeJdbcException error = assertThrows(StripeJdbcException.class, () -> shaper.shape(Json.of("x")));
        assertEquals(
                "invalid response from Stripe for stripe.t: expected a JSON object, got string", error.getMessage());
    }

    @Test
    void duplicateDeclaredColumnsAreRejected() {
        StripeJdbcException error =
                assertThrows(StripeJdbcException.class, () -> Tables.define("t", "customers", "id text, id text"));
        assertEquals(SqlState.DUPLICATE_COLUMN, error.sqlState());
    }
}
