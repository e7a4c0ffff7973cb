-- Unsupported SQL: each query must fail on the engine with SQLSTATE 0A000 and a message that contains its comment
-- (the construct, case-insensitive), never run with a wrong answer. DifferentialPostgresTest asserts it.

-- schema-qualified column reference
select stripe.customers.id from stripe.customers;

-- key-exists operator ?
select id from stripe.customers where attrs ?? 'metadata'::text;

-- to_char number pattern PL
select to_char(1234.5, 'PL9999.99');

-- to_char(double precision, text)
select to_char(1234.5::float8, '9999.99');

-- TABLESAMPLE
select id from stripe.customers tablesample system (10);

-- GROUPS window frames
select id, sum(amount) over (order by amount groups between 1 preceding and current row) from stripe.charges;

-- jsonpath arithmetic
select jsonb_path_query_first(attrs, '$.lines.data[*].amount * 2') from stripe.invoices;

-- SIMILAR TO ... ESCAPE
select id from stripe.customers where name similar to 'A#%' escape '#';

-- FOR UPDATE
select id from stripe.customers for update;

-- stripe.tokens can only be read by id
select id from stripe.tokens;

-- stripe.mandates can only be read by id
select count(*) from stripe.mandates where status = 'active';

-- stripe.setup_attempts can only be listed for one setup_intent
select id from stripe.setup_attempts;

-- row constructors
select id from stripe.charges where (currency, status) in (select currency, 'failed' from stripe.charges);

-- collate
select name from stripe.customers order by name collate "C";

-- TABLE
table stripe.topups;

-- ILIKE ANY
select id from stripe.customers where name ilike any (array['a%', 'b%']);

-- LIKE ALL
select id from stripe.customers where name like all (array['%a%', '%e%']);

-- U&'...'
select u&'\0041';

-- BETWEEN SYMMETRIC
select 5 between symmetric 10 and 1;

-- SEARCH/CYCLE in WITH
with recursive t(n) as (select 1 union all select n + 1 from t where n < 3) search depth first by n set ord select * from t;

-- ORDER BY in a recursive query
with recursive t(n) as (select 1 union all select n + 1 from t where n < 3 order by 1) select * from t;

-- mutual recursion between WITH items
with recursive a(n) as (select 1 union all select n + 1 from b where n < 3), b(n) as (select n from a) select * from a;
