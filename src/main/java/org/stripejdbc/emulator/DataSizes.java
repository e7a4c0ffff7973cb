package org.stripejdbc.emulator;

import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * How much sample data the emulator generates. The counts are of the "root" objects; related objects follow
 * from them: 1-4 prices per product, 1-2 invoices per subscription (plus a one-off invoice for about one customer
 * in twenty), a payment intent and a charge per paid or failed invoice, a refund for about 7% and a dispute for
 * about 1.5% of successful charges, a balance transaction per money movement, 0-2 setup attempts per setup
 * intent, a mandate per successful off-session setup intent, a link for about half of the files, and an event for
 * a share of everything (about half as many events as customers with the default sizes).
 *
 * <p>Example: {@code DataSizes.forCustomers(300)} (the default) gives 300 customers, 150 subscriptions, 9
 * products, 90 standalone payment intents... {@code forCustomers(100_000)} keeps 100,000 customers but grows the
 * related objects more slowly past 2,000 customers (a fifth per further customer: most customers of a large
 * account never pay), so that it generates in a few seconds and a few hundred megabytes.
 *
 * @param customers        customers
 * @param products         products (with their prices)
 * @param subscriptions    subscriptions (with their invoices, payment intents and charges)
 * @param paymentIntents   payment intents not made by invoices (with their charges)
 * @param setupIntents     setup intents (with their attempts and mandates)
 * @param payouts          payouts
 * @param topups           top-ups
 * @param transfers        transfers to connected accounts (none when there are no accounts)
 * @param files            files (with their links)
 * @param tokens           tokens
 * @param accounts         connected accounts
 * @param meters           billing meters
 * @param checkoutSessions checkout sessions
 */
public record DataSizes(
        int customers,
        int products,
        int subscriptions,
        int paymentIntents,
        int setupIntents,
        int payouts,
        int topups,
        int transfers,
        int files,
        int tokens,
        int accounts,
        int meters,
        int checkoutSessions) {

    /** The default: 300 customers. */
    public static final int DEFAULT_CUSTOMERS = 300;

    /** The largest number of customers accepted. */
    public static final int MAXIMUM_CUSTOMERS = 2_000_000;

    public DataSizes {
        check("customers", customers, MAXIMUM_CUSTOMERS);
        check("products", products, 100_000);
        check("subscriptions", subscriptions, 2_000_000);
        check("paymentIntents", paymentIntents, 2_000_000);
        check("setupIntents", setupIntents, 1_000_000);
        check("payouts", payouts, 1_000_000);
        check("topups", topups, 1_000_000);
        check("transfers", transfers, 1_000_000);
        check("files", files, 1_000_000);
        check("tokens", tokens, 1_000_000);
        check("accounts", accounts, 10_000);
        check("meters", meters, 10_000);
        check("checkoutSessions", checkoutSessions, 1_000_000);
        if (subscriptions > 0 && (customers == 0 || products == 0)) {
            throw invalid("subscriptions need customers and products: " + subscriptions + " subscriptions, " + customers
                    + " customers, " + products + " products");
        }
    }

    /** Sizes derived from a number of customers (see the class comment). */
    public static DataSizes forCustomers(int customers) {
        check("customers", customers, MAXIMUM_CUSTOMERS);
        int paying = customers <= 2_000 ? customers : 2_000 + (customers - 2_000) / 5;
        int products = customers == 0 ? 0 : 6 + paying / 100;
        return new DataSizes(
                customers,
                products,
                customers == 0 ? 0 : paying / 2,
                paying * 3 / 10,
                paying / 5,
                12 + paying / 50,
                6 + paying / 100,
                8 + paying / 50,
                10 + paying / 50,
                10 + paying / 50,
                4,
                4,
                paying / 10);
    }

    /** The default sizes ({@value #DEFAULT_CUSTOMERS} customers). */
    public static DataSizes defaults() {
        return forCustomers(DEFAULT_CUSTOMERS);
    }

    /** Very small sizes for unit tests that only need a few objects of every kind. */
    public static DataSizes tiny() {
        return new DataSizes(12, 3, 8, 6, 4, 3, 2, 2, 3, 3, 2, 2, 3);
    }

    /** Roughly how many objects these sizes generate, for sizing the timeline's busy seconds. */
    int estimatedObjects() {
        return customers
                + products * 3
                + subscriptions * 6
                + paymentIntents * 3
                + setupIntents * 3
                + payouts * 2
                + topups * 2
                + transfers * 2
                + files * 2
                + tokens
                + accounts
                + meters
                + checkoutSessions;
    }

    private static void check(String name, int value, int maximum) {
        if (value < 0 || value > maximum) {
            throw invalid(name + " must be between 0 and " + maximum + ": " + value);
        }
    }

    private static StripeJdbcException invalid(String message) {
        return new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "Stripe emulator data sizes: " + message);
    }
}
