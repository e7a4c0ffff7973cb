package org.stripejdbc.engine;

import java.util.Map;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/** The engine: one per JVM. (Being assembled; see the integration commit.) */
public final class StripeEngine implements SessionFactory {
    private static final StripeEngine INSTANCE = new StripeEngine();

    public static StripeEngine instance() {
        return INSTANCE;
    }

    @Override
    public Session open(String catalogSpec, Map<String, String> properties) {
        throw new StripeJdbcException(SqlState.FEATURE_NOT_SUPPORTED, "engine not assembled yet");
    }
}
