package org.stripejdbc.sql.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.ColumnDefinition;
import org.stripejdbc.sql.CommentTarget;
import org.stripejdbc.sql.ImportFilter;
import org.stripejdbc.sql.OptionChange;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.sql.TableAlteration;

/**
 * Hand-written recursive-descent parser for the FDW and catalog DDL that JSqlParser cannot read: extensions,
 * foreign data wrappers, servers, schemas, foreign tables, IMPORT FOREIGN SCHEMA and COMMENT ON.
 *
 * <p>Each method starts after the leading keywords the {@link StatementParser} used to route the statement
 * and consumes the rest, ending at END. Example:
 * <pre>
 *   create server if not exists stripe_server foreign data wrapper stripe_wrapper
 *     options (api_key_id '&lt;key_ID&gt;', api_url 'https://api.stripe.com/v1/')
 *   → CreateServer("stripe_server", true, "stripe_wrapper", {api_key_id=&lt;key_ID&gt;, api_url=https://...})
 * </pre>
 * The grammar follows Postgres 16; clauses Postgres accepts but the statement model cannot hold are 0A000
 * (column DEFAULT, CHECK, COLLATE, OWNER TO, SET SCHEMA, ALTER COLUMN), clauses without effect on a
 * driver-side catalog are accepted and dropped (CREATE EXTENSION's VERSION and CASCADE, CREATE SERVER's
 * TYPE and VERSION, CREATE SCHEMA's AUTHORIZATION role).
 */
final class CatalogStatementParser {

    private final TokenReader tokens;

    CatalogStatementParser(TokenReader tokens) {
        this.tokens = tokens;
    }

    // ---------------------------------------------------------------- extensions

    /** After {@code CREATE EXTENSION}: {@code [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]}. */
    Statement createExtension() {
        boolean ifNotExists = tokens.acceptIfNotExists();
        String name = tokens.name();
        tokens.acceptKeywords("with");
        String schema = null;
        boolean version = false;
        boolean cascade = false;
        while (!tokens.atEnd()) {
            Token clause = tokens.peek();
            if (tokens.acceptKeywords("schema")) {
                if (schema != null) {
                    throw tokens.redundant(clause);
                }
                schema = tokens.name();
            } else if (tokens.acceptKeywords("version")) {
                if (version) {
                    throw tokens.redundant(clause);
                }
                version = true;
                nonReservedWordOrString();
            } else if (tokens.acceptKeywords("cascade")) {
                if (cascade) {
                    throw tokens.redundant(clause);
                }
                cascade = true;
            } else {
                throw tokens.syntaxError();
            }
        }
        return new Statement.CreateExtension(name, ifNotExists, schema);
    }

    /** After {@code DROP EXTENSION}. */
    Statement dropExtension() {
        boolean ifExists = tokens.acceptIfExists();
        List<String> names = nameList();
        boolean cascade = tokens.acceptDropBehavior();
        tokens.expectEnd();
        return new Statement.DropExtension(names, ifExists, cascade);
    }

    // ---------------------------------------------------------------- foreign data wrappers

    /** After {@code CREATE FOREIGN DATA WRAPPER}. */
    Statement createForeignDataWrapper() {
        String name = tokens.name();
        String handler = null;
        String validator = null;
        boolean handlerSeen = false;
        boolean validatorSeen = false;
        while (true) {
            Token clause = tokens.peek();
            if (tokens.isKeyword("handler") || tokens.isKeywords("no", "handler")) {
                if (handlerSeen) {
                    throw tokens.redundant(clause);
                }
                handlerSeen = true;
                handler = tokens.acceptKeywords("no", "handler") ? null : functionAfter("handler");
            } else if (tokens.isKeyword("validator") || tokens.isKeywords("no", "validator")) {
                if (validatorSeen) {
                    throw tokens.redundant(clause);
                }
                validatorSeen = true;
                validator = tokens.acceptKeywords("no", "validator") ? null : functionAfter("validator");
            } else {
                break;
            }
        }
        Map<String, String> options = optionalOptions();
        tokens.expectEnd();
        return new Statement.CreateForeignDataWrapper(name, handler, validator, options);
    }

    private String functionAfter(String keyword) {
        tokens.expectKeywords(keyword);
        return tokens.dottedName();
    }

    /** After {@code DROP FOREIGN DATA WRAPPER}. */
    Statement dropForeignDataWrapper() {
        boolean ifExists = tokens.acceptIfExists();
        List<String> names = nameList();
        boolean cascade = tokens.acceptDropBehavior();
        tokens.expectEnd();
        return new Statement.DropForeignDataWrapper(names, ifExists, cascade);
    }

    // ---------------------------------------------------------------- servers

    /** After {@code CREATE SERVER}: {@code [IF NOT EXISTS] s [TYPE 't'] [VERSION 'v'] FOREIGN DATA WRAPPER w [OPTIONS (..)]}. */
    Statement createServer() {
        boolean ifNotExists = tokens.acceptIfNotExists();
        String name = tokens.name();
        if (tokens.acceptKeywords("type")) {
            tokens.string();
        }
        if (tokens.acceptKeywords("version")) {
            stringOrNull();
        }
        tokens.expectKeywords("foreign", "data", "wrapper");
        String wrapper = tokens.name();
        Map<String, String> options = optionalOptions();
        tokens.expectEnd();
        return new Statement.CreateServer(name, ifNotExists, wrapper, options);
    }

    /** After {@code ALTER SERVER}: {@code s [VERSION 'v'] [OPTIONS (..)]} or {@code s RENAME TO n}. */
    Statement alterServer() {
        String name = tokens.name();
        if (tokens.acceptKeywords("rename", "to")) {
            String renameTo = tokens.name();
            tokens.expectEnd();
            return new Statement.AlterServer(name, List.of(), renameTo);
        }
        if (tokens.isKeywords("owner", "to")) {
            throw SqlErrors.unsupported("ALTER SERVER ... OWNER TO", "the driver has no roles");
        }
        boolean version = tokens.acceptKeywords("version");
        if (version) {
            stringOrNull();
        }
        List<OptionChange> changes = List.of();
        if (tokens.acceptKeywords("options")) {
            changes = optionChanges();
        } else if (!version) {
            throw tokens.syntaxError();
        }
        tokens.expectEnd();
        return new Statement.AlterServer(name, changes, null);
    }

    /** After {@code DROP SERVER}. */
    Statement dropServer() {
        boolean ifExists = tokens.acceptIfExists();
        List<String> names = nameList();
        boolean cascade = tokens.acceptDropBehavior();
        tokens.expectEnd();
        return new Statement.DropServer(names, ifExists, cascade);
    }

    // ---------------------------------------------------------------- schemas

    /** After {@code CREATE SCHEMA}: {@code [IF NOT EXISTS] s [AUTHORIZATION r]} or {@code [IF NOT EXISTS] AUTHORIZATION r}. */
    Statement createSchema() {
        boolean ifNotExists = tokens.acceptIfNotExists();
        String name;
        if (tokens.acceptKeywords("authorization")) {
            name = roleSpecification();
        } else {
            name = tokens.name();
            if (tokens.acceptKeywords("authorization")) {
                roleSpecification();
            }
        }
        if (!tokens.atEnd()) {
            if (tokens.isKeyword("create") || tokens.isKeyword("grant")) {
                throw SqlErrors.unsupported("CREATE SCHEMA with schema elements", "run each CREATE separately");
            }
            throw tokens.syntaxError();
        }
        return new Statement.CreateSchema(name, ifNotExists);
    }

    private String roleSpecification() {
        if (tokens.isKeyword("current_user") || tokens.isKeyword("session_user") || tokens.isKeyword("current_role")) {
            return tokens.next().value();
        }
        return tokens.name();
    }

    /** After {@code DROP SCHEMA}. */
    Statement dropSchema() {
        boolean ifExists = tokens.acceptIfExists();
        List<String> names = nameList();
        boolean cascade = tokens.acceptDropBehavior();
        tokens.expectEnd();
        return new Statement.DropSchema(names, ifExists, cascade);
    }

    // ---------------------------------------------------------------- foreign tables

    /** After {@code CREATE FOREIGN TABLE}. */
    Statement createForeignTable() {
        boolean ifNotExists = tokens.acceptIfNotExists();
        QualifiedName name = tokens.qualifiedName();
        if (tokens.isKeywords("partition", "of")) {
            throw SqlErrors.unsupported("CREATE FOREIGN TABLE ... PARTITION OF", null);
        }
        tokens.expect(TokenType.LEFT_PAREN);
        List<ColumnDefinition> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (!tokens.accept(TokenType.RIGHT_PAREN)) {
            do {
                Token columnToken = tokens.peek();
                rejectTableConstraint();
                ColumnDefinition column = columnDefinition();
                if (!seen.add(column.name())) {
                    throw tokens.errorAt(columnToken, SqlState.DUPLICATE_COLUMN,
                            "column \"" + SqlErrors.mask(column.name()) + "\" specified more than once");
                }
                columns.add(column);
            } while (tokens.accept(TokenType.COMMA));
            tokens.expect(TokenType.RIGHT_PAREN);
        }
        if (tokens.isKeyword("inherits")) {
            throw SqlErrors.unsupported("CREATE FOREIGN TABLE ... INHERITS", null);
        }
        tokens.expectKeywords("server");
        String server = tokens.name();
        Map<String, String> options = optionalOptions();
        tokens.expectEnd();
        return new Statement.CreateForeignTable(name, ifNotExists, columns, server, options);
    }

    private void rejectTableConstraint() {
        for (String keyword : List.of("constraint", "check", "unique", "primary", "exclude", "foreign", "like")) {
            if (tokens.isKeyword(keyword)) {
                throw SqlErrors.unsupported("table constraint or LIKE clause (" + keyword.toUpperCase() + ")",
                        "foreign tables here hold plain columns only");
            }
        }
    }

    /** {@code name type [OPTIONS (..)] [NOT NULL | NULL]...} (OPTIONS also accepted after NOT NULL). */
    private ColumnDefinition columnDefinition() {
        String name = tokens.name();
        Token typeToken = tokens.peek();
        String typeName = TypeNames.parse(tokens);
        resolveType(typeToken, typeName);
        Map<String, String> options = tokens.acceptKeywords("options") ? tokens.optionList() : null;
        Boolean notNull = null;
        while (true) {
            Token constraint = tokens.peek();
            if (tokens.isKeyword("options")) {
                // Postgres wants OPTIONS right after the type; after NOT NULL it is accepted here as well.
                if (options != null) {
                    throw tokens.redundant(constraint);
                }
                tokens.next();
                options = tokens.optionList();
            } else if (tokens.acceptKeywords("not", "null")) {
                notNull = nullability(constraint, notNull, true);
            } else if (tokens.acceptKeywords("null")) {
                notNull = nullability(constraint, notNull, false);
            } else if (tokens.isKeyword("default")) {
                throw SqlErrors.unsupported("DEFAULT for a foreign table column",
                        "Stripe decides the value of omitted fields");
            } else if (tokens.isKeyword("collate")) {
                throw SqlErrors.unsupported("COLLATE", null);
            } else if (tokens.isKeyword("constraint") || tokens.isKeyword("check") || tokens.isKeyword("generated")
                    || tokens.isKeyword("unique") || tokens.isKeyword("primary") || tokens.isKeyword("references")) {
                throw SqlErrors.unsupported("column constraint " + constraint.value().toUpperCase(),
                        "only NOT NULL and NULL are supported");
            } else {
                break;
            }
        }
        return new ColumnDefinition(name, typeName, Boolean.TRUE.equals(notNull), options == null ? Map.of() : options);
    }

    private Boolean nullability(Token at, Boolean previous, boolean notNull) {
        if (previous != null && previous != notNull) {
            throw tokens.errorAt(at, SqlState.SYNTAX_ERROR, "conflicting NULL/NOT NULL declarations for column");
        }
        return notNull;
    }

    private void resolveType(Token at, String typeName) {
        try {
            TypeNames.resolve(typeName);
        } catch (StripeJdbcException e) {
            throw tokens.errorAt(at, e.sqlState(), e.getMessage());
        }
    }

    /** After {@code ALTER FOREIGN TABLE} (or {@code ALTER TABLE}). */
    Statement alterForeignTable() {
        boolean ifExists = tokens.acceptIfExists();
        tokens.acceptKeywords("only");
        QualifiedName name = tokens.qualifiedName();
        if (tokens.peek().isOperator("*")) {
            tokens.next();
        }
        if (tokens.isKeyword("rename")) {
            TableAlteration rename = rename();
            tokens.expectEnd();
            return new Statement.AlterForeignTable(name, ifExists, List.of(rename));
        }
        if (tokens.isKeywords("set", "schema")) {
            throw SqlErrors.unsupported("ALTER FOREIGN TABLE ... SET SCHEMA", "drop and re-create the table");
        }
        List<TableAlteration> alterations = new ArrayList<>();
        do {
            alterations.add(alteration());
        } while (tokens.accept(TokenType.COMMA));
        tokens.expectEnd();
        return new Statement.AlterForeignTable(name, ifExists, alterations);
    }

    private TableAlteration rename() {
        tokens.expectKeywords("rename");
        if (tokens.acceptKeywords("to")) {
            return new TableAlteration.RenameTable(tokens.name());
        }
        if (tokens.isKeyword("constraint")) {
            throw SqlErrors.unsupported("RENAME CONSTRAINT", null);
        }
        tokens.acceptKeywords("column");
        String from = tokens.name();
        tokens.expectKeywords("to");
        return new TableAlteration.RenameColumn(from, tokens.name());
    }

    private TableAlteration alteration() {
        Token action = tokens.peek();
        if (tokens.acceptKeywords("options")) {
            return new TableAlteration.Options(optionChanges());
        }
        if (tokens.acceptKeywords("add")) {
            tokens.acceptKeywords("column");
            boolean ifNotExists = tokens.acceptIfNotExists();
            rejectTableConstraint();
            return new TableAlteration.AddColumn(columnDefinition(), ifNotExists);
        }
        if (tokens.acceptKeywords("drop")) {
            if (tokens.isKeyword("constraint")) {
                throw SqlErrors.unsupported("DROP CONSTRAINT", null);
            }
            tokens.acceptKeywords("column");
            boolean ifExists = tokens.acceptIfExists();
            String column = tokens.name();
            tokens.acceptDropBehavior();
            return new TableAlteration.DropColumn(column, ifExists);
        }
        if (tokens.isKeyword("rename")) {
            throw tokens.syntaxError();
        }
        if (action.type() == TokenType.IDENTIFIER && Set.of("alter", "owner", "set", "reset", "enable", "disable",
                "inherit", "no", "validate", "cluster").contains(action.value())) {
            throw SqlErrors.unsupported("ALTER FOREIGN TABLE ... " + action.value().toUpperCase(),
                    "supported actions are OPTIONS, ADD COLUMN, DROP COLUMN, RENAME");
        }
        throw tokens.syntaxError();
    }

    /** After {@code DROP FOREIGN TABLE} or {@code DROP TABLE}. */
    Statement dropForeignTable() {
        boolean ifExists = tokens.acceptIfExists();
        List<QualifiedName> names = new ArrayList<>();
        do {
            names.add(tokens.qualifiedName());
        } while (tokens.accept(TokenType.COMMA));
        boolean cascade = tokens.acceptDropBehavior();
        tokens.expectEnd();
        return new Statement.DropForeignTable(names, ifExists, cascade);
    }

    // ---------------------------------------------------------------- import and comments

    /** After {@code IMPORT FOREIGN SCHEMA}. */
    Statement importForeignSchema() {
        String remote = tokens.name();
        ImportFilter filter = ImportFilter.ALL;
        List<String> tables = List.of();
        if (tokens.acceptKeywords("limit", "to")) {
            filter = ImportFilter.LIMIT_TO;
            tables = tableNameList();
        } else if (tokens.acceptKeywords("except")) {
            filter = ImportFilter.EXCEPT;
            tables = tableNameList();
        }
        tokens.expectKeywords("from", "server");
        String server = tokens.name();
        tokens.expectKeywords("into");
        String local = tokens.name();
        Map<String, String> options = optionalOptions();
        tokens.expectEnd();
        return new Statement.ImportForeignSchema(remote, filter, tables, server, local, options);
    }

    /** {@code (a, s.b)}: as in Postgres, only the table part of a qualified name counts. */
    private List<String> tableNameList() {
        List<String> tables = new ArrayList<>();
        tokens.expect(TokenType.LEFT_PAREN);
        do {
            tables.add(tokens.qualifiedName().name());
        } while (tokens.accept(TokenType.COMMA));
        tokens.expect(TokenType.RIGHT_PAREN);
        return tables;
    }

    /** After {@code COMMENT ON}. */
    Statement commentOn() {
        CommentTarget target;
        if (tokens.acceptKeywords("foreign", "table") || tokens.acceptKeywords("table")) {
            // A foreign table is the only kind of table there is: COMMENT ON TABLE means the same.
            target = new CommentTarget.OnForeignTable(tokens.qualifiedName());
        } else if (tokens.acceptKeywords("column")) {
            Token first = tokens.peek();
            List<String> parts = new ArrayList<>();
            parts.add(tokens.name());
            while (tokens.accept(TokenType.DOT)) {
                parts.add(tokens.label());
            }
            if (parts.size() == 1) {
                throw tokens.errorAt(first, SqlState.SYNTAX_ERROR, "column name must be qualified");
            }
            if (parts.size() > 3) {
                throw tokens.errorAt(first, SqlState.SYNTAX_ERROR, "improper qualified name (too many dotted names)");
            }
            QualifiedName table = parts.size() == 3 ? new QualifiedName(parts.get(0), parts.get(1))
                    : QualifiedName.of(parts.get(0));
            target = new CommentTarget.OnColumn(table, parts.get(parts.size() - 1));
        } else if (tokens.acceptKeywords("schema")) {
            target = new CommentTarget.OnSchema(tokens.name());
        } else if (tokens.acceptKeywords("server")) {
            target = new CommentTarget.OnServer(tokens.name());
        } else {
            Token what = tokens.peek();
            if (what.type() == TokenType.IDENTIFIER) {
                throw SqlErrors.unsupported("COMMENT ON " + SqlErrors.mask(what.value()).toUpperCase(),
                        "comments can be set on foreign tables, tables, columns, schemas and servers");
            }
            throw tokens.syntaxError();
        }
        tokens.expectKeywords("is");
        String comment = tokens.acceptKeywords("null") ? null : tokens.string();
        tokens.expectEnd();
        return new Statement.CommentOn(target, comment);
    }

    // ---------------------------------------------------------------- shared pieces

    private List<String> nameList() {
        List<String> names = new ArrayList<>();
        do {
            names.add(tokens.name());
        } while (tokens.accept(TokenType.COMMA));
        return names;
    }

    private Map<String, String> optionalOptions() {
        return tokens.acceptKeywords("options") ? tokens.optionList() : new LinkedHashMap<>();
    }

    /**
     * {@code (ADD k 'v', SET k 'v', DROP k, k 'v')} after the OPTIONS keyword; a bare {@code k 'v'} is ADD.
     * Naming one option twice is 42710, as in Postgres.
     */
    private List<OptionChange> optionChanges() {
        List<OptionChange> changes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        tokens.expect(TokenType.LEFT_PAREN);
        do {
            OptionChange.Action action = OptionChange.Action.ADD;
            // "add", "set" and "drop" are also legal option names: they are actions only when a name follows.
            if (tokens.peek(1).isName()) {
                if (tokens.acceptKeywords("add")) {
                    action = OptionChange.Action.ADD;
                } else if (tokens.acceptKeywords("set")) {
                    action = OptionChange.Action.SET;
                } else if (tokens.acceptKeywords("drop")) {
                    action = OptionChange.Action.DROP;
                }
            }
            Token nameToken = tokens.peek();
            String name = tokens.label();
            String value = action == OptionChange.Action.DROP ? null : tokens.string();
            if (!seen.add(name)) {
                throw tokens.duplicateOption(nameToken, name);
            }
            changes.add(new OptionChange(action, name, value));
        } while (tokens.accept(TokenType.COMMA));
        tokens.expect(TokenType.RIGHT_PAREN);
        return changes;
    }

    private void nonReservedWordOrString() {
        if (tokens.peek().type() == TokenType.STRING) {
            tokens.next();
        } else {
            tokens.name();
        }
    }

    private void stringOrNull() {
        if (!tokens.acceptKeywords("null")) {
            tokens.string();
        }
    }
}
