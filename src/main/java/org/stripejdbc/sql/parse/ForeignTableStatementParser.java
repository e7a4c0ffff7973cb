package org.stripejdbc.sql.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.ColumnDefinition;
import org.stripejdbc.sql.ImportFilter;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.sql.TableAlteration;

/**
 * Hand-written recursive-descent parser for the DDL of foreign tables: CREATE, ALTER and DROP FOREIGN TABLE (also
 * ALTER and DROP TABLE) and IMPORT FOREIGN SCHEMA; the other FDW and catalog DDL is {@link CatalogStatementParser}'s.
 *
 * <p>Each method starts after the leading keywords the {@link StatementParser} used to route the statement
 * and consumes the rest, ending at END. Example:
 * <pre>
 *   create foreign table stripe.customers (id text not null, "items[0][price]" text, created timestamp)
 *     server stripe_server options (object 'customers', rowid_column 'id')
 *   → CreateForeignTable(stripe.customers, false, [ColumnDefinition(id, text, true, {}), ...], "stripe_server",
 *       {object=customers, rowid_column=id})
 * </pre>
 * The grammar follows Postgres 16; what the statement model cannot hold is 0A000 (column DEFAULT, CHECK, COLLATE,
 * table constraints, PARTITION OF, ALTER COLUMN, SET SCHEMA).
 */
final class ForeignTableStatementParser {

    private final TokenReader tokens;

    ForeignTableStatementParser(TokenReader tokens) {
        this.tokens = tokens;
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
                    throw tokens.errorAt(
                            columnToken,
                            SqlState.DUPLICATE_COLUMN,
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
        Map<String, String> options = tokens.optionalOptions();
        tokens.expectEnd();
        return new Statement.CreateForeignTable(name, ifNotExists, columns, server, options);
    }

    private void rejectTableConstraint() {
        for (String keyword : List.of("constraint", "check", "unique", "primary", "exclude", "foreign", "like")) {
            if (tokens.isKeyword(keyword)) {
                throw SqlErrors.unsupported(
                        "table constraint or LIKE clause (" + keyword.toUpperCase() + ")",
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
                throw SqlErrors.unsupported(
                        "DEFAULT for a foreign table column", "Stripe decides the value of omitted fields");
            } else if (tokens.isKeyword("collate")) {
                throw SqlErrors.unsupported("COLLATE", null);
            } else if (tokens.isKeyword("constraint")
                    || tokens.isKeyword("check")
                    || tokens.isKeyword("generated")
                    || tokens.isKeyword("unique")
                    || tokens.isKeyword("primary")
                    || tokens.isKeyword("references")) {
                throw SqlErrors.unsupported(
                        "column constraint " + constraint.value().toUpperCase(),
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
            return new TableAlteration.Options(tokens.optionChanges());
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
        if (action.type() == TokenType.IDENTIFIER
                && Set.of("alter", "owner", "set", "reset", "enable", "disable", "inherit", "no", "validate", "cluster")
                        .contains(action.value())) {
            throw SqlErrors.unsupported(
                    "ALTER FOREIGN TABLE ... " + action.value().toUpperCase(),
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

    // ---------------------------------------------------------------- import

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
        Map<String, String> options = tokens.optionalOptions();
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
}
