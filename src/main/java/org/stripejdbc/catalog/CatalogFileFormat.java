package org.stripejdbc.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.types.SqlType;
import org.stripejdbc.vault.SealedSecret;
import org.stripejdbc.vault.VaultSecretInfo;

/**
 * The on-disk form of a catalog, {@code catalog.json} (UTF-8, pretty-printed, options in the order written):
 * <pre>
 * {
 *   "formatVersion" : 1,
 *   "version" : 7,
 *   "vaultKeyCheck" : "base64...",
 *   "extensions" : [ { "name" : "wrappers", "schema" : "extensions" } ],
 *   "wrappers" : [ { "name" : "stripe_wrapper", "handler" : "stripe_fdw_handler", "validator" : "stripe_fdw_validator",
 *     "options" : { } } ],
 *   "servers" : [ { "id" : "5b0c...", "name" : "stripe_server", "wrapper" : "stripe_wrapper",
 *                   "options" : { "api_key" : { "sealed" : "base64...", "masked" : "sk_test_...wxyz" }, "api_url" :
 *     "https://..." } } ],
 *   "schemas" : [ { "name" : "public" }, { "name" : "stripe", "comment" : "..." } ],
 *   "tables" : [ { "schema" : "stripe", "name" : "customers", "server" : "stripe_server",
 *                  "columns" : [ { "name" : "id", "type" : "text", "notNull" : false, "options" : { } } ],
 *                  "options" : { "object" : "customers", "rowid_column" : "id" } } ],
 *   "secrets" : [ { "id" : "6f1c...", "name" : "stripe", "description" : "", "createdAt" : "2024-...Z",
 *                   "updatedAt" : "2024-...Z", "ciphertext" : "base64..." } ]
 * }
 * </pre>
 * Security: the file never holds a plaintext secret; sealed values are AES-256-GCM ciphertexts whose associated
 * data (the secret id, the server id and option name) is rebuilt on reading, not stored.
 *
 * <p>Reading is strict: malformed JSON, a missing field, a dangling reference or a duplicate name is a
 * {@code XX001} error naming the file and the spot; a {@code formatVersion} newer than {@value #FORMAT_VERSION} is a
 * {@code F0000} error asking for a newer driver. Jackson stays inside this class.
 */
final class CatalogFileFormat {
    static final int FORMAT_VERSION = 1;
    static final String FILE_NAME = "catalog.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private CatalogFileFormat() {}

    // ------------------------------------------------------------------------------------------ writing

    static byte[] write(CatalogSnapshot snapshot) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("version", snapshot.version());
        if (snapshot.keyCheck() != null) {
            root.put("vaultKeyCheck", snapshot.keyCheck());
        }
        ArrayNode extensions = root.putArray("extensions");
        for (Extension extension : snapshot.extensions()) {
            extensions.addObject().put("name", extension.name()).put("schema", extension.schema());
        }
        ArrayNode wrappers = root.putArray("wrappers");
        for (ForeignDataWrapper wrapper : snapshot.wrappers()) {
            ObjectNode node = wrappers.addObject().put("name", wrapper.name());
            putIfNotNull(node, "handler", wrapper.handler());
            putIfNotNull(node, "validator", wrapper.validator());
            putOptions(node, wrapper.options());
            putIfNotNull(node, "comment", wrapper.comment());
        }
        ArrayNode servers = root.putArray("servers");
        for (ForeignServer server : snapshot.servers()) {
            ObjectNode node = servers.addObject()
                    .put("id", server.id().toString())
                    .put("name", server.name())
                    .put("wrapper", server.wrapper());
            ObjectNode options = node.putObject("options");
            server.options().forEach((name, shown) -> {
                SealedSecret sealed = server.sealedOptions().get(name);
                if (sealed == null) {
                    options.put(name, shown);
                } else {
                    options.putObject(name).put("sealed", sealed.ciphertext()).put("masked", sealed.masked());
                }
            });
            putIfNotNull(node, "comment", server.comment());
        }
        ArrayNode schemas = root.putArray("schemas");
        for (Schema schema : snapshot.schemas()) {
            putIfNotNull(schemas.addObject().put("name", schema.name()), "comment", schema.comment());
        }
        ArrayNode tables = root.putArray("tables");
        for (ForeignTable table : snapshot.tables()) {
            ObjectNode node = tables.addObject()
                    .put("schema", table.schema())
                    .put("name", table.name())
                    .put("server", table.server());
            ArrayNode columns = node.putArray("columns");
            for (ForeignColumn column : table.columns()) {
                ObjectNode columnNode = columns.addObject()
                        .put("name", column.name())
                        .put("type", column.typeName())
                        .put("notNull", column.notNull());
                putOptions(columnNode, column.options());
                putIfNotNull(columnNode, "comment", column.comment());
            }
            putOptions(node, table.options());
            putIfNotNull(node, "comment", table.comment());
        }
        ArrayNode secrets = root.putArray("secrets");
        for (VaultSecretInfo secret : snapshot.secrets()) {
            ObjectNode node = secrets.addObject().put("id", secret.id().toString());
            putIfNotNull(node, "name", secret.name());
            node.put("description", secret.description())
                    .put("createdAt", secret.createdAt().toString())
                    .put("updatedAt", secret.updatedAt().toString())
                    .put("ciphertext", secret.ciphertext());
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new StripeJdbcException(
                    SqlState.INTERNAL_ERROR, "cannot serialise the catalog: " + e.getMessage(), e);
        }
    }

    private static void putIfNotNull(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putOptions(ObjectNode node, Map<String, String> options) {
        ObjectNode out = node.putObject("options");
        options.forEach(out::put);
    }

    // ------------------------------------------------------------------------------------------ reading

    static CatalogSnapshot read(byte[] bytes, Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new Reader(file)
                    .damaged("it is not valid JSON (" + e.getOriginalMessage()
                            + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")");
        } catch (IOException e) {
            throw new StripeJdbcException(SqlState.IO_ERROR, "cannot read catalog file " + file + ": " + e, e);
        }
        return new Reader(file).read(root);
    }

    /** Reads one file, naming it and the JSON path in every error. */
    private static final class Reader {
        private final Path file;

        Reader(Path file) {
            this.file = file;
        }

        StripeJdbcException damaged(String what) {
            return new StripeJdbcException(
                    SqlState.DATA_CORRUPTED,
                    "catalog file " + file + " is damaged: " + what
                            + "; the file was left untouched (restore it from a backup, or move it away to start an "
                            + "empty"
                            + " catalog)");
        }

        CatalogSnapshot read(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw damaged("the top level is not a JSON object");
            }
            JsonNode format = root.get("formatVersion");
            if (format == null || !format.canConvertToInt()) {
                throw damaged("formatVersion is missing or not an integer");
            }
            int formatVersion = format.intValue();
            if (formatVersion > FORMAT_VERSION) {
                throw new StripeJdbcException(
                        SqlState.CONFIG_FILE_ERROR,
                        "catalog file " + file
                                + " has format version " + formatVersion
                                + ", but this stripe-jdbc reads format version "
                                + FORMAT_VERSION + " at most; use a newer stripe-jdbc (the file was left untouched)");
            }
            if (formatVersion < 1) {
                throw damaged("formatVersion " + formatVersion + " is not a valid version");
            }
            JsonNode versionNode = root.get("version");
            if (versionNode == null || !versionNode.canConvertToLong() || versionNode.longValue() < 0) {
                throw damaged("version is missing or not a non-negative integer");
            }
            String keyCheck = optionalText(root, "vaultKeyCheck", "$");

            List<Extension> extensions = new ArrayList<>();
            forEach(
                    root,
                    "extensions",
                    (node, at) -> extensions.add(new Extension(text(node, "name", at), text(node, "schema", at))));
            List<ForeignDataWrapper> wrappers = new ArrayList<>();
            forEach(
                    root,
                    "wrappers",
                    (node, at) -> wrappers.add(new ForeignDataWrapper(
                            text(node, "name", at),
                            optionalText(node, "handler", at),
                            optionalText(node, "validator", at),
                            plainOptions(node, at),
                            optionalText(node, "comment", at))));
            List<ForeignServer> servers = new ArrayList<>();
            forEach(root, "servers", (node, at) -> servers.add(server(node, at)));
            List<Schema> schemas = new ArrayList<>();
            forEach(
                    root,
                    "schemas",
                    (node, at) -> schemas.add(new Schema(text(node, "name", at), optionalText(node, "comment", at))));
            List<ForeignTable> tables = new ArrayList<>();
            forEach(root, "tables", (node, at) -> tables.add(table(node, at)));
            List<VaultSecretInfo> secrets = new ArrayList<>();
            forEach(root, "secrets", (node, at) -> secrets.add(secret(node, at)));

            checkIntegrity(extensions, wrappers, servers, schemas, tables, secrets);
            return new CatalogSnapshot(
                    versionNode.longValue(), keyCheck, extensions, wrappers, servers, schemas, tables, secrets);
        }

        private ForeignServer server(JsonNode node, String at) {
            UUID id = uuid(node, "id", at);
            LinkedHashMap<String, String> shown = new LinkedHashMap<>();
            LinkedHashMap<String, SealedSecret> sealed = new LinkedHashMap<>();
            JsonNode options = object(node, "options", at);
            for (Map.Entry<String, JsonNode> option : options.properties()) {
                String optionAt = at + ".options." + option.getKey();
                JsonNode value = option.getValue();
                if (value.isTextual()) {
                    shown.put(option.getKey(), value.textValue());
                } else if (value.isObject()) {
                    SealedSecret secret = new SealedSecret(
                            text(value, "sealed", optionAt),
                            SensitiveOptions.associatedData(id, option.getKey()),
                            text(value, "masked", optionAt));
                    sealed.put(option.getKey(), secret);
                    shown.put(option.getKey(), secret.masked());
                } else {
                    throw damaged(optionAt + " is neither a string nor a sealed value");
                }
            }
            return new ForeignServer(
                    id,
                    text(node, "name", at),
                    text(node, "wrapper", at),
                    shown,
                    sealed,
                    optionalText(node, "comment", at));
        }

        private ForeignTable table(JsonNode node, String at) {
            List<ForeignColumn> columns = new ArrayList<>();
            Set<String> names = new HashSet<>();
            forEach(node, "columns", at, (column, columnAt) -> {
                String name = text(column, "name", columnAt);
                if (!names.add(name)) {
                    throw damaged("duplicate column " + name + " at " + columnAt);
                }
                String typeName = text(column, "type", columnAt);
                SqlType type = SqlType.fromName(typeName)
                        .orElseThrow(() -> damaged("unknown type " + typeName + " at " + columnAt));
                JsonNode notNull = column.get("notNull");
                if (notNull != null && !notNull.isBoolean()) {
                    throw damaged(columnAt + ".notNull is not a boolean");
                }
                columns.add(new ForeignColumn(
                        name,
                        typeName,
                        type,
                        notNull != null && notNull.booleanValue(),
                        plainOptions(column, columnAt),
                        optionalText(column, "comment", columnAt)));
            });
            return new ForeignTable(
                    text(node, "schema", at),
                    text(node, "name", at),
                    text(node, "server", at),
                    columns,
                    plainOptions(node, at),
                    optionalText(node, "comment", at));
        }

        private VaultSecretInfo secret(JsonNode node, String at) {
            UUID id = uuid(node, "id", at);
            return new VaultSecretInfo(
                    id,
                    optionalText(node, "name", at),
                    optionalText(node, "description", at),
                    id,
                    timestamp(node, "createdAt", at),
                    timestamp(node, "updatedAt", at),
                    text(node, "ciphertext", at));
        }

        private void checkIntegrity(
                List<Extension> extensions,
                List<ForeignDataWrapper> wrappers,
                List<ForeignServer> servers,
                List<Schema> schemas,
                List<ForeignTable> tables,
                List<VaultSecretInfo> secrets) {
            Set<String> schemaNames = unique(schemas.stream().map(Schema::name).toList(), "schema");
            unique(extensions.stream().map(Extension::name).toList(), "extension");
            Set<String> wrapperNames =
                    unique(wrappers.stream().map(ForeignDataWrapper::name).toList(), "wrapper");
            Set<String> serverNames =
                    unique(servers.stream().map(ForeignServer::name).toList(), "server");
            unique(servers.stream().map(s -> s.id().toString()).toList(), "server id");
            unique(tables.stream().map(t -> t.tableName().toString()).toList(), "foreign table");
            unique(secrets.stream().map(s -> s.id().toString()).toList(), "secret id");
            unique(
                    secrets.stream()
                            .map(VaultSecretInfo::name)
                            .filter(Objects::nonNull)
                            .toList(),
                    "secret name");
            for (Extension extension : extensions) {
                if (!schemaNames.contains(extension.schema())) {
                    throw damaged("extension " + extension.name() + " is in the missing schema " + extension.schema());
                }
            }
            for (ForeignServer server : servers) {
                if (!wrapperNames.contains(server.wrapper())) {
                    throw damaged("server " + server.name() + " uses the missing wrapper " + server.wrapper());
                }
            }
            for (ForeignTable table : tables) {
                if (!schemaNames.contains(table.schema())) {
                    throw damaged("foreign table " + table.tableName() + " is in the missing schema " + table.schema());
                }
                if (!serverNames.contains(table.server())) {
                    throw damaged("foreign table " + table.tableName() + " uses the missing server " + table.server());
                }
            }
        }

        private Set<String> unique(List<String> names, String what) {
            Set<String> seen = new HashSet<>();
            for (String name : names) {
                if (!seen.add(name)) {
                    throw damaged("duplicate " + what + " " + name);
                }
            }
            return seen;
        }

        private interface ElementReader {
            void read(JsonNode node, String at);
        }

        private void forEach(JsonNode parent, String field, ElementReader reader) {
            forEach(parent, field, "$", reader);
        }

        private void forEach(JsonNode parent, String field, String at, ElementReader reader) {
            JsonNode array = parent.get(field);
            String arrayAt = at + "." + field;
            if (array == null || !array.isArray()) {
                throw damaged(arrayAt + " is missing or not an array");
            }
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                String elementAt = arrayAt + "[" + i + "]";
                if (!element.isObject()) {
                    throw damaged(elementAt + " is not an object");
                }
                reader.read(element, elementAt);
            }
        }

        private String text(JsonNode node, String field, String at) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual()) {
                throw damaged(at + "." + field + " is missing or not a string");
            }
            return value.textValue();
        }

        private String optionalText(JsonNode node, String field, String at) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw damaged(at + "." + field + " is not a string");
            }
            return value.textValue();
        }

        private JsonNode object(JsonNode node, String field, String at) {
            JsonNode value = node.get(field);
            if (value == null || !value.isObject()) {
                throw damaged(at + "." + field + " is missing or not an object");
            }
            return value;
        }

        private Map<String, String> plainOptions(JsonNode node, String at) {
            LinkedHashMap<String, String> options = new LinkedHashMap<>();
            JsonNode object = object(node, "options", at);
            for (Map.Entry<String, JsonNode> option : object.properties()) {
                if (!option.getValue().isTextual()) {
                    throw damaged(at + ".options." + option.getKey() + " is not a string");
                }
                options.put(option.getKey(), option.getValue().textValue());
            }
            return options;
        }

        private UUID uuid(JsonNode node, String field, String at) {
            String text = text(node, field, at);
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                throw damaged(at + "." + field + " is not a UUID");
            }
        }

        private OffsetDateTime timestamp(JsonNode node, String field, String at) {
            String text = text(node, field, at);
            try {
                return OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                throw damaged(at + "." + field + " is not an ISO-8601 timestamp");
            }
        }
    }
}
