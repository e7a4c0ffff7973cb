package org.stripejdbc.driver;

import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.stripejdbc.config.ConnectionProperty;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.session.SessionFactory;

/**
 * The {@code jdbc:stripe:} driver, registered through {@code META-INF/services/java.sql.Driver}.
 * <pre>
 *   Connection c = DriverManager.getConnection("jdbc:stripe:mem:demo?api_key=sk_test_...");
 *   c.createStatement().executeQuery("select id, email from stripe.customers limit 10");
 * </pre>
 * See {@link JdbcUrl} for the URL forms and {@link ConnectionProperty} for the properties.
 */
public final class StripeDriver extends UnregisteredDriver {
    /** The driver version, from the jar manifest when packaged. */
    public static final String VERSION = org.stripejdbc.config.DriverVersion.VERSION;

    private static final int MAJOR = 0;
    private static final int MINOR = 1;

    static {
        new StripeDriver().register();
    }

    private final SessionFactory sessionFactory;
    private final LongSupplier clock;

    /** The driver on the real engine. */
    public StripeDriver() {
        this(DefaultSessionFactory.get());
    }

    /** A driver over another session factory (tests, embedding). */
    public StripeDriver(SessionFactory sessionFactory) {
        this(sessionFactory, System::nanoTime);
    }

    /** A driver over another session factory and monotonic clock (query-timeout tests). */
    public StripeDriver(SessionFactory sessionFactory, LongSupplier nanoClock) {
        this.sessionFactory = Objects.requireNonNull(sessionFactory, "sessionFactory");
        this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    LongSupplier clock() {
        return clock;
    }

    SessionFactory sessionFactory() {
        return sessionFactory;
    }

    @Override
    protected String getConnectStringPrefix() {
        return JdbcUrl.PREFIX;
    }

    @Override
    protected DriverVersion createDriverVersion() {
        return new DriverVersion("stripe-jdbc", VERSION, "Stripe", VERSION, true, MAJOR, MINOR, MAJOR, MINOR);
    }

    @Override
    protected AvaticaFactory createFactory() {
        return new StripeJdbcFactory();
    }

    @Override
    public Meta createMeta(AvaticaConnection connection) {
        return new StripeMeta((StripeConnection) connection);
    }

    @Override
    public boolean acceptsURL(String url) {
        return JdbcUrl.accepts(url);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        // Avatica's own connect() would parse the URL as "k=v;k=v", which our URL forms are not.
        AvaticaConnection connection =
                factory.newConnection(this, factory, url, info == null ? new Properties() : info);
        handler.onConnectionInit(connection);
        return connection;
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        Map<String, String> given;
        try {
            given = acceptsURL(url) ? JdbcUrl.parse(url, info).properties() : Map.of();
        } catch (StripeJdbcException e) {
            throw SqlExceptions.toSqlException(e);
        }
        List<DriverPropertyInfo> out = new ArrayList<>();
        for (ConnectionProperty p : ConnectionProperty.values()) {
            String value = given.get(p.key());
            DriverPropertyInfo d =
                    new DriverPropertyInfo(p.key(), p.isSecret() ? null : (value != null ? value : p.defaultValue()));
            d.description = p.description();
            d.required = false;
            if (p.type() == ConnectionProperty.Type.BOOLEAN) {
                d.choices = new String[] {"true", "false"};
            }
            out.add(d);
        }
        return out.toArray(new DriverPropertyInfo[0]);
    }
}
