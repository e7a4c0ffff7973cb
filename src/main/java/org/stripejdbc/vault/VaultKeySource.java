package org.stripejdbc.vault;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * Where the vault's master key comes from. The key is always kept apart from the catalog file, so that the
 * catalog ({@code catalog.json}) can be copied, attached to a bug report or listed without exposing a secret.
 *
 * <p>Resolution, first match wins ({@link #fromSettings}):
 * <ol>
 *   <li>the connection property (base64 of 32 bytes) → {@link Fixed};</li>
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE} → {@link Fixed};</li>
 *   <li>otherwise {@link LocationDefault}: the catalog decides. A directory catalog uses the key file
 *       {@code <dir>/}{@value #KEY_FILE_NAME} ({@link KeyFile}), created on first use with owner-only permissions
 *       ({@code rw-------}); a memory catalog uses a random key that lives as long as the catalog.</li>
 * </ol>
 *
 * <p>Why the key file sits next to the catalog and not under {@code ~/.stripe-jdbc/keys/}: the directory is the
 * unit two processes (DBeaver and an application, possibly with different {@code user.home}) share, and moving
 * or backing up the directory keeps the secrets readable. The key is still a separate, owner-only file that never
 * enters {@code catalog.json}; whoever needs stronger separation sets the property or the environment variable,
 * and then no key file is ever created.
 *
 * <p>Example: {@code VaultKeySource.fromSettings(props.getProperty("vaultKey"))}.
 */
public sealed interface VaultKeySource
        permits VaultKeySource.Fixed, VaultKeySource.KeyFile, VaultKeySource.LocationDefault {

    /** The environment variable holding a base64 key. */
    String ENVIRONMENT_VARIABLE = "STRIPE_JDBC_VAULT_KEY";

    /** The key file's name inside a directory catalog. */
    String KEY_FILE_NAME = "vault.key";

    /** Words naming where the key comes from, for error messages (never the key). */
    String describe();

    /** The property value if set, else {@value #ENVIRONMENT_VARIABLE} from the process environment, else the default.
     * */
    static VaultKeySource fromSettings(String propertyValue) {
        return fromSettings(propertyValue, System.getenv(ENVIRONMENT_VARIABLE));
    }

    /** As {@link #fromSettings(String)} with the environment value given (for tests). Blank values count as unset. */
    static VaultKeySource fromSettings(String propertyValue, String environmentValue) {
        if (propertyValue != null && !propertyValue.isBlank()) {
            return new Fixed(VaultKey.fromBase64(propertyValue), "the vault key connection property");
        }
        if (environmentValue != null && !environmentValue.isBlank()) {
            return new Fixed(
                    VaultKey.fromBase64(environmentValue), "the " + ENVIRONMENT_VARIABLE + " environment variable");
        }
        return new LocationDefault();
    }

    /** A fixed key. */
    static VaultKeySource of(VaultKey key) {
        return new Fixed(key, "the given vault key");
    }

    /** The location's default: key file for a directory, in-memory random key for a memory catalog. */
    static VaultKeySource locationDefault() {
        return new LocationDefault();
    }

    /** A key given explicitly; {@code origin} says where from, for messages. */
    record Fixed(VaultKey key, String origin) implements VaultKeySource {
        public Fixed {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(origin, "origin");
        }

        @Override
        public String describe() {
            return origin;
        }
    }

    /** Let the catalog location decide (see the type's documentation). */
    record LocationDefault() implements VaultKeySource {
        @Override
        public String describe() {
            return "the catalog location's default vault key";
        }
    }

    /**
     * A key file holding the base64 key on one line. Created on first use (under the catalog's write lock) with
     * owner-only permissions, written to a temporary file and linked into place so no reader ever sees a
     * half-written key.
     */
    record KeyFile(Path file) implements VaultKeySource {
        public KeyFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String describe() {
            return "the key file " + file;
        }

        /** The key, or empty when the file does not exist. A malformed file is a {@code F0000} error naming it. */
        public Optional<VaultKey> load() {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new StripeJdbcException(SqlState.IO_ERROR, "cannot read vault key file " + file + ": " + e, e);
            }
            try {
                return Optional.of(VaultKey.fromBase64(text));
            } catch (StripeJdbcException e) {
                throw new StripeJdbcException(
                        SqlState.CONFIG_FILE_ERROR,
                        "vault key file " + file + " is damaged: " + e.getMessage() + "; the file was left untouched");
            }
        }

        /** The key; when the file does not exist, a new random key is written to it first. */
        public VaultKey loadOrCreate() {
            Optional<VaultKey> existing = load();
            if (existing.isPresent()) {
                return existing.get();
            }
            VaultKey key = VaultKey.generate();
            Path directory = file.toAbsolutePath().getParent();
            Path temporary = directory.resolve(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try {
                Files.createDirectories(directory);
                createOwnerOnly(temporary);
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    channel.write(StandardCharsets.US_ASCII.encode(key.toBase64() + "\n"));
                    channel.force(true);
                }
                try {
                    // Security: a hard link creates the name only if it does not exist yet, so a key another
                    // process created meanwhile is never replaced.
                    Files.createLink(file, temporary);
                } catch (FileAlreadyExistsException raced) {
                    return load().orElseThrow(() -> raced(raced));
                } catch (UnsupportedOperationException | IOException noHardLinks) {
                    if (Files.exists(file)) {
                        return load().orElseThrow(() -> raced(noHardLinks));
                    }
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw new StripeJdbcException(SqlState.IO_ERROR, "cannot create vault key file " + file + ": " + e, e);
            } finally {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // A leftover temporary key file is harmless and owner-only; the next write cleans nothing up
                    // because it is not named like the key file.
                }
            }
            return key;
        }

        private StripeJdbcException raced(Exception cause) {
            return new StripeJdbcException(
                    SqlState.IO_ERROR,
                    "vault key file " + file + " appeared and vanished while it was being created",
                    cause);
        }

        private static void createOwnerOnly(Path path) throws IOException {
            if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
                FileAttribute<Set<PosixFilePermission>> attribute = PosixFilePermissions.asFileAttribute(ownerOnly);
                Files.createFile(path, attribute);
                Files.setPosixFilePermissions(path, ownerOnly); // the umask may have removed bits, never added
                return;
            }
            Files.createFile(path);
            AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
            if (acl != null) {
                AclEntry ownerEntry = AclEntry.newBuilder()
                        .setType(AclEntryType.ALLOW)
                        .setPrincipal(acl.getOwner())
                        .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                        .build();
                acl.setAcl(List.of(ownerEntry));
            }
        }
    }
}
