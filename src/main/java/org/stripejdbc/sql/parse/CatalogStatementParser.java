package org.stripejdbc.sql.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.sql.Statement.ColumnDefinition;
import org.stripejdbc.sql.Statement.OptionAction;
import org.stripejdbc.sql.Statement.OptionChange;
import org.stripejdbc.sql.Statement.TableAlteration;

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

    private final TokenCursor cursor;

    CatalogStatementParser(TokenCursor cursor) {
        this.cursor = cursor;
    }

    // ---------------------------------------------------------------- extensions

    /** After {@code CREATE EXTENSION}: {@code [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]}. */
    Statement createExtension() {
        boolean ifNotExists = cursor.acceptIfNotExists();
        String name = cursor.name();
        cursor.acceptKeywords("with");
        String schema = null;
        boolean version = false;
        boolean cascade = false;
        while (!cursor.atEnd()) {
            Token clause = cursor.peek();
            if (cursor.acceptKeywords("schema")) {
                if (schema != null) {
                    throw cursor.redundant(clause);
                }
                schema = cursor.name();
            } else if (cursor.acceptKeywords("version")) {
                if (version) {
                    throw cursor.redundant(clause);
                }
                version = true;
                nonReservedWordOrString();
            } else if (cursor.acceptKeywords("cascade")) {
                if (cascade) {
                    throw cursor.redundant(clause);
                }
                cascade = true;
            } else {
                throw cursor.syntaxError();
            }
        }
        return new Statement.CreateExtension(name, ifNotExists, schema);
    }

    /** After {@code DROP EXTENSION}. */
    Statement dropExtension() {
        boolean ifExists = cursor.acceptIfExists();
        List<String> names = nameList();
        boolean cascade = cursor.acceptDropBehavior();
        cursor.expectEnd();
        return new Statement.DropExtension(names, ifExists, cascade);
    }

    // ---------------------------------------------------------------- foreign data wrappers

    /** After {@code CREATE FOREIGN DATA WRAPPER}. */
    Statement createForeignDataWrapper() {
        String name = cursor.name();
        String handler = null;
        String validator = null;
        boolean handlerSeen = false;
        boolean validatorSeen = false;
        while (true) {
            Token clause = cursor.peek();
            if (cursor.isKeyword("handler") || cursor.isKeywords("no", "handler")) {
                if (handlerSeen) {
                    throw cursor.redundant(clause);
                }
                handlerSeen = true;
                handler = cursor.acceptKeywords("no", "handler") ? null : functionAfter("handler");
            } else if (cursor.isKeyword("validator") || cursor.isKeywords("no", "validator")) {
                if (validatorSeen) {
                    throw cursor.redundant(clause);
                }
                validatorSeen = true;
                validator = cursor.acceptKeywords("no", "validator") ? null : functionAfter("validator");
            } else {
                break;
            }
        }
        Map<String, String> options = optionalOptions();
        cursor.expectEnd();
        return new Statement.CreateForeignDataWrapper(name, handler, validator, options);
    }

    private String functionAfter(String keyword) {
        cursor.expectKeywords(keyword);
        return cursor.dottedName();
    }

    /** After {@code DROP FOREIGN DATA WRAPPER}. */
    Statement dropForeignDataWrapper() {
        boolean ifExists = cursor.acceptIfExists();
        List<String> names = nameList();
        boolean cascade = cursor.acceptDropBehavior();
        cursor.expectEnd();
        return new Statement.DropForeignDataWrapper(names, ifExists, cascade);
    }

    // ---------------------------------------------------------------- servers

    /** After {@code CREATE SERVER}: {@code [IF NOT EXISTS] s [TYPE 't'] [VERSION 'v'] FOREIGN DATA WRAPPER w [OPTIONS (..)]}. */
    Statement createServer() {
        boolean ifNotExists = cursor.acceptIfNotExists();
        String name = cursor.name();
        if (cursor.acceptKeywords("type")) {
            cursor.string();
        }
        if (cursor.acceptKeywords("version")) {
            stringOrNull();
        }
        cursor.expectKeywords("foreign", "data", "wrapper");
        String wrapper = cursor.name();
        Map<String, String> options = optionalOptions();
        cursor.expectEnd();
        return new Statement.CreateServer(name, ifNotExists, wrapper, options);
    }

    /** After {@code ALTER SERVER}: {@code s [VERSION 'v'] [OPTIONS (..)]} or {@code s RENAME TO n}. */
    Statement alterServer() {
        String name = cursor.name();
        if (cursor.acceptKeywords("rename", "to")) {
            String renameTo = cursor.name();
            cursor.expectEnd();
            return new Statement.AlterServer(name, List.of(), renameTo);
        }
        if (cursor.isKeywords("owner", "to")) {
            throw SqlErrors.unsupported("ALTER SERVER ... OWNER TO", "the driver has no roles");
        }
        boolean version = cursor.acceptKeywords("version");
        if (version) {
            stringOrNull();
        }
        List<OptionChange> changes = List.of();
        if (cursor.acceptKeywords("options")) {
            changes = optionChanges();
        } else if (!version) {
            throw cursor.syntaxError();
        }
        cursor.expectEnd();
        return new Statement.AlterServer(name, changes, null);
    }

    /** After {@code DROP SERVER}. */
    Statement dropServer() {
        boolean ifExists = cursor.acceptIfExists();
        List<String> names = nameList();
        boolean cascade = cursor.acceptDropBehavior();
        cursor.expectEnd();
        return new Statement.DropServer(names, ifExists, cascade);
    }

    // ---------------------------------------------------------------- schemas

    /** After {@code CREATE SCHEMA}: {@code [IF NOT EXISTS] s [AUTHORIZATION r]} or {@code [IF NOT EXISTS] AUTHORIZATION r}. */
    Statement createSchema() {
        boolean ifNotExists = cursor.acceptIfNotExists();
        String name;
        if (cursor.acceptKeywords("authorization")) {
            name = roleSpecification();
        } else {
            name = cursor.name();
            if (cursor.acceptKeywords("authorization")) {
                roleSpecification();
            }
        }
        if (!cursor.atEnd()) {
            if (cursor.isKeyword("create") || cursor.isKeyword("grant")) {
                throw SqlErrors.unsupported("CREATE SCHEMA with schema elements", "run each CREATE separately");
            }
            throw cursor.syntaxError();
        }
        return new Statement.CreateSchema(name, ifNotExists);
    }

    private String roleSpecification() {
        if (cursor.isKeyword("current_user") || cursor.isKeyword("session_user") || cursor.isKeyword("current_role")) {
            return cursor.next().value();
        }
        return cursor.name();
    }

    /** After {@code DROP SCHEMA}. */
    Statement dropSchema() {
        boolean ifExists = cursor.acceptIfExists();
        List<String> names = nameList();
        boolean cascade = cursor.acceptDropBehavior();
        cursor.expectEnd();
        return new Statement.DropSchema(names, ifExists, cascade);
    }

    // ---------------------------------------------------------------- foreign tables

    /** After {@code CREATE FOREIGN TABLE}. */
    Statement createForeignTable() {
        boolean ifNotExists = cursor.acceptIfNotExists();
        QualifiedName name = cursor.qualifiedName();
        if (cursor.isKeywords("partition", "of")) {
            throw SqlErrors.unsupported("CREATE FOREIGN TABLE ... PARTITION OF", null);
        }
        cursor.expect(TokenType.LEFT_PAREN);
        List<ColumnDefinition> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (!cursor.accept(TokenType.RIGHT_PAREN)) {
            do {
                Token columnToken = cursor.peek();
                rejectTableConstraint();
                ColumnDefinition column = columnDefinition();
                if (!seen.add(column.name())) {
                    throw cursor.errorAt(columnToken, SqlState.DUPLICATE_COLUMN,
                            "column \"" + SqlErrors.mask(column.name()) + "\" specified more than once");
                }
                columns.add(column);
            } while (cursor.accept(TokenType.COMMA));
            cursor.expect(TokenType.RIGHT_PAREN);
        }
        if (cursor.isKeyword("inherits")) {
            throw SqlErrors.unsupported("CREATE FOREIGN TABLE ... INHERITS", null);
        }
        cursor.expectKeywords("server");
        String server = cursor.name();
        Map<String, String> options = optionalOptions();
        cursor.expectEnd();
        return new Statement.CreateForeignTable(name, ifNotExists, columns, server, options);
    }

    private void rejectTableConstraint() {
        for (String keyword : List.of("constraint", "check", "unique", "primary", "exclude", "foreign", "like")) {
            if (cursor.isKeyword(keyword)) {
                throw SqlErrors.unsupported("table constraint or LIKE clause (" + keyword.toUpperCase() + ")",
                        "foreign tables here hold plain columns only");
            }
        }
    }

    /** {@code name type [OPTIONS (..)] [NOT NULL | NULL]...} (OPTIONS also accepted after NOT NULL). */
    private ColumnDefinition columnDefinition() {
        String name = cursor.name();
        Token typeToken = cursor.peek();
        String typeName = TypeNames.parse(cursor);
        resolveType(typeToken, typeName);
        Map<String, String> options = cursor.acceptKeywords("options") ? cursor.optionList() : null;
        Boolean notNull = null;
        while (true) {
            Token constraint = cursor.peek();
            if (cursor.isKeyword("options")) {
                // Postgres wants OPTIONS right after the type; after NOT NULL it is accepted here as well.
                if (options != null) {
                    throw cursor.redundant(constraint);
                }
                cursor.next();
                options = cursor.optionList();
            } else if (cursor.acceptKeywords("not", "null")) {
                notNull = nullability(constraint, notNull, true);
            } else if (cursor.acceptKeywords("null")) {
                notNull = nullability(constraint, notNull, false);
            } else if (cursor.isKeyword("default")) {
                throw SqlErrors.unsupported("DEFAULT for a foreign table column",
                        "Stripe decides the value of omitted fields");
            } else if (cursor.isKeyword("collate")) {
                throw SqlErrors.unsupported("COLLATE", null);
            } else if (cursor.isKeyword("constraint") || cursor.isKeyword("check") || cursor.isKeyword("generated")
                    || cursor.isKeyword("unique") || cursor.isKeyword("primary") || cursor.isKeyword("references")) {
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
            throw cursor.errorAt(at, SqlState.SYNTAX_ERROR, "conflicting NULL/NOT NULL declarations for column");
        }
        return notNull;
    }

    private void resolveType(Token at, String typeName) {
        try {
            TypeNames.resolve(typeName);
        } catch (StripeJdbcException e) {
            throw cursor.errorAt(at, e.sqlState(), e.getMessage());
        }
    }

    /** After {@code ALTER FOREIGN TABLE} (or {@code ALTER TABLE}). */
    Statement alterForeignTable() {
        boolean ifExists = cursor.acceptIfExists();
        cursor.acceptKeywords("only");
        QualifiedName name = cursor.qualifiedName();
        if (cursor.peek().isOperator("*")) {
            cursor.next();
        }
        if (cursor.isKeyword("rename")) {
            TableAlteration rename = rename();
            cursor.expectEnd();
            return new Statement.AlterForeignTable(name, ifExists, List.of(rename));
        }
        if (cursor.isKeywords("set", "schema")) {
            throw SqlErrors.unsupported("ALTER FOREIGN TABLE ... SET SCHEMA", "drop and re-create the table");
        }
        List<TableAlteration> alterations = new ArrayList<>();
        do {
            alterations.add(alteration());
        } while (cursor.accept(TokenType.COMMA));
        cursor.expectEnd();
        return new Statement.AlterForeignTable(name, ifExists, alterations);
    }

    private TableAlteration rename() {
        cursor.expectKeywords("rename");
        if (cursor.acceptKeywords("to")) {
            return new TableAlteration.RenameTable(cursor.name());
        }
        if (cursor.isKeyword("constraint")) {
            throw SqlErrors.unsupported("RENAME CONSTRAINT", null);
        }
        cursor.acceptKeywords("column");
        String from = cursor.name();
        cursor.expectKeywords("to");
        return new TableAlteration.RenameColumn(from, cursor.name());
    }

    private TableAlteration alteration() {
        Token action = cursor.peek();
        if (cursor.acceptKeywords("options")) {
            return new TableAlteration.Options(optionChanges());
        }
        if (cursor.acceptKeywords("add")) {
            cursor.acceptKeywords("column");
            boolean ifNotExists = cursor.acceptIfNotExists();
            rejectTableConstraint();
            return new TableAlteration.AddColumn(columnDefinition(), ifNotExists);
        }
        if (cursor.acceptKeywords("drop")) {
            if (cursor.isKeyword("constraint")) {
                throw SqlErrors.unsupported("DROP CONSTRAINT", null);
            }
            cursor.acceptKeywords("column");
            boolean ifExists = cursor.acceptIfExists();
            String column = cursor.name();
            cursor.acceptDropBehavior();
            return new TableAlteration.DropColumn(column, ifExists);
        }
        if (cursor.isKeyword("rename")) {
            throw cursor.syntaxError();
        }
        if (action.type() == TokenType.IDENTIFIER && Set.of("alter", "owner", "set", "reset", "enable", "disable",
                "inherit", "no", "validate", "cluster").contains(action.value())) {
            throw SqlErrors.unsupported("ALTER FOREIGN TABLE ... " + action.value().toUpperCase(),
                    "supported actions are OPTIONS, ADD COLUMN, DROP COLUMN, RENAME");
        }
        throw cursor.syntaxError();
    }

    /** After {@code DROP FOREIGN TABLE} or {@code DROP TABLE}. */
    Statement dropForeignTable() {
        boolean ifExists = cursor.acceptIfExists();
        List<QualifiedName> names = new ArrayList<>();
        do {
            names.add(cursor.qualifiedName());
        } while (cursor.accept(TokenType.COMMA));
        boolean cascade = cursor.acceptDropBehavior();
        cursor.expectEnd();
        return new Statement.DropForeignTable(names, ifExists, cascade);
    }

    // ---------------------------------------------------------------- import and comments

    /** After {@code IMPORT FOREIGN SCHEMA}. */
    Statement importForeignSchema() {
        String remote = cursor.name();
        Statement.ImportFilter filter = Statement.ImportFilter.ALL;
        List<String> tables = List.of();
        if (cursor.acceptKeywords("limit", "to")) {
            filter = Statement.ImportFilter.LIMIT_TO;
            tables = tableNameList();
        } else if (cursor.acceptKeywords("except")) {
            filter = Statement.ImportFilter.EXCEPT;
            tables = tableNameList();
        }
        cursor.expectKeywords("from", "server");
        String server = cursor.name();
        cursor.expectKeywords("into");
        String local = cursor.name();
        Map<String, String> options = optionalOptions();
        cursor.expectEnd();
        return new Statement.ImportForeignSchema(remote, filter, tables, server, local, options);
    }

    /** {@code (a, s.b)}: as in Postgres, only the table part of a qualified name counts. */
    private List<String> tableNameList() {
        List<String> tables = new ArrayList<>();
        cursor.expect(TokenType.LEFT_PAREN);
        do {
            tables.add(cursor.qualifiedName().name());
        } while (cursor.accept(TokenType.COMMA));
        cursor.expect(TokenType.RIGHT_PAREN);
        return tables;
    }

    /** After {@code COMMENT ON}. */
    Statement commentOn() {
        Statement.CommentTarget target;
        QualifiedName object;
        String column = null;
        if (cursor.acceptKeywords("foreign", "table")) {
            target = Statement.CommentTarget.FOREIGN_TABLE;
            object = cursor.qualifiedName();
        } else if (cursor.acceptKeywords("table")) {
            target = Statement.CommentTarget.TABLE;
            object = cursor.qualifiedName();
        } else if (cursor.acceptKeywords("column")) {
            target = Statement.CommentTarget.COLUMN;
            Token first = cursor.peek();
            List<String> parts = new ArrayList<>();
            parts.add(cursor.name());
            while (cursor.accept(TokenType.DOT)) {
                parts.add(cursor.label());
            }
            if (parts.size() == 1) {
                throw cursor.errorAt(first, SqlState.SYNTAX_ERROR, "column name must be qualified");
            }
            if (parts.size() > 3) {
                throw cursor.errorAt(first, SqlState.SYNTAX_ERROR, "improper qualified name (too many dotted names)");
            }
            column = parts.get(parts.size() - 1);
            object = parts.size() == 3 ? new QualifiedName(parts.get(0), parts.get(1)) : QualifiedName.of(parts.get(0));
        } else if (cursor.acceptKeywords("schema")) {
            target = Statement.CommentTarget.SCHEMA;
            object = QualifiedName.of(cursor.name());
        } else if (cursor.acceptKeywords("server")) {
            target = Statement.CommentTarget.SERVER;
            object = QualifiedName.of(cursor.name());
        } else {
            Token what = cursor.peek();
            if (what.type() == TokenType.IDENTIFIER) {
                throw SqlErrors.unsupported("COMMENT ON " + SqlErrors.mask(what.value()).toUpperCase(),
                        "comments can be set on foreign tables, tables, columns, schemas and servers");
            }
            throw cursor.syntaxError();
        }
        cursor.expectKeywords("is");
        String comment = cursor.acceptKeywords("null") ? null : cursor.string();
        cursor.expectEnd();
        return new Statement.CommentOn(target, object, column, comment);
    }

    // ---------------------------------------------------------------- shared pieces

    private List<String> nameList() {
        List<String> names = new ArrayList<>();
        do {
            names.add(cursor.name());
        } while (cursor.accept(TokenType.COMMA));
        return names;
    }

    private Map<String, String> optionalOptions() {
        return cursor.acceptKeywords("options") ? cursor.optionList() : new LinkedHashMap<>();
    }

    /**
     * {@code (ADD k 'v', SET k 'v', DROP k, k 'v')} after the OPTIONS keyword; a bare {@code k 'v'} is ADD.
     * Naming one option twice is 42710, as in Postgres.
     */
    private List<OptionChange> optionChanges() {
        List<OptionChange> changes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        cursor.expect(TokenType.LEFT_PAREN);
        do {
            OptionAction action = OptionAction.ADD;
            // "add", "set" and "drop" are also legal option names: they are actions only when a name follows.
            if (cursor.peek(1).isName()) {
                if (cursor.acceptKeywords("add")) {
                    action = OptionAction.ADD;
                } else if (cursor.acceptKeywords("set")) {
                    action = OptionAction.SET;
                } else if (cursor.acceptKeywords("drop")) {
                    action = OptionAction.DROP;
                }
            }
            Token nameToken = cursor.peek();
            String name = cursor.label();
            String value = action == OptionAction.DROP ? null : cursor.string();
            if (!seen.add(name)) {
                throw cursor.duplicateOption(nameToken, name);
            }
            changes.add(new OptionChange(action, name, value));
        } while (cursor.accept(TokenType.COMMA));
        cursor.expect(TokenType.RIGHT_PAREN);
        return changes;
    }

    private void nonReservedWordOrString() {
        if (cursor.peek().type() == TokenType.STRING) {
            cursor.next();
        } else {
            cursor.name();
        }
    }

    private void stringOrNull() {
        if (!cursor.acceptKeywords("null")) {
            cursor.string();
        }
    }
}
