package org.stripejdbc.catalog;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.OrderedMaps;
import org.stripejdbc.vault.ApiKeyResolver;
import org.stripejdbc.vault.SealedSecret;
import org.stripejdbc.vault.ServerCredentials;

/**
 * A foreign server ({@code pg_foreign_server}). Sensitive options ({@code api_key}) are kept sealed in
 * {@code sealedOptions}; {@code options} lists every option in the order written, sensitive ones masked:
 * <pre>
 *   create server stripe_server foreign data wrapper stripe_wrapper
 *     options (api_key 'sk_test_51Habc...wxyz', api_url 'http://localhost:12111/v1')
 *   → options()      {api_key=sk_test_...wxyz, api_url=http://localhost:12111/v1}
 *     apiKey()       Optional[sealed api_key]   (open it with ApiKeyResolver)
 *     apiUrl()       "http://localhost:12111/v1/"
 * </pre>
 *
 * @param id            a stable identity, kept across renames; sealed options are bound to it
 * @param options       every option, sensitive ones masked, in the order written
 * @param sealedOptions the sensitive options, encrypted
 */
public record ForeignServer(
        UUID id,
        String name,
        String wrapper,
        Map<String, String> options,
        Map<String, SealedSecret> sealedOptions,
        String comment)
        implements ServerCredentials {

    /** The base URL used when {@code api_url} is absent. */
    public static final String DEFAULT_API_URL = "https://api.stripe.com/v1/";
    /** The response size limit used when {@code max_response_size} is absent (10 MiB, as upstream). */
    public static final long DEFAULT_MAX_RESPONSE_SIZE = 10_485_760L;

    public ForeignServer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(wrapper, "wrapper");
        options = OrderedMaps.copy(options, "option");
        sealedOptions = OrderedMaps.copy(sealedOptions, "sealed option");
        for (Map.Entry<String, SealedSecret> sealed : sealedOptions.entrySet()) {
            if (!sealed.getValue().masked().equals(options.get(sealed.getKey()))) {
                throw new IllegalArgumentException("sealed option " + sealed.getKey() + " must be listed masked");
            }
        }
    }

    /**
     * An option's value as listed: plain options as written, sensitive ones masked ({@code sk_test_...wxyz}).
     */
    @Override
    public Optional<String> option(String optionName) {
        return Optional.ofNullable(options.get(optionName));
    }

    /** The sealed {@code api_key} option, if set. */
    @Override
    public Optional<SealedSecret> apiKey() {
        return Optional.ofNullable(sealedOptions.get(ApiKeyResolver.API_KEY));
    }

    /** {@code api_url} with a trailing {@code /} ({@value #DEFAULT_API_URL} when absent). */
    public String apiUrl() {
        String url = option("api_url").orElse(DEFAULT_API_URL);
        return url.endsWith("/") ? url : url + "/";
    }

    /** {@code api_version}, sent as {@code Stripe-Version}; empty: the account's default version. */
    public Optional<String> apiVersion() {
        return option("api_version");
    }

    /** {@code stripe_account}, sent as {@code Stripe-Account} (a table's own option overrides it). */
    public Optional<String> stripeAccount() {
        return option("stripe_account");
    }

    /** {@code max_response_size} in bytes ({@value #DEFAULT_MAX_RESPONSE_SIZE} when absent). */
    public long maxResponseSize() {
        String text = options.get("max_response_size");
        if (text == null) {
            return DEFAULT_MAX_RESPONSE_SIZE;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the upstream message
        }
        throw new StripeJdbcException(
                SqlState.INVALID_PARAMETER_VALUE,
                "option `max_response_size` cannot be parsed as usize: '" + text + "' (server " + name + ")");
    }

    ForeignServer withName(String newName) {
        return new ForeignServer(id, newName, wrapper, options, sealedOptions, comment);
    }

    ForeignServer withComment(String newComment) {
        return new ForeignServer(id, name, wrapper, options, sealedOptions, newComment);
    }
}
