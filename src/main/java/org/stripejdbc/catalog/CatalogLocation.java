package org.stripejdbc.catalog;

import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * Where a catalog lives: in the JVM's memory under a name, or in a directory shared by every process that opens
 * it. Parsed from the part of the JDBC URL after {@code jdbc:stripe:} (connection properties already removed):
 * <pre>
 *   jdbc:stripe:                    → Directory(~/.stripe-jdbc/default)
 *   jdbc:stripe:mem:demo            → Memory("demo")     shared by the JVM's connections to mem:demo
 *   jdbc:stripe:mem:                → Memory("")         private to the one connection (like H2's jdbc:h2:mem:)
 *   jdbc:stripe:file:/srv/catalog   → Directory(/srv/catalog)
 *   jdbc:stripe:file:///srv/catalog → Directory(/srv/catalog)
 *   jdbc:stripe:~/work/stripe       → Directory(&lt;home&gt;/work/stripe)
 * </pre>
 */
public sealed interface CatalogLocation permits CatalogLocation.Memory, CatalogLocation.Directory {

    /** The URL prefix this location's specification follows. */
    String URL_PREFIX = "jdbc:stripe:";

    /** A catalog in this JVM's memory; lives as long as the JVM (an empty name: as long as its one connection). */
    record Memory(String name) implements CatalogLocation {
        public Memory {
            Objects.requireNonNull(name, "name");
        }

        /** Whether this is a private catalog, never shared ({@code jdbc:stripe:mem:}). */
        public boolean isPrivate() {
            return name.isEmpty();
        }

        @Override
        public String toString() {
            return "mem:" + name;
        }
    }

    /** A catalog persisted in a directory ({@code catalog.json}, {@code catalog.lock}, {@code vault.key}). */
    record Directory(Path path) implements CatalogLocation {
        public Directory {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** {@code ~/.stripe-jdbc/default}, the catalog of {@code jdbc:stripe:}. */
    static Directory defaultDirectory() {
        return new Directory(Path.of(System.getProperty("user.home"), ".stripe-jdbc", "default"));
    }

    /** Parses a whole URL starting with {@code jdbc:stripe:} (without properties); see the type's documentation. */
    static CatalogLocation fromUrl(String url) {
        Objects.requireNonNull(url, "url");
        if (!url.regionMatches(true, 0, URL_PREFIX, 0, URL_PREFIX.length())) {
            throw new StripeJdbcException(
                    SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
                    "not a stripe-jdbc URL (expected " + URL_PREFIX + "...): " + url);
        }
        return parse(url.substring(URL_PREFIX.length()));
    }

    /** Parses the specification after {@code jdbc:stripe:}; see the type's documentation. */
    static CatalogLocation parse(String specification) {
        Objects.requireNonNull(specification, "specification");
        String spec = specification.strip();
        if (spec.isEmpty()) {
            return defaultDirectory();
        }
        if (spec.regionMatches(true, 0, "mem:", 0, 4)) {
            return new Memory(spec.substring(4));
        }
        if (spec.regionMatches(true, 0, "file:", 0, 5)) {
            String rest = spec.substring(5);
            if (rest.isEmpty()) {
                throw invalid(spec, "file: needs a directory path");
            }
            if (rest.startsWith("//")) {
                try {
                    return new Directory(Path.of(URI.create(spec)));
                } catch (IllegalArgumentException | FileSystemNotFoundException e) {
                    throw invalid(spec, e.getMessage());
                }
            }
            return new Directory(toPath(rest, spec));
        }
        return new Directory(toPath(spec, spec));
    }

    private static Path toPath(String text, String spec) {
        String expanded = text;
        if (text.equals("~") || text.startsWith("~/") || text.startsWith("~\\")) {
            expanded = System.getProperty("user.home") + text.substring(1);
        }
        try {
            return Path.of(expanded);
        } catch (InvalidPathException e) {
            throw invalid(spec, e.getMessage());
        }
    }

    private static StripeJdbcException invalid(String spec, String why) {
        return new StripeJdbcException(
                SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
                "invalid catalog location \"" + spec + "\" in URL " + URL_PREFIX + spec + ": " + why);
    }
}
