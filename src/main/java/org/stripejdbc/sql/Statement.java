package org.stripejdbc.sql;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.vault.SecretNames;

/**
 * Every statement the driver runs, as parsed from SQL text. Identifiers are case-folded; option values are
 * the unescaped string literal values. The front end ({@code org.stripejdbc.sql.parse.SqlFrontEnd}) produces
 * these; nothing else here knows the grammar.
 */
public sealed interface Statement {

    // ---------------------------------------------------------------- queries and DML

    /** A query: {@code SELECT}, {@code VALUES}, set operations, {@code WITH}. */
    record QueryStatement(Query query) implements Statement {
        public QueryStatement {
            Objects.requireNonNull(query, "query");
        }
    }

    /**
     * {@code INSERT INTO table [(cols)] VALUES (..), (..) | query [RETURNING ...]}. Exactly one of
     * {@code rows} (non-empty) and {@code source} is set; {@code columns} is empty when not written.
     */
    record Insert(
            QualifiedName table, List<String> columns, List<List<Expr>> rows, Query source, List<SelectItem> returning)
            implements Statement {
        public Insert {
            Objects.requireNonNull(table, "table");
            columns = List.copyOf(columns);
            rows = rows == null ? List.of() : rows.stream().map(List::copyOf).toList();
            returning = returning == null ? List.of() : List.copyOf(returning);
        }
    }

    /** One {@code col = expr} of an UPDATE; {@code value == null} never (NULL is a literal). */
    record Assignment(String column, Expr value) {
        public Assignment {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * {@code UPDATE table [alias] SET ... [FROM items] [WHERE ...] [RETURNING ...]}; {@code from} is null without
     * FROM, else the FROM items as one tree (commas as CROSS joins), as a SELECT's: {@code update stripe.customers c
     * set description = 'vip' from stripe.charges ch where ch.customer = c.id}.
     */
    record Update(
            QualifiedName table,
            String alias,
            List<Assignment> assignments,
            FromItem from,
            Expr where,
            List<SelectItem> returning)
            implements Statement {
        public Update {
            Objects.requireNonNull(table, "table");
            assignments = List.copyOf(assignments);
            returning = returning == null ? List.of() : List.copyOf(returning);
        }

        /** This statement with another RETURNING list (everything else kept, FROM included). */
        public Update withReturning(List<SelectItem> items) {
            return new Update(table, alias, assignments, from, where, items);
        }
    }

    /**
     * {@code DELETE FROM table [alias] [USING items] [WHERE ...] [RETURNING ...]}; {@code using} is null without
     * USING, else the items as one tree, as a SELECT's FROM.
     */
    record Delete(QualifiedName table, String alias, FromItem using, Expr where, List<SelectItem> returning)
            implements Statement {
        public Delete {
            Objects.requireNonNull(table, "table");
            returning = returning == null ? List.of() : List.copyOf(returning);
        }

        /** This statement with another RETURNING list (everything else kept, USING included). */
        public Delete withReturning(List<SelectItem> items) {
            return new Delete(table, alias, using, where, items);
        }
    }

    /** {@code EXPLAIN [ANALYZE] [VERBOSE] statement}. */
    record Explain(Statement statement, boolean analyze, boolean verbose) implements Statement {}

    // ---------------------------------------------------------------- extensions, wrappers, servers

    /** {@code CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]}. */
    record CreateExtension(String name, boolean ifNotExists, String schema) implements Statement {}

    /** {@code DROP EXTENSION [IF EXISTS] a, b [CASCADE|RESTRICT]}. */
    record DropExtension(List<String> names, boolean ifExists, boolean cascade) implements Statement {}

    /** {@code CREATE FOREIGN DATA WRAPPER name [HANDLER f | NO HANDLER] [VALIDATOR f | NO VALIDATOR] [OPTIONS (..)]}.
     * */
    record CreateForeignDataWrapper(String name, String handler, String validator, Map<String, String> options)
            implements Statement {
        public CreateForeignDataWrapper {
            options = OrderedMaps.copy(options, "option");
        }
    }

    /** {@code DROP FOREIGN DATA WRAPPER [IF EXISTS] a, b [CASCADE|RESTRICT]}. */
    record DropForeignDataWrapper(List<String> names, boolean ifExists, boolean cascade) implements Statement {}

    /**
     * {@code CREATE SERVER [IF NOT EXISTS] name [TYPE 't'] [VERSION 'v'] FOREIGN DATA WRAPPER w [OPTIONS (..)]}.
     * {@code options} keeps the written order (a {@code LinkedHashMap} copy).
     */
    record CreateServer(String name, boolean ifNotExists, String wrapper, Map<String, String> options)
            implements Statement {
        public CreateServer {
            options = OrderedMaps.copy(options, "option");
        }

        /** Security: option values that carry secrets ({@code api_key}...) are masked. */
        @Override
        public String toString() {
            return "CreateServer[name=" + name + ", ifNotExists=" + ifNotExists + ", wrapper=" + wrapper + ", options="
                    + SecretNames.mask(options) + "]";
        }
    }

    /** {@code ALTER SERVER name OPTIONS (...)}, or {@code ALTER SERVER name RENAME TO new}. */
    record AlterServer(String name, List<OptionChange> optionChanges, String renameTo) implements Statement {
        public AlterServer {
            optionChanges = optionChanges == null ? List.of() : List.copyOf(optionChanges);
        }
    }

    /** {@code DROP SERVER [IF EXISTS] a, b [CASCADE|RESTRICT]}. */
    record DropServer(List<String> names, boolean ifExists, boolean cascade) implements Statement {}

    // ---------------------------------------------------------------- schemas and foreign tables

    /** {@code CREATE SCHEMA [IF NOT EXISTS] name}. */
    record CreateSchema(String name, boolean ifNotExists) implements Statement {}

    /** {@code DROP SCHEMA [IF EXISTS] a, b [CASCADE|RESTRICT]}. */
    record DropSchema(List<String> names, boolean ifExists, boolean cascade) implements Statement {}

    /** {@code CREATE FOREIGN TABLE [IF NOT EXISTS] s.t (cols) SERVER s [OPTIONS (..)]}. */
    record CreateForeignTable(
            QualifiedName name,
            boolean ifNotExists,
            List<ColumnDefinition> columns,
            String server,
            Map<String, String> options)
            implements Statement {
        public CreateForeignTable {
            Objects.requireNonNull(name, "name");
            columns = List.copyOf(columns);
            Objects.requireNonNull(server, "server");
            options = OrderedMaps.copy(options, "option");
        }
    }

    /** {@code ALTER FOREIGN TABLE [IF EXISTS] s.t action [, action ...]}. */
    record AlterForeignTable(QualifiedName name, boolean ifExists, List<TableAlteration> alterations)
            implements Statement {
        public AlterForeignTable {
            alterations = List.copyOf(alterations);
        }
    }

    /** {@code DROP FOREIGN TABLE [IF EXISTS] a, b [CASCADE|RESTRICT]} (also plain {@code DROP TABLE}). */
    record DropForeignTable(List<QualifiedName> names, boolean ifExists, boolean cascade) implements Statement {}

    /**
     * {@code IMPORT FOREIGN SCHEMA remote [LIMIT TO (..) | EXCEPT (..)] FROM SERVER s INTO local [OPTIONS (..)]}.
     */
    record ImportForeignSchema(
            String remoteSchema,
            ImportFilter filter,
            List<String> tables,
            String server,
            String localSchema,
            Map<String, String> options)
            implements Statement {
        public ImportForeignSchema {
            tables = tables == null ? List.of() : List.copyOf(tables);
            options = OrderedMaps.copy(options, "option");
        }
    }

    /**
     * {@code COMMENT ON [FOREIGN] TABLE s.t IS '..'}, {@code COMMENT ON COLUMN s.t.c IS '..'}, {@code COMMENT ON
     * SCHEMA|SERVER name IS '..'}; {@code comment} null for {@code IS NULL}.
     */
    record CommentOn(CommentTarget target, String comment) implements Statement {
        public CommentOn {
            Objects.requireNonNull(target, "target");
        }
    }

    // ---------------------------------------------------------------- session

    /** {@code SET [SESSION|LOCAL] name {TO|=} value[, value]} (values unquoted), e.g. search_path. */
    record SetVariable(String name, List<String> values) implements Statement {
        public SetVariable {
            values = List.copyOf(values);
        }
    }

    /** {@code RESET name} / {@code RESET ALL} (name "all"). */
    record ResetVariable(String name) implements Statement {}

    /** {@code SHOW name}. */
    record ShowVariable(String name) implements Statement {}

    enum TransactionAction {
        BEGIN,
        COMMIT,
        ROLLBACK
    }

    /** {@code BEGIN [TRANSACTION|WORK]}, {@code START TRANSACTION}, {@code COMMIT}, {@code END}, {@code ROLLBACK}. */
    record Transaction(TransactionAction action) implements Statement {}
}
