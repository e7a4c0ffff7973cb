package org.stripejdbc.fdw.modify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.testkit.Tables.showForm;
import static org.stripejdbc.testkit.Tables.values;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.ForeignTableDefinition;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.FormEncoder;
import org.stripejdbc.testkit.Tables;
import org.stripejdbc.types.Interval;

class RowEncoderTest {
    private final RowEncoder customers = new RowEncoder(Tables.customers());

    private String insert(Object... namesAndValues) {
        return showForm(customers.insertBody(values(namesAndValues)));
    }

    private String update(Object... namesAndValues) {
        return showForm(customers.updateBody(values(namesAndValues)));
    }

    private StripeJdbcException insertFails(Object... namesAndValues) {
        return assertThrows(StripeJdbcException.class, () -> customers.insertBody(values(namesAndValues)));
    }

    // ------------------------------------------------------------------------------------- the doc's statements

    @Test
    void docInsertOmitsNulls() {
        assertEquals(
                "email=test@test.com & name=test name",
                insert("email", "test@test.com", "name", "test name", "description", null));
    }

    @Test
    void docUpdateOfDescription() {
        assertEquals("description=hello fdw", update("description", "hello fdw"));
    }

    @Test
    void docUpdateOfAttrsWithAFlatKeyPassesTheKeyThrough() {
        assertEquals("metadata[foo]=bar", update("attrs", "{\"metadata[foo]\": \"bar\"}"));
    }

    // ------------------------------------------------------------------------------------- attrs

    @Test
    void nestedAttrsBecomeBracketKeysInWrittenOrder() {
        String attrs = "{\"metadata\":{\"b\":\"2\",\"a\":\"1\"},\"tax_id_data\":[{\"type\":\"p\",\"value\":2},"
                + "{\"type\":\"q\"}],\"expand\":[\"customer\",\"invoice\"],\"address\":{\"city\":\"Paris\"},"
                + "\"tax_exempt\":\"none\",\"preferred_locales\":[],\"invoice_settings\":{\"custom_fields\":null}}";
        assertEquals(
                "metadata[b]=2 & metadata[a]=1 & tax_id_data[0][type]=p & tax_id_data[0][value]=2"
                        + " & tax_id_data[1][type]=q"
                        + " & expand[0]=customer & expand[1]=invoice & address[city]=Paris & tax_exempt=none"
                        + " & preferred_locales= & invoice_settings[custom_fields]=",
                insert("attrs", attrs));
    }

    @Test
    void attrsExpandAtTheirPositionAmongTheColumns() {
        assertEquals(
                "email=a@b.c & metadata[a]=b & name=n",
                insert("email", "a@b.c", "attrs", Json.parse("{\"metadata\":{\"a\":\"b\"}}"), "name", "n"));
    }

    @Test
    void attrsAsJsonAsTextAndAsMapEncodeAlike() {
        String text = "{\"metadata\":{\"a\":\"b\"},\"tax_id_data\":[{\"type\":\"p\"}]}";
        String expected = "metadata[a]=b & tax_id_data[0][type]=p";
        assertEquals(expected, insert("attrs", text));
        assertEquals(expected, insert("attrs", Json.parse(text)));
        assertEquals(
                expected,
                insert("attrs", values("metadata", Map.of("a", "b"), "tax_id_data", List.of(Map.of("type", "p")))));
    }

    @Test
    void attrsDeclaredAsTextIsParsedAsJson() {
        RowEncoder encoder = new RowEncoder(Tables.define("customers", "customers", "id text, attrs text"));
        assertEquals("metadata[a]=b", showForm(encoder.updateBody(values("attrs", "{\"metadata\":{\"a\":\"b\"}}"))));
    }

    @Test
    void malformedAttrsTextIs22P02NamingAttrs() {
        StripeJdbcException e = insertFails("email", "a@b.c", "attrs", "{\"metadata\": ");
        assertEquals(SqlState.INVALID_JSON_TEXT, e.sqlState());
        assertTrue(
                e.getMessage()
                        .startsWith("INSERT into stripe.customers, column \"attrs\": invalid input syntax "
                                + "for type json"),
                e.getMessage());
    }

    @Test
    void attrsThatIsNotAnObjectIs22023() {
        for (String attrs : List.of("[1,2]", "\"x\"", "42", "true")) {
            StripeJdbcException e = insertFails("attrs", attrs);
            assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.sqlState(), attrs);
            assertTrue(
                    e.getMessage()
                            .startsWith("INSERT into stripe.customers, column \"attrs\": attrs must be a "
                                    + "JSON object of Stripe parameters"),
                    e.getMessage());
        }
        assertTrue(insertFails("attrs", "[1]").getMessage().endsWith("not an array"));
        assertTrue(insertFails("attrs", "\"x\"").getMessage().endsWith("not a string"));
    }

    @Test
    void nullAttrsSendNothingOnInsertAndOnUpdate() {
        assertEquals("email=a@b.c", insert("email", "a@b.c", "attrs", null));
        assertEquals("email=a@b.c", insert("email", "a@b.c", "attrs", "null"));
        assertEquals("email=a@b.c", insert("email", "a@b.c", "attrs", Json.NULL));
        assertEquals("description=", update("description", null, "attrs", null));
        // An UPDATE whose body would be empty is never sent.
        StripeJdbcException empty =
                assertThrows(StripeJdbcException.class, () -> customers.updateBody(values("attrs", Json.NULL)));
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, empty.sqlState());
    }

    @Test
    void emptyKeyInAttrsIsRejected() {
        StripeJdbcException e = insertFails("attrs", "{\"\": \"x\"}");
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.sqlState());
        assertTrue(e.getMessage().startsWith("INSERT into stripe.customers, column \"attrs\": "), e.getMessage());
    }

    // ------------------------------------------------------------------------------------- conflicts

    @Test
    void aParameterGivenByAColumnAndByAttrsIs42701() {
        StripeJdbcException e = insertFails("email", "a@b.c", "attrs", "{\"email\":\"x@y.z\"}");
        assertEquals(SqlState.DUPLICATE_COLUMN, e.sqlState());
        assertEquals(
                "INSERT into stripe.customers: Stripe parameter \"email\" is given twice, by column \"email\" "
                        + "and by attrs; give each Stripe parameter once, either as a column or inside attrs",
                e.getMessage());
    }

    @Test
    void aParameterGivenTwiceInsideAttrsIs42701() {
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> customers.updateBody(values("attrs", "{\"metadata[foo]\":\"a\",\"metadata\":{\"foo\":\"b\"}}")));
        assertEquals(SqlState.DUPLICATE_COLUMN, e.sqlState());
        assertTrue(e.getMessage().contains("\"metadata[foo]\" is given twice, both times by attrs"), e.getMessage());
    }

    @Test
    void aParameterGivenAsValueAndAsNestedParametersIs42701() {
        // SET metadata = NULL unsets the whole hash; attrs sets one of its keys: Stripe could not read both.
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> customers.updateBody(values("metadata", null, "attrs", "{\"metadata\":{\"a\":\"b\"}}")));
        assertEquals(SqlState.DUPLICATE_COLUMN, e.sqlState());
        assertTrue(
                e.getMessage()
                        .contains("Stripe parameter \"metadata\" is given both as a value (by column "
                                + "\"metadata\") and as nested parameters (\"metadata[a]\" by attrs)"),
                e.getMessage());
        // The other way round too.
        StripeJdbcException reverse = assertThrows(
                StripeJdbcException.class,
                () -> customers.updateBody(values("attrs", "{\"metadata\":{\"a\":\"b\"}}", "metadata", null)));
        assertTrue(
                reverse.getMessage()
                        .contains("Stripe parameter \"metadata\" is given both as a value (by column "
                                + "\"metadata\") and as nested parameters (\"metadata[a]\" by attrs)"),
                reverse.getMessage());
    }

    @Test
    void differentParametersUnderOneHashDoNotConflict() {
        RowEncoder subscriptions = new RowEncoder(
                Tables.define("subscriptions", "subscriptions", "id text, \"items[0][price]\" text, attrs jsonb"));
        assertEquals(
                "items[0][price]=p & items[0][quantity]=2",
                showForm(subscriptions.insertBody(
                        values("items[0][price]", "p", "attrs", "{\"items\":[{\"quantity\":2}]}"))));
        assertEquals(
                "metadata[a]=1 & metadata[b]=2",
                insert("metadata", "{\"a\":\"1\"}", "attrs", "{\"metadata[b]\":\"2\"}"));
    }

    // ------------------------------------------------------------------------------------- NULL

    @Test
    void nullIsOmittedOnInsertAndAnEmptyValueOnUpdate() {
        assertEquals("", insert("description", null, "name", null));
        assertEquals("description= & name=n", update("description", null, "name", "n"));
        assertEquals("metadata=", update("metadata", null));
        assertEquals("metadata=", update("metadata", "null"));
        assertEquals("", insert("metadata", "null"));
    }

    @Test
    void anEmptyHashOrArrayIsAnEmptyValue() {
        assertEquals("metadata=", update("metadata", "{}"));
        assertEquals("metadata=", insert("metadata", Json.parse("{}")));
    }

    // ------------------------------------------------------------------------------------- values

    @Test
    void scalarValuesByRuntimeClass() {
        // tokens: an object the API description does not list, so any parameter name passes (the API decides).
        ForeignTableDefinition table = Tables.define(
                "products",
                "tokens",
                "id text, a text, b bigint, "
                        + "c integer, d smallint, e numeric, f double precision, g real, h bool, i bool, j uuid, "
                        + "k numeric, l text[], m numeric");
        RowEncoder encoder = new RowEncoder(table);
        assertEquals(
                "a=plain text & b=9007199254740993 & c=-7 & d=3 & e=12.50 & f=2 & g=0.1 & h=true & i=false"
                        + " & j=123e4567-e89b-12d3-a456-426614174000 & k=1000 & l[0]=card & l[1]=sepa_debit"
                        + " & m=123456789012345678901234567890",
                showForm(encoder.insertBody(values(
                        "a",
                        "plain text",
                        "b",
                        9007199254740993L,
                        "c",
                        -7,
                        "d",
                        (short) 3,
                        "e",
                        new BigDecimal("12.50"),
                        "f",
                        2.0d,
                        "g",
                        0.1f,
                        "h",
                        true,
                        "i",
                        false,
                        "j",
                        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                        "k",
                        new BigDecimal("1E+3"),
                        "l",
                        List.of("card", "sepa_debit"),
                        "m",
                        new BigInteger("123456789012345678901234567890")))));
        assertEquals(
                "f=100000000000000000000 & g=0.000001", showForm(encoder.insertBody(values("f", 1e20d, "g", 1e-6d))));
    }

    @Test
    void timestampsAndDatesAreUnixSeconds() {
        RowEncoder subscriptions = new RowEncoder(Tables.define(
                "subscriptions",
                "subscriptions",
                "id text, trial_end timestamp, billing_cycle_anchor timestamptz, cancel_at date"));
        assertEquals(
                "trial_end=1700000000",
                showForm(subscriptions.insertBody(values("trial_end", LocalDateTime.of(2023, 11, 14, 22, 13, 20)))));
        // Fractions of a second are dropped: Stripe takes whole seconds.
        assertEquals(
                "trial_end=1700000000",
                showForm(subscriptions.insertBody(
                        values("trial_end", LocalDateTime.of(2023, 11, 14, 22, 13, 20, 999_000_000)))));
        assertEquals(
                "billing_cycle_anchor=1700000000",
                showForm(subscriptions.insertBody(values(
                        "billing_cycle_anchor",
                        OffsetDateTime.of(2023, 11, 14, 23, 13, 20, 0, ZoneOffset.ofHours(1))))));
        assertEquals(
                "cancel_at=1699920000",
                showForm(subscriptions.insertBody(values("cancel_at", LocalDate.of(2023, 11, 14)))));
        assertEquals(
                "trial_end=0",
                showForm(subscriptions.updateBody(values("trial_end", LocalDateTime.of(1970, 1, 1, 0, 0)))));
        assertEquals(
                "trial_end=-1",
                showForm(subscriptions.updateBody(values("trial_end", LocalDateTime.of(1969, 12, 31, 23, 59, 59)))));
    }

    @Test
    void readOnlyFieldsAre428C9() {
        StripeJdbcException created = insertFails("created", LocalDateTime.of(2023, 11, 14, 22, 13, 20));
        assertEquals(SqlState.GENERATED_ALWAYS, created.sqlState());
        assertEquals(
                "INSERT into stripe.customers: cannot assign to column \"created\": Stripe computes "
                        + "customers.created itself, so no request can set it",
                created.getMessage());
        assertEquals(
                SqlState.GENERATED_ALWAYS,
                assertThrows(StripeJdbcException.class, () -> customers.updateBody(values("created", null)))
                        .sqlState());
        assertEquals(
                SqlState.GENERATED_ALWAYS,
                assertThrows(StripeJdbcException.class, () -> customers.checkAssignable("livemode"))
                        .sqlState());
        // From attrs too, whatever the nesting: the top-level parameter counts.
        assertTrue(insertFails("attrs", "{\"object\": {\"x\": 1}}")
                .getMessage()
                .contains("cannot assign to attrs key \"object\""));
        customers.checkAssignable("attrs");
        customers.checkAssignable("metadata");
        customers.checkAssignable("invoice_settings[footer]");
    }

    @Test
    void aJsonColumnNestsUnderItsName() {
        assertEquals(
                "metadata[a]=b & metadata[n]=1.50 & metadata[tags][0]=x",
                insert("metadata", "{\"a\":\"b\",\"n\":1.50,\"tags\":[\"x\"]}"));
        assertEquals("metadata[a]=b", update("metadata", Json.parse("{\"a\":\"b\"}")));
        // A scalar JSON value is the value itself.
        assertEquals("metadata=x", update("metadata", "\"x\""));
    }

    @Test
    void malformedJsonTextForAJsonbColumnIs22P02NamingTheColumn() {
        StripeJdbcException e = insertFails("metadata", "{oops");
        assertEquals(SqlState.INVALID_JSON_TEXT, e.sqlState());
        assertTrue(e.getMessage().startsWith("INSERT into stripe.customers, column \"metadata\": "), e.getMessage());
    }

    @Test
    void valuesWithoutAStripeFormAreRejected() {
        StripeJdbcException interval = insertFails("description", new Interval(0, 1, 0));
        assertEquals(SqlState.DATATYPE_MISMATCH, interval.sqlState());
        assertEquals(
                "INSERT into stripe.customers, column \"description\": a value of type interval cannot be sent "
                        + "to Stripe (send text, a number, a boolean, a timestamp, a date or jsonb)",
                interval.getMessage());
        assertEquals(
                SqlState.DATATYPE_MISMATCH,
                insertFails("description", LocalTime.NOON).sqlState());
        StripeJdbcException nan = insertFails("balance", Double.NaN);
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, nan.sqlState());
        assertTrue(nan.getMessage().contains("column \"balance\": NaN cannot be sent to Stripe"), nan.getMessage());
        assertEquals(
                SqlState.INVALID_PARAMETER_VALUE,
                insertFails("balance", Float.POSITIVE_INFINITY).sqlState());
    }

    // ------------------------------------------------------------------------------------- keys

    @Test
    void bracketedColumnNamesAreKeysAsWritten() {
        ForeignTableDefinition subscriptions = Tables.define(
                "subscriptions",
                "subscriptions",
                "id text, customer text, \"items[0][price]\" text, \"items[0][quantity]\" bigint, attrs jsonb");
        assertEquals(
                "customer=cus_1 & items[0][price]=price_1 & items[0][quantity]=2",
                showForm(new RowEncoder(subscriptions)
                        .insertBody(
                                values("customer", "cus_1", "items[0][price]", "price_1", "items[0][quantity]", 2L))));
    }

    @Test
    void theRowidIsSentOnInsertOnlyWhenGivenAndRefusedOnUpdate() {
        assertEquals(
                "id=prod_custom & name=Gold",
                showForm(new RowEncoder(Tables.define("products", "products", "id text, name text"))
                        .insertBody(values("id", "prod_custom", "name", "Gold"))));
        assertEquals(
                "name=Gold",
                showForm(new RowEncoder(Tables.define("products", "products", "id text, name text"))
                        .insertBody(values("name", "Gold"))));
        StripeJdbcException e =
                assertThrows(StripeJdbcException.class, () -> customers.updateBody(values("id", "cus_2", "name", "n")));
        assertEquals(SqlState.GENERATED_ALWAYS, e.sqlState());
        assertEquals(
                "UPDATE of stripe.customers: cannot assign to column \"id\": it is the rowid_column of "
                        + "stripe.customers, and a Stripe object's id cannot be changed",
                e.getMessage());
        assertEquals(
                SqlState.GENERATED_ALWAYS,
                assertThrows(StripeJdbcException.class, () -> customers.checkAssignable("id"))
                        .sqlState());
    }

    @Test
    void anUndeclaredColumnIs42703() {
        StripeJdbcException e = insertFails("emial", "a@b.c");
        assertEquals(SqlState.UNDEFINED_COLUMN, e.sqlState());
        assertEquals(
                "INSERT into stripe.customers: column \"emial\" of relation stripe.customers does not exist",
                e.getMessage());
        StripeJdbcException onUpdate =
                assertThrows(StripeJdbcException.class, () -> customers.updateBody(values("nope", 1)));
        assertTrue(
                onUpdate.getMessage().startsWith("UPDATE of stripe.customers: column \"nope\""), onUpdate.getMessage());
    }

    @Test
    void noValuesAtAllIsAnInternalError() {
        assertEquals(
                SqlState.INTERNAL_ERROR,
                assertThrows(StripeJdbcException.class, () -> customers.insertBody(null))
                        .sqlState());
        assertEquals("", showForm(customers.insertBody(Map.of())));
    }

    // ------------------------------------------------------------------------------------- on the wire

    @Test
    void specialCharactersArePercentEncodedOnTheWire() {
        List<Map.Entry<String, String>> pairs = customers.insertBody(values(
                "name",
                "A & B = C+D [x] é€",
                "attrs",
                "{\"metadata\":{\"k&=+ [\":\"v&=+ ]\"},\"metadata[raw key]\":\"ü\"}"));
        assertEquals("name=A & B = C+D [x] é€ & metadata[k&=+ []=v&=+ ] & metadata[raw key]=ü", showForm(pairs));
        assertEquals(
                "name=A+%26+B+%3D+C%2BD+%5Bx%5D+%C3%A9%E2%82%AC&metadata[k%26%3D%2B+[]=v%26%3D%2B+%5D"
                        + "&metadata[raw+key]=%C3%BC",
                FormEncoder.encode(pairs));
        assertEquals(
                Arrays.asList("name", "metadata[k&=+ []", "metadata[raw key]"),
                pairs.stream().map(Map.Entry::getKey).toList());
    }
}
