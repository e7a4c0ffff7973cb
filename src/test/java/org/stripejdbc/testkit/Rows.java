package org.stripejdbc.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows a query answers, each column read with {@code getString}: what end-to-end tests compare. Example:
 * {@code Rows.text(connection, "select id, email from stripe.customers limit 1")} gives
 * {@code [[cus_1, a@example.com]]}; a NULL is {@code null}.
 */
public final class Rows {
    private Rows() {}

    /** Every row of {@code sql} on {@code connection}, read to the end. */
    public static List<List<String>> text(Connection connection, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= width; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
