package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSourceUtils;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;

/**
 * Spring's {@code JdbcTemplate} and {@code NamedParameterJdbcTemplate} (the real library) on the driver, against the
 * emulator: queries, typed single values, generated keys, batches and Spring's exception translation.
 */
class SpringJdbcTest {
    private static EmulatorDatabase database;
    private static JdbcTemplate jdbc;
    private static NamedParameterJdbcTemplate named;

    /** A row mapped by a {@code RowMapper}. */
    record Customer(String id, String email, LocalDateTime created) {}

    @BeforeAll
    static void start() {
        database = EmulatorDatabase.start(StripeEmulator.builder().seed(11).customers(40), "&max_retries=0");
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(database.url(), database.user(), database.password());
        jdbc = new JdbcTemplate(dataSource);
        named = new NamedParameterJdbcTemplate(jdbc);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void clearLog() {
        database.clearRequests();
    }

    private static Json newestCustomer() {
        return database.emulator().objects("customers").get(0);
    }

    @Test
    void queryForListGivesColumnMapsInOrder() {
        List<Map<String, Object>> rows =
                jdbc.queryForList("select id, email from stripe.customers order by created desc, id limit 3");
        assertEquals(3, rows.size());
        assertEquals(List.of("id", "email"), List.copyOf(rows.get(0).keySet()));
        assertEquals(newestCustomer().get("id").asText(), rows.get(0).get("id"));
    }

    @Test
    void queryWithARowMapper() {
        List<Customer> customers = jdbc.query(
                "select id, email, created from stripe.customers where email like ?",
                (rs, rowNumber) -> new Customer(
                        rs.getString("id"), rs.getString("email"), rs.getObject("created", LocalDateTime.class)),
                "%@%");
        assertEquals(database.emulator().count("customers"), customers.size());
        Json newest = newestCustomer();
        Customer first = customers.stream()
                .filter(c -> c.id().equals(newest.get("id").asText()))
                .findFirst()
                .orElseThrow();
        assertEquals(newest.get("email").asText(), first.email());
        assertEquals(
                LocalDateTime.ofEpochSecond(newest.get("created").numberValue().longValueExact(), 0, ZoneOffset.UTC),
                first.created());
    }

    @Test
    void queryForObjectWithTypedTargets() {
        Json customer = newestCustomer();
        String id = customer.get("id").asText();
        assertEquals(
                (long) database.emulator().count("customers"),
                jdbc.queryForObject("select count(*) from stripe.customers", Long.class));
        assertEquals(
                customer.get("email").asText(),
                jdbc.queryForObject("select email from stripe.customers where id = ?", String.class, id));
        Json product = database.emulator().objects("products").get(0);
        assertEquals(
                product.get("active").booleanValue(),
                jdbc.queryForObject(
                        "select active from stripe.products where id = ?",
                        Boolean.class,
                        product.get("id").asText()));
        long created = customer.get("created").numberValue().longValueExact();
        assertEquals(
                LocalDateTime.ofEpochSecond(created, 0, ZoneOffset.UTC),
                jdbc.queryForObject("select created from stripe.customers where id = ?", LocalDateTime.class, id));
        assertEquals(
                OffsetDateTime.ofInstant(Instant.ofEpochSecond(created), ZoneOffset.UTC),
                jdbc.queryForObject("select created from stripe.customers where id = ?", OffsetDateTime.class, id));
        assertEquals(
                OffsetDateTime.ofInstant(Instant.ofEpochSecond(created), ZoneOffset.UTC),
                jdbc.queryForObject("select to_timestamp(?)", OffsetDateTime.class, created));
        // A retrieve by id is one request, however the value is typed.
        List<RecordedRequest> retrieves = database.requests(r -> r.path().equals("/v1/customers/" + id));
        assertEquals(3, retrieves.size());
    }

    @Test
    void namedParametersExpandCollections() {
        List<Json> customers = database.emulator().objects("customers");
        List<String> ids = List.of(
                customers.get(1).get("id").asText(), customers.get(2).get("id").asText());
        List<String> emails = named.queryForList(
                "select email from stripe.customers where id in (:ids) order by email",
                new MapSqlParameterSource("ids", ids),
                String.class);
        assertEquals(
                customers.subList(1, 3).stream()
                        .map(c -> c.get("email").asText())
                        .sorted()
                        .toList(),
                emails);
        // id IN (...) is one retrieve per id, never a list scan.
        assertEquals(
                2, database.requests(r -> r.path().startsWith("/v1/customers/")).size());
        assertEquals(0, database.requests(r -> r.path().equals("/v1/customers")).size());
    }

    @Test
    void updateWithAGeneratedKeyHolderGivesTheNewId() {
        KeyHolder keys = new GeneratedKeyHolder();
        int count = named.update(
                "insert into stripe.customers (email, name) values (:email, :name)",
                new MapSqlParameterSource()
                        .addValue("email", "spring@example.com")
                        .addValue("name", "Spring"),
                keys);
        assertEquals(1, count);
        String id = keys.getKeyAs(String.class);
        assertNotNull(id);
        assertTrue(id.startsWith("cus_"), id);
        Json created = database.emulator().object("customers", id).orElseThrow();
        assertEquals("spring@example.com", created.get("email").asText());
        List<RecordedRequest> posts = database.requests(r -> r.method().equals("POST"));
        assertEquals(1, posts.size());
        assertEquals("spring@example.com", posts.get(0).formParameter("email"));
        assertNotNull(posts.get(0).header("Idempotency-Key"));

        KeyHolder plain = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    var statement = connection.prepareStatement(
                            "insert into stripe.products (name) values (?)", Statement.RETURN_GENERATED_KEYS);
                    statement.setString(1, "Spring Widget");
                    return statement;
                },
                plain);
        String productId = plain.getKeyAs(String.class);
        assertEquals(
                "Spring Widget",
                database.emulator()
                        .object("products", productId)
                        .orElseThrow()
                        .get("name")
                        .asText());
    }

    @Test
    void batchUpdates() {
        List<Json> customers = database.emulator().objects("customers").subList(5, 8);
        List<Object[]> arguments = customers.stream()
                .map(c -> new Object[] {
                    "batch " + c.get("id").asText(), c.get("id").asText()
                })
                .toList();
        int[] counts = jdbc.batchUpdate("update stripe.customers set description = ? where id = ?", arguments);
        assertArrayEquals(new int[] {1, 1, 1}, counts);
        for (Json customer : customers) {
            String id = customer.get("id").asText();
            assertEquals(
                    "batch " + id,
                    database.emulator()
                            .object("customers", id)
                            .orElseThrow()
                            .get("description")
                            .asText());
        }
        assertEquals(3, database.requests(r -> r.method().equals("POST")).size());

        SqlParameterSource[] batch =
                SqlParameterSourceUtils.createBatch(List.of(Map.of("name", "Batch A"), Map.of("name", "Batch B")));
        int[] inserted = named.batchUpdate("insert into stripe.products (name) values (:name)", batch);
        assertArrayEquals(new int[] {1, 1}, inserted);
        assertEquals(
                2,
                database.requests(r -> r.method().equals("POST") && r.path().equals("/v1/products"))
                        .size());
    }

    @Test
    void badSqlAndMissingTablesAreBadSqlGrammar() {
        BadSqlGrammarException syntax =
                assertThrows(BadSqlGrammarException.class, () -> jdbc.queryForList("selec id from stripe.customers"));
        assertEquals("42601", syntax.getSQLException().getSQLState());
        BadSqlGrammarException missing = assertThrows(
                BadSqlGrammarException.class, () -> jdbc.queryForList("select * from stripe.no_such_table"));
        assertEquals("42P01", missing.getSQLException().getSQLState());
        BadSqlGrammarException column = assertThrows(
                BadSqlGrammarException.class, () -> jdbc.queryForList("select no_such_column from stripe.customers"));
        assertEquals("42703", column.getSQLException().getSQLState());
        assertTrue(database.requests().isEmpty(), "nothing reaches Stripe: " + database.requests());
    }

    @Test
    void stripeValidationErrorsAreDataIntegrityViolations() {
        DataIntegrityViolationException invalidEmail = assertThrows(
                DataIntegrityViolationException.class,
                () -> jdbc.update("insert into stripe.customers (email) values ('not an email')"));
        assertTrue(invalidEmail.getMessage().contains("Invalid email address"), invalidEmail.getMessage());
        assertEquals("22023", sqlState(invalidEmail));
        DataIntegrityViolationException missingName = assertThrows(
                DataIntegrityViolationException.class,
                () -> jdbc.update("insert into stripe.products (description) values ('no name')"));
        assertTrue(missingName.getMessage().contains("name"), missingName.getMessage());
        assertEquals(
                List.of(400, 400),
                database.requests(r -> r.method().equals("POST")).stream()
                        .map(RecordedRequest::status)
                        .toList());
    }

    private static String sqlState(DataAccessException e) {
        return ((SQLException) e.getCause()).getSQLState();
    }

    @Test
    void rateLimitsAndServerErrorsAreTransient() {
        try (EmulatorDatabase limited =
                EmulatorDatabase.start(StripeEmulator.builder().seed(3).customers(10), "&max_retries=0")) {
            JdbcTemplate template =
                    new JdbcTemplate(new DriverManagerDataSource(limited.url(), limited.user(), limited.password()));
            assertEquals(10L, template.queryForObject("select count(*) from stripe.customers", Long.class));
            limited.emulator().setErrorRate(1.0);
            DataAccessException serverError = assertThrows(
                    DataAccessException.class, () -> template.queryForList("select * from stripe.customers"));
            assertInstanceOf(TransientDataAccessResourceException.class, serverError, serverError.toString());
            assertEquals("08006", sqlState(serverError));
            limited.emulator().setErrorRate(0);
            limited.emulator().setRequestsPerSecond(1);
            DataAccessException rateLimited = assertThrows(DataAccessException.class, () -> {
                for (int i = 0; i < 5; i++) {
                    template.queryForList("select * from stripe.customers");
                }
            });
            assertInstanceOf(TransientDataAccessResourceException.class, rateLimited, rateLimited.toString());
            assertEquals("08000", sqlState(rateLimited));
            assertTrue(rateLimited.getMessage().contains("429"), rateLimited.getMessage());
            assertFalse(limited.requests(r -> r.status() == 429).isEmpty());
        }
    }
}
