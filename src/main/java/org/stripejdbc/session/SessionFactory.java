package org.stripejdbc.session;

import java.util.Map;

/** Opens sessions; the JDBC driver holds one. */
public interface SessionFactory {
    /**
     * Opens a session on the catalog named by {@code catalogSpec} ({@code mem:NAME}, {@code file:PATH}, a bare
     * path, or empty for the default on-disk catalog) with the connection properties (keys as in
     * {@link org.stripejdbc.config.ConnectionProperty}).
     */
    Session open(String catalogSpec, Map<String, String> properties);
}
