package org.stripejdbc.vault;

import java.util.Objects;

/**
 * What an UPDATE of a vault secret changes. The secret itself cannot be set to NULL; the name and the description
 * can ({@code set name = null}; a null description becomes {@code ''}).
 *
 * <p>Example: {@code SecretChanges.none().withSecret("sk_test_new").withName(null)} changes the secret and clears the
 * name, leaving the description alone.
 */
public final class SecretChanges {
    private static final SecretChanges NONE = new SecretChanges(null, false, null, false, null);

    private final Secret secret;
    private final boolean nameChanged;
    private final String name;
    private final boolean descriptionChanged;
    private final String description;

    private SecretChanges(
            Secret secret, boolean nameChanged, String name, boolean descriptionChanged, String description) {
        this.secret = secret;
        this.nameChanged = nameChanged;
        this.name = name;
        this.descriptionChanged = descriptionChanged;
        this.description = description;
    }

    /** Changes nothing. */
    public static SecretChanges none() {
        return NONE;
    }

    /** Supabase's {@code vault.update_secret(id, new_secret, new_name, new_description)}: nulls leave a field alone. */
    public static SecretChanges ofNullable(String newSecret, String newName, String newDescription) {
        SecretChanges changes = none();
        if (newSecret != null) {
            changes = changes.withSecret(newSecret);
        }
        if (newName != null) {
            changes = changes.withName(newName);
        }
        if (newDescription != null) {
            changes = changes.withDescription(newDescription);
        }
        return changes;
    }

    public SecretChanges withSecret(String newSecret) {
        Objects.requireNonNull(newSecret, "newSecret");
        return new SecretChanges(Secret.of(newSecret), nameChanged, name, descriptionChanged, description);
    }

    /** Sets the name; {@code null} clears it. */
    public SecretChanges withName(String newName) {
        return new SecretChanges(secret, true, newName, descriptionChanged, description);
    }

    /** Sets the description; {@code null} means {@code ''}. */
    public SecretChanges withDescription(String newDescription) {
        return new SecretChanges(secret, nameChanged, name, true, newDescription == null ? "" : newDescription);
    }

    /** The new secret, or null when unchanged. */
    public Secret secret() {
        return secret;
    }

    public boolean nameChanged() {
        return nameChanged;
    }

    /** The new name (null clears it); meaningful only when {@link #nameChanged()}. */
    public String name() {
        return name;
    }

    public boolean descriptionChanged() {
        return descriptionChanged;
    }

    /** The new description; meaningful only when {@link #descriptionChanged()}. */
    public String description() {
        return description;
    }

    public boolean isEmpty() {
        return secret == null && !nameChanged && !descriptionChanged;
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "SecretChanges[secret=" + (secret == null ? "unchanged" : secret.masked())
                + ", name=" + (nameChanged ? name : "unchanged")
                + ", description=" + (descriptionChanged ? description : "unchanged") + "]";
    }
}
