package org.stripejdbc.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.stripejdbc.vault.Secret;

/** ConnectorHostCustomizer and BasicUserCustomizer on a Jetty server that is never started. */
class JettyCustomizersTest {
    @Test
    void bindsEveryConnectorToTheHost() {
        Server server = new Server();
        ServerConnector first = new ServerConnector(server);
        ServerConnector second = new ServerConnector(server);
        server.addConnector(first);
        server.addConnector(second);
        assertNull(first.getHost(), "Jetty's default: every interface");
        new ConnectorHostCustomizer("127.0.0.1").customize(server);
        assertEquals("127.0.0.1", first.getHost());
        assertEquals("127.0.0.1", second.getHost());
    }

    @Test
    void failsWithoutAConnector() {
        assertThrows(
                IllegalStateException.class, () -> new ConnectorHostCustomizer("127.0.0.1").customize(new Server()));
    }

    @Test
    void installsTheUserInMemory() throws Exception {
        Server server = new Server();
        HashLoginService loginService = new HashLoginService("Avatica", BasicUserCustomizer.NO_PROPERTIES_FILE);
        server.addBean(loginService);
        BasicCredentials credentials = new BasicCredentials("analyst", Secret.of("correct horse battery"));
        new BasicUserCustomizer(credentials).customize(server);
        loginService.start();
        try {
            assertNotNull(loginService.login("analyst", "correct horse battery", null));
            assertNull(loginService.login("analyst", "wrong password", null));
            assertNull(loginService.login("someone", "correct horse battery", null));
            assertEquals(
                    true,
                    loginService
                            .login("analyst", "correct horse battery", null)
                            .isUserInRole(BasicUserCustomizer.ROLE, null));
        } finally {
            loginService.stop();
        }
        assertFalse(new BasicUserCustomizer(credentials).toString().contains("horse"));
    }

    @Test
    void failsWithoutALoginService() {
        BasicCredentials credentials = new BasicCredentials("analyst", Secret.of("correct horse battery"));
        assertThrows(IllegalStateException.class, () -> new BasicUserCustomizer(credentials).customize(new Server()));
    }
}
