-- Differential corpus: each query runs on stripe-jdbc and on PostgreSQL over the same rows (DifferentialPostgresTest).
-- A query whose outermost block ends with ORDER BY is compared row by row (its ORDER BY must be total: ties are
-- broken by a unique column); any other is compared as a multiset of rows. The comment says what it covers.

-- ============================================================ projections, filters, ordering

-- basics: count(*) of a table
select count(*) as n from stripe.customers;

-- basics: select * with every column type of the import (text, timestamp, jsonb)
select * from stripe.customers order by id;

-- basics: bigint and boolean columns
select id, active, unit_amount, currency, type from stripe.prices order by id;

-- basics: balance rows, one per available/pending entry
select balance_type, amount, currency from stripe.balance order by balance_type, currency;

-- basics: WHERE with AND/OR/NOT and comparison operators
select id, amount, status from stripe.charges where (amount > 5000 and status = 'succeeded') or not (currency <> 'eur') order by id;

-- basics: BETWEEN and IN lists
select id, amount from stripe.charges where amount between 1000 and 5000 and currency in ('usd', 'gbp') order by amount, id;

-- basics: LIKE, ILIKE and NOT LIKE
select id, email from stripe.customers where email like '%@example.com' and name not like 'A%' and email ilike '%O%' order by id;

-- basics: ORDER BY DESC with a unique tie-breaker, LIMIT and OFFSET
select id, amount from stripe.charges order by amount desc, id limit 7 offset 3;

-- basics: ORDER BY an expression and by an output ordinal
select id, amount % 1000 as rest from stripe.charges order by 2 desc, 1;

-- basics: ORDER BY a column not in the select list
select email from stripe.customers order by created desc, id;

-- basics: DISTINCT
select distinct currency from stripe.charges;

-- basics: DISTINCT over several columns
select distinct currency, status from stripe.charges order by currency, status;

-- basics: DISTINCT ON keeps the first row of each group
select distinct on (customer) customer, id, total from stripe.invoices order by customer, total desc, id;

-- basics: column aliases and quoted labels
select id as "Customer Id", name as customer_name, 1 as one from stripe.customers order by id limit 3;

-- basics: arithmetic on bigint columns and labels of expressions
select id, amount - fee as kept, net, amount * 2 as doubled from stripe.balance_transactions order by id;

-- basics: VALUES in FROM with column aliases
select * from (values (1, 'one'), (2, 'two'), (3, null)) as v(n, word) order by n;

-- basics: generate_series in FROM
select g, g * g as square from generate_series(1, 6) as g order by g;

-- basics: select without FROM
select 1 + 2 as three, 'text' as word, 7 / 2 as half, 7.0 / 2 as exact;

-- basics: LIMIT ALL and a WHERE that matches nothing
select id from stripe.customers where id = 'cus_missing' limit all;

-- ============================================================ pushed filters (also run against a Stripe that ignores them)

-- pushdown: an empty string is no filter for Stripe (?email= lists everyone): never sent, checked locally
select count(*) as n from stripe.customers where email = '';

-- pushdown: empty-string equalities on other pushable fields
select (select count(*) from stripe.charges where customer = '') as charges, (select count(*) from stripe.invoices where status = '') as invoices;

-- pushdown: blank and empty values in an IN list next to a real one
select id, status from stripe.invoices where status in ('', ' ', 'paid') order by id;

-- pushdown: an equality no row holds (a NULL email must not match)
select id from stripe.customers where email = 'nobody@example.com';

-- pushdown: an enum equality
select id, status from stripe.invoices where status = 'paid' order by id;

-- pushdown: a created range
select id, created from stripe.charges where created >= '2025-03-01' and created < '2025-04-01' order by id;

-- pushdown: a boolean filter and its negation
select (select count(*) from stripe.prices where active) as active, (select count(*) from stripe.prices where not active) as inactive;

-- pushdown: a LIMIT over a pushed filter still gives rows that hold
select count(*) as n, bool_and(status = 'succeeded') as all_succeeded from (select id, status from stripe.charges where status = 'succeeded' limit 5) t;

-- pushdown: values Stripe matches differently than SQL's = (wildcard, letter case, pseudo-status)
select (select count(*) from stripe.events where type = 'charge.*') as wildcard, (select count(*) from stripe.charges where currency = 'USD') as upper_case, (select count(*) from stripe.subscriptions where status = 'all') as pseudo;

-- pushdown: a status filter on subscriptions, canceled ones included
select id, status from stripe.subscriptions where status = 'canceled' order by id;

-- ============================================================ joins

-- joins: INNER JOIN invoices to their customers
select i.id, c.email, i.total from stripe.invoices i join stripe.customers c on c.id = i.customer order by i.id;

-- joins: LEFT JOIN keeps customers without subscriptions
select c.id, s.id as subscription from stripe.customers c left join stripe.subscriptions s on s.customer = c.id order by c.id, s.id;

-- joins: RIGHT JOIN
select s.id as subscription, c.id as customer from stripe.subscriptions s right join stripe.customers c on c.id = s.customer order by c.id, s.id;

-- joins: FULL OUTER JOIN on a non-key column
select c.currency as customer_currency, p.currency as price_currency, c.id, p.id from (select id, attrs->>'currency' as currency from stripe.customers) c full join stripe.prices p on p.currency = c.currency order by c.id, p.id;

-- joins: FULL JOIN where both sides have unmatched rows
select a.n, b.n from (values (1), (2), (3)) a(n) full join (values (2), (3), (4)) b(n) on a.n = b.n order by a.n, b.n;

-- joins: CROSS JOIN
select p.name, t.balance_type from stripe.products p cross join (select distinct balance_type from stripe.balance) t order by p.name, t.balance_type;

-- joins: comma-separated FROM with the join condition in WHERE
select ch.id, pi.id from stripe.charges ch, stripe.payment_intents pi where pi.id = ch.payment_intent order by ch.id;

-- joins: USING
select id, c.email, pi.amount from stripe.customers c join (select customer as id, amount from stripe.payment_intents) pi using (id) order by id, amount;

-- joins: FULL JOIN ... USING merges the key columns
select n, a.x, b.y from (values (1, 'a'), (2, 'b')) a(n, x) full join (values (2, 'B'), (3, 'C')) b(n, y) using (n) order by n;

-- joins: self-join (customers sharing a name)
select a.id, b.id from stripe.customers a join stripe.customers b on a.name = b.name and a.id < b.id order by a.id, b.id;

-- joins: self-join on a JSON field (customers of the same city)
select a.attrs->'address'->>'city' as city, count(*) as pairs from stripe.customers a join stripe.customers b on a.attrs->'address'->>'city' = b.attrs->'address'->>'city' and a.id < b.id group by 1 order by 1;

-- joins: three tables
select ch.id, c.email, i.status from stripe.charges ch join stripe.customers c on c.id = ch.customer join stripe.invoices i on i.id = ch.invoice order by ch.id;

-- joins: four tables with LEFT JOINs
select s.id, c.name, i.id as invoice, ch.status from stripe.subscriptions s join stripe.customers c on c.id = s.customer left join stripe.invoices i on i.subscription = s.id left join stripe.charges ch on ch.invoice = i.id order by s.id, i.id, ch.id;

-- joins: LEFT JOIN with a condition on the right side in ON (keeps every left row)
select c.id, i.id from stripe.customers c left join stripe.invoices i on i.customer = c.id and i.status = 'open' order by c.id, i.id;

-- joins: LEFT JOIN with a condition on the right side in WHERE (filters after the join)
select c.id, i.id from stripe.customers c left join stripe.invoices i on i.customer = c.id where i.status = 'paid' order by c.id, i.id;

-- joins: anti-join with LEFT JOIN ... IS NULL
select c.id from stripe.customers c left join stripe.charges ch on ch.customer = c.id where ch.id is null order by c.id;

-- joins: non-equi join condition
select p.id, q.id from stripe.payouts p join stripe.payouts q on q.amount > p.amount * 2 order by p.id, q.id;

-- joins: join on an expression of both sides
select i.id, pi.id from stripe.invoices i join stripe.payment_intents pi on pi.customer = i.customer and pi.amount = i.total order by i.id, pi.id;

-- joins: join of a table to an aggregated subquery
select c.id, t.paid from stripe.customers c join (select customer, sum(amount) as paid from stripe.charges where status = 'succeeded' group by customer) t on t.customer = c.id order by t.paid desc, c.id;

-- joins: NATURAL JOIN of two derived tables
select * from (select id, currency from stripe.prices) a natural join (select id, product from stripe.prices) b order by id;

-- joins: LATERAL subquery (latest invoice per customer)
select c.id, last.id as invoice from stripe.customers c cross join lateral (select i.id from stripe.invoices i where i.customer = c.id order by i.period_end desc, i.id limit 1) last order by c.id;

-- joins: LEFT JOIN LATERAL ... ON true keeps customers without invoices
select c.id, n.invoices from stripe.customers c left join lateral (select count(*) as invoices from stripe.invoices i where i.customer = c.id) n on true order by c.id;

-- joins: invoice lines exploded with jsonb_array_elements over attrs->'lines'->'data'
select i.id, line->>'id' as line, (line->>'amount')::bigint as amount from stripe.invoices i, jsonb_array_elements(i.attrs->'lines'->'data') as line order by i.id, line->>'id';

-- joins: CROSS JOIN LATERAL jsonb_array_elements over subscription items
select s.id, item->'price'->>'id' as price, (item->>'quantity')::int as quantity from stripe.subscriptions s cross join lateral jsonb_array_elements(s.attrs->'items'->'data') item order by s.id, item->>'id';

-- joins: exploded invoice lines joined to prices and products
select p.name, count(*) as lines, sum((line->>'amount')::bigint) as amount from stripe.invoices i cross join lateral jsonb_array_elements(i.attrs->'lines'->'data') line join stripe.prices pr on pr.id = line->'price'->>'id' join stripe.products p on p.id = pr.product group by p.name order by p.name;

-- joins: jsonb_array_elements WITH ORDINALITY
select s.id, e.ordinality, e.value->>'id' as item from stripe.subscriptions s, jsonb_array_elements(s.attrs->'items'->'data') with ordinality e order by s.id, e.ordinality;

-- joins: jsonb_each over an object in FROM
select c.id, m.key, m.value from stripe.customers c, jsonb_each(c.attrs->'metadata') m order by c.id, m.key;

-- joins: jsonb_each_text over the address
select c.id, a.key, a.value from stripe.customers c cross join lateral jsonb_each_text(c.attrs->'address') a where jsonb_typeof(c.attrs->'address') = 'object' and a.value is not null order by c.id, a.key;

-- joins: LEFT JOIN LATERAL jsonb_array_elements keeps rows whose array is empty
select c.id, l.value as locale from stripe.customers c left join lateral jsonb_array_elements_text(c.attrs->'preferred_locales') l on true order by c.id, l.value;

-- joins: jsonb_object_keys in FROM
select k, count(*) from stripe.events e, jsonb_object_keys(e.attrs->'data'->'object') k group by k order by k;

-- joins: setup attempts joined to their setup intents
select sa.id, si.status, sa.status as attempt_status from stripe.setup_attempts sa join stripe.setup_intents si on si.id = sa.setup_intent order by sa.id;

-- joins: join through refunds to charges and balance transactions
select r.id, ch.amount as charged, r.amount as refunded from stripe.refunds r join stripe.charges ch on ch.id = r.charge order by r.id;

-- joins: join of tables by a JSON reference (charges to their balance transaction)
select ch.id, bt.net from stripe.charges ch join stripe.balance_transactions bt on bt.id = ch.attrs->>'balance_transaction' order by ch.id;

-- joins: join that matches nothing (empty inner side)
select c.id, d.id from stripe.customers c join stripe.disputes d on d.charge = c.id;

-- joins: LEFT JOIN to an empty table keeps every row with NULLs
select p.id, d.id as dispute from stripe.payouts p left join stripe.disputes d on d.id = p.id order by p.id;

-- joins: files and their links
select f.id, f.purpose, l.id as link, l.expired from stripe.files f left join stripe.file_links l on l.file = f.id order by f.id, l.id;

-- ============================================================ aggregates

-- aggregates: count(*), count(column), count(distinct)
select count(*) as all_rows, count(description) as described, count(distinct currency) as currencies from stripe.charges;

-- aggregates: sum, avg, min, max over bigint
select sum(amount), avg(amount), min(amount), max(amount) from stripe.charges;

-- aggregates: GROUP BY a column
select status, count(*) as n, sum(total) as total from stripe.invoices group by status order by status;

-- aggregates: GROUP BY alias
select currency as cur, count(*) as n from stripe.charges group by cur order by cur;

-- aggregates: GROUP BY ordinal
select status, currency, count(*) from stripe.charges group by 1, 2 order by 1, 2;

-- aggregates: GROUP BY an expression
select date_trunc('month', created) as month, count(*) from stripe.customers group by date_trunc('month', created) order by 1;

-- aggregates: HAVING
select customer, count(*) as invoices from stripe.invoices group by customer having count(*) > 1 order by invoices desc, customer;

-- aggregates: HAVING with an aggregate not in the select list
select currency from stripe.charges group by currency having sum(amount) > 10000 order by currency;

-- aggregates: FILTER clauses
select currency, count(*) filter (where status = 'succeeded') as ok, count(*) filter (where status <> 'succeeded') as not_ok, sum(amount) filter (where status = 'succeeded') as ok_amount from stripe.charges group by currency order by currency;

-- aggregates: bool_and and bool_or
select product, bool_and(active) as all_active, bool_or(active) as any_active from stripe.prices group by product order by product;

-- aggregates: string_agg with ORDER BY
select product, string_agg(currency, ',' order by currency, id) as currencies from stripe.prices group by product order by product;

-- aggregates: string_agg of DISTINCT values
select string_agg(distinct status, ' | ' order by status) from stripe.invoices;

-- aggregates: array_agg with ORDER BY
select customer, array_agg(status order by id) as statuses from stripe.subscriptions group by customer order by customer;

-- aggregates: jsonb_agg with ORDER BY
select product, jsonb_agg(unit_amount order by unit_amount, id) as amounts from stripe.prices group by product order by product;

-- aggregates: jsonb_agg of built objects
select currency, jsonb_agg(jsonb_build_object('id', id, 'amount', amount) order by id) from stripe.payouts group by currency order by currency;

-- aggregates: jsonb_object_agg
select jsonb_object_agg(balance_type || ':' || currency, amount) from stripe.balance;

-- aggregates: count(distinct) per group
select status, count(distinct customer) as customers from stripe.invoices group by status order by status;

-- aggregates: sum(distinct) and avg(distinct)
select sum(distinct unit_amount), avg(distinct unit_amount) from stripe.prices;

-- aggregates: min and max of text and timestamps
select min(email), max(email), min(created), max(created) from stripe.customers;

-- aggregates: group by a boolean column
select active, count(*) from stripe.prices group by active order by active;

-- aggregates: group by a JSON field
select attrs->'address'->>'country' as country, count(*) from stripe.customers group by 1 order by 1 nulls first;

-- aggregates: aggregate of an expression with CASE
select sum(case when status = 'succeeded' then amount else 0 end) as succeeded, sum(case when status = 'failed' then 1 else 0 end) as failures from stripe.charges;

-- aggregates: several aggregates with the same argument
select customer, min(total), max(total), sum(total), count(total) from stripe.invoices group by customer order by customer;

-- aggregates: group by two columns with NULLs in one
select subscription is null as one_off, status, count(*) from stripe.invoices group by 1, 2 order by 1, 2;

-- aggregates: avg of an integer expression and rounding
select currency, round(avg(amount), 2) as average, round(avg(amount)) as rounded from stripe.payment_intents group by currency order by currency;

-- aggregates: avg over bigint yields numeric with Postgres' scale
select avg(amount) from stripe.refunds;

-- aggregates: sum of bigint yields numeric
select sum(amount) as s, pg_typeof_free from (select amount, 1 as pg_typeof_free from stripe.topups) t group by pg_typeof_free;

-- aggregates: aggregate over an aggregate in a subquery
select max(n) as most, min(n) as fewest from (select customer, count(*) as n from stripe.payment_intents group by customer) t;

-- aggregates: HAVING without GROUP BY
select count(*) from stripe.customers having count(*) > 10;

-- aggregates: event counts per type prefix
select split_part(type, '.', 1) as object, count(*) from stripe.events group by 1 order by 2 desc, 1;

-- aggregates: FILTER with count(distinct)
select count(distinct customer) filter (where status = 'paid') as paying, count(distinct customer) as all_customers from stripe.invoices;

-- aggregates: string_agg of aggregated groups
select string_agg(status || '=' || n, ', ' order by status) from (select status, count(*) as n from stripe.subscriptions group by status) t;

-- ============================================================ subqueries

-- subqueries: IN (subquery)
select id, email from stripe.customers where id in (select customer from stripe.subscriptions where status = 'active') order by id;

-- subqueries: NOT IN (subquery) without NULLs
select id from stripe.customers where id not in (select customer from stripe.invoices where customer is not null) order by id;

-- subqueries: NOT IN (subquery) with a NULL makes every row unknown
select id from stripe.customers where id not in (select subscription from stripe.invoices);

-- subqueries: EXISTS (correlated)
select c.id from stripe.customers c where exists (select 1 from stripe.charges ch where ch.customer = c.id and ch.status = 'failed') order by c.id;

-- subqueries: NOT EXISTS (correlated)
select p.id from stripe.products p where not exists (select 1 from stripe.prices pr where pr.product = p.id and pr.active) order by p.id;

-- subqueries: scalar subquery in the select list (correlated)
select c.id, (select count(*) from stripe.invoices i where i.customer = c.id) as invoices from stripe.customers c order by c.id;

-- subqueries: scalar subquery that finds no row gives NULL
select c.id, (select max(i.total) from stripe.invoices i where i.customer = c.id and i.status = 'void') as void_total from stripe.customers c order by c.id limit 5;

-- subqueries: uncorrelated scalar subquery in WHERE
select id, amount from stripe.charges where amount > (select avg(amount) from stripe.charges) order by id;

-- subqueries: correlated scalar subquery in WHERE
select i.id, i.total from stripe.invoices i where i.total >= (select max(j.total) from stripe.invoices j where j.customer = i.customer) order by i.id;

-- subqueries: subquery in FROM with aggregation
select t.status, t.n from (select status, count(*) as n from stripe.payouts group by status) t where t.n > 0 order by t.status;

-- subqueries: nested subqueries
select id from stripe.customers where id in (select customer from stripe.invoices where id in (select invoice from stripe.charges where status = 'succeeded')) order by id;

-- subqueries: = ANY (subquery)
select id from stripe.prices where unit_amount = any (select unit_amount from stripe.prices where currency = 'jpy') order by id;

-- subqueries: > ALL (subquery)
select id, amount from stripe.payouts where amount > all (select amount from stripe.topups) order by id;

-- subqueries: ALL over an empty subquery is true
select count(*) from stripe.payouts where amount > all (select amount from stripe.disputes);

-- subqueries: IN with a subquery returning an expression
select id from stripe.charges where upper(currency) in (select upper(currency) from stripe.balance where balance_type = 'available') order by id;

-- subqueries: EXISTS in the select list
select p.id, exists (select 1 from stripe.prices pr where pr.product = p.id and pr.type = 'recurring') as recurring from stripe.products p order by p.id;

-- subqueries: correlated subquery referencing two outer columns
select s.id, (select count(*) from stripe.invoices i where i.subscription = s.id and i.customer = s.customer) as n from stripe.subscriptions s order by s.id;

-- subqueries: scalar subquery used in an expression
select id, round(100.0 * amount / (select sum(amount) from stripe.payouts), 3) as share from stripe.payouts order by id;

-- subqueries: IN (subquery) with an empty subquery
select count(*) from stripe.customers where id in (select charge from stripe.disputes);

-- subqueries: ARRAY(subquery)
select p.name, array(select pr.currency from stripe.prices pr where pr.product = p.id order by pr.currency, pr.id) as currencies from stripe.products p order by p.name;

-- ============================================================ WITH

-- cte: one CTE
with paid as (select * from stripe.invoices where status = 'paid') select customer, count(*) from paid group by customer order by customer;

-- cte: two CTEs, the second reading the first
with totals as (select customer, sum(total) as total from stripe.invoices group by customer), ranked as (select customer, total, rank() over (order by total desc) as r from totals) select * from ranked where r <= 5 order by r, customer;

-- cte: a CTE referenced twice
with t as (select id, amount from stripe.charges where status = 'succeeded') select a.id, b.id from t a join t b on a.amount = b.amount and a.id < b.id order by a.id, b.id;

-- cte: CTE with column aliases
with c(customer_id, mail) as (select id, email from stripe.customers) select customer_id from c where mail like '%.org' order by customer_id;

-- cte: CTE joined with a table and an aggregate
with lines as (select i.customer, (l->>'amount')::bigint as amount from stripe.invoices i, jsonb_array_elements(i.attrs->'lines'->'data') l) select c.email, sum(lines.amount) as billed from lines join stripe.customers c on c.id = lines.customer group by c.email order by billed desc, c.email;

-- cte: CTE in a subquery
select id from stripe.customers where id in (with s as (select customer from stripe.subscriptions where status <> 'active') select customer from s) order by id;

-- cte: CTE used in a set operation
with a as (select customer from stripe.invoices), b as (select customer from stripe.charges) select customer from a except select customer from b order by customer;

-- cte: a CTE that is empty
with none as (select * from stripe.disputes) select count(*), sum(amount) from none;

-- ============================================================ set operations

-- set operations: UNION removes duplicates
select currency from stripe.charges union select currency from stripe.payouts order by currency;

-- set operations: UNION ALL keeps duplicates
select currency from stripe.topups union all select currency from stripe.transfers order by currency;

-- set operations: INTERSECT
select customer from stripe.invoices intersect select customer from stripe.charges order by customer;

-- set operations: EXCEPT
select id from stripe.customers except select customer from stripe.subscriptions order by id;

-- set operations: INTERSECT ALL and EXCEPT ALL count duplicates
select currency from stripe.charges intersect all select currency from stripe.payment_intents;

-- set operations: EXCEPT ALL
select currency from stripe.payment_intents except all select currency from stripe.charges;

-- set operations: UNION of different tables with literal columns
select 'charge' as kind, id, amount from stripe.charges where amount > 20000 union all select 'payout', id, amount from stripe.payouts where amount > 20000 order by kind, id;

-- set operations: set operation with LIMIT applying to the whole
select id from stripe.topups union select id from stripe.payouts order by id limit 5;

-- set operations: parenthesised set operations
(select currency from stripe.charges except select currency from stripe.topups) union (select 'xxx') order by 1;

-- set operations: UNION with NULLs deduplicates NULLs
select description from stripe.charges union select null order by description nulls first;

-- set operations: UNION type resolution (integer and bigint)
select 1 as n union select amount from stripe.topups order by n;

-- set operations: UNION ALL feeding an aggregate
select kind, count(*) from (select 'in' as kind from stripe.topups union all select 'out' from stripe.payouts union all select 'out' from stripe.transfers) t group by kind order by kind;

-- ============================================================ CASE

-- case: searched CASE with ELSE
select id, case when amount >= 10000 then 'large' when amount >= 1000 then 'medium' else 'small' end as size from stripe.charges order by id;

-- case: simple CASE
select id, case status when 'paid' then 1 when 'open' then 2 else 3 end as rank from stripe.invoices order by id;

-- case: CASE without ELSE gives NULL
select id, case when status = 'void' then 'x' end as flag from stripe.invoices order by id;

-- case: CASE in GROUP BY
select case when total = 0 then 'free' else 'paying' end as kind, count(*) from stripe.invoices group by 1 order by 1;

-- case: CASE in ORDER BY
select id, status from stripe.subscriptions order by case status when 'active' then 0 when 'trialing' then 1 else 2 end, id;

-- case: CASE with NULL conditions
select id, case when description is null then 'none' when description = '' then 'empty' else description end from stripe.customers order by id;

-- ============================================================ window functions

-- windows: row_number over a partition
select id, customer, row_number() over (partition by customer order by period_end, id) as n from stripe.invoices order by customer, n;

-- windows: rank and dense_rank with ties
select id, unit_amount, rank() over (order by unit_amount desc) as r, dense_rank() over (order by unit_amount desc) as d from stripe.prices order by r, id;

-- windows: lag and lead
select id, amount, lag(amount) over (order by created, id) as previous, lead(amount) over (order by created, id) as next from stripe.payouts order by created, id;

-- windows: lag with offset and default
select id, lag(id, 2, 'none') over (order by id) as two_back, lead(amount, 1, 0) over (order by id) as next from stripe.topups order by id;

-- windows: running sum (RANGE includes peers)
select id, created, amount, sum(amount) over (order by created) as running from stripe.transfers order by created, id;

-- windows: sum over a partition without ORDER BY
select id, currency, amount, sum(amount) over (partition by currency) as currency_total from stripe.charges order by id;

-- windows: count over partition with ORDER BY
select id, customer, count(*) over (partition by customer order by created, id) as nth from stripe.payment_intents order by id;

-- windows: avg, min and max over a window
select id, currency, avg(amount) over (partition by currency) as avg, min(amount) over (partition by currency) as min, max(amount) over (partition by currency) as max from stripe.payouts order by id;

-- windows: ROWS frame (moving sum of three rows)
select id, sum(amount) over (order by id rows between 1 preceding and 1 following) as moving from stripe.balance_transactions order by id;

-- windows: window over an aggregate
select status, count(*) as n, sum(count(*)) over () as all_rows, rank() over (order by count(*) desc, status) as r from stripe.charges group by status order by r;

-- windows: row_number to pick the first row per group
select customer, id from (select customer, id, row_number() over (partition by customer order by total desc, id) as n from stripe.invoices) t where n = 1 order by customer;

-- windows: first_value and last_value
select id, first_value(id) over (partition by product order by id) as first, last_value(id) over (partition by product order by id rows between unbounded preceding and unbounded following) as last, nth_value(id, 2) over (partition by product order by id) as second from stripe.prices order by id;

-- windows: ntile, percent_rank and cume_dist
select id, ntile(3) over (order by amount, id) as tile, percent_rank() over (order by amount) as pr, cume_dist() over (order by amount) as cd from stripe.payouts order by id;

-- windows: window function over a join
select c.id, i.id, sum(i.total) over (partition by c.id order by i.id) as running from stripe.customers c join stripe.invoices i on i.customer = c.id order by c.id, i.id;

-- windows: several windows in one query with different partitions
select id, row_number() over (order by id) as n, rank() over (partition by type order by id) as per_type from stripe.balance_transactions order by id;

-- ============================================================ string functions

-- strings: concat, concat_ws and || with NULLs
select id, concat(name, ' <', email, '>') as a, concat_ws(' / ', name, description) as b, name || ' ' || description as c from stripe.customers order by id;

-- strings: substring with FROM/FOR and the function form
select id, substring(email from 1 for 5) as head, substring(email, 3) as tail, substr(id, 5, 4) as part from stripe.customers order by id;

-- strings: position and strpos
select email, position('@' in email) as at, strpos(email, '.') as dot from stripe.customers order by email;

-- strings: split_part
select email, split_part(email, '@', 1) as local_part, split_part(email, '@', 2) as domain, split_part(email, '@', 3) as nothing from stripe.customers order by email;

-- strings: replace
select id, replace(description, ' ', '_') from stripe.customers order by id;

-- strings: trim, ltrim, rtrim and btrim
select trim('  padded  ') as a, trim(both 'x' from 'xxhixx') as b, trim(leading 'x' from 'xxhixx') as c, trim(trailing 'x' from 'xxhixx') as d, ltrim('  a') as e, rtrim('a  ') as f, btrim('--a--', '-') as g;

-- strings: initcap, upper and lower
select name, initcap(lower(name)) as i, upper(name) as u, lower(name) as l, initcap('hello wORLD-foo bar_baz') as mixed from stripe.customers order by id;

-- strings: upper and initcap over non-ASCII letters
select attrs->'address'->>'line1' as line, upper(attrs->'address'->>'line1') as up, initcap(attrs->'address'->>'line1') as init from stripe.customers where attrs->'address'->>'line1' like '%ß%' order by id;

-- strings: length, char_length and octet_length
select id, length(name), char_length(email), octet_length(attrs->'address'->>'line1') from stripe.customers order by id;

-- strings: left, right, lpad, rpad and repeat
select left(id, 4), right(id, 3), lpad(currency, 6, '*'), rpad(currency, 5), repeat('ab', 3), left(id, -10) from stripe.charges order by id limit 5;

-- strings: regular expression match operators
select email, email ~ '^[a-z]+\.[a-z]+[0-9]*@' as a, email ~* 'EXAMPLE' as b, email !~ 'org$' as c, email !~* 'MAIL' as d from stripe.customers order by email;

-- strings: regexp_replace and regexp_match
select id, regexp_replace(email, '[0-9]+', '#') as masked, regexp_replace(email, '[aeiou]', '', 'g') as no_vowels, (regexp_match(email, '@(.*)$'))[1] as domain from stripe.customers order by id;

-- strings: reverse, starts_with, ascii and chr
select reverse('stripe'), starts_with('stripe', 'str'), ascii('A'), chr(66);

-- strings: string_to_array and array_to_string
select string_to_array('a,b,,c', ','), array_to_string(array['x', null, 'z'], '-', '?'), array_to_string(string_to_array('1 2 3', ' '), '+');

-- strings: LIKE with escapes and underscore
select 'a_c' like 'a\_c', 'abc' like 'a\_c', 'abc' like 'a_c', '100%' like '100\%';

-- strings: text comparison by code point (the C collation)
select name from stripe.customers order by name, id;

-- strings: casts between text and numbers
select '42'::int + 1, 42::text || 'x', cast('12.50' as numeric), '7'::bigint * 3;

-- strings: overlay and md5-free functions on column values
select id, overlay(id placing 'XX' from 1 for 3) from stripe.products order by id;

-- ============================================================ numeric functions

-- numbers: round, ceil, floor, trunc, abs and sign
select round(12.345, 2), round(12.5), round(-12.5), ceil(12.1), floor(-12.1), trunc(12.99), trunc(12.345, 1), abs(-7), sign(-3.2);

-- numbers: integer division truncates toward zero, modulo keeps the sign
select 7 / 2, -7 / 2, 7 % 3, -7 % 3, 7 / 2.0, mod(17, 5), div(17, 5);

-- numbers: division of bigint columns
select id, amount / 100 as whole, amount % 100 as cents, amount / 100.0 as exact from stripe.charges order by id;

-- numbers: round of a numeric division
select id, round(fee * 100.0 / nullif(amount, 0), 2) as fee_percent from stripe.balance_transactions order by id;

-- numbers: numeric division scale
select 1 / 3.0, 10 / 4.0, 2.0 / 3, 100.0 / 7;

-- numbers: power, sqrt, exp, ln and log over double precision (integer arguments resolve to double precision)
select power(2, 10), sqrt(16), round(exp(1)::numeric, 6), power(2, 0.5::float8), sqrt(2), ln(10), log(1000), exp(0.5::float8);

-- numbers: casts between integer, numeric and double precision
select 5::numeric / 2, 5 / 2::float8, cast(3.7 as int), cast(-3.5 as bigint), 2.5::numeric(10, 0), 1e3::int;

-- numbers: greatest and least
select id, greatest(amount, 5000), least(amount, 5000), greatest(1, null, 3), least('b', 'a', 'c') from stripe.charges order by id limit 5;

-- numbers: aggregates of numeric expressions
select sum(amount / 100.0) as units, round(avg(amount / 100.0), 4) from stripe.charges;

-- numbers: ceil and floor of numeric divisions
select id, ceil(amount / 1000.0), floor(amount / 1000.0) from stripe.payouts order by id;

-- ============================================================ date and time

-- dates: timestamps as Postgres prints them
select id, created, created::date as day from stripe.customers order by id;

-- dates: date_trunc at several units
select id, date_trunc('year', created), date_trunc('month', created), date_trunc('day', created), date_trunc('hour', created), date_trunc('week', created) from stripe.customers order by id;

-- dates: extract fields
select id, extract(year from created) as y, extract(month from created) as m, extract(day from created) as d, extract(hour from created) as h, extract(dow from created) as dow, extract(doy from created) as doy from stripe.customers order by id;

-- dates: extract epoch and quarter
select id, extract(epoch from created) as epoch, extract(quarter from created) as q, extract(week from created) as w from stripe.charges order by id;

-- dates: date_part returns double precision
select id, date_part('year', created), date_part('month', created), date_part('epoch', created) from stripe.payouts order by id;

-- dates: to_char with the usual patterns
select id, to_char(created, 'YYYY-MM-DD'), to_char(created, 'HH24:MI:SS'), to_char(created, 'DD/MM/YYYY HH12:MI AM'), to_char(created, 'Mon YYYY'), to_char(created, 'FMMonth FMDD, YYYY'), to_char(created, 'Dy'), to_char(created, 'YYYY"Q"Q') from stripe.customers order by id;

-- dates: interval arithmetic on timestamps
select id, created + interval '30 days' as later, created - interval '1 month' as earlier, created + interval '1 hour 30 minutes' as soon from stripe.customers order by id;

-- dates: difference of timestamps is an interval
select id, period_end - period_start as length from stripe.invoices order by id;

-- dates: age between two timestamps
select id, age(period_end, period_start), age(timestamp '2025-06-01 00:00:00', period_start) from stripe.invoices order by id;

-- dates: interval comparisons and extraction
select id from stripe.invoices where period_end - period_start > interval '7 days' order by id;

-- dates: extract from an interval
select id, extract(day from period_end - period_start) as days, extract(epoch from period_end - period_start) as seconds from stripe.invoices order by id;

-- dates: filter on a timestamp range
select id from stripe.customers where created >= timestamp '2025-03-01' and created < '2025-04-01' order by id;

-- dates: grouping by month with to_char
select to_char(created, 'YYYY-MM') as month, count(*), sum(amount) from stripe.charges group by 1 order by 1;

-- dates: interval literals and justify
select interval '1 day' * 3, interval '90 minutes', interval '1 year 2 months', justify_hours(interval '49 hours'), justify_days(interval '45 days'), interval '1 day' - interval '2 hours';

-- dates: make_date and date arithmetic
select make_date(2025, 2, 28) + 1, date '2025-03-01' - date '2025-01-01', date '2025-01-31' + interval '1 month';

-- dates: to_timestamp from Unix seconds in attrs is a timestamptz
select id, to_timestamp((attrs->>'created')::bigint) as at from stripe.customers order by id limit 5;

-- dates: timestamp comparison with a timestamptz at UTC
select count(*) from stripe.customers where created < timestamptz '2025-05-01 00:00:00+00';

-- dates: casting timestamps to text and dates
select id, created::text, cast(created as date)::text, created::time::text, (created + interval '0.25 seconds')::text from stripe.payouts order by id;

-- dates: AT TIME ZONE
select id, created at time zone 'UTC' as utc from stripe.topups order by id;

-- ============================================================ JSON

-- json: -> and ->> on objects and arrays
select id, attrs->'address' as address, attrs->>'currency' as currency, attrs->'preferred_locales'->0 as first_locale, attrs->'preferred_locales'->>0 as first_locale_text from stripe.customers order by id;

-- json: #> and #>> paths
select id, attrs #> '{lines,data,0,price,id}' as price, attrs #>> '{lines,data,0,amount}' as amount from stripe.invoices order by id;

-- json: jsonb_build_object and jsonb_build_array
select id, jsonb_build_object('id', id, 'email', email, 'created', created, 'n', 1, 'ok', true, 'none', null) as o, jsonb_build_array(id, 1, null, false) as a from stripe.customers order by id limit 5;

-- json: jsonb_extract_path_text and jsonb_extract_path
select id, jsonb_extract_path_text(attrs, 'address', 'city') as city, jsonb_extract_path(attrs, 'invoice_settings', 'default_payment_method') as pm from stripe.customers order by id;

-- json: jsonb_path_query_first with simple paths
select id, jsonb_path_query_first(attrs, '$.lines.data[0].price.id') as price, jsonb_path_query_first(attrs, '$.status') as status, jsonb_path_query_first(attrs, '$.missing') as missing from stripe.invoices order by id;

-- json: jsonb_path_query_first over array elements and subscripts
select id, jsonb_path_query_first(attrs, '$.items.data[*].price.unit_amount') as first_amount, jsonb_path_query_first(attrs, '$.items.data[last].id') as last_item from stripe.subscriptions order by id;

-- json: jsonb_pretty
select jsonb_pretty(attrs->'address') from stripe.customers where attrs->'address' is not null order by id limit 3;

-- json: jsonb_pretty of nested arrays and empty containers
select jsonb_pretty('{"a": [1, {"b": []}, {}], "c": {"d": null}}'::jsonb);

-- json: jsonb_typeof and jsonb_array_length
select id, jsonb_typeof(attrs->'address'), jsonb_typeof(attrs->'balance'), jsonb_typeof(attrs->'preferred_locales'), jsonb_array_length(attrs->'preferred_locales') from stripe.customers order by id;

-- json: containment @> and key existence ?
select id from stripe.customers where attrs @> '{"metadata": {}}' and attrs->'metadata' ?| array['crm_id'] order by id;

-- json: key existence ?, written ?? in JDBC
select id, attrs ?? 'phone' as has_phone, attrs->'metadata' ?? 'crm_id' as crm from stripe.customers order by id;

-- json: ?| and ?& key existence
select id, attrs->'address' ?| array['state', 'zip'] as any_key, attrs->'address' ?& array['city', 'country'] as all_keys from stripe.customers where attrs->'address' <> 'null' order by id;

-- json: casts of JSON text to numbers and booleans
select id, (attrs->>'amount')::bigint + 1 as amount, (attrs->>'livemode')::boolean as live, (attrs->>'created')::bigint as created from stripe.charges order by id;

-- json: JSON field in WHERE and ORDER BY
select id, attrs->>'number' as number from stripe.invoices where attrs->>'number' is not null order by attrs->>'number';

-- json: jsonb equality and comparison
select id from stripe.customers where attrs->'metadata' = '{}'::jsonb order by id;

-- json: jsonb concatenation and key removal
select id, (attrs->'address') || '{"note": "x"}'::jsonb as more, (attrs->'address') - 'line2' as less from stripe.customers where jsonb_typeof(attrs->'address') = 'object' order by id limit 5;

-- json: to_jsonb of scalars and rows of values
select to_jsonb(1), to_jsonb('text'::text), to_jsonb(true), to_jsonb(1.5), to_jsonb(null::text);

-- json: jsonb_strip_nulls
select jsonb_strip_nulls(attrs->'address') from stripe.customers where jsonb_typeof(attrs->'address') = 'object' order by id;

-- json: JSON null versus SQL NULL
select id, attrs->'discount' as json_null, attrs->>'discount' as sql_null, attrs->'discount' is null as is_sql_null, attrs->'nothing' is null as missing from stripe.customers order by id limit 3;

-- json: nested object keys as text
select distinct jsonb_object_keys(attrs->'invoice_settings') as k from stripe.customers order by k;

-- json: JSON numbers compare by value
select '1.0'::jsonb = '1'::jsonb, '[1, 2]'::jsonb @> '[2]'::jsonb, '{"a": 1}'::jsonb < '{"a": 2}'::jsonb;

-- json: text of JSON strings with escapes
select '{"a": "line\nbreak \"quoted\" \u00e9"}'::jsonb, '{"a": "line\nbreak"}'::jsonb->>'a';

-- json: jsonb in a GROUP BY key
select attrs->'recurring'->'interval' as interval, count(*) from stripe.prices group by 1 order by 1 nulls first;

-- json: jsonb_agg of JSON values and ordering of keys in output
select jsonb_agg(attrs->'address'->'country' order by id) from stripe.customers;

-- json: json extraction from exploded lines (period start as timestamptz)
select i.id, to_timestamp((l->'period'->>'start')::bigint) as period_start from stripe.invoices i, jsonb_array_elements(i.attrs->'lines'->'data') l order by i.id, l->>'id';

-- ============================================================ NULL edge cases

-- nulls: coalesce and nullif
select id, coalesce(description, name, 'anonymous') as label, nullif(description, 'VIP customer') as d from stripe.customers order by id;

-- nulls: IS DISTINCT FROM and IS NOT DISTINCT FROM
select id from stripe.customers where description is distinct from 'VIP customer' and description is not distinct from null order by id;

-- nulls: NULL in arithmetic, comparisons and concatenation
select null + 1 as a, null = null as b, null is null as c, 'x' || null as d, null::int * 0 as e;

-- nulls: three-valued logic
select true and null, false and null, true or null, false or null, not null::boolean;

-- nulls: ORDER BY NULLS FIRST and NULLS LAST
select id, description from stripe.customers order by description nulls first, id;

-- nulls: NULLs sort last ascending and first descending by default
select description, id from stripe.customers order by description desc, id;

-- nulls: count(column) skips NULLs, count(*) does not
select count(*), count(description), count(distinct description) from stripe.customers;

-- nulls: aggregates over only NULLs
select sum(x), avg(x), min(x), max(x), count(x), string_agg(x::text, ','), array_agg(x), bool_and(x > 0), jsonb_agg(x) from (select null::int as x from stripe.customers) t;

-- nulls: GROUP BY puts NULLs in one group
select description, count(*) from stripe.customers group by description order by description nulls first;

-- nulls: IN list with NULL
select 1 in (1, null), 2 in (1, null), 2 not in (1, null), null in (1, 2);

-- nulls: CASE, coalesce and greatest with NULL arguments
select greatest(null, null::int), least(1, null), coalesce(null, null, 3), nullif(1, 1), nullif(null, 1);

-- nulls: join keys that are NULL never match
select count(*) from stripe.invoices a join stripe.invoices b on a.subscription = b.subscription;

-- nulls: DISTINCT treats NULLs as equal
select distinct subscription is null, description is null from stripe.invoices join stripe.customers c on c.id = invoices.customer order by 1, 2;

-- ============================================================ empty inputs

-- empty: aggregates over an empty table
select count(*), count(id), sum(amount), avg(amount), max(created), bool_or(amount > 0), string_agg(id, ','), jsonb_agg(id), jsonb_object_agg(id, amount), array_agg(id) from stripe.disputes;

-- empty: GROUP BY over an empty table gives no rows
select status, count(*) from stripe.disputes group by status;

-- empty: WHERE false
select id from stripe.customers where false;

-- empty: LIMIT 0
select id from stripe.customers limit 0;

-- empty: window functions over nothing
select id, row_number() over (order by id) from stripe.disputes;

-- empty: UNION with an empty side
select id from stripe.disputes union all select id from stripe.topups order by id;

-- empty: INTERSECT with an empty side
select id from stripe.topups intersect select id from stripe.disputes;

-- empty: exploding an empty array
select c.id, x from stripe.customers c, jsonb_array_elements(c.attrs->'preferred_locales') x where jsonb_array_length(c.attrs->'preferred_locales') = 0;

-- empty: aggregate with FILTER that matches nothing
select count(*) filter (where amount < 0), sum(amount) filter (where amount < 0) from stripe.charges;

-- ============================================================ more complex queries

-- complex: monthly revenue per currency with a running total
select month, currency, revenue, sum(revenue) over (partition by currency order by month) as running from (select date_trunc('month', created) as month, currency, sum(amount) as revenue from stripe.charges where status = 'succeeded' group by 1, 2) t order by currency, month;

-- complex: customers with their subscription count, last invoice and total paid
select c.id, count(distinct s.id) as subscriptions, max(i.period_end) as last_period, coalesce(sum(i.total) filter (where i.status = 'paid'), 0) as paid from stripe.customers c left join stripe.subscriptions s on s.customer = c.id left join stripe.invoices i on i.subscription = s.id group by c.id order by c.id;

-- complex: top product per currency by invoiced amount
with line_items as (select line->'price'->>'product' as product, line->>'currency' as currency, (line->>'amount')::bigint as amount from stripe.invoices i, jsonb_array_elements(i.attrs->'lines'->'data') line), per_product as (select currency, product, sum(amount) as amount from line_items group by 1, 2) select currency, product, amount from (select *, row_number() over (partition by currency order by amount desc, product) as n from per_product) t where n = 1 order by currency;

-- complex: refund ratio per customer
select ch.customer, count(r.id) as refunds, count(ch.id) as charges, round(count(r.id)::numeric / count(ch.id), 4) as ratio from stripe.charges ch left join stripe.refunds r on r.charge = ch.id group by ch.customer order by ch.customer nulls first;

-- complex: events per day of week
select to_char(created, 'Dy') as day, extract(isodow from created) as n, count(*) from stripe.events group by 1, 2 order by 2;

-- complex: balance transactions summarised by type with FILTER and HAVING
select type, count(*) as n, sum(net) as net, sum(fee) filter (where fee > 0) as fees from stripe.balance_transactions group by type having count(*) > 0 order by type;

-- complex: scalar subqueries and CASE over payment intents
select pi.id, case when exists (select 1 from stripe.charges ch where ch.payment_intent = pi.id and ch.status = 'succeeded') then 'paid' else 'unpaid' end as state from stripe.payment_intents pi order by pi.id;

-- complex: subscriptions with item count and price total from attrs
select s.id, s.status, jsonb_array_length(s.attrs->'items'->'data') as items, (select sum((it->'price'->>'unit_amount')::bigint * (it->>'quantity')::bigint) from jsonb_array_elements(s.attrs->'items'->'data') it) as amount from stripe.subscriptions s order by s.id;

-- complex: customers ranked by spend within country
select country, id, spend, dense_rank() over (partition by country order by spend desc) as r from (select c.attrs->'address'->>'country' as country, c.id, coalesce(sum(ch.amount), 0) as spend from stripe.customers c left join stripe.charges ch on ch.customer = c.id and ch.status = 'succeeded' group by 1, 2) t order by country nulls first, r, id;

-- complex: checkout sessions with their payment intents and subscriptions
select cs.id, cs.attrs->>'mode' as mode, pi.amount, s.status from stripe.checkout_sessions cs left join stripe.payment_intents pi on pi.id = cs.payment_intent left join stripe.subscriptions s on s.id = cs.subscription order by cs.id;

-- complex: accounts and transfers to them
select a.id, a.country, count(t.id) as transfers, coalesce(sum(t.amount), 0) as amount from stripe.accounts a left join stripe.transfers t on t.destination = a.id group by a.id, a.country order by a.id;

-- complex: mandates read by id through a join on setup intents
select si.id, m.id, m.status, m.type from stripe.setup_intents si join stripe.mandates m on m.id = si.attrs->>'mandate' order by si.id;

-- complex: a token that does not exist is no row
select type, used from stripe.tokens where id = 'tok_missing';

-- complex: billing meters
select id, display_name, event_name, status, attrs->'default_aggregation'->>'formula' as formula from stripe.billing_meters order by id;

-- complex: a query mixing every clause
with recent as (select * from stripe.charges where created >= timestamp '2025-01-01') select currency, status, count(*) as n, sum(amount) as amount, string_agg(id, ',' order by id) filter (where amount > 10000) as big from recent where customer is not null group by currency, status having count(*) >= 1 order by amount desc, currency, status limit 10;

-- ============================================================ more functions, frames and edge cases

-- dates: more to_char patterns
select id, to_char(created, 'YYYY-MM-DD"T"HH24:MI:SS'), to_char(created, 'Month'), to_char(created, 'DY'), to_char(created, 'day'), to_char(created, 'MM/DD/YY'), to_char(created, 'IW'), to_char(created, 'DDD'), to_char(created, 'Q'), to_char(created, 'WW'), to_char(created, 'HH:MI:SS PM'), to_char(created, 'YYYYMMDD') from stripe.charges order by id;

-- dates: to_char with FM and th suffixes
select id, to_char(created, 'FMDD'), to_char(created, 'DDth'), to_char(created, 'FMDDth "of" FMMonth'), to_char(created, 'Mon-YY') from stripe.payouts order by id;

-- dates: date_trunc quarter, minute, second, decade
select id, date_trunc('quarter', created), date_trunc('minute', created), date_trunc('second', created), date_trunc('decade', created) from stripe.payouts order by id;

-- dates: extract of isoyear, century, isodow, minute, second, millennium
select id, extract(isoyear from created), extract(century from created), extract(isodow from created), extract(minute from created), extract(second from created), extract(millennium from created) from stripe.topups order by id;

-- dates: date subtraction and date plus integer
select id, created::date - date '2025-01-01' as days, created::date + 7 as week_later, (created::date - 1)::text from stripe.topups order by id;

-- dates: age with months and years
select age(timestamp '2025-06-15 10:00:00', timestamp '2023-01-31 12:30:00'), age(timestamp '2024-02-29', timestamp '2025-03-01'), age(date '2025-01-01', date '2024-01-01');

-- dates: interval output forms
select interval '1 year 2 months 3 days 04:05:06.5', interval '-1 day', interval '36 hours', interval '1 month' - interval '1 day', interval '0', interval '2 weeks', interval '1.5 days';

-- dates: extract epoch from interval and multiply interval by number
select extract(epoch from interval '1 day 2 hours'), interval '1 hour' * 2.5, interval '3 days' / 2, extract(hour from interval '26 hours');

-- dates: generate_series over timestamps
select g from generate_series(timestamp '2025-01-01', timestamp '2025-01-03', interval '12 hours') g order by g;

-- dates: now-free comparisons with intervals on columns
select id from stripe.subscriptions where current_period_end - current_period_start > interval '40 days' order by id;

-- dates: timestamp minus timestamp in aggregates
select status, max(period_end - period_start), min(period_end - period_start) from stripe.invoices group by status order by status;

-- strings: split_part negative index and substring with regex
select split_part('a.b.c', '.', -1), split_part('a.b.c', '.', -2), substring('cus_123abc' from '[0-9]+'), substring('abc' from 2 for 10), substring('abc', 0, 2);

-- strings: lpad and rpad truncating, repeat zero
select lpad('hello', 3), rpad('hello', 3), lpad('', 3, 'x'), repeat('x', 0), lpad('x', 5, 'ab'), rpad('x', 6, 'ab');

-- strings: regexp_replace with flags and backreferences
select regexp_replace('Hello World', 'o', '0', 'g'), regexp_replace('Hello World', '(\w+) (\w+)', '\2 \1'), regexp_replace('aAaA', 'a', 'x', 'gi'), regexp_replace('abc', 'B', 'x', 'i');

-- strings: concat_ws with NULL separator pieces and concat of numbers
select concat_ws(',', 'a', null, 'b', 1, true), concat('x', 1, 2.50, null, false), concat_ws(null, 'a', 'b');

-- strings: position of missing and empty needle, strpos
select position('z' in 'abc'), position('' in 'abc'), strpos('abc', 'c'), strpos('', 'a');

-- strings: trim with multiple characters
select trim(both 'xy' from 'xyxhixyy'), ltrim('xxyhi', 'xy'), rtrim('hiyyx', 'xy'), trim('  '), length(trim('  a  '));

-- strings: initcap with digits and apostrophes
select initcap('o''neil mcdonald-smith 3rd street'), initcap('ÉCOLE élève'), upper('straße'), lower('İSTANBUL');

-- strings: ILIKE and LIKE on NULL
select 'ABC' ilike 'a%', 'abc' like 'A%', null like 'a', 'a' like null, 'Ab_C' ilike 'ab\_c';

-- strings: regular expressions with anchors and classes on emails
select count(*) filter (where email ~ '^[^@]+@example\.(com|org)$'), count(*) filter (where email ~* '^[A-Z]'), count(*) filter (where email ~ '\d') from stripe.customers;

-- numbers: round half away from zero and negative precision
select round(2.5), round(-2.5), round(0.125, 2), round(-0.125, 2), round(1234.5678, -2), round(15, -1), trunc(-12.99), trunc(1234.5678, -2);

-- numbers: round of double precision uses banker's rounding
select round(2.5::float8), round(3.5::float8), round(-2.5::float8), round(0.5::float8);

-- numbers: abs, sign, ceil, floor on negative numerics and integers
select abs(-5), abs(-5.50), sign(0), sign(-0.0), ceil(-0.5), floor(0.5), ceil(5), floor(-5), ceiling(1.2);

-- numbers: integer overflow safe arithmetic on bigint
select 9007199254740993::bigint + 1, 2147483647::bigint * 2, power(2, 53)::bigint;

-- numbers: numeric scale of multiplication and addition
select 1.50 * 2, 1.5 + 1.25, 0.1 + 0.2, 10.00 - 3, 3 * 0.333, 1.0 / 8;

-- numbers: casts of text with spaces and signs
select ' 42 '::int, '-7'::bigint, '+3.50'::numeric, '1e2'::float8, '  2.5'::numeric;

-- numbers: modulo of numerics and negative divisors
select 7.5 % 2, -7.5 % 2, 7 % -3, mod(-7, 3), div(-7, 2), mod(7.5, 2);

-- numbers: avg of integers and numerics scale
select avg(x) from (values (1), (2), (2)) t(x);

-- numbers: avg of numerics with scale
select avg(x), sum(x) from (values (1.5), (2.25), (3.125)) t(x);

-- windows: running count and sum with explicit ROWS frame and lag default over partition
select id, currency, count(*) over (partition by currency order by created, id rows between unbounded preceding and current row) as n, lag(amount, 1, -1) over (partition by currency order by created, id) as prev from stripe.payouts order by id;

-- windows: rank over partitions with ties and dense_rank
select product, unit_amount, rank() over (partition by product order by unit_amount), dense_rank() over (partition by product order by unit_amount desc), row_number() over (partition by product order by unit_amount, id) from stripe.prices order by product, unit_amount, id;

-- windows: count(*) over () and sum over whole set
select id, count(*) over () as total, sum(amount) over () as all_amount, amount * 100.0 / sum(amount) over () as share from stripe.topups order by id;

-- windows: lead with offset 2 and window over expression
select id, lead(id, 2) over (order by id), lag(upper(id)) over (order by id desc) from stripe.topups order by id;

-- windows: window function in ORDER BY
select id, amount from stripe.transfers order by row_number() over (order by amount desc, id), id;

-- set operations: UNION ALL with ORDER BY, LIMIT and OFFSET
select id, amount from stripe.topups union all select id, amount from stripe.payouts order by amount desc, id limit 5 offset 2;

-- set operations: EXCEPT of multi-column rows
select currency, status from stripe.charges except select currency, 'succeeded' from stripe.charges order by 1, 2;

-- nulls: ORDER BY several keys with NULLs in both directions
select description, name from stripe.customers order by description desc nulls last, name nulls first, id;

-- nulls: sum of NULLs and coalesce over aggregate
select coalesce(sum(x), 0), coalesce(max(x), -1) from (select null::bigint as x) t;

-- nulls: NULL in CASE WHEN and in IN list of strings
select id, case description when null then 'never' else 'other' end, description in ('VIP customer', null) from stripe.customers order by id;

-- json: jsonb_array_elements_text and jsonb_each over nested data
select i.id, e.key, jsonb_typeof(e.value) from stripe.invoices i, jsonb_each(i.attrs->'lines'->'data'->0) e order by i.id, e.key;

-- json: -> with negative index and out of range
select attrs->'lines'->'data'-> -1->>'id', attrs->'lines'->'data'->5, attrs->'lines'->'data'->> -1 from stripe.invoices order by id;

-- json: jsonb_build_object with numeric, timestamp and jsonb values
select jsonb_build_object('amount', amount, 'created', created, 'ratio', amount / 3.0, 'meta', attrs->'metadata', 'flag', status = 'succeeded') from stripe.charges order by id limit 5;

-- json: to_jsonb of a timestamp and timestamptz and date
select to_jsonb(created), to_jsonb(created::date), to_jsonb(to_timestamp(0)) from stripe.payouts order by id limit 3;

-- json: jsonb comparison ordering
select v from (values ('{"a": 1}'::jsonb), ('[1, 2]'), ('"text"'), ('1'), ('true'), ('null'), ('{"b": 0}'), ('[1]')) t(v) order by v;

-- json: jsonb_agg over empty and with NULL elements
select jsonb_agg(x), jsonb_agg(x) filter (where x is not null) from (values (1), (null), (3)) t(x);

-- json: jsonb_object_agg with repeated keys keeps the last
select jsonb_object_agg(k, v) from (values ('a', 1), ('b', 2), ('a', 3)) t(k, v);

-- json: ->> on numbers and booleans in JSON
select attrs->>'amount', attrs->>'livemode', attrs->'amount', (attrs->'amount')::text from stripe.charges order by id limit 3;

-- json: casting jsonb to text and text to jsonb
select (attrs->'metadata')::text, ('{"x": [1, 2]}'::jsonb)->'x'->>1, '  {"a" : 1 }  '::jsonb from stripe.customers order by id limit 3;

-- aggregates: array_agg of numbers and DISTINCT array_agg
select array_agg(distinct currency order by currency), array_agg(amount order by amount desc, id) from stripe.topups;

-- aggregates: string_agg with NULL delimiter and NULL values
select string_agg(description, '; ' order by id), string_agg(id, null order by id) from stripe.payouts;

-- aggregates: min and max of booleans fail? no: bool_and with NULLs
select bool_and(x), bool_or(x), every(x) from (values (true), (null), (false)) t(x);

-- aggregates: GROUP BY an expression referencing an alias-named column
select lower(currency) as c, count(*) from stripe.charges group by lower(currency) having lower(currency) <> 'xxx' order by c;

-- subqueries: correlated EXISTS with aggregate in subquery and HAVING
select c.id from stripe.customers c where exists (select 1 from stripe.charges ch where ch.customer = c.id group by ch.customer having count(*) > 1) order by c.id;

-- subqueries: scalar subquery in ORDER BY and in GROUP BY result
select p.id, (select count(*) from stripe.prices pr where pr.product = p.id) as n from stripe.products p order by (select count(*) from stripe.prices pr where pr.product = p.id) desc, p.id;

-- subqueries: IN subquery with NULLs on the left
select count(*) from stripe.invoices where subscription in (select id from stripe.subscriptions);

-- joins: join on USING with three tables and qualified star
select c.*, s.status from stripe.customers c join stripe.subscriptions s on s.customer = c.id where s.status = 'past_due' order by s.id;

-- joins: cross join with VALUES and filter across
select v.threshold, count(ch.id) from (values (1000), (5000), (20000)) v(threshold) left join stripe.charges ch on ch.amount >= v.threshold group by v.threshold order by v.threshold;

-- ============================================================ type resolution, frames, DISTINCT, more JSON

-- types: integer and numeric mixing in CASE and COALESCE
select case when amount > 5000 then amount else 0.5 end, coalesce(null, amount, 1.5), greatest(amount, 2.5) from stripe.topups order by id;

-- types: text concatenation with numbers, booleans and NULL
select 'n=' || amount, amount || '', true || 'x', 'a' || null || 'b', 1 || '2' from stripe.topups order by id limit 3;

-- types: comparison of text column with a number literal cast
select count(*) from stripe.charges where amount::text like '1%';

-- types: implicit cast of string literal to bigint and timestamp in comparisons
select count(*) from stripe.charges where amount > '1000' and created > '2024-06-01';

-- types: boolean expressions in the select list and in aggregates
select active, active and unit_amount > 1000, not active, active is true, active is not false from stripe.prices order by id;

-- types: count of boolean conditions via sum(case) and count(*) filter
select sum(case when active then 1 else 0 end), count(*) filter (where not active), count(nullif(active, false)) from stripe.prices;

-- distinct: DISTINCT ON with NULL keys and several keys
select distinct on (description is null, currency) description is null as no_description, currency, id from stripe.charges order by description is null, currency, id desc;

-- distinct: count(distinct) of an expression and DISTINCT in string_agg
select count(distinct lower(currency)), count(distinct (amount / 1000)), string_agg(distinct currency, ',') from stripe.charges;

-- windows: RANGE frame with UNBOUNDED FOLLOWING and CURRENT ROW
select id, amount, sum(amount) over (order by amount range between current row and unbounded following) from stripe.topups order by amount, id;

-- windows: ROWS frame with offsets on both sides and min/max
select id, min(amount) over (order by id rows between 2 preceding and 1 following), max(amount) over (order by id rows between current row and 2 following) from stripe.transfers order by id;

-- windows: lag over dates and date difference
select id, created, created - lag(created) over (order by created, id) as gap from stripe.payouts order by created, id;

-- windows: row_number without ORDER BY in the window over a sorted subquery
select n, id from (select row_number() over (order by created desc, id) as n, id from stripe.customers) t where n <= 5 order by n;

-- windows: percent_rank and cume_dist with partitions
select id, currency, percent_rank() over (partition by currency order by amount), cume_dist() over (partition by currency order by amount) from stripe.payouts order by id;

-- windows: first_value with frames and nulls
select id, first_value(description) over (order by id), last_value(description) over (order by id rows between current row and 1 following) from stripe.payouts order by id;

-- windows: sum over partition of a CASE
select customer, id, sum(case when status = 'paid' then total else 0 end) over (partition by customer) from stripe.invoices order by customer, id;

-- aggregates: GROUP BY with ORDER BY aggregate expression not in select list
select currency from stripe.charges group by currency order by count(*) desc, currency;

-- aggregates: nested aggregate expressions and arithmetic on aggregates
select currency, sum(amount) / count(*), round(sum(amount)::numeric / count(*), 2), max(amount) - min(amount) from stripe.charges group by currency order by currency;

-- aggregates: HAVING with OR and a subquery
select customer, count(*) from stripe.invoices group by customer having count(*) > 2 or customer in (select customer from stripe.subscriptions where status = 'trialing') order by customer;

-- aggregates: GROUP BY a CASE expression and ordinal ORDER BY desc
select case when amount < 1000 then 'small' when amount < 10000 then 'medium' else 'large' end as bucket, count(*), avg(amount)::bigint from stripe.charges group by 1 order by 2 desc, 1;

-- aggregates: array_agg of JSON and of NULL-containing text
select customer, array_agg(status order by id), jsonb_agg(attrs->'period' order by id) from stripe.invoices where customer is not null group by customer order by customer limit 5;

-- aggregates: min/max of intervals and dates
select min(period_end - period_start), max((period_end)::date), min(period_start::date) from stripe.invoices;

-- ctes: CTE shadowing a table name
with customers as (select id, 'shadow' as email from stripe.subscriptions) select count(*), min(email) from customers;

-- ctes: CTE with a window function joined back
with ranked as (select id, customer, row_number() over (partition by customer order by total desc, id) as r from stripe.invoices) select r.customer, i.id, i.total from ranked r join stripe.invoices i on i.id = r.id where r.r = 1 order by r.customer nulls first;

-- set operations: UNION inside a subquery with aggregates
select kind, count(*), sum(amount) from (select 'topup' as kind, amount from stripe.topups union all select 'payout', amount from stripe.payouts union all select 'transfer', amount from stripe.transfers) t group by kind order by kind;

-- set operations: INTERSECT ALL with duplicates and EXCEPT with NULLs
select description from stripe.customers except select description from stripe.customers where description like 'V%' order by 1 nulls first;

-- joins: join with OR in the ON condition
select p.id, pr.id from stripe.products p join stripe.prices pr on pr.product = p.id or pr.id = p.default_price order by p.id, pr.id;

-- joins: right join with condition on both sides and null extension
select pr.id, p.name from stripe.prices pr right join stripe.products p on p.id = pr.product and pr.active order by p.name, pr.id;

-- joins: self join on adjacent rows by window row numbers
with n as (select id, amount, row_number() over (order by id) as k from stripe.topups) select a.id, b.id, b.amount - a.amount from n a join n b on b.k = a.k + 1 order by a.k;

-- joins: lateral with generate_series depending on the left row
select t.id, g from stripe.topups t, lateral generate_series(1, (t.amount % 3)::int + 1) g order by t.id, g;

-- joins: unnest of arrays built from columns
select id, u from stripe.topups, unnest(array[currency, status]) u order by id, u;

-- strings: text functions on NULL inputs
select upper(null), length(null::text), substring(null::text, 1, 2), replace(null, 'a', 'b'), concat(null), split_part(null, ',', 1), trim(null);

-- strings: md5-free string ops on ids: left/right/reverse/length
select id, length(id), reverse(right(id, 4)), left(reverse(id), 3) from stripe.products order by id;

-- strings: string comparisons with different lengths and case
select 'a' < 'b', 'a' < 'B', 'abc' < 'abd', 'ab' < 'abc', '' < 'a', 'Z' < 'a';

-- strings: LIKE with leading/trailing wildcards on email domains
select split_part(email, '@', 2) as domain, count(*) from stripe.customers where email like '%@%.%' group by 1 order by 2 desc, 1;

-- dates: extract from timestamps at boundaries of weeks and years
select d, extract(week from d), extract(isoyear from d), extract(dow from d), to_char(d, 'IYYY-IW'), date_trunc('week', d) from (values (timestamp '2024-12-30'), (timestamp '2025-01-05'), (timestamp '2021-01-03'), (timestamp '2020-12-31')) t(d) order by d;

-- dates: age in years of customers relative to a fixed date and grouping by it
select extract(year from age(timestamp '2025-06-01', created)) as years, count(*) from stripe.customers group by 1 order by 1;

-- dates: timestamps compared to dates and date_trunc output type
select count(*) from stripe.customers where created::date between date '2025-01-01' and date '2025-05-31' and date_trunc('day', created) < timestamp '2025-05-31';

-- dates: interval arithmetic with months at month ends
select timestamp '2024-01-31' + interval '1 month', timestamp '2024-03-31' - interval '1 month', date '2024-02-29' + interval '1 year', timestamp '2024-01-31 10:00' + interval '1 month 1 day 1 hour';

-- dates: date_part of intervals and timestamps with fractions
select date_part('minute', interval '90 minutes'), date_part('second', timestamp '2024-01-01 00:00:12.5'), extract(milliseconds from timestamp '2024-01-01 00:00:12.5');

-- json: jsonb_path_query_first with nested wildcards
select id, jsonb_path_query_first(attrs, '$.lines.data[*].period.start'), jsonb_path_query_first(attrs, '$.lines.*') from stripe.invoices order by id;

-- json: jsonb_path_exists and jsonb_path_query_array
select id, jsonb_path_exists(attrs, '$.lines.data[1]'), jsonb_path_query_array(attrs, '$.lines.data[*].amount') from stripe.invoices order by id;

-- json: jsonb_extract_path_text with array index steps
select id, jsonb_extract_path_text(attrs, 'lines', 'data', '0', 'price', 'nickname'), jsonb_extract_path(attrs, 'lines', 'data', '1') is null from stripe.invoices order by id;

-- json: exploding JSON and aggregating back into JSON
select i.id, jsonb_agg(l->'id' order by l->>'id') from stripe.invoices i cross join lateral jsonb_array_elements(i.attrs->'lines'->'data') l group by i.id order by i.id;

-- json: jsonb_each_text on metadata with filter on key
select c.id, m.value from stripe.customers c, jsonb_each_text(c.attrs->'metadata') m where m.key = 'crm_id' order by c.id;

-- json: jsonb keys sorted in output with mixed lengths
select jsonb_build_object('bb', 1, 'a', 2, 'ccc', 3, 'b', 4), '{"zz": 1, "a": {"y": 2, "x": 1}}'::jsonb;

-- json: numeric formatting in jsonb
select '{"a": 1.50, "b": 1e3, "c": -0, "d": 0.000001}'::jsonb, to_jsonb(1.50), jsonb_build_array(1.0, 2.50, 1e2);

-- nulls: NULL ordering in window functions and DISTINCT
select description, row_number() over (order by description nulls first, id) from stripe.customers order by 2;

-- nulls: IS NULL on rows of left join and COUNT(column) from the null side
select c.id, count(s.id), count(*) from stripe.customers c left join stripe.subscriptions s on s.customer = c.id group by c.id order by c.id;

-- empty: aggregates with GROUP BY over a filtered empty input and HAVING on empty
select currency, count(*) from stripe.charges where amount < 0 group by currency having count(*) >= 0;

-- empty: scalar subquery over empty table in arithmetic
select (select sum(amount) from stripe.disputes) + 1, coalesce((select max(amount) from stripe.disputes), 0);

-- empty: LEFT JOIN LATERAL over an empty table and aggregate
select count(*), count(d.id) from stripe.customers c left join lateral (select id from stripe.disputes where charge = c.id) d on true;

-- ============================================================ floats, numeric scales, arrays, time zones

-- floats: double precision output and arithmetic
select 0.1::float8 + 0.2::float8, 1::float8 / 3, power(2::float8, 0.5), 1e20::float8, 1e-7::float8, 123456789.123::float8, (-0.0)::float8, 1.5::real * 3;

-- floats: float aggregates and conversion to numeric
select avg(amount::float8), sum(amount::float8) / 7, (avg(amount::float8))::numeric(12, 3), stddev_free from (select amount, 1 as stddev_free from stripe.topups) t group by stddev_free;

-- floats: rounding floats to numeric scale and casting to integer
select round((amount / 7.0)::float8), (amount / 7.0)::float8::int, (amount::float8 / 7)::numeric(10, 2), cast(amount / 3.0 as real) from stripe.topups order by id;

-- numeric: division results and scales in expressions
select amount / 3.0, amount / 7, amount * 1.0 / 7, round(amount / 7.0, 4), (amount / 7.0)::numeric(10, 3), 22 / 7.0000 from stripe.topups order by id;

-- numeric: avg scales for different inputs
select avg(amount), avg(amount / 10.0), avg(amount::numeric(12, 2)), avg(amount / 3) from stripe.payouts;

-- numeric: large sums and products
select sum(amount * 1000000000), sum(amount::numeric * amount) from stripe.charges;

-- numeric: numeric comparison and equality with different scales
select 1.0 = 1, 1.10 = 1.1, 2.50 > 2.5, '1.0'::numeric = 1::bigint;

-- numeric: casts of numerics to text keep the scale
select 1.50::text, 2.0::numeric(5, 2)::text, (10 / 4.0)::text, round(2.5, 0)::text, 100::numeric(6, 1)::text;

-- dates: extract from a date and from a timestamptz
select extract(year from date '2025-03-04'), extract(dow from date '2025-03-04'), extract(epoch from date '2025-03-04'), extract(hour from timestamptz '2025-03-04 05:06:07+00');

-- dates: date_trunc on timestamptz and to_char of timestamptz
select date_trunc('day', timestamptz '2025-03-04 05:06:07+00'), to_char(timestamptz '2025-03-04 05:06:07+00', 'YYYY-MM-DD HH24:MI TZ');

-- dates: timestamp to timestamptz conversions at UTC
select created::timestamptz, (created::timestamptz)::timestamp = created, created at time zone 'UTC' at time zone 'UTC' from stripe.topups order by id;

-- dates: justify_interval and interval comparisons with normalisation
select justify_interval(interval '1 month -1 hour'), justify_interval(interval '1 mon 2 days -50 hours'), justify_interval(interval '-1 mon 40 days 25 hours'), interval '30 days' = interval '1 month', interval '24 hours' = interval '1 day', interval '1 day' > interval '23 hours';

-- dates: make_timestamp free constructions: date + time
select date '2025-01-01' + time '10:30', date '2025-01-01' + interval '10 hours', (time '10:00' + interval '90 minutes')::text;

-- dates: to_timestamp of fractional epochs and epoch roundtrip
select to_timestamp(1700000000.5)::text, extract(epoch from to_timestamp(1700000000)), to_timestamp(0)::date;

-- dates: ordering and grouping by date of timestamps
select created::date, count(*) from stripe.events group by 1 order by 1 desc limit 5;

-- strings: string_to_array with NULL string and array functions
select array_length(string_to_array('a,b,c', ','), 1), cardinality(array[1, 2, 3]), (string_to_array('x y z', ' '))[2], array_to_string(array[1, 2, 3], ', ');

-- strings: repeat, lpad with multibyte characters and char_length vs octet_length
select repeat('é', 3), lpad('é', 4, 'ü'), char_length('héllo'), octet_length('héllo'), length('日本');

-- strings: regexp_match returning NULL and arrays
select regexp_match('abc', 'x'), regexp_match('cus_123', '([a-z]+)_([0-9]+)'), (regexp_match(email, '^([^.]+)\.'))[1] from stripe.customers order by id limit 3;

-- strings: overlay, strpos and substring edge positions
select overlay('abcdef' placing 'XY' from 3), overlay('abcdef' placing '' from 2 for 2), substring('abcdef' from -1 for 3), substring('abcdef' from 5);

-- strings: quoted identifiers and mixed-case aliases
select id as "ID", amount as "Amount In Cents", currency "cur" from stripe.topups order by "ID" limit 3;

-- arrays: array literals, subscripts and ANY over arrays
select (array[10, 20, 30])[2], (array['a', 'b'])[3], 20 = any(array[10, 20]), 5 > all(array[1, 2, 3]), 'x' = any('{a,b,x}'::text[]);

-- arrays: unnest with ordinality and array_agg roundtrip
select u, n from unnest(array['c', 'a', 'b']) with ordinality as t(u, n) order by n;

-- arrays: comparison of arrays and array containment free ops
select array[1, 2] = array[1, 2], array[1, 2] < array[1, 3], array_length(array[]::int[], 1), array[1, null, 3];

-- windows: window over a grouped query with HAVING and ORDER BY on the window
select currency, count(*) as n, rank() over (order by count(*) desc, currency) as r from stripe.charges group by currency having count(*) > 0 order by r;

-- windows: lag/lead over a partition with nulls and ignore defaults
select id, customer, lead(total) over (partition by customer order by id), lag(total, 1, 0::bigint) over (partition by customer order by id) from stripe.invoices order by customer nulls first, id;

-- windows: sum over rows frame with numeric division
select id, round(avg(amount) over (order by id rows between 1 preceding and 1 following), 2) from stripe.charges order by id limit 10;

-- subqueries: correlated subquery in HAVING
select customer, sum(total) from stripe.invoices i group by customer having sum(total) > (select avg(total) from stripe.invoices j where j.customer is not distinct from i.customer) * 0 order by customer nulls first;

-- subqueries: NOT EXISTS with correlated multi-condition
select p.id from stripe.prices p where not exists (select 1 from stripe.subscriptions s, jsonb_array_elements(s.attrs->'items'->'data') it where it->'price'->>'id' = p.id) order by p.id;

-- subqueries: scalar subquery returning a JSON value
select id, (select jsonb_agg(pr.id order by pr.id) from stripe.prices pr where pr.product = p.id) from stripe.products p order by id;

-- misc: LIMIT with an expression and OFFSET beyond the end
select id from stripe.customers order by id limit 2 + 1 offset 1;

-- misc: OFFSET beyond the end gives nothing
select id from stripe.customers order by id offset 1000;

-- misc: ORDER BY a column alias that shadows a table column
select amount * -1 as amount, id from stripe.topups order by amount, id;

-- misc: select star from a join and a subquery star
select * from (select id, amount from stripe.topups) t join (select id as tid, currency from stripe.topups) u on u.tid = t.id order by t.id;

-- ============================================================ syntax forms and operator precedence

-- json: #> and #>> written without spaces
select id, attrs#>'{lines,data,0,id}' as a, attrs#>>'{lines,data,0,id}' as b from stripe.invoices order by id limit 3;

-- operators: precedence and associativity of ||, =, NOT, -, *, %, /
select 'a' || 'b' = 'ab', not 1 = 2, 1 - 2 - 3, 2 * 3 % 4, 8 / 2 / 2, -2 * -3;

-- misc: FETCH FIRST n ROWS ONLY
select id from stripe.customers order by id fetch first 3 rows only;

-- misc: OFFSET n ROWS FETCH NEXT n ROWS ONLY
select id from stripe.customers order by id offset 2 rows fetch next 2 rows only;

-- aggregates: GROUP BY () is one group
select count(*) from stripe.customers group by ();

-- misc: VALUES as a query with ORDER BY
values (2, 'b'), (1, 'a') order by 1;

-- cte: WITH ... AS MATERIALIZED
with t as materialized (select id from stripe.topups) select count(*) from t;

-- cte: WITH ... AS NOT MATERIALIZED
with t as not materialized (select id from stripe.topups) select count(*) from t;

-- distinct: DISTINCT ON an ordinal
select distinct on (1) currency, id from stripe.charges order by 1, 2;

-- misc: qualified star of a derived table
select x.* from (select 1 as a, 2 as b) x;

-- strings: SIMILAR TO
select 'abc' similar to 'a%', 'abc' similar to '(a|x)bc';

-- basics: NOT BETWEEN and NOT over a comparison
select id, amount from stripe.charges where amount not between 1000 and 2000 and not (amount > 100000) order by id;

-- dates: date plus integer and date minus date
select cast('2024-01-01' as date) + 1, '2024-01-01'::date - '2023-12-25'::date;

-- strings: escape strings, doubled quotes and dollar quoting
select e'a\nb', E'tab\there', 'it''s', $$dollar 'quoted'$$;

-- basics: reserved words as quoted labels
select 1 as "select", 2 as "from";

-- types: casts between booleans, integers and text
select true::int, 1::boolean, 'yes'::boolean, 'off'::boolean;

-- floats: NaN and infinities
select 'NaN'::float8, 'infinity'::float8 > 1e308, '-Infinity'::float8;

-- arrays: concatenation with elements
select array[1, 2] || 3, 0 || array[1];

-- basics: generate_series with a negative step
select x from generate_series(10, 1, -3) x;

-- basics: a set-returning function in the select list
select generate_series(1, 3);

-- json: jsonb_array_elements in the select list
select jsonb_array_elements('[1, 2, 3]'::jsonb);

-- joins: self-join by id in WHERE
select count(*) from stripe.customers c1, stripe.customers c2 where c1.id = c2.id;

-- strings: min and max by code point
select min(x), max(x) from (values ('b'), ('B'), ('a'), ('_')) t(x);

-- strings: regular expression classes, escapes and embedded options
select 'x' ~ '[[:alpha:]]', 'A1' ~ '^\w\d$', 'aXb' ~ 'a.b', 'ab' ~ '(?i)AB';

-- strings: regexp_replace replaces the first match unless 'g'
select regexp_replace('a.b.c', '.', '-'), regexp_replace('a.b.c', '\.', '-', 'g');

-- numbers: numeric and real division
select 10::numeric / 4, 10 / 4::numeric, 10::float4 / 4;

-- types: numbers as text
select length(1234::text), 1234::text || 5678;

-- dates: date_trunc of a date and of a timestamptz
select date_trunc('month', date '2024-05-17'), date_trunc('month', timestamptz '2024-05-17 10:00+00');

-- dates: extract with fractional seconds
select extract(epoch from timestamp '2024-01-01 00:00:00.123456'), extract(microseconds from interval '1.5 seconds');

-- dates: offsets in timestamptz input and ignored in timestamp input
select '2024-01-01 10:00:00+02'::timestamptz, '2024-01-01 10:00:00+02'::timestamp;

-- dates: timestamp compared with timestamptz at UTC
select timestamp '2024-01-01 10:00:00' = timestamptz '2024-01-01 10:00:00+00';

-- dates: interval equality normalises days and months
select interval '1 day' = interval '24 hours', interval '1 mon' = interval '30 days', interval '1 year' > interval '360 days';

-- ============================================================ numeric math

-- numbers: sqrt of numerics keeps Postgres' result scale
select sqrt(2.0), sqrt(16.0), sqrt(0.5), sqrt(1234567.89), sqrt(0.0001), sqrt(0.0), sqrt(100), sqrt(2.000000);

-- numbers: exp of numerics
select exp(1.0), exp(0.0), exp(-1.5), exp(10.0), exp(0.001), exp(100.5), exp(-20.0);

-- numbers: ln of numerics, also close to 1
select ln(10.0), ln(2.0), ln(1.0), ln(0.5), ln(1.0000001), ln(1234567.891), ln(0.00001), ln(1.05);

-- numbers: log of numerics, base 10 and any base
select log(100.0), log(2.0), log(1000.0), log(0.001), log(2.0, 8.0), log(10.0, 0.5), log10(5.0);

-- numbers: power of numerics with integer and fractional exponents
select power(1.05, 12), power(2.0, 0.5), power(2.0, 10), power(10.0, -2), power(1.5, 3.5), power(0.5, 2), power(2.5, 0), power(-2.0, 3), pow(3.0, 2.0);

-- numbers: numeric math over columns
select sqrt(amount::numeric), ln(amount::numeric), power(amount / 100.0, 2), exp(amount / 100000.0) from stripe.topups order by id;

-- numbers: numeric math with long results
select power(1.0001, 365), power(9.99, 9.99), sqrt(9999999999.9999), exp(2.302585092994046), ln(2.718281828459045);

-- numbers: ln and power around the 0.9 to 1.1 estimate boundaries
select ln(0.9), ln(1.1), ln(0.89999), ln(1.10001), log(0.9, 1.1), exp(-0.0001), power(0.9, 0.1), power(123.456, -3.3);

-- numbers: numeric math with very large and very small results
select sqrt(1e-20::numeric), exp(50.0), ln(1e50::numeric), power(2.0, 100), power(1.1, 1000);

-- numbers: the ^ operator binds tighter than * and / and associates to the left
select 2 ^ 10, 2 * 3 ^ 2, 2 ^ 3 ^ 2, -2 ^ 2, (2 * 3) ^ 2, 100 / 10 ^ 2 * 7, 2.0 ^ 0.5, 1.05 ^ 12, 2 ^ -1, 4 ^ 0.5 * 3 + 1;

-- numbers: ^ over columns and numerics
select amount ^ 2, (amount / 100.0) ^ 2, sqrt(amount ^ 2) from stripe.topups order by id;

-- numbers: to_char of numerics with 9, 0, decimal point, groups, S, MI, PR, FM and text over positive, negative, zero, rounded-to-zero and overflowing values
select f, to_char(v, f) from (values ('999'),('9.99'),('0.99'),('FM999'),('FM9.99'),('FM0.00'),('990.00'),('S999.9'),('999.9S'),('999MI'),('FM999MI'),('999PR'),('FM999PR'),('9,999'),('FM9,999'),('0,000'),('"$"999.99'),('9 9 9'),('FM90.99'),('FM9990.0099'),('MI999'),('999.'),('FM999.'),('.99'),('S0.99'),('FM999,999,990.00'),('9G999D99'),('FM$999,990.00'),('0000'),('FM0000'),('99.99%')) fm(f) cross join (values (0::numeric), (0.5), (-0.5), (5), (-5), (12.345), (-12.345), (1234.5), (0.004), (999.999), (-0.004), (1000000)) vals(v);

-- numbers: to_char formatting money amounts of charges
select id, to_char(amount / 100.0, 'FM999,999,990.00'), to_char(amount, '999,999'), to_char(-amount, 'S9999999'), to_char(amount, 'FM9999999PR') from stripe.charges order by id;

-- numbers: to_char of aggregates
select to_char(sum(amount) / 100.0, 'FM999,999,999.00') as revenue, to_char(avg(amount), '99999.9') from stripe.charges where status = 'succeeded';

-- windows: WINDOW clause with named windows used by several functions
select id, row_number() over w as n, sum(amount) over w2 as moving, rank() over w as r from stripe.topups window w as (order by id), w2 as (partition by currency order by id rows between 1 preceding and current row) order by id;

-- windows: a named window in a subquery and another in the outer query
select t.id, t.n, dense_rank() over byamount from (select id, amount, row_number() over w as n from stripe.payouts window w as (order by created, id)) t window byamount as (order by amount desc) order by t.id;

-- catalogs: information_schema.tables names every table of schema stripe (table_type differs: the mirror's are ordinary tables, the driver's FOREIGN)
select table_catalog is not null as has_catalog, table_schema, table_name from information_schema.tables where table_schema = 'stripe' order by table_name;

-- catalogs: information_schema.columns gives every column of schema stripe its Postgres data_type, udt_name, precision and position
select table_name, column_name, ordinal_position, is_nullable, data_type, udt_schema, udt_name, character_maximum_length, numeric_precision, numeric_precision_radix, numeric_scale, datetime_precision from information_schema.columns where table_schema = 'stripe' order by table_name, ordinal_position;

-- catalogs: information_schema.schemata and pg_namespace know the schemas a tool asks for, with Postgres' fixed oids
select s.schema_name, n.nspname is not null as in_pg_namespace, case when n.nspname in ('public', 'pg_catalog') then n.oid::bigint end as fixed_oid from information_schema.schemata s left join pg_catalog.pg_namespace n on n.nspname = s.schema_name where s.schema_name in ('stripe', 'public', 'pg_catalog', 'information_schema') order by 1;

-- catalogs: pg_class with pg_namespace lists the relations of schema stripe, unqualified names resolved through pg_catalog
select c.relname, c.relnatts, c.relpersistence from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'stripe' order by c.relname;

-- catalogs: pg_attribute joined to pg_class and pg_type, as psql's \d reads a table's columns
select c.relname, a.attname, a.attnum, t.typname, a.attlen, a.atttypmod, a.attnotnull, a.attisdropped from pg_catalog.pg_attribute a join pg_catalog.pg_class c on c.oid = a.attrelid join pg_catalog.pg_namespace n on n.oid = c.relnamespace join pg_catalog.pg_type t on t.oid = a.atttypid where n.nspname = 'stripe' and a.attnum > 0 order by c.relname, a.attnum;

-- catalogs: pg_type holds the built-in types with Postgres' oids, lengths and categories
select oid::bigint as oid, typname, typlen, typbyval, typcategory, typelem::bigint as typelem, typarray::bigint as typarray from pg_type where typname in ('bool', 'int2', 'int4', 'int8', 'text', 'varchar', 'numeric', 'float8', 'timestamp', 'timestamptz', 'date', 'jsonb', 'json', 'uuid', 'interval', '_text', '_int8') order by typname;

-- catalogs: pg_typeof names a value's type as Postgres does
select pg_typeof(1)::text, pg_typeof(1.5)::text, pg_typeof('a'::text)::text, pg_typeof(true)::text, pg_typeof(count(*))::text, pg_typeof(max(created))::text from stripe.customers;

-- ============================================================ decorrelated subqueries (semi and anti joins)

-- semi join: correlated EXISTS with a condition on both rows
select c.id from stripe.customers c where exists (select 1 from stripe.charges ch where ch.customer = c.id and ch.amount > length(c.email) * 100) order by c.id;

-- semi join: EXISTS with LIMIT 1 inside
select c.id from stripe.customers c where exists (select 1 from stripe.charges ch where ch.customer = c.id limit 1) order by c.id;

-- anti join: NOT EXISTS keeps the rows whose key is NULL
select i.id from stripe.invoices i where not exists (select 1 from stripe.subscriptions s where s.id = i.subscription) order by i.id;

-- anti join: NOT (EXISTS ...)
select c.id from stripe.customers c where not (exists (select 1 from stripe.invoices i where i.customer = c.id and i.status = 'paid')) order by c.id;

-- semi join: correlated IN
select c.id from stripe.customers c where 'failed' in (select ch.status from stripe.charges ch where ch.customer = c.id) order by c.id;

-- semi join: correlated IN whose value is NULL for some rows
select i.id from stripe.invoices i where i.subscription in (select s.id from stripe.subscriptions s where s.customer = i.customer) order by i.id;

-- semi join: uncorrelated IN of numbers
select id from stripe.charges where amount in (select amount from stripe.refunds) order by id;

-- semi join: uncorrelated IN of ids (pushed as id = ANY of the subquery's values)
select id, email from stripe.customers where id in (select customer from stripe.charges where status = 'failed') order by id;

-- semi join: IN of ids under NOT NOT
select id from stripe.customers c where not (c.id not in (select customer from stripe.subscriptions where status = 'canceled')) order by id;

-- anti join: correlated NOT IN (NULL-aware)
select c.id from stripe.customers c where 'succeeded' not in (select ch.status from stripe.charges ch where ch.customer = c.id) order by c.id;

-- anti join: correlated NOT IN whose value is NULL for some rows
select i.id from stripe.invoices i where i.subscription not in (select s.id from stripe.subscriptions s where s.customer = i.customer) order by i.id;

-- anti join: NOT IN of a nullable column against a set without NULL
select id from stripe.invoices where subscription not in (select id from stripe.subscriptions where status = 'canceled') order by id;

-- anti join: NOT (x IN ...)
select id from stripe.customers c where not (c.id in (select customer from stripe.subscriptions)) order by id;

-- anti join: NOT IN whose subquery has no row keeps every row, NULLs included
select id, subscription from stripe.invoices where subscription not in (select id from stripe.subscriptions where false) order by id;

-- anti join: under a join in the outer block
select c.id, ch.id from stripe.customers c join stripe.charges ch on ch.customer = c.id where not exists (select 1 from stripe.refunds r where r.charge = ch.id) order by ch.id;

-- semi join: on a key of another type than text
select p.id from stripe.prices p where exists (select 1 from stripe.products pr where pr.id = p.product and pr.active) order by p.id;

-- semi join: two subqueries in one WHERE
select c.id from stripe.customers c where exists (select 1 from stripe.charges ch where ch.customer = c.id) and not exists (select 1 from stripe.subscriptions s where s.customer = c.id) order by c.id;

-- ============================================================ correlated subqueries with their rows fetched ahead

-- prefetch: a correlated max(created), read in order from the rows fetched ahead
select c.id, (select max(ch.created) from stripe.charges ch where ch.customer = c.id) as newest from stripe.customers c order by c.id;

-- prefetch: the newest charge of each customer by ORDER BY ... LIMIT 1
select c.id, (select ch.id from stripe.charges ch where ch.customer = c.id order by ch.created desc, ch.id limit 1) as last_charge from stripe.customers c order by c.id;

-- prefetch: a correlated count in WHERE
select c.id from stripe.customers c where (select count(*) from stripe.charges ch where ch.customer = c.id and ch.status = 'succeeded') > 1 order by c.id;

-- prefetch: a correlated count with a condition on both rows
select i.id, (select count(*) from stripe.charges ch where ch.customer = i.customer and ch.amount > i.total) as larger from stripe.invoices i order by i.id;

-- prefetch: a correlated scalar subquery whose key is NULL for some rows
select i.id, (select s.status from stripe.subscriptions s where s.id = i.subscription) as subscription_status from stripe.invoices i order by i.id;

-- prefetch: two correlated subqueries in one select list
select c.id, (select count(*) from stripe.invoices i where i.customer = c.id) as invoices, (select coalesce(sum(ch.amount), 0) from stripe.charges ch where ch.customer = c.id) as charged from stripe.customers c order by c.id;

-- functions: format with %s, %I, %L, positions and widths over customer columns
select id, format('%s <%s>', name, email) as who, format('%-12s|%3s|%1$s', attrs->>'currency', attrs->>'balance') as padded, format('%I.%I %L', 'stripe', 'Customers', description) as quoted from stripe.customers order by id;

-- functions: to_hex, md5, to_date, to_timestamp(text, text) and to_number
select id, to_hex(amount) as hex, md5(id) as digest, to_date(to_char(created, 'YYYY-MM-DD'), 'YYYY-MM-DD') as day, to_timestamp(to_char(created, 'DD Mon YYYY HH12:MI:SS AM'), 'DD Mon YYYY HH12:MI:SS AM') as again, to_number(to_char(amount, 'FM999,999,999'), '999G999G999') as n from stripe.charges order by id;

-- functions: regexp_matches with the g flag, one row per match
select id, regexp_matches(email, '[a-z]+', 'g') as part from stripe.customers where id < 'cus_5' order by id, part;

-- functions: regexp_split_to_table in FROM and in the select list
select c.id, p.piece from stripe.customers c, regexp_split_to_table(c.name, '\s+') as p(piece) order by c.id, p.piece;

-- functions: date_bin of created into 6-hour bins, counted
select date_bin('6 hours', created, timestamp '2020-01-01 03:00') as bin, count(*) as n from stripe.customers group by 1 order by 1;

-- functions: make_timestamp and make_timestamptz from extracted fields
select id, make_timestamp(extract(year from created)::int, extract(month from created)::int, 1, 0, 0, 0) as month_start, make_timestamptz(2024, 7, 1, 12, 30, 15.25, 'Europe/Paris') as paris from stripe.customers order by id;

-- json: jsonb_set, jsonb_insert and jsonb_strip_nulls on customer objects
select id, jsonb_set(attrs->'address', '{city}', to_jsonb(upper(attrs->'address'->>'city'))) as addr, jsonb_set(attrs->'metadata', '{tier,level}', '1') as missing_parent, jsonb_insert(attrs->'preferred_locales', '{0}', '"xx"') as locales, jsonb_strip_nulls(attrs->'address') as stripped from stripe.customers order by id;

-- json: jsonb_path_query with filters (comparison, starts with, like_regex, exists, && and ||)
select i.id, l.item from stripe.invoices i, jsonb_path_query(i.attrs, '$.lines.data[*] ? (@.amount > 10000 && (@.price.recurring.interval == "month" || !(exists(@.price.recurring)))).price.nickname') as l(item) order by i.id, l.item::text;

-- json: jsonb_path_exists, jsonb_path_match and jsonb_path_query_array with filters
select id, jsonb_path_exists(attrs, '$.address ? (@.country == "US" && @.city starts with "San")') as us_san, jsonb_path_match(attrs, '$.balance == 0') as zero, jsonb_path_query_array(attrs, '$.preferred_locales[*] ? (@ like_regex "^e" flag "i")') as e_locales from stripe.customers order by id;

-- aggregates: stddev, variance and their _samp/_pop forms over bigint give numeric, per currency
select currency, stddev(amount) as sd, stddev_samp(amount) as sds, stddev_pop(amount) as sdp, variance(amount) as v, var_samp(amount) as vs, var_pop(amount) as vp, count(*) as n from stripe.charges group by currency order by currency;

-- aggregates: statistics over numeric and double precision arguments, and of one row (sample forms are NULL)
select stddev(amount / 100.0) as sd_numeric, var_pop(amount::float8 / 3) as vp_double, stddev_samp(amount::real) as sd_real, var_samp(x) as one_row from stripe.charges, (values (1)) v(x) where amount > 0;

-- aggregates: corr, covar_samp/pop and regr_* of invoice totals against their subtotals
select corr(total, (attrs->>'subtotal')::bigint) as r, covar_samp(total, (attrs->>'amount_paid')::int) as cs, covar_pop(total, (attrs->>'amount_paid')::int) as cp, regr_count(total, period_start::date - date '2020-01-01') as n, regr_slope(total, extract(day from period_start)) as slope, regr_intercept(total, extract(day from period_start)) as icpt, regr_r2(total, extract(day from period_start)) as r2, regr_sxx(total, extract(day from period_start)) as sxx, regr_syy(total, extract(day from period_start)) as syy, regr_sxy(total, extract(day from period_start)) as sxy, regr_avgx(total, extract(day from period_start)) as ax, regr_avgy(total, extract(day from period_start)) as ay from stripe.invoices;

-- aggregates: bool_and, bool_or, every, bit_and, bit_or per status
select status, bool_and(amount > 1000) as all_big, bool_or(amount > 100000) as any_huge, every(currency = 'usd') as all_usd, bit_and(amount) as band, bit_or(amount::int) as bor, bit_or((amount % 1000)::smallint) as bor_small from stripe.charges group by status order by status;

-- aggregates: jsonb_agg and jsonb_object_agg
select currency, jsonb_agg(amount order by id) as amounts, jsonb_object_agg(id, amount) as by_id from stripe.charges where amount > 50000 group by currency order by currency;

-- aggregates: percentile_cont, percentile_disc and mode() WITHIN GROUP per currency
select currency, percentile_cont(0.5) within group (order by amount) as median, percentile_cont(0.9) within group (order by amount desc) as p90_desc, percentile_disc(0.5) within group (order by amount) as disc, percentile_disc(0.25) within group (order by created) as first_quarter, mode() within group (order by status) as usual_status from stripe.charges group by currency order by currency;

-- aggregates: percentile_cont over an interval and an ordered-set aggregate over no rows
select percentile_cont(0.5) within group (order by now() - created) is not null as has_age, percentile_cont(0.5) within group (order by amount) as none from stripe.charges where amount < 0;

-- names: keywords Postgres accepts as aliases and column names (window, semi, number, current), localtimestamp
select n.number, n.semi, n.window, n.current, localtimestamp is not null as has_now from (select id as number, email as semi, name as window, created as current from stripe.customers) n order by n.number;

-- arrays: array_position, array_positions, array_upper, array_lower, cardinality over literals and array_agg
select array_position(array['a', 'b', 'c', 'b'], 'b') as pos, array_position(array['a', 'b', 'c', 'b'], 'b', 3) as pos_from, array_position(array[1, null, 3], null) as null_pos, array_position('{1,2}'::int[], 5) as missing, array_positions(array[1, 2, 1], 1)::text as all_pos, array_upper(array[4, 5, 6], 1) as up, array_lower(array[4, 5], 1) as low, array_upper('{}'::int[], 1) as empty_up, cardinality(array[[1, 2], [3, 4]]) as cells;

-- arrays: array_append, array_prepend, array_cat and array_remove as text, and array_position over array_agg per currency
select currency, array_position(array_agg(status order by id), 'failed') as first_failed, array_append(array[1, 2], 3)::text as appended, array_prepend(0, array[1])::text as prepended, array_cat(array['a'], array['b', 'c'])::text as cat, array_remove(array[1, 2, 1], 1)::text as removed from stripe.charges group by currency order by currency;

-- arrays: slices of array_agg and of literals, open bounds, out-of-range and empty ranges, and a subscript of a slice
select currency, (array_agg(id order by id))[1:3] as first3, (array_agg(amount order by id))[2:2] as second, (array[1, 2, 3, 4])[3:] as tail, (array[1, 2, 3, 4])[:2] as head, (array[1, 2, 3])[0:10] as clamped, (array[1, 2, 3])[3:1] as empty, ((array[5, 6, 7])[2:3])[1] as first_of_slice from stripe.charges group by currency order by currency;

-- json: row_to_json, to_json and to_jsonb of a whole row of a subquery and of a table alias
select row_to_json(c) as j, to_jsonb(c) as jb, to_json(c)::text as t from (select id, email, created, (attrs->>'balance')::int as balance from stripe.customers) c order by c.id;

-- ============================================================ WITH RECURSIVE

-- recursive: a number series with UNION ALL and a column list
with recursive t(n) as (select 1 union all select n + 1 from t where n < 10) select n, n * n as square from t order by n;

-- recursive: UNION drops the rows already produced, which ends a cycle
with recursive t(n) as (select 1 union select (n % 4) + 1 from t) select n from t order by n;

-- recursive: the month series of a revenue report over stripe.charges, months without charges included
with recursive months(m) as (select date_trunc('month', min(created)) from stripe.charges union all select m + interval '1 month' from months where m < date_trunc('month', (select max(created) from stripe.charges))) select m, coalesce(sum(c.amount), 0) as revenue, count(c.id) as charges from months left join stripe.charges c on date_trunc('month', c.created) = m group by m order by m;

-- recursive: several WITH items, a plain one read by the recursive one, a text column grown at each step
with recursive ranked as (select id, row_number() over (order by id) as rn from stripe.customers), chain(rn, id, path) as (select rn, id, id::text from ranked where rn = 1 union all select r.rn, r.id, c.path || '>' || r.id from chain c join ranked r on r.rn = c.rn + 1 where c.rn < 4) select rn, id, path from chain order by rn;

-- recursive: the recursive term joins a foreign table (each customer's charges added to a running total)
with recursive spend(customer, total, n) as (select c.id, 0::numeric, 0 from stripe.customers c union all select s.customer, s.total + ch.amount, s.n + 1 from spend s join stripe.charges ch on ch.customer = s.customer where s.n < 1) select customer, total, n from spend order by customer, n, total;

-- recursive: an item that names a later one, the recursive item read twice, and a scalar subquery on a foreign table in the recursive term
with recursive steps as (select n from series where n % 2 = 0), series(n) as (select 1 union all select n + 1 from series where n < (select count(*) from stripe.products)) select (select count(*) from steps) as even, (select max(n) from series) as last;

-- recursive: a LIMIT above an endless recursion stops it
with recursive t(n) as (select 1 union all select n + 1 from t) select n from t limit 5;

-- ============================================================ grouping sets

-- grouping sets: ROLLUP with grouping() in the select list, HAVING and ORDER BY
select currency, status, count(*) as n, sum(amount) as total, grouping(currency, status) as g from stripe.charges group by rollup (currency, status) having grouping(status) = 1 or count(*) > 1 order by grouping(currency, status), currency, status;

-- grouping sets: CUBE, the rolled-up keys NULL
select currency, status, count(*) as n, grouping(status, currency) as g from stripe.charges group by cube (currency, status);

-- grouping sets: GROUPING SETS after a plain key, an expression key and the empty set
select status, currency, customer is null as guest, count(*) as n, max(amount) as top from stripe.charges group by status, grouping sets ((currency), (customer is null), ());

-- grouping sets: nested GROUPING SETS, ROLLUP of a parenthesized pair, duplicate sets kept
select currency, status, count(*) as n from stripe.charges group by grouping sets (rollup ((currency, status)), (currency), (currency));

-- grouping sets: ROLLUP by positions of a month and a currency
select date_trunc('month', created) as month, currency, sum(amount) as total from stripe.charges group by rollup (1, 2) order by 1 nulls last, 2 nulls last;

-- grouping sets: GROUP BY () gives one row, even over no rows
select count(*) as n, sum(amount) as total from stripe.charges where amount < 0 group by ();

-- arrays: array_agg of each column type and the array functions keep the element type (compared as _int8, _bool...)
select currency, array_agg(amount order by id) as amounts, array_agg(created order by id) as times, array_agg(amount > 5000 order by id) as big, array_agg(amount::numeric / 100 order by id) as units, array_agg(created::date order by id) as days, array_append(array_agg(amount order by id), 1) as appended, array_prepend(0::bigint, array_agg(amount order by id)) as prepended, array_cat(array_agg(amount order by id), array[2::bigint]) as cat, array_remove(array_agg(status order by id), 'failed') as not_failed from stripe.charges group by currency order by currency;

-- arrays: element types through a derived table, a CTE, UNION ALL, unnest and subscripts
with per_currency as (select currency, array_agg(amount order by id) as amounts from stripe.charges group by currency) select currency, amounts, amounts[1] as first, (select sum(u) from unnest(amounts) u) as total, cardinality(amounts) as n from per_currency union all select 'none', array[1::bigint], 1::bigint, 1::numeric, 1 order by currency;

-- arrays: text arrays from string_to_array and regexp_match, and array_positions
select id, string_to_array(id, '_') as parts, regexp_match(id, '^([a-z]+)_(.)') as prefix, array_positions(array['a', 'b', 'a'], 'a') as positions, array[amount, amount * 2] as pair from stripe.charges order by id limit 5;

-- aggregates: FILTER after WITHIN GROUP on ordered-set aggregates
select currency, percentile_cont(0.5) within group (order by amount) filter (where status = 'succeeded') as median_paid, percentile_disc(0.5) within group (order by amount desc) filter (where amount > 1000) as disc_big, mode() within group (order by status) filter (where amount > 0) as usual, count(*) from stripe.charges group by currency order by currency;

-- json: the text of json_agg, json_object_agg, json_build_object and json_build_array as Postgres prints each, and of jsonb
select currency, json_agg(amount order by id) as amounts, json_agg(json_build_object('id', id, 'amount', amount) order by id) as objects, json_object_agg(id, amount order by id) as by_id, jsonb_agg(amount order by id) as amounts_b, jsonb_object_agg(id, amount) as by_id_b, json_build_array(currency, count(*), null, true) as arr, json_build_object('n', count(*), 'ids', json_agg(id order by id)) as nested from stripe.charges group by currency order by currency;

-- json: to_json of scalars, arrays and jsonb, row_to_json, and json values inside json builders
select id, to_json(amount) as n, to_json(array[amount, 1]) as arr, to_json(id) as s, to_json(attrs->'metadata') as from_jsonb, json_build_object('attrs', attrs->'metadata', 'pair', json_build_array(1, 'x'), 'when', created) as built, json_agg(amount) over (partition by currency order by id rows between unbounded preceding and current row) as running from stripe.charges order by id limit 8;

-- dates: to_char patterns of reports: FM and TH suffixes, day and month names in each case, D, ID, DDD, IW, IYYY, Q, RM, J, W, CC and lower-case numeric patterns
select id, to_char(created, 'FMDay, FMDDth FMMonth YYYY') as long_date, to_char(created, 'DAY DY Day Dy day dy') as days, to_char(created, 'MONTH MON Month Mon month mon') as months, to_char(created, 'D ID DDD IW IYYY Q') as numbers, to_char(created, 'RM rm FMRM') as roman, to_char(created, 'J W CC') as julian, to_char(created, 'DDTH ddth FMDDth yyyy-mm-dd hh24:mi') as ordinals, to_char(created, 'HH24:MI:SS.MS AM am P.M.') as times from stripe.charges order by id limit 12;

-- functions: to_number with sign templates and to_date with month names and the day of the year
select to_number('-12.5', 'S99.9') as signed, to_number('12.5-', '99.9MI') as trailing_minus, to_number('<12.5>', '99.9PR') as angle, to_number('1,234.5', '9G999D9') as grouped, to_date('05 March 2024', 'DD Month YYYY') as month_name, to_date('2024-063', 'YYYY-DDD') as day_of_year, to_date('20240305', 'YYYYMMDD') as compact;

-- ============================================================ subqueries over groups (HAVING, aggregated select list, ORDER BY)

-- semi join over groups: HAVING EXISTS correlated on a group key
select ch.customer, count(*) as n from stripe.charges ch group by ch.customer having exists (select 1 from stripe.customers c where c.id = ch.customer and c.email like '%example.com') order by ch.customer;

-- anti join over groups: HAVING NOT EXISTS keeps the NULL group
select ch.customer, count(*) as n from stripe.charges ch group by ch.customer having not exists (select 1 from stripe.customers c where c.id = ch.customer and c.email like '%example.com');

-- semi join over groups: HAVING key IN (subquery) and an aggregate condition
select ch.customer, sum(ch.amount) as total from stripe.charges ch group by ch.customer having ch.customer in (select i.customer from stripe.invoices i where i.status = 'paid') and count(*) >= 1;

-- anti join over groups: HAVING NOT IN with a NULL group key (unknown, dropped)
select ch.customer, count(*) as n from stripe.charges ch group by ch.customer having ch.customer not in (select c.id from stripe.customers c where c.email like '%example.com');

-- anti join over groups: HAVING NOT IN a subquery holding NULLs (every group unknown)
select ch.currency, count(*) as n from stripe.charges ch group by ch.currency having ch.currency not in (select i.subscription from stripe.invoices i);

-- semi join over groups: an aggregate result IN a subquery, duplicates in the subquery
select ch.customer, count(*) as n from stripe.charges ch where ch.customer is not null group by ch.customer having count(*) in (select count(*) from stripe.charges x group by x.status);

-- subqueries over groups: EXISTS in an OR stays per group
select ch.customer, count(*) as n from stripe.charges ch group by ch.customer having count(*) > 2 or exists (select 1 from stripe.customers c where c.id = ch.customer and c.name like 'A%');

-- subqueries over groups: correlated scalar subqueries in the select list and ORDER BY of an aggregated block
select ch.customer, count(*) as n, (select c.email from stripe.customers c where c.id = ch.customer) as email from stripe.charges ch group by ch.customer order by (select c.name from stripe.customers c where c.id = ch.customer) nulls last, ch.customer nulls last;

-- subqueries over groups: a correlated scalar subquery in HAVING, no group without rows
select ch.customer, count(*) as n from stripe.charges ch group by ch.customer having (select count(*) from stripe.invoices i where i.customer = ch.customer) >= count(*);

-- subqueries over groups: HAVING EXISTS without GROUP BY (one group, also when empty)
select count(*) as n from stripe.charges ch where ch.amount < 0 having not exists (select 1 from stripe.customers c where c.id = 'nobody');

-- join conditions: an EXISTS in JOIN ... ON evaluated per joined row
select c.id, ch.id as charge from stripe.customers c join stripe.charges ch on ch.customer = c.id and exists (select 1 from stripe.refunds r where r.charge = ch.id) order by c.id, ch.id;

-- join conditions: an EXISTS in a LEFT JOIN ... ON stays per joined row (NULL-extended rows kept)
select c.id, ch.id as charge from stripe.customers c left join stripe.charges ch on ch.customer = c.id and exists (select 1 from stripe.refunds r where r.charge = ch.id) order by c.id, ch.id nulls first;

-- semi join over groups: HAVING EXISTS with ROLLUP (the total row's NULL key matches nothing)
select ch.customer, count(*) as n from stripe.charges ch group by rollup (ch.customer) having exists (select 1 from stripe.customers c where c.id = ch.customer and c.email like '%example.com');
