package org.stripejdbc.driver;

import org.stripejdbc.session.SessionFactory;
import org.stripejdbc.session.StripeEngine;

/** The real engine's session factory, created on first use (loading the driver class stays cheap). */
final class DefaultSessionFactory {
    private DefaultSessionFactory() {}

    static SessionFactory get() {
        return (catalogSpec, properties) -> Holder.FACTORY.open(catalogSpec, properties);
    }

    private static final class Holder {
        static final SessionFactory FACTORY = StripeEngine.instance();
    }
}
