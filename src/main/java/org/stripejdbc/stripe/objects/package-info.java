/**
 * The registry of the Stripe objects the driver knows, as data: {@link org.stripejdbc.stripe.objects.StripeObjects}
 * lists one {@link org.stripejdbc.stripe.objects.StripeObject} per object (API path, table name, known columns as
 * {@link org.stripejdbc.stripe.objects.StripeColumn}s, pushable fields, list and retrieve endpoints, whether it
 * accepts {@code created} ranges) with its {@link org.stripejdbc.stripe.objects.WriteRules} (fields Stripe computes,
 * fields only a create sets, writes that move money or destroy an account).
 *
 * <p>Everything per object is read from here: IMPORT FOREIGN SCHEMA (the catalog), pushdown and row shaping
 * ({@code fdw}), the write guards ({@code fdw.modify}), the emulator's endpoints and filters
 * ({@code emulator.EmulatedObjects}) and the generated pages of {@code docs/objects}. Example:
 * {@code StripeObjects.byTableName("charges")} is the object {@code charges} with the pushable field
 * {@code customer}, so {@code where customer = 'cus_1'} becomes {@code GET /v1/charges?customer=cus_1}; its
 * {@code writes().danger(INSERT)} says that an INSERT creates a real charge.
 *
 * <p>The fields Stripe's search endpoints query, per object ({@link org.stripejdbc.stripe.objects.SearchFields}:
 * customers {@code name}, {@code email}, {@code metadata}...), are written by hand: stripe-java has the seven search
 * methods but names their fields only in its documentation's links.
 *
 * <p>The 24 objects of the original FDW are a hand-written overlay in {@code StripeObjects}; every other resource
 * with a list endpoint comes from {@link org.stripejdbc.stripe.objects.ApiDescription}, the description of the API at
 * one pinned version in the resource {@code api-description.json} (generated from stripe-java by the
 * {@code api-description} Maven profile, {@code src/api-description}), made into objects by
 * {@code DescribedObjects}: {@code StripeObjects.byTableName("issuing_cards")} lists {@code GET /v1/issuing/cards}
 * with the pushable fields {@code status}, {@code type}... and sends {@code Stripe-Version: 2026-07-29.dahlia}.
 *
 * <p>{@link org.stripejdbc.stripe.objects.StripeActions} lists each object's actions from the description
 * ({@code invoices}: finalize, pay, void...; {@code subscriptions}: cancel, resume...), marking those moving money.
 *
 * <p>Knows {@code types} and {@code json} (to read the description) only. Must not know the HTTP client, SQL, the
 * catalog or the engine: adding an object is adding data here (CONTRIBUTING.md says what else follows).
 */
package org.stripejdbc.stripe.objects;
