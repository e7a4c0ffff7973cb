package org.stripejdbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StripeSqlLineApplicationTest {

    @Test
    void schemaQualifiedNamesBecomeTwoArguments() {
        assertEquals(
                "!columns stripe customers", StripeSqlLineApplication.rewrite("columns", "!columns stripe.customers"));
        assertEquals(
                "!columns stripe customers id",
                StripeSqlLineApplication.rewrite("columns", "!columns stripe.customers id"));
        assertEquals(
                "!primarykeys stripe customers",
                StripeSqlLineApplication.rewrite("primarykeys", "!primarykeys stripe.customers"));
        assertEquals(
                "!columns stripe customers",
                StripeSqlLineApplication.rewrite("describe", "!describe stripe.customers"));
        assertEquals("!columns stripe cust%", StripeSqlLineApplication.rewrite("columns", "!columns stripe.cust%"));
    }

    @Test
    void otherLinesAreUnchanged() {
        for (String line : new String[] {
            "!columns customers",
            "!columns stripe customers",
            "!describe customers",
            "!describe \"my.schema\".t",
            "!columns",
            "!describe tables"
        }) {
            assertEquals(
                    line, StripeSqlLineApplication.rewrite(line.substring(1).split(" ")[0], line));
        }
    }
}
