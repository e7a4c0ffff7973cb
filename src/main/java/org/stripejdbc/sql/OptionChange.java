package org.stripejdbc.sql;

import java.util.Objects;
import org.stripejdbc.vault.SecretNames;

/**
 * One item of {@code OPTIONS (ADD k 'v', SET k 'v', DROP k)}; a bare {@code k 'v'} is {@link Action#ADD}. The
 * catalog applies Postgres's rules: ADD of an existing option is {@code 42710 option "k" provided more than once};
 * SET or DROP of a missing one is {@code 42704 option "k" not found}.
 *
 * <p>Example: {@code alter server s options (set api_url 'http://localhost:12111/v1/', drop api_version)} is
 * {@code [OptionChange.set("api_url", "http://localhost:12111/v1/"), OptionChange.drop("api_version")]}.
 */
public record OptionChange(Action action, String name, String value) {
    public enum Action {
        ADD,
        SET,
        DROP
    }

    public OptionChange {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(name, "name");
        if (action != Action.DROP) {
            Objects.requireNonNull(value, "value");
        }
    }

    public static OptionChange add(String name, String value) {
        return new OptionChange(Action.ADD, name, value);
    }

    public static OptionChange set(String name, String value) {
        return new OptionChange(Action.SET, name, value);
    }

    public static OptionChange drop(String name) {
        return new OptionChange(Action.DROP, name, null);
    }

    /** Security: the value of a secret-carrying option ({@code api_key}...) is masked
     * ({@link SecretNames}): {@code SET api_key '****'}. */
    @Override
    public String toString() {
        return action + " " + name + (value == null ? "" : " '" + SecretNames.maskValue(name, value) + "'");
    }
}
