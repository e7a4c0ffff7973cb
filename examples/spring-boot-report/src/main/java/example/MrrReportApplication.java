package example;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.stripejdbc.emulator.StripeEmulator;

/**
 * Monthly recurring revenue by product: subscriptions (their items, from {@code attrs}) joined to prices and
 * products, grouped and summed by the driver's local SQL engine, read through Spring's {@code JdbcTemplate}.
 */
@SpringBootApplication
public class MrrReportApplication {

    /** One line of the report. */
    record ProductMrr(String product, String name, String currency, long subscriptions, BigDecimal mrr) {
    }

    static final String MRR_BY_PRODUCT = """
            with items as (
              select s.id as subscription, item->'price'->>'id' as price, (item->>'quantity')::bigint as quantity
              from stripe.subscriptions s
              cross join lateral jsonb_array_elements(s.attrs->'items'->'data') as item
              where s.status in ('active', 'past_due')
            )
            select p.product, prod.name, p.currency,
                   count(distinct i.subscription) as subscriptions,
                   round(sum(i.quantity * p.unit_amount
                             * case p.attrs->'recurring'->>'interval'
                                 when 'day' then 365.25 / 12 when 'week' then 52.0 / 12
                                 when 'month' then 1 when 'year' then 1.0 / 12 end
                             / (p.attrs->'recurring'->>'interval_count')::int) / 100.0, 2) as mrr
            from items i
            join stripe.prices p on p.id = i.price
            join stripe.products prod on prod.id = p.product
            group by p.product, prod.name, p.currency
            order by p.currency, mrr desc
            """;

    public static void main(String[] args) {
        String key = System.getenv("STRIPE_API_KEY");
        StripeEmulator emulator = null;
        if (key == null || key.isBlank()) {
            emulator = StripeEmulator.builder().customers(300).start();
            System.setProperty("spring.datasource.url", "jdbc:stripe:mem:report?api_url=" + emulator.baseUrl());
            System.setProperty("spring.datasource.password", emulator.apiKey());
            System.out.println("No STRIPE_API_KEY: reporting on the built-in Stripe emulator's sample data.");
        }
        try {
            SpringApplication.run(MrrReportApplication.class, args).close();
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    @Bean
    CommandLineRunner report(JdbcTemplate jdbc) {
        return args -> {
            List<ProductMrr> rows = jdbc.query(MRR_BY_PRODUCT, (rs, rowNumber) -> new ProductMrr(
                    rs.getString("product"), rs.getString("name"), rs.getString("currency"),
                    rs.getLong("subscriptions"), rs.getBigDecimal("mrr")));
            System.out.println();
            System.out.printf("%-22s %-16s %-8s %13s %12s%n", "product", "name", "currency", "subscriptions", "MRR");
            for (ProductMrr row : rows) {
                System.out.printf("%-22s %-16s %-8s %13d %12s%n", row.product(), row.name(),
                        row.currency().toUpperCase(), row.subscriptions(), row.mrr());
            }
            Long active = jdbc.queryForObject(
                    "select count(*) from stripe.subscriptions where status = 'active'", Long.class);
            System.out.println();
            System.out.println(active + " active subscriptions (canceled ones are included in the table: "
                    + "the driver asks Stripe for status=all unless you filter on status).");
        };
    }
}
