package org.stripejdbc.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.sql.CommentTarget;
import org.stripejdbc.sql.OptionChange;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Statement;

/**
 * Hand-written recursive-descent parser for the FDW and catalog DDL that JSqlParser cannot read: extensions,
 * foreign data wrappers, servers, schemas and COMMENT ON (foreign tables and IMPORT FOREIGN SCHEMA are
 * {@link ForeignTableStatementParser}'s).
 *
 * <p>Each method starts after the leading keywords the {@link StatementParser} used to route the statement
 * and consumes the rest, ending at END. Example:
 * <pre>
 *   create server if not exists stripe_server foreign data wrapper stripe_wrapper
 *     options (api_key_id '&lt;key_ID&gt;', api_url 'https://api.stripe.com/v1/')
 *   → CreateServer("stripe_server", true, "stripe_wrapper", {api_key_id=&lt;key_ID&gt;, api_url=https://...})
 * </pre>
 * The grammar follows Postgres 16; clauses Postgres accepts but the statement model cannot hold are 0A000
 * (ALTER SERVER ... OWNER TO, CREATE SCHEMA with schema elements); clauses without effect on a driver-side catalog
 * are accepted and dropped (CREATE EXTENSION's VERSION and CASCADE, CREATE SERVER's TYPE and VERSION, CREATE
 * SCHEMA's AUTHORIZATION role).
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
        return drop(Statement.DropExtension::new);
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
        Map<String, String> options = tokens.optionalOptions();
        tokens.expectEnd();
        return new Statement.CreateForeignDataWrapper(name, handler, validator, options);
    }

    private String functionAfter(String keyword) {
        tokens.expectKeywords(keyword);
        return tokens.dottedName();
    }

    /** After {@code DROP FOREIGN DATA WRAPPER}. */
    Statement dropForeignDataWrapper() {
        return drop(Statement.DropForeignDataWrapper::new);
    }

    // ---------------------------------------------------------------- servers

    /** After {@code CREATE SERVER}: {@code [IF NOT EXISTS] s [TYPE 't'] [VERSION 'v'] FOREIGN DATA WRAPPER w [OPTIONS
     * (..)]}. */
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
        Map<String, String> options = tokens.optionalOptions();
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
            changes = tokens.optionChanges();
        } else if (!version) {
            throw tokens.syntaxError();
        }
        tokens.expectEnd();
        return new Statement.AlterServer(name, changes, null);
    }

    /** After {@code DROP SERVER}. */
    Statement dropServer() {
        return drop(Statement.DropServer::new);
    }

    // ---------------------------------------------------------------- schemas

    /** After {@code CREATE SCHEMA}: {@code [IF NOT EXISTS] s [AUTHORIZATION r]} or {@code [IF NOT EXISTS] AUTHORIZATION
     * r}. */
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
        return drop(Statement.DropSchema::new);
    }

    // ---------------------------------------------------------------- comments

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
            QualifiedName table =
                    parts.size() == 3 ? new QualifiedName(parts.get(0), parts.get(1)) : QualifiedName.of(parts.get(0));
            target = new CommentTarget.OnColumn(table, parts.get(parts.size() - 1));
        } else if (tokens.acceptKeywords("schema")) {
            target = new CommentTarget.OnSchema(tokens.name());
        } else if (tokens.acceptKeywords("server")) {
            target = new CommentTarget.OnServer(tokens.name());
        } else {
            Token what = tokens.peek();
            if (what.type() == TokenType.IDENTIFIER) {
                throw SqlErrors.unsupported(
                        "COMMENT ON " + SqlErrors.mask(what.value()).toUpperCase(),
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

    /** A DROP statement of catalog objects named by plain names, built from what {@link #drop} read. */
    private interface Drop {
        Statement of(List<String> names, boolean ifExists, boolean cascade);
    }

    /** The rest of a DROP of named objects: {@code [IF EXISTS] name [, ...] [CASCADE | RESTRICT]}. */
    private Statement drop(Drop statement) {
        boolean ifExists = tokens.acceptIfExists();
        List<String> names = tokens.nameList();
        boolean cascade = tokens.acceptDropBehavior();
        tokens.expectEnd();
        return statement.of(names, ifExists, cascade);
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
