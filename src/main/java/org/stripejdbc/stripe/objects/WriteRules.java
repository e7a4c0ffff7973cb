package org.stripejdbc.stripe.objects;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Stripe's API lets a request set on one object, and which of its writes are dangerous (they move money or
 * destroy an account), as data. The driver checks a statement against these rules before any request.
 *
 * <p>Example, charges:
 * <pre>
 *   computed   = {invoice, payment_intent, status}      never accepted: INSERT or UPDATE setting one is refused
 *   createOnly = {amount, currency}                     accepted when created; UPDATE setting one is refused
 *   dangerous  = {INSERT: "creates a real charge: it moves money from the customer"}
 *
 *   update stripe.charges set amount = 5 where id = 'ch_1'        → 428C9, before any request
 *   update stripe.charges set description = 'x' where id = 'ch_1' → POST /v1/charges/ch_1  description=x
 *   insert into stripe.charges (amount, currency, customer) ...   → refused unless the table has the option
 *                                                                   allow_dangerous_writes 'true'
 * </pre>
 * Every object also has the fields of {@link #ALWAYS_COMPUTED} ({@code object}, {@code livemode}, {@code created},
 * {@code updated}) as computed, and {@code id} as create-only (some objects accept a custom id when created, such as
 * products; Stripe never changes an id).
 *
 * @param computed   fields Stripe sets itself (besides {@link #ALWAYS_COMPUTED}): no request may set them
 * @param createOnly fields a create may set but an update cannot change (besides {@code id})
 * @param dangerous  per operation that moves money or destroys an account, why (one clause for messages and docs:
 *                   "creates a real charge: it moves money from the customer"). A dangerous UPDATE may still
 *                   change the fields of {@link #HARMLESS_UPDATE_FIELDS}.
 */
public record WriteRules(Set<String> computed, Set<String> createOnly, Map<Operation, String> dangerous) {
    /** The table option that allows the dangerous writes of an object. */
    public static final String ALLOW_DANGEROUS_WRITES = "allow_dangerous_writes";
    /** Fields no request of any object may set. */
    public static final Set<String> ALWAYS_COMPUTED = Set.of("object", "livemode", "created", "updated");
    /** Fields a dangerous UPDATE may still change without {@link #ALLOW_DANGEROUS_WRITES}. */
    public static final Set<String> HARMLESS_UPDATE_FIELDS = Set.of("description", "metadata");
    /** No restriction beyond the common fields. */
    public static final WriteRules DEFAULT = new WriteRules(Set.of(), Set.of(), Map.of());

    /** The writing statements, as the rules name them. */
    public enum Operation {
        INSERT,
        UPDATE,
        DELETE
    }

    /** Whether a field is set by Stripe and never by a request. */
    public enum FieldAccess {
        /** A request may set it (as far as the driver knows; the API still decides). */
        WRITABLE,
        /** Only a create may set it. */
        CREATE_ONLY,
        /** Stripe sets it; no request may. */
        COMPUTED
    }

    public WriteRules {
        computed = Set.copyOf(computed);
        createOnly = Set.copyOf(createOnly);
        dangerous = dangerous.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(dangerous));
    }

    /** Rules with these computed and create-only fields (and nothing dangerous). */
    public static WriteRules of(Set<String> computed, Set<String> createOnly) {
        return new WriteRules(computed, createOnly, Map.of());
    }

    /** A copy marking {@code operation} dangerous, for {@code reason}. */
    public WriteRules dangerous(Operation operation, String reason) {
        Map<Operation, String> all = new EnumMap<>(Operation.class);
        all.putAll(dangerous);
        all.put(Objects.requireNonNull(operation, "operation"), Objects.requireNonNull(reason, "reason"));
        return new WriteRules(computed, createOnly, all);
    }

    /**
     * How a request may set the top-level Stripe parameter {@code field} ({@code metadata} for
     * {@code metadata[a]}).
     */
    public FieldAccess access(String field) {
        if (ALWAYS_COMPUTED.contains(field) || computed.contains(field)) {
            return FieldAccess.COMPUTED;
        }
        if (field.equals("id") || createOnly.contains(field)) {
            return FieldAccess.CREATE_ONLY;
        }
        return FieldAccess.WRITABLE;
    }

    /** Why {@code operation} is dangerous on this object, if it is. */
    public Optional<String> danger(Operation operation) {
        return Optional.ofNullable(dangerous.get(operation));
    }

    /** Every field a request cannot set on UPDATE, sorted (for docs): id, the computed and create-only fields. */
    public Set<String> readOnlyOnUpdate() {
        Set<String> out = new TreeSet<>(ALWAYS_COMPUTED);
        out.add("id");
        out.addAll(computed);
        out.addAll(createOnly);
        return out;
    }
}
