package org.stripejdbc.stripe.objects;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One action of a Stripe object: an endpoint of the {@link ApiDescription} that does something to one object
 * besides create, update and delete, addressed by the object's id ({@code POST /v1/invoices/{invoice}/finalize}).
 * {@link StripeActions} lists them per object; SQL calls them with {@code stripe_action}.
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
 * </pre>
 *
 * @param name       the action's name in SQL: the path after the id with {@code /} as {@code _}
 *                   ({@code mark_uncollectible}, {@code shipping_deliver}); for an endpoint on the object's own path
 *                   (subscriptions' {@code cancel} is {@code DELETE /v1/subscriptions/{}}) or a DELETE, the
 *                   description's operation name in snake case ({@code cancel}, {@code delete_discount})
 * @param objectPath the object's API path ({@code invoices}, {@code issuing/cards})
 * @param method     {@code POST} or {@code DELETE}
 * @param path       the endpoint's path below {@code /v1/}, with {@code {}} where the id goes
 * @param parameters the parameters the endpoint accepts, by name
 * @param danger     why the action moves money or cannot be undone, when it does ({@code allow_dangerous_writes})
 * @param testHelper whether the endpoint is one of Stripe's test helpers ({@code /v1/test_helpers/...}: test mode
 *                   only)
 */
public record StripeAction(
        String name,
        String objectPath,
        String method,
        String path,
        Map<String, ApiParameter> parameters,
        Optional<String> danger,
        boolean testHelper) {
    public StripeAction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(objectPath, "objectPath");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        Objects.requireNonNull(danger, "danger");
        if (path.indexOf("{}") < 0 || path.indexOf("{}") != path.lastIndexOf("{}")) {
            throw new IllegalArgumentException("an action's path has exactly one {}: " + path);
        }
    }

    /** The path before the id ({@code invoices/} of {@code invoices/{}/finalize}). */
    public String pathBeforeId() {
        return path.substring(0, path.indexOf("{}"));
    }

    /** The path after the id ({@code /finalize}; empty for {@code subscriptions/{}}). */
    public String pathAfterId() {
        return path.substring(path.indexOf("{}") + 2);
    }

    /** The endpoint as the API reference writes it: {@code POST /v1/invoices/{id}/finalize}. */
    public String endpoint() {
        return method + " /v1/" + path.replace("{}", "{id}");
    }

    /** The parameter names it accepts, sorted, for messages ({@code auto_advance, expand}). */
    public String parameterNames() {
        return parameters.isEmpty() ? "none" : String.join(", ", new TreeSet<>(parameters.keySet()));
    }
}
