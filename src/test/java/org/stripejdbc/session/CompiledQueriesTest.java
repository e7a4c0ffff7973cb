package org.stripejdbc.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stripejdbc.catalog.Catalog;
import org.stripejdbc.catalog.CatalogLocation;
import org.stripejdbc.catalog.CatalogSnapshot;
import org.stripejdbc.catalog.Catalogs;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.vault.VaultKeySource;

/**
 * A session compiles a query text once per catalog snapshot and search path ({@link CompiledQueries}), and the
 * cached command behaves exactly like a fresh one. No request is made: only preparing and constant queries run.
 */
class CompiledQueriesTest {
    private static final String KEY = "sk_test_compiled_0123456789abcdef";
    private static final String BY_ID = "select * from stripe.customers where id = 'cus_1'";

    private Session session;

    @BeforeEach
    void open() {
        session = StripeEngine.instance()
                .open("mem:compiled-" + UUID.randomUUID(), Map.of("api_key", KEY, "api_url", "http://127.0.0.1:9/v1/"));
    }

    @AfterEach
    void close() {
        session.close();
    }

    private static List<Object[]> rows(Command command, ExecutionContext context) {
        List<Object[]> rows = new ArrayList<>();
        try (RowIterator iterator = ((CommandResult.Rows) command.execute(context)).rows()) {
            while (iterator.next()) {
                rows.add(iterator.current());
            }
        }
        return rows;
    }

    private static ExecutionContext at(Instant now, Object... parameters) {
        return new ExecutionContext(List.of(parameters), now, 0, QueryControl.NONE, null);
    }

    private void run(String sql) {
        session.prepare(sql).execute(ExecutionContext.simple());
    }

    @Test
    void theSameTextIsCompiledOnce() {
        Command first = session.prepare(BY_ID);
        assertSame(first, session.prepare(BY_ID));
        assertNotSame(first, session.prepare(BY_ID + " "), "another text is another entry");
    }

    @Test
    void aCatalogChangeRecompiles() {
        Command before = session.prepare(BY_ID);
        run("create schema other");
        Command after = session.prepare(BY_ID);
        assertNotSame(before, after);
        assertSame(after, session.prepare(BY_ID));
        run("drop foreign table stripe.customers");
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> session.prepare(BY_ID));
        assertEquals("42P01", e.sqlState().code(), e.getMessage());
    }

    @Test
    void theSearchPathIsPartOfTheKey() {
        String unqualified = "select id from customers where id = 'cus_1'";
        Command onStripe = session.prepare(unqualified);
        run("set search_path = public");
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> session.prepare(unqualified));
        assertEquals("42P01", e.sqlState().code(), e.getMessage());
        run("set search_path = stripe, public");
        assertSame(onStripe, session.prepare(unqualified), "the same path finds the entry again");
    }

    @Test
    void onlyQueriesWithoutSecretsAreKept() {
        for (String sql : List.of(
                "select * from vault.secrets",
                "select 'sk_test_abc' as k",
                "update stripe.customers set description = 'x' where id = 'cus_1'",
                "show search_path",
                "select 1; select 2")) {
            assertNotSame(session.prepare(sql), session.prepare(sql), sql);
        }
        assertSame(session.prepare("select 1"), session.prepare("select 1"));
    }

    @Test
    void aKeptCommandTakesEachExecutionsTimeAndParameters() {
        Command command = session.prepare("select now(), $1::text as p");
        assertSame(command, session.prepare("select now(), $1::text as p"));
        Instant t1 = Instant.parse("2024-01-01T00:00:00Z");
        Instant t2 = Instant.parse("2025-06-01T12:30:00Z");
        Object[] first = rows(command, at(t1, "a")).get(0);
        Object[] second = rows(command, at(t2, "b")).get(0);
        assertEquals(OffsetDateTime.ofInstant(t1, ZoneOffset.UTC), first[0]);
        assertEquals("a", first[1]);
        assertEquals(OffsetDateTime.ofInstant(t2, ZoneOffset.UTC), second[0]);
        assertEquals("b", second[1]);
    }

    @Test
    void theCacheIsBoundedAndForgetsOlderSnapshots() {
        CompiledQueries queries = new CompiledQueries();
        Catalog catalog = Catalogs.open(
                CatalogLocation.parse("mem:bounded-" + UUID.randomUUID()), VaultKeySource.locationDefault());
        CatalogSnapshot one = catalog.snapshot();
        Command command = session.prepare("select 1");
        for (int i = 0; i < CompiledQueries.CAPACITY + 10; i++) {
            queries.put(one, "select " + i, List.of("stripe"), command);
        }
        assertEquals(CompiledQueries.CAPACITY, queries.size());
        assertNull(queries.get(one, "select 0", List.of("stripe")), "the least recently used went first");
        assertSame(command, queries.get(one, "select " + (CompiledQueries.CAPACITY + 9), List.of("stripe")));
        assertNull(queries.get(one, "select 20", List.of("public")));
        catalog.createSchema("newer", false);
        CatalogSnapshot two = catalog.snapshot();
        assertNotSame(one, two);
        assertNull(queries.get(two, "select 20", List.of("stripe")));
        queries.put(two, "select 1", List.of("stripe"), command);
        assertEquals(1, queries.size(), "a newer snapshot empties the cache");
        assertNull(queries.get(one, "select 1", List.of("stripe")));
        assertSame(command, queries.get(two, "select 1", List.of("stripe")));
    }
}
