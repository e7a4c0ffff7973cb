package org.stripejdbc.serve;

import java.util.Objects;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Server;

/**
 * Security: gives the {@link HashLoginService} that Avatica's BASIC authentication installs an in-memory user
 * store holding our one user (password as a {@link HashedCredential}), so no realm properties file with the
 * password is ever written. A login service with its own store never reads the properties path Avatica was
 * given. When Avatica installed no login service the start fails: never a server without the check.
 * <pre>
 *   builder.withBasicAuthentication(BasicUserCustomizer.NO_PROPERTIES_FILE, new String[] {BasicUserCustomizer.ROLE})
 *          .withServerCustomizers(List.of(new BasicUserCustomizer(credentials)), Server.class)
 *   →  every request needs "Authorization: Basic base64(user:password)"; otherwise 401
 * </pre>
 */
final class BasicUserCustomizer implements ServerCustomizer<Server> {
    /** The role our user has and every request must have. */
    static final String ROLE = "stripe-jdbc-client";
    /** What Avatica is told as the properties file; never read, because the login service gets a store. */
    static final String NO_PROPERTIES_FILE = "(in-memory user store of stripe-jdbc serve)";

    private final BasicCredentials credentials;

    BasicUserCustomizer(BasicCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public void customize(Server server) {
        HashLoginService loginService = server.getBean(HashLoginService.class);
        if (loginService == null) {
            throw new IllegalStateException("Avatica installed no login service for BASIC authentication");
        }
        UserStore users = new UserStore();
        users.addUser(credentials.user(), HashedCredential.of(credentials.password()), new String[] {ROLE});
        loginService.setUserStore(users);
    }

    @Override
    public String toString() {
        return "BasicUserCustomizer[" + credentials + "]";
    }
}
