package org.stripejdbc.spark;

import java.sql.Types;
import org.apache.spark.sql.jdbc.JdbcDialect;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MetadataBuilder;
import scala.Option;

/**
 * The Spark JDBC dialect for {@code jdbc:stripe:} URLs: Spark knows no {@code jsonb} (JDBC type OTHER), so it
 * reads as a string, as Spark's own PostgreSQL dialect does. Register it once per JVM before reading:
 * {@code JdbcDialects.registerDialect(new StripeJdbcDialect())}. Everything else is Spark's default (identifiers
 * quoted with {@code "}, timestamps as {@code '2024-01-01 00:00:00'} literals), which the driver understands.
 */
public final class StripeJdbcDialect extends JdbcDialect {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean canHandle(String url) {
        return url.startsWith("jdbc:stripe:");
    }

    @Override
    public Option<DataType> getCatalystType(int sqlType, String typeName, int size, MetadataBuilder metadata) {
        if (sqlType == Types.OTHER && "jsonb".equalsIgnoreCase(typeName)) {
            return Option.apply(DataTypes.StringType);
        }
        return Option.empty();
    }
}
