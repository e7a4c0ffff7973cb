package org.stripejdbc.stripe.objects;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One Stripe object as data: everything IMPORT FOREIGN SCHEMA, the planner, the docs and the emulator need
 * to know about it. See {@link StripeObjects} for the registry.
 *
 * @param object          the table option {@code object}, which is also the API path under the base URL
 *                        ({@code checkout/sessions})
 * @param tableName       the table name IMPORT FOREIGN SCHEMA gives it ({@code checkout_sessions})
 * @param title           a human title ({@code Checkout Sessions})
 * @param description     one sentence for docs
 * @param columns         the known columns, in the FDW's order, without {@code attrs}
 * @param pushableFields  fields besides {@code id} whose equality becomes a list query parameter, in the FDW's
 *                        config order
 * @param shape           how responses become rows
 * @param listable        whether {@code GET /<object>} lists (false for tokens, mandates, which only retrieve)
 * @param retrievable     whether {@code GET /<object>/<id>} exists (false for balance)
 * @param requiredFilter  a field that the list endpoint requires as an equality ({@code setup_intent} for
 *                        setup_attempts), or null
 * @param rangeFields     the timestamp columns whose list parameter takes {@code [gt|gte|lt|lte]} ({@code created},
 *                        and for payouts also {@code arrival_date}), in the description's order
 * @param defaultListParameters parameters sent on every list call unless a condition on the same field is
 *                        pushed (subscriptions: {@code status=all}, so canceled ones are not silently missing)
 * @param writable        whether the FDW's documentation lists INSERT/UPDATE/DELETE for it (the API still
 *                        decides for other objects whose table has {@code rowid_column})
 * @param writes          which fields a request cannot set, and which writes move money or destroy an account
 * @param listParameters  every parameter the pinned version's list endpoint accepts ({@link ApiDescription}), by name;
 *                        a parameter not listed here is never sent
 * @param apiVersion      the {@code Stripe-Version} its table sends unless the server sets {@code api_version}: the
 *                        pinned version for the objects made from the description, null for the 24 of the original
 *                        FDW (the account's default)
 * @param parent          for a child table of a nested list ({@code invoice_line_items}, listed by
 *                        {@code GET /v1/invoices/{invoice}/lines}), its parent key; null for top-level tables
 */
public record StripeObject(
        String object,
        String tableName,
        String title,
        String description,
        List<StripeColumn> columns,
        List<String> pushableFields,
        Shape shape,
        boolean listable,
        boolean retrievable,
        String requiredFilter,
        List<String> rangeFields,
        Map<String, String> defaultListParameters,
        boolean writable,
        WriteRules writes,
        Map<String, ApiParameter> listParameters,
        String apiVersion,
        ParentKey parent) {

    /**
     * The parent of a child table: its key column ({@code invoice}), which is also the placeholder of the child's
     * path ({@code invoices/{invoice}/lines}), the parent's API path ({@code invoices}), the parent's resource name
     * ({@code invoice}), the child's resource name ({@code line_item}), and whether the parent's list can be walked
     * when no key is given ({@code GET /v1/invoices}, then each invoice's lines).
     */
    public record ParentKey(
            String column, String parentPath, String parentResource, String childResource, boolean walkable) {
        public ParentKey {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(parentPath, "parentPath");
            Objects.requireNonNull(parentResource, "parentResource");
            Objects.requireNonNull(childResource, "childResource");
        }

        /** The child's API path for one parent id, the id already encoded as a path segment. */
        public String childPath(String objectPath, String encodedParentId) {
            return objectPath.replace("{" + column + "}", encodedParentId);
        }
    }

    /** A top-level object (no parent). */
    public StripeObject(
            String object,
            String tableName,
            String title,
            String description,
            List<StripeColumn> columns,
            List<String> pushableFields,
            Shape shape,
            boolean listable,
            boolean retrievable,
            String requiredFilter,
            List<String> rangeFields,
            Map<String, String> defaultListParameters,
            boolean writable,
            WriteRules writes,
            Map<String, ApiParameter> listParameters,
            String apiVersion) {
        this(
                object,
                tableName,
                title,
                description,
                columns,
                pushableFields,
                shape,
                listable,
                retrievable,
                requiredFilter,
                rangeFields,
                defaultListParameters,
                writable,
                writes,
                listParameters,
                apiVersion,
                null);
    }

    /** How an API response becomes rows. */
    public enum Shape {
        /** A list object: one row per element of {@code data}; a retrieve: the object is one row. */
        STANDARD,
        /** The balance object: one row per entry of {@code available}, then of {@code pending}. */
        BALANCE
    }

    public StripeObject {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(tableName, "tableName");
        columns = List.copyOf(columns);
        pushableFields = List.copyOf(pushableFields);
        Objects.requireNonNull(shape, "shape");
        rangeFields = List.copyOf(rangeFields);
        defaultListParameters = Map.copyOf(defaultListParameters);
        Objects.requireNonNull(writes, "writes");
        listParameters = Collections.unmodifiableMap(new LinkedHashMap<>(listParameters));
    }

    /** A copy marked writable (documented INSERT/UPDATE/DELETE). */
    public StripeObject withWritable() {
        return withWriting(true, writes);
    }

    /** A copy with these write rules. */
    public StripeObject withWrites(WriteRules rules) {
        return withWriting(writable, rules);
    }

    private StripeObject withWriting(boolean writable, WriteRules writes) {
        return new StripeObject(
                object,
                tableName,
                title,
                description,
                columns,
                pushableFields,
                shape,
                listable,
                retrievable,
                requiredFilter,
                rangeFields,
                defaultListParameters,
                writable,
                writes,
                listParameters,
                apiVersion,
                parent);
    }

    /** Whether the list endpoint accepts {@code created[gt|gte|lt|lte]} (the parallel scan's slices need it). */
    public boolean createdFilter() {
        return rangeFields.contains("created");
    }

    /** Whether {@code field} is a timestamp column the list endpoint filters by ranges. */
    public boolean isRangeField(String field) {
        return rangeFields.contains(field);
    }

    /** The list parameter of that name, if the pinned version's list endpoint accepts it. */
    public Optional<ApiParameter> listParameter(String name) {
        return Optional.ofNullable(listParameters.get(name));
    }

    /**
     * The list parameters the pinned version's endpoint requires, paging aside, in the description's order: the
     * required filter ({@code setup_intent} of setup attempts), or what a computed child list needs
     * ({@code customer}, {@code end_time}, {@code start_time} of billing meter event summaries). A child table's
     * parent key is in the path, not here.
     */
    public List<String> requiredParameters() {
        return listParameters.values().stream()
                .filter(ApiParameter::required)
                .map(ApiParameter::name)
                .filter(name -> !DescribedObjects.PAGING.contains(name))
                .toList();
    }

    /** The known column of that name, if any. */
    public Optional<StripeColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Whether {@code field = value} can become a list query parameter. */
    public boolean isPushable(String field) {
        return pushableFields.contains(field);
    }

    /** Whether the object has an {@code id} column (all but balance). */
    public boolean hasId() {
        return column("id").isPresent();
    }

    /** The set of column names, for quick membership tests. */
    public Set<String> columnNames() {
        return columns.stream().map(StripeColumn::name).collect(Collectors.toUnmodifiableSet());
    }
}
