package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Generates customers: people and companies with emails (about 3% sharing another customer's email, 2% without
 * one), addresses for most, a currency (usd 70%, eur 20%, gbp 10%), sometimes a phone, preferred locales and
 * metadata.
 *
 * <p>Example customer: {@code {"id":"cus_NffrFeUfNV2Hib","object":"customer","email":"jenny.rosen17@example.com",
 * "name":"Jenny Rosen","created":1680893993,"currency":"usd","livemode":false,"metadata":{},...}}.
 */
final class CustomerGenerator {
    private static final List<String> FIRST_LOCALS = locals(SampleNames.FIRST_NAMES);
    private static final List<String> LAST_LOCALS = locals(SampleNames.LAST_NAMES);
    private static final List<String> COMPANY_LOCALS = locals(SampleNames.COMPANIES);

    private final SampleContext context;

    CustomerGenerator(SampleContext context) {
        this.context = context;
    }

    void generate() {
        SampleRandom random = context.random("customers");
        for (int i = 0; i < context.sizes.customers(); i++) {
            long created = context.timeline.next(random);
            ObjectNode customer = context.start("customers", null);
            boolean company = random.chance(0.12);
            int first = random.nextInt(SampleNames.FIRST_NAMES.size());
            int last = random.nextInt(SampleNames.LAST_NAMES.size());
            int companyIndex = random.nextInt(SampleNames.COMPANIES.size());
            String name = company
                    ? SampleNames.COMPANIES.get(companyIndex)
                    : SampleNames.FIRST_NAMES.get(first) + " " + SampleNames.LAST_NAMES.get(last);
            String email;
            if (random.chance(0.02)) {
                email = null;
            } else if (i > 0 && random.chance(0.03)) {
                email = context.customers
                        .get(random.nextInt(context.customers.size()))
                        .email();
            } else {
                String local = company
                        ? "billing." + COMPANY_LOCALS.get(companyIndex)
                        : FIRST_LOCALS.get(first) + "." + LAST_LOCALS.get(last);
                email = local + (i + 1) + "@" + random.pick(SampleNames.EMAIL_DOMAINS);
            }
            String currency = random.weighted("usd", 70, "eur", 20, "gbp", 10);
            if (random.chance(0.6)) {
                ObjectNode address = customer.putObject("address");
                int city = random.nextInt(SampleNames.CITIES.size());
                address.put("city", SampleNames.CITIES.get(city));
                address.put(
                        "country",
                        city < 2 || city == 5 || city == 9
                                ? (city == 5 ? "CA" : "US")
                                : random.pickOf("GB", "DE", "FR", "NL", "IE", "AU"));
                address.put(
                        "line1",
                        (1 + random.nextInt(999)) + " "
                                + random.pickOf(
                                        "Market St",
                                        "Main Street",
                                        "Hauptstraße",
                                        "Rue de Rivoli",
                                        "King Street",
                                        "Canal Road"));
                address.put("line2", random.chance(0.2) ? "Suite " + (100 + random.nextInt(900)) : null);
                address.put("postal_code", random.digits(5));
                address.put("state", random.chance(0.5) ? random.pickOf("CA", "NY", "TX", "WA") : null);
            } else {
                customer.putNull("address");
            }
            customer.put("balance", random.chance(0.05) ? -random.between(100, 5000) : 0);
            customer.put("created", created);
            customer.put("currency", currency);
            customer.putNull("default_source");
            customer.put("delinquent", random.chance(0.04));
            customer.put(
                    "description",
                    random.chance(0.45)
                            ? null
                            : company
                                    ? "Business account: " + name
                                    : random.pickOf(
                                            "Signed up via website",
                                            "Imported from legacy billing",
                                            "Referred by a partner",
                                            "VIP customer",
                                            "Trial user"));
            customer.putNull("discount");
            customer.put("email", email);
            customer.put("invoice_prefix", random.upperAlphanumeric(8));
            ObjectNode invoiceSettings = customer.putObject("invoice_settings");
            invoiceSettings.putNull("custom_fields");
            invoiceSettings.put(
                    "default_payment_method", random.chance(0.7) ? SampleNames.paymentMethodId(random) : null);
            invoiceSettings.putNull("footer");
            invoiceSettings.putNull("rendering_options");
            customer.put("livemode", false);
            ObjectNode metadata = customer.putObject("metadata");
            if (random.chance(0.2)) {
                metadata.put("crm_id", "CRM-" + random.digits(6));
            }
            if (random.chance(0.1)) {
                metadata.put("tier", random.pickOf("gold", "silver", "bronze"));
            }
            customer.put("name", name);
            customer.put("next_invoice_sequence", 1 + random.nextInt(12));
            customer.put("phone", random.chance(0.3) ? "+1555" + random.digits(7) : null);
            ArrayNode locales = customer.putArray("preferred_locales");
            if (random.chance(0.3)) {
                locales.add(random.pickOf("en", "de", "fr", "es", "ja"));
            }
            customer.putNull("shipping");
            customer.put("tax_exempt", random.chance(0.03) ? "exempt" : "none");
            customer.putNull("test_clock");
            context.store("customers", customer, created, "customer.created");
            context.customers.add(
                    new SampleContext.CustomerRef(customer.get("id").textValue(), created, email, name, currency));
        }
    }

    private static List<String> locals(List<String> names) {
        return names.stream().map(name -> ascii(name).replace(' ', '-')).toList();
    }

    /** Lower-case ASCII for email addresses ({@code Müller} → {@code muller}, {@code O'Brien} → {@code obrien}). */
    static String ascii(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return decomposed
                .replaceAll("[^A-Za-z0-9 ]", "")
                .toLowerCase(Locale.ROOT)
                .trim();
    }
}
