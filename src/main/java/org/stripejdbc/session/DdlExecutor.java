package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.List;
import org.stripejdbc.catalog.Catalog;
import org.stripejdbc.catalog.DdlResult;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.CommentTarget;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Statement;

/**
 * Runs the FDW/catalog DDL family against the {@link Catalog}, which owns the Postgres rules (existence,
 * duplicates, dependents, CASCADE). This class only maps statement records to catalog calls and resolves
 * unqualified names to the session's first schema (the catalog takes the statement model's records as they are).
 * Returns the notices Postgres would print.
 * <pre>
 *   create server s foreign data wrapper w options (api_key_id '...')  →  catalog.createServer("s", false, "w", {...})
 *   drop foreign table if exists a, stripe.b cascade                    →  catalog.dropForeignTables([cur.a, stripe.b],
 *     true, true)
 * </pre>
 */
final class DdlExecutor {
    private final Catalog catalog;
    private final SearchPath searchPath;

    DdlExecutor(Catalog catalog, SearchPath searchPath) {
        this.catalog = catalog;
        this.searchPath = searchPath;
    }

    /** Whether {@code statement} is one of the DDL forms this class runs. */
    static boolean handles(Statement statement) {
        return statement instanceof Statement.CreateExtension
                || statement instanceof Statement.DropExtension
                || statement instanceof Statement.CreateForeignDataWrapper
                || statement instanceof Statement.DropForeignDataWrapper
                || statement instanceof Statement.CreateServer
                || statement instanceof Statement.AlterServer
                || statement instanceof Statement.DropServer
                || statement instanceof Statement.CreateSchema
                || statement instanceof Statement.DropSchema
                || statement instanceof Statement.CreateForeignTable
                || statement instanceof Statement.AlterForeignTable
                || statement instanceof Statement.DropForeignTable
                || statement instanceof Statement.ImportForeignSchema
                || statement instanceof Statement.CommentOn;
    }

    /** Runs the statement; returns its notices. */
    List<String> execute(Statement statement) {
        DdlResult result;
        if (statement instanceof Statement.CreateExtension s) {
            result = catalog.createExtension(s.name(), s.ifNotExists(), s.schema());
        } else if (statement instanceof Statement.DropExtension s) {
            result = catalog.dropExtension(s.names(), s.ifExists(), s.cascade());
        } else if (statement instanceof Statement.CreateForeignDataWrapper s) {
            result = catalog.createWrapper(s.name(), s.handler(), s.validator(), s.options());
        } else if (statement instanceof Statement.DropForeignDataWrapper s) {
            result = catalog.dropWrapper(s.names(), s.ifExists(), s.cascade());
        } else if (statement instanceof Statement.CreateServer s) {
            result = catalog.createServer(s.name(), s.ifNotExists(), s.wrapper(), s.options());
        } else if (statement instanceof Statement.AlterServer s) {
            result = s.renameTo() != null
                    ? catalog.renameServer(s.name(), s.renameTo())
                    : catalog.alterServer(s.name(), s.optionChanges());
        } else if (statement instanceof Statement.DropServer s) {
            result = catalog.dropServer(s.names(), s.ifExists(), s.cascade());
        } else if (statement instanceof Statement.CreateSchema s) {
            result = catalog.createSchema(s.name(), s.ifNotExists());
        } else if (statement instanceof Statement.DropSchema s) {
            result = catalog.dropSchema(s.names(), s.ifExists(), s.cascade());
        } else if (statement instanceof Statement.CreateForeignTable s) {
            result = catalog.createForeignTable(
                    schemaOf(s.name()), s.name().name(), s.ifNotExists(), s.columns(), s.server(), s.options());
        } else if (statement instanceof Statement.AlterForeignTable s) {
            result = catalog.alterForeignTable(schemaOf(s.name()), s.name().name(), s.ifExists(), s.alterations());
        } else if (statement instanceof Statement.DropForeignTable s) {
            List<QualifiedName> names = new ArrayList<>();
            for (QualifiedName name : s.names()) {
                names.add(resolved(name));
            }
            result = catalog.dropForeignTables(names, s.ifExists(), s.cascade());
        } else if (statement instanceof Statement.ImportForeignSchema s) {
            return catalog.importForeignSchema(
                            s.remoteSchema(), s.filter(), s.tables(), s.server(), s.localSchema(), s.options())
                    .notices();
        } else if (statement instanceof Statement.CommentOn s) {
            result = catalog.comment(resolved(s.target()), s.comment());
        } else {
            throw new StripeJdbcException(
                    SqlState.INTERNAL_ERROR,
                    "not a DDL statement: " + statement.getClass().getSimpleName());
        }
        return result.notices();
    }

    /** The schema a new object goes into: the written one, else the first schema of the search path. */
    private String schemaOf(QualifiedName name) {
        return name.schema() != null ? name.schema() : searchPath.creationSchema();
    }

    /** The schema of an existing table: the written one, else the first search-path schema that has it. */
    private String existingSchemaOf(QualifiedName name) {
        if (name.schema() != null) {
            return name.schema();
        }
        return searchPath.findTableSchema(catalog.snapshot(), name.name()).orElse(searchPath.creationSchema());
    }

    /** An existing table's name with its schema resolved ({@link #existingSchemaOf}). */
    private QualifiedName resolved(QualifiedName name) {
        return new QualifiedName(existingSchemaOf(name), name.name());
    }

    /** The comment's target with a table's schema resolved. */
    private CommentTarget resolved(CommentTarget target) {
        if (target instanceof CommentTarget.OnForeignTable onTable) {
            return new CommentTarget.OnForeignTable(resolved(onTable.table()));
        }
        if (target instanceof CommentTarget.OnColumn onColumn) {
            return new CommentTarget.OnColumn(resolved(onColumn.table()), onColumn.column());
        }
        return target;
    }
}
