package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stripejdbc.catalog.Catalog;
import org.stripejdbc.engine.InMemoryTableSource;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.TableSource;
import org.stripejdbc.types.SqlType;
import org.stripejdbc.vault.Secret;
import org.stripejdbc.vault.VaultSecretInfo;

/**
 * The vault as tables, as Supabase Vault shows it: {@code vault.secrets} (the secret column holds the
 * ciphertext, never the secret) and {@code vault.decrypted_secrets} (the same plus {@code decrypted_secret}).
 * ids are shown as text.
 */
final class VaultTables {
    static final String SCHEMA = "vault";
    static final String SECRETS = "secrets";
    static final String DECRYPTED_SECRETS = "decrypted_secrets";

    static final List<ResultColumn> SECRET_COLUMNS = List.of(
            column("id", SqlType.TEXT),
            column("name", SqlType.TEXT),
            column("description", SqlType.TEXT),
            column("secret", SqlType.TEXT),
            column("key_id", SqlType.TEXT),
            column("created_at", SqlType.TIMESTAMPTZ),
            column("updated_at", SqlType.TIMESTAMPTZ));

    private VaultTables() {}

    private static ResultColumn column(String name, SqlType type) {
        return new ResultColumn(name, type, SCHEMA, SECRETS);
    }

    static boolean isVaultTable(String schema, String name) {
        return SCHEMA.equals(schema) && (SECRETS.equals(name) || DECRYPTED_SECRETS.equals(name));
    }

    static List<ResultColumn> columns(String name) {
        if (SECRETS.equals(name)) {
            return SECRET_COLUMNS;
        }
        List<ResultColumn> columns = new ArrayList<>();
        for (ResultColumn c : SECRET_COLUMNS) {
            columns.add(new ResultColumn(c.name(), c.type(), SCHEMA, DECRYPTED_SECRETS));
        }
        columns.add(new ResultColumn("decrypted_secret", SqlType.TEXT, SCHEMA, DECRYPTED_SECRETS));
        return List.copyOf(columns);
    }

    /** The table source; rows are read from the vault when the scan opens. */
    static TableSource source(Catalog catalog, String name) {
        boolean decrypted = DECRYPTED_SECRETS.equals(name);
        return new InMemoryTableSource(SCHEMA + "." + name, columns(name), () -> {
            List<Object[]> rows = new ArrayList<>();
            for (VaultSecretInfo info : catalog.vault().list()) {
                Object[] row = new Object[decrypted ? 8 : 7];
                row[0] = info.id().toString();
                row[1] = info.name();
                row[2] = info.description();
                row[3] = info.ciphertext();
                row[4] = info.keyId() == null ? null : info.keyId().toString();
                row[5] = info.createdAt();
                row[6] = info.updatedAt();
                if (decrypted) {
                    Optional<Secret> secret = catalog.vault().decrypt(info.id());
                    row[7] = secret.map(Secret::reveal).orElse(null);
                }
                rows.add(row);
            }
            return rows;
        });
    }

    static List<MetadataView.TableInfo> metadata() {
        List<MetadataView.TableInfo> out = new ArrayList<>();
        for (String name : List.of(SECRETS, DECRYPTED_SECRETS)) {
            List<MetadataView.ColumnInfo> columns = new ArrayList<>();
            for (ResultColumn c : columns(name)) {
                columns.add(
                        new MetadataView.ColumnInfo(c.name(), c.type(), c.type().postgresName(), true, null));
            }
            out.add(new MetadataView.TableInfo(
                    SCHEMA,
                    name,
                    "SYSTEM VIEW",
                    SECRETS.equals(name) ? "Vault secrets (encrypted)" : "Vault secrets with their decrypted values",
                    columns,
                    List.of("id")));
        }
        return out;
    }
}
