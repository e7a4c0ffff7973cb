package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.List;
import org.stripejdbc.catalog.Catalog;
import org.stripejdbc.catalog.ColumnSpec;
import org.stripejdbc.catalog.CommentTarget;
import org.stripejdbc.catalog.DdlResult;
import org.stripejdbc.catalog.ImportFilter;
import org.stripejdbc.catalog.OptionChange;
import org.stripejdbc.catalog.TableAlteration;
import org.stripejdbc.catalog.TableName;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Statement;

/**
 * Runs the FDW/catalog DDL family against the {@link Catalog}, which owns the Postgres rules (existence,
 * duplicates, dependents, CASCADE). This class only maps statement records to catalog calls and resolves
 * unqualified names to the session's first schema. Returns the notices Postgres would print.
 * <pre>
 *   create server s foreign data wrapper w options (api_key_id '...')  →  catalog.createServer("s", false, "w", {...})
 *   drop foreign table if exists a, stripe.b cascade                    →  catalog.dropForeignTables([cur.a, stripe.b], true, true)
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
        return statement instanceof Statement.CreateExtension || statement instanceof Statement.DropExtension
                || statement instanceof Statement.CreateForeignDataWrapper
                || statement instanceof Statement.DropForeignDataWrapper || statement instanceof Statement.CreateServer
                || statement instanceof Statement.AlterServer || statement instanceof Statement.DropServer
                || statement instanceof Statement.CreateSchema || statement instanceof Statement.DropSchema
                || statement instanceof Statement.CreateForeignTable || statement instanceof Statement.AlterForeignTable
                || statement instanceof Statement.DropForeignTable || statement instanceof Statement.ImportForeignSchema
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
            result = s.renameTo() != null ? catalog.renameServer(s.name(), s.renameTo())
                    : catalog.alterServer(s.name(), optionChanges(s.optionChanges()));
        } else if (statement instanceof Statement.DropServer s) {
            result = catalog.dropServer(s.names(), s.ifExists(), s.cascade());
        } else if (statement instanceof Statement.CreateSchema s) {
            result = catalog.createSchema(s.name(), s.ifNotExists());
        } else if (statement instanceof Statement.DropSchema s) {
            result = catalog.dropSchema(s.names(), s.ifExists(), s.cascade());
        } else if (statement instanceof Statement.CreateForeignTable s) {
            List<ColumnSpec> columns = new ArrayList<>();
            for (Statement.ColumnDefinition c : s.columns()) {
                columns.add(new ColumnSpec(c.name(), c.typeName(), c.notNull(), c.options()));
            }
            result = catalog.createForeignTable(schemaOf(s.name()), s.name().name(), s.ifNotExists(), columns,
                    s.server(), s.options());
        } else if (statement instanceof Statement.AlterForeignTable s) {
            result = catalog.alterForeignTable(schemaOf(s.name()), s.name().name(), s.ifExists(),
                    alterations(s.alterations()));
        } else if (statement instanceof Statement.DropForeignTable s) {
            List<TableName> names = new ArrayList<>();
            for (QualifiedName name : s.names()) {
                names.add(new TableName(existingSchemaOf(name), name.name()));
            }
            result = catalog.dropForeignTables(names, s.ifExists(), s.cascade());
        } else if (statement instanceof Statement.ImportForeignSchema s) {
            return catalog.importForeignSchema(s.remoteSchema(), ImportFilter.valueOf(s.filter().name()), s.tables(),
                    s.server(), s.localSchema(), s.options()).notices();
        } else if (statement instanceof Statement.CommentOn s) {
            result = catalog.comment(commentTarget(s), s.comment());
        } else {
            throw new StripeJdbcException(SqlState.INTERNAL_ERROR, "not a DDL statement: "
                    + statement.getClass().getSimpleName());
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

    private CommentTarget commentTarget(Statement.CommentOn s) {
        switch (s.target()) {
            case SCHEMA:
                return new CommentTarget.OnSchema(s.object().name());
            case SERVER:
                return new CommentTarget.OnServer(s.object().name());
            case COLUMN:
                return new CommentTarget.OnColumn(existingSchemaOf(s.object()), s.object().name(), s.column());
            default:
                return new CommentTarget.OnForeignTable(existingSchemaOf(s.object()), s.object().name());
        }
    }

    private static List<OptionChange> optionChanges(List<Statement.OptionChange> changes) {
        List<OptionChange> out = new ArrayList<>();
        for (Statement.OptionChange c : changes) {
            out.add(new OptionChange(OptionChange.Action.valueOf(c.action().name()), c.name(), c.value()));
        }
        return out;
    }

    private static List<TableAlteration> alterations(List<Statement.TableAlteration> alterations) {
        List<TableAlteration> out = new ArrayList<>();
        for (Statement.TableAlteration a : alterations) {
            if (a instanceof Statement.TableAlteration.Options o) {
                out.add(new TableAlteration.Options(optionChanges(o.changes())));
            } else if (a instanceof Statement.TableAlteration.AddColumn add) {
                Statement.ColumnDefinition c = add.column();
                out.add(new TableAlteration.AddColumn(new ColumnSpec(c.name(), c.typeName(), c.notNull(), c.options()),
                        add.ifNotExists()));
            } else if (a instanceof Statement.TableAlteration.DropColumn drop) {
                out.add(new TableAlteration.DropColumn(drop.column(), drop.ifExists()));
            } else if (a instanceof Statement.TableAlteration.RenameColumn rename) {
                out.add(new TableAlteration.RenameColumn(rename.from(), rename.to()));
            } else if (a instanceof Statement.TableAlteration.RenameTable rename) {
                out.add(new TableAlteration.RenameTable(rename.to()));
            }
        }
        return out;
    }
}
