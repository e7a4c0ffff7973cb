package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Word lists and small value makers for realistic sample data (names, companies, products, cards). */
final class SampleNames {
    static final List<String> FIRST_NAMES = List.of(
            "Jenny", "Oliver", "Amelia", "Noah", "Sofia", "Liam", "Emma", "Lucas", "Mia", "Ethan", "Chloe", "Mateo",
            "Hannah", "Leo", "Zoe", "Arjun", "Yuki", "Fatima", "Lars", "Ines", "Marco", "Anika", "Tomas", "Priya",
            "Kenji", "Elena", "Omar", "Greta", "Diego", "Nora", "Samuel", "Ava", "Hugo", "Maya", "Felix", "Lena",
            "Ravi", "Clara", "Jonas", "Aisha");
    static final List<String> LAST_NAMES = List.of(
            "Rosen",
            "Smith",
            "Garcia",
            "Müller",
            "Rossi",
            "Dubois",
            "Nakamura",
            "Kowalski",
            "Johansson",
            "Silva",
            "Patel",
            "Nguyen",
            "Schmidt",
            "Martin",
            "Brown",
            "Wilson",
            "Moreau",
            "Fischer",
            "Tanaka",
            "Jensen",
            "Novak",
            "Costa",
            "Larsen",
            "Meyer",
            "Okafor",
            "Fernandez",
            "Kim",
            "Lopez",
            "Weber",
            "Andersen",
            "O'Brien",
            "Haddad",
            "Ivanova",
            "Bianchi",
            "Hughes",
            "Lindqvist",
            "Sato",
            "Dalton",
            "Reyes",
            "Walsh");
    static final List<String> COMPANIES = List.of(
            "Acme Corp",
            "Globex",
            "Initech",
            "Umbrella Labs",
            "Hooli",
            "Stark Industries",
            "Wayne Enterprises",
            "Tyrell Systems",
            "Soylent Foods",
            "Cyberdyne",
            "Vandelay Imports",
            "Wonka Confections",
            "Gringotts Advisory",
            "Oceanic Air",
            "Monarch Solutions",
            "Blue Sun Logistics");
    static final List<String> EMAIL_DOMAINS =
            List.of("example.com", "example.org", "example.net", "mail.example", "corp.example", "test.example");
    static final List<String> SUBSCRIPTION_PRODUCTS = List.of(
            "Starter Plan",
            "Growth Plan",
            "Pro Plan",
            "Business Plan",
            "Enterprise Plan",
            "Team Seats",
            "Analytics Add-on",
            "Priority Support",
            "Storage Pack",
            "API Access",
            "Premium Content",
            "Backup Service");
    static final List<String> ONE_TIME_PRODUCTS = List.of(
            "Onboarding Session",
            "T-shirt",
            "Hardware Key",
            "Consulting Hour",
            "Annual Report",
            "Training Course",
            "Gift Card",
            "Setup Fee",
            "Sticker Pack",
            "Conference Ticket");
    static final List<String> COUNTRIES = List.of("US", "US", "US", "GB", "DE", "FR", "CA", "NL", "IE", "AU");
    static final List<String> CITIES = List.of(
            "San Francisco",
            "New York",
            "London",
            "Berlin",
            "Paris",
            "Toronto",
            "Amsterdam",
            "Dublin",
            "Sydney",
            "Austin");
    private static final List<String> BRANDS =
            List.of("visa", "visa", "visa", "mastercard", "mastercard", "amex", "discover");

    private SampleNames() {}

    /** A card as Stripe shows it in charges, setup attempts and tokens. */
    static ObjectNode card(SampleRandom random) {
        ObjectNode card = JsonNodeFactory.instance.objectNode();
        String brand = random.pick(BRANDS);
        card.put("brand", brand);
        ObjectNode checks = card.putObject("checks");
        checks.putNull("address_line1_check");
        checks.putNull("address_postal_code_check");
        checks.put("cvc_check", random.chance(0.9) ? "pass" : "unchecked");
        card.put("country", random.pick(COUNTRIES));
        card.put("exp_month", 1 + random.nextInt(12));
        card.put("exp_year", 2026 + random.nextInt(6));
        card.put("fingerprint", random.alphanumeric(16));
        card.put("funding", random.weighted("credit", 70, "debit", 27, "prepaid", 3));
        card.put(
                "last4",
                brand.equals("amex")
                        ? "8431"
                        : random.pickOf("4242", "4444", "0005", "1881", "5556", "9424", "3155", "0077"));
        card.put("network", brand);
        return card;
    }

    /** An IPv4 address from the documentation ranges. */
    static String ipAddress(SampleRandom random) {
        String prefix = random.pickOf("192.0.2.", "198.51.100.", "203.0.113.");
        return prefix + (1 + random.nextInt(254));
    }

    /** A payment method id. */
    static String paymentMethodId(SampleRandom random) {
        return "pm_1" + random.alphanumeric(23);
    }
}
