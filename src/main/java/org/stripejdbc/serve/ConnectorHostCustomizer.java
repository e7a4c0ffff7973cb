package org.stripejdbc.serve;

import java.util.Objects;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Security: binds Avatica's Jetty connector to one host. {@code HttpServer.Builder} has no host setting and would
 * listen on every interface; this customizer runs before Jetty starts and fails the start rather than leave a
 * connector it cannot restrict.
 * <pre>
 *   new HttpServer.Builder&lt;Server&gt;()...withServerCustomizers(List.of(new ConnectorHostCustomizer("127.0.0.1")),
 *     Server.class)
 *   →  listens on 127.0.0.1:PORT only
 * </pre>
 */
final class ConnectorHostCustomizer implements ServerCustomizer<Server> {
    private final String host;

    ConnectorHostCustomizer(String host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    public void customize(Server server) {
        Connector[] connectors = server.getConnectors();
        if (connectors == null || connectors.length == 0) {
            throw new IllegalStateException("Avatica's server has no connector to bind to " + host);
        }
        for (Connector connector : connectors) {
            if (!(connector instanceof ServerConnector serverConnector)) {
                throw new IllegalStateException(
                        "cannot bind connector " + connector.getClass().getName() + " to " + host);
            }
            serverConnector.setHost(host);
        }
    }

    @Override
    public String toString() {
        return "ConnectorHostCustomizer[" + host + "]";
    }
}
