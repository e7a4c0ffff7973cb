package org.stripejdbc.stripe.objects;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * One action of a Stripe object: an endpoint of the {@link ApiDescription} that does something besides list,
 * retrieve, create, update and delete, most addressed by one object's id
 * ({@code POST /v1/invoices/{invoice}/finalize}), a few by none ({@code POST /v1/invoices/create_preview},
 * {@code GET /v1/account}) or by two
 * ({@code POST /v1/customers/{customer}/sources/{id}/verify}). {@link StripeActions} lists them per object; SQL calls
 * them with {@code stripe_action}.
 *
 * <p>Example, {@code StripeActions.find("invoices", "finalize")}:
 * <pre>
 *   name         finalize
 *   objectPath   invoices
 *   method       POST
 *   path         invoices/{}/finalize          ({} is where the id goes, relative to /v1/)
 *   parameters   auto_advance (boolean), expand
 *   danger       empty                         (pay: "charges the customer's payment method ...")
 *   testHelper   false                         (POST /v1/test_helpers/refunds/{}/expire: true)
 *   ids()        1                             (invoices create_preview: 0; customers verify_source: 2)
 *   writes()     true                          (GET ones and invoices create_preview, a preview: false)
 * </pre>
 *
 * @param name       the action's name in SQL: the path after the id with {@code /} as {@code _}
 *                   ({@code mark_uncollectible}, {@code shipping_deliver}); for an endpoint on the object's own path
 *                   (subscriptions' {@code cancel} is {@code DELETE /v1/subscriptions/{}}) or a DELETE, the
 *                   description's operation name in snake case ({@code cancel}, {@code delete_discount})
 * @param objectPath the object's API path ({@code invoices}, {@code issuing/cards})
 * @param method     {@code POST}, {@code DELETE} or {@code GET} (the object-less reads: {@code GET /v1/account})
 * @param path       the endpoint's path below {@code /v1/}, with {@code {}} where each id goes (none, one or two)
 * @param parameters the parameters the endpoint accepts, by name
 * @param danger     why the action moves money or cannot be undone, when it does ({@code allow_dangerous_writes})
 * @param testHelper whether the endpoint is one of Stripe's test helpers ({@code /v1/test_helpers/...}: test mode
 *                   only)
 * @param writes     whether it changes anything at Stripe (a read-only connection refuses it); false for the GET
 *                   endpoints and for {@code invoices create_preview}, which computes an invoice and stores nothing
 */
public record StripeAction(
        String name,
        String objectPath,
        String method,
        String path,
        Map<String, ApiParameter> parameters,
        Optional<String> danger,
        boolean testHelper,
        boolean writes) {
    /** The most ids a path has ({@code customers/{}/sources/{}/verify}). */
    public static final int MAX_IDS = 2;

    public StripeAction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(objectPath, "objectPath");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        Objects.requireNonNull(danger, "danger");
        if (path.split("\\{}", -1).length - 1 > MAX_IDS) {
            throw new IllegalArgumentException("an action's path has at most " + MAX_IDS + " {}: " + path);
        }
        if (!Set.of("POST", "DELETE", "GET").contains(method) || (method.equals("GET") && writes)) {
            throw new IllegalArgumentException("an action is a POST, a DELETE or a GET that writes nothing: " + method
                    + " " + path + (writes ? " (writes)" : ""));
        }
    }

    /** How many ids the path takes: 0 ({@code invoices/create_preview}), 1 or 2. */
    public int ids() {
        return path.split("\\{}", -1).length - 1;
    }

    /** The path before the first id ({@code invoices/} of {@code invoices/{}/finalize}); the path when it has none. */
    public String pathBeforeId() {
        return ids() == 0 ? path : path.substring(0, path.indexOf("{}"));
    }

    /** The path after the last id ({@code /finalize}; empty for {@code subscriptions/{}} and without an id). */
    public String pathAfterId() {
        return ids() == 0 ? "" : path.substring(path.lastIndexOf("{}") + 2);
    }

    /**
     * The path with {@code ids} in place of the {@code {}}s, each through {@code segment} (URL encoding):
     * {@code customers/cus_1/sources/ba_1/verify}. {@code ids} has {@link #ids()} elements.
     */
    public String path(List<String> ids, UnaryOperator<String> segment) {
        if (ids.size() != ids()) {
            throw new IllegalArgumentException(path + " takes " + ids() + " ids, not " + ids.size());
        }
        StringBuilder out = new StringBuilder();
        String[] parts = path.split("\\{}", -1);
        for (int i = 0; i < parts.length; i++) {
            out.append(parts[i]);
            if (i < ids.size()) {
                out.append(segment.apply(ids.get(i)));
            }
        }
        return out.toString();
    }

    /**
     * The endpoint as the API reference writes it: {@code POST /v1/invoices/{id}/finalize},
     * {@code POST /v1/customers/{customer}/sources/{id}/verify}, {@code POST /v1/invoices/create_preview}.
     */
    public String endpoint() {
        if (ids() == 2) {
            String parent = path.substring(0, path.indexOf('/'));
            String singular = parent.endsWith("s") ? parent.substring(0, parent.length() - 1) : parent;
            return method + " /v1/"
                    + path.replaceFirst("\\{}", "{" + singular + "}").replace("{}", "{id}");
        }
        return method + " /v1/" + path.replace("{}", "{id}");
    }

    /** How SQL calls it: {@code stripe_action(table, action, id [, parameters jsonb])} and the like. */
    public String signature(String table) {
        String ids = switch (ids()) {
            case 0 -> "";
            case 1 -> ", id text";
            default -> ", parent_id text, id text";
        };
        return "stripe_action('" + table + "', '" + name + "'" + ids + " [, parameters jsonb])";
    }

    /** The parameter names it accepts, sorted, for messages ({@code auto_advance, expand}). */
    public String parameterNames() {
        return parameters.isEmpty() ? "none" : String.join(", ", new TreeSet<>(parameters.keySet()));
    }
}
