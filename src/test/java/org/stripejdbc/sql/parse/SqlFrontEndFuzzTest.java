package org.stripejdbc.sql.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * Truncations and random mutations of valid statements never make the front end throw anything but a
 * {@link StripeJdbcException} with a front-end SQLSTATE (never XX000, never NPE/ClassCast/StackOverflow).
 */
@Tag("slow")
class SqlFrontEndFuzzTest {

    private static final Set<SqlState> FRONT_END_STATES = EnumSet.of(
            SqlState.SYNTAX_ERROR,
            SqlState.FEATURE_NOT_SUPPORTED,
            SqlState.UNDEFINED_OBJECT,
            SqlState.UNDEFINED_PARAMETER,
            SqlState.DATA_EXCEPTION,
            SqlState.DUPLICATE_OBJECT,
            SqlState.DUPLICATE_COLUMN,
            SqlState.DUPLICATE_ALIAS,
            SqlState.WRONG_OBJECT_TYPE,
            SqlState.PROGRAM_LIMIT_EXCEEDED);

    private static final List<String> CORPUS = List.of(
            "create extension if not exists wrappers with schema extensions;",
            "create foreign data wrapper stripe_wrapper handler stripe_fdw_handler validator stripe_fdw_validator;",
            "insert into vault.secrets (name, secret) values ('stripe', 'YOUR_SECRET') returning key_id;",
            "create server stripe_server foreign data wrapper stripe_wrapper options (\n"
                    + "  api_key_id '<key_ID>', -- The Key ID from above, required.\n"
                    + "  api_url 'https://api.stripe.com/v1/'  -- Stripe API base URL\n);",
            "create schema if not exists stripe authorization me",
            "create foreign table stripe.checkout_sessions (id text, customer text, \"items[0][price]\" text options "
                    + "(a 'b'), amount numeric(10,2) not null, created timestamp without time zone, tags text[]) "
                    + "server stripe_server options (object 'checkout/sessions', rowid_column 'id');",
            "alter foreign table if exists stripe.x options (set object 'y'), add column c bigint, drop column if "
                    + "exists d",
            "alter server s options (add api_version '2024-06-20', drop api_url)",
            "drop foreign table if exists stripe.accounts, stripe.balance cascade",
            "import foreign schema stripe limit to (customers, \"non-exists\") from server s into stripe options (x "
                    + "'y')",
            "comment on column stripe.customers.email is 'e''mail'",
            "set search_path to stripe, public; show search_path; reset all",
            "begin isolation level read committed; commit; rollback",
            "explain (analyze, costs off) select * from stripe.customers where id = ?",
            "select * from stripe.customers where id = 'cus_xxx' limit 10",
            "select id, attrs#>'{lines,data}' as line_items from stripe.invoices where id = 'in_xxx';",
            "select id, attrs->>'account_name' as account_name from stripe.invoices where attrs->'a'->>'b' = 'x' and "
                    + "id = $1",
            "select c.id, count(*) filter (where ch.amount > 100.5), string_agg(distinct c.email, ',' order by "
                    + "c.email) "
                    + "from stripe.customers c left join stripe.charges ch on ch.customer = c.id "
                    + "where c.created > now() - interval '30 days' and c.id in ('cus_1', 'cus_2') group by c.id "
                    + "having count(*) > 1 order by 2 desc nulls last limit all offset 5",
            "select row_number() over (partition by customer order by created rows between unbounded preceding and "
                    + "current row), extract(year from created), case when a then 1 else 2 end, E'a\\'b', $$x;y$$ "
                    + "from t",
            "with recent(id) as (select id from t limit 10) select * from recent union all (select 1) intersect "
                    + "select 2 order by 1 fetch first 5 rows only",
            "select line->>'id' from stripe.invoices i cross join lateral jsonb_array_elements(attrs->'lines'->'data') "
                    + "as line, jsonb_each(i.attrs) with ordinality as e(k, v, n)",
            "select * from (values (1, 'a'), (2, 'b')) as v(n, s) where n = any(?) and s ~* '^a' and s not ilike 'b%'",
            "insert into stripe.customers(email,name,description) values ('test@test.com', 'test name', null), (?, "
                    + "?, ?)",
            "update stripe.customers set description='hello fdw', (a, b) = (1, 2) where id ='cus_xxx' returning *;",
            "update stripe.customers set attrs='{\"metadata[foo]\": \"bar\"}' where id ='cus_xxx';",
            "delete from stripe.customers c where id ='cus_xxx' and exists (select 1) returning id",
            "select a::numeric(10, 2), cast(b as timestamp with time zone), x[1], array[1, 2], (a, b) = (1, 2), "
                    + "position('a' in b), trim(both 'x' from y), coalesce(a, b), vault.create_secret('s', 'n', 'd')");

    private static final String[] FRAGMENTS = {
        "(",
        ")",
        "'",
        "\"",
        "$$",
        ",",
        ";",
        " select ",
        " from ",
        "--",
        "/*",
        "*/",
        "?",
        "$1",
        "::",
        "->",
        "#>",
        "[",
        "]",
        "*",
        "E'\\",
        " null ",
        "(select ",
        " union ",
        " join ",
        " over (",
        " options (",
        " = any(",
        " and ",
        " not ",
        "''",
        " ::texty",
        "\n",
        "0",
        "1e",
        "$tag$",
        " where ",
        " values (",
        " as ",
        "'sk_live_abc123456'",
    };

    private final List<String> failures = new ArrayList<>();

    private void check(String sql) {
        try {
            checkOnce(sql);
        } catch (AssertionError e) {
            if (failures.size() < 30) {
                failures.add(e.getMessage() + (e.getCause() == null ? "" : " <- " + rootCause(e.getCause())));
            }
        }
    }

    private static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        StackTraceElement[] trace = root.getStackTrace();
        return root + (trace.length > 0 ? " at " + trace[0] : "");
    }

    private void assertNoFailures() {
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures:\n" + String.join("\n", failures));
        }
    }

    private static void checkOnce(String sql) {
        for (boolean single : new boolean[] {false, true}) {
            try {
                if (single) {
                    SqlFrontEnd.parse(sql);
                } else {
                    SqlFrontEnd.parseScript(sql);
                }
            } catch (StripeJdbcException e) {
                if (!FRONT_END_STATES.contains(e.sqlState())) {
                    fail("unexpected " + e.sqlState() + " for: " + sql, e);
                }
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), sql);
                if (sql.contains("sk_live_abc123456")) {
                    assertTrue(
                            !e.getMessage().contains("abc123456"),
                            "secret echoed for: " + sql + " -> " + e.getMessage());
                }
            } catch (Throwable t) {
                fail("escaped " + t + " for: " + sql, t);
            }
        }
    }

    @Test
    void everyTruncationFailsCleanlyOrParses() {
        for (String sql : CORPUS) {
            for (int length = 0; length <= sql.length(); length++) {
                check(sql.substring(0, length));
            }
        }
        assertNoFailures();
    }

    @Test
    void randomMutationsFailCleanlyOrParse() {
        Random random = new Random(Long.getLong("fuzz.seed", 20_240_601L));
        for (int i = 0; i < Integer.getInteger("fuzz.iterations", 4000); i++) {
            String sql = CORPUS.get(random.nextInt(CORPUS.size()));
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                sql = mutate(sql, random);
            }
            check(sql);
        }
        assertNoFailures();
    }

    private static String mutate(String sql, Random random) {
        int at = sql.isEmpty() ? 0 : random.nextInt(sql.length());
        switch (random.nextInt(5)) {
            case 4: {
                // Word-level: swap two blank-separated words, so keywords land in unexpected places.
                String[] words = sql.split(" ");
                if (words.length > 1) {
                    int a = random.nextInt(words.length);
                    int b = random.nextInt(words.length);
                    String word = words[a];
                    words[a] = words[b];
                    words[b] = word;
                }
                return String.join(" ", words);
            }
            case 0: {
                int end = Math.min(sql.length(), at + 1 + random.nextInt(8));
                return sql.substring(0, at) + sql.substring(end);
            }
            case 1:
                return sql.substring(0, at) + FRAGMENTS[random.nextInt(FRAGMENTS.length)] + sql.substring(at);
            case 2: {
                int end = Math.min(sql.length(), at + 1 + random.nextInt(12));
                return sql.substring(0, end) + sql.substring(at, end) + sql.substring(end);
            }
            default: {
                char replacement = (char) (32 + random.nextInt(95));
                return sql.isEmpty()
                        ? String.valueOf(replacement)
                        : sql.substring(0, at) + replacement + sql.substring(Math.min(sql.length(), at + 1));
            }
        }
    }
}
