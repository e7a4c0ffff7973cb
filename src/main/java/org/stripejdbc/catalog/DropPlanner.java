package org.stripejdbc.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.QualifiedName;

/**
 * Postgres's DROP ... RESTRICT / CASCADE over the catalog's dependency graph:
 * <pre>
 *   extension wrappers ← foreign-data wrapper (its handler/validator) ← server ← foreign table
 *   schema ← extension in it, foreign table in it
 * </pre>
 * Example: {@code drop server stripe_server} with two tables on it is
 * <pre>
 *   2BP01 cannot drop server stripe_server because other objects depend on it
 *   DETAIL: foreign table stripe.customers depends on server stripe_server
 *   foreign table stripe.charges depends on server stripe_server
 *   HINT: Use DROP ... CASCADE to drop the dependent objects too.
 * </pre>
 * and with CASCADE the NOTICE {@code drop cascades to 2 other objects} with the same objects listed.
 */
final class DropPlanner {
    private static final String CASCADE_HINT = "HINT: Use DROP ... CASCADE to drop the dependent objects too.";

    /** A droppable catalog object. */
    sealed interface CatalogObject {
        String describe();
    }

    record ExtensionObject(String name) implements CatalogObject {
        public String describe() {
            return "extension " + name;
        }
    }

    record WrapperObject(String name) implements CatalogObject {
        public String describe() {
            return "foreign-data wrapper " + name;
        }
    }

    record ServerObject(String name) implements CatalogObject {
        public String describe() {
            return "server " + name;
        }
    }

    record SchemaObject(String name) implements CatalogObject {
        public String describe() {
            return "schema " + name;
        }
    }

    record TableObject(QualifiedName name) implements CatalogObject {
        public String describe() {
            return "foreign table " + name;
        }
    }

    /** What a DROP removes: the targets and everything cascaded, and the NOTICEs to report. */
    record Plan(Set<CatalogObject> doomed, List<String> notices) {}

    private final Map<String, Set<String>> extensionFunctions;
    private final Collection<Extension> extensions;
    private final Collection<ForeignDataWrapper> wrappers;
    private final Collection<ForeignServer> servers;
    private final Collection<ForeignTable> tables;

    DropPlanner(
            Map<String, Set<String>> extensionFunctions,
            Collection<Extension> extensions,
            Collection<ForeignDataWrapper> wrappers,
            Collection<ForeignServer> servers,
            Collection<ForeignTable> tables) {
        this.extensionFunctions = extensionFunctions;
        this.extensions = extensions;
        this.wrappers = wrappers;
        this.servers = servers;
        this.tables = tables;
    }

    /**
     * Without CASCADE, any object depending on a target (and not itself a target) is a {@code 2BP01} error naming
     * the first blocked target and listing every dependency; with CASCADE, the dependents are planned for removal too.
     */
    Plan plan(List<CatalogObject> targets, boolean cascade) {
        LinkedHashSet<CatalogObject> doomed = new LinkedHashSet<>(targets);
        List<String> dependencies = new ArrayList<>();
        List<CatalogObject> cascaded = new ArrayList<>();
        CatalogObject blocked = null;
        for (CatalogObject target : targets) {
            Deque<CatalogObject> queue = new ArrayDeque<>(List.of(target));
            while (!queue.isEmpty()) {
                CatalogObject object = queue.poll();
                for (CatalogObject dependent : dependentsOf(object)) {
                    if (doomed.add(dependent)) {
                        dependencies.add(dependent.describe() + " depends on " + object.describe());
                        cascaded.add(dependent);
                        queue.add(dependent);
                        if (blocked == null) {
                            blocked = target;
                        }
                    }
                }
            }
        }
        if (blocked != null && !cascade) {
            throw new StripeJdbcException(
                    SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                    "cannot drop " + blocked.describe()
                            + " because other objects depend on it\nDETAIL: " + String.join("\n", dependencies) + "\n"
                            + CASCADE_HINT);
        }
        List<String> notices = new ArrayList<>();
        if (cascaded.size() == 1) {
            notices.add("drop cascades to " + cascaded.get(0).describe());
        } else if (!cascaded.isEmpty()) {
            notices.add("drop cascades to " + cascaded.size() + " other objects\nDETAIL: "
                    + String.join(
                            "\n",
                            cascaded.stream()
                                    .map(o -> "drop cascades to " + o.describe())
                                    .toList()));
        }
        return new Plan(doomed, notices);
    }

    private List<CatalogObject> dependentsOf(CatalogObject object) {
        List<CatalogObject> out = new ArrayList<>();
        if (object instanceof ExtensionObject extension) {
            Set<String> functions = extensionFunctions.getOrDefault(extension.name(), Set.of());
            wrappers.stream()
                    .filter(w -> functions.contains(w.handler()) || functions.contains(w.validator()))
                    .forEach(w -> out.add(new WrapperObject(w.name())));
        } else if (object instanceof WrapperObject wrapper) {
            servers.stream()
                    .filter(s -> s.wrapper().equals(wrapper.name()))
                    .forEach(s -> out.add(new ServerObject(s.name())));
        } else if (object instanceof ServerObject server) {
            tables.stream()
                    .filter(t -> t.server().equals(server.name()))
                    .forEach(t -> out.add(new TableObject(t.tableName())));
        } else if (object instanceof SchemaObject schema) {
            extensions.stream()
                    .filter(e -> e.schema().equals(schema.name()))
                    .forEach(e -> out.add(new ExtensionObject(e.name())));
            tables.stream()
                    .filter(t -> t.schema().equals(schema.name()))
                    .forEach(t -> out.add(new TableObject(t.tableName())));
        }
        return out;
    }
}
