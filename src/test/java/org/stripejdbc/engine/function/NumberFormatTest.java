package org.stripejdbc.engine.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/** Expected texts as PostgreSQL gives them (the differential corpus checks many more). */
class NumberFormatTest {
    private static String format(String value, String pattern) {
        return NumberFormat.format(new BigDecimal(value), pattern);
    }

    @Test
    void digitsSignsAndPadding() {
        assertEquals(" 1234.50", format("1234.5", "9999.99"));
        assertEquals(" 000042", format("42", "000999"));
        assertEquals("1,234,567", format("1234567", "FM9,999,999"));
        assertEquals("-1,234.50", format("-1234.5", "FM9,999.00"));
        assertEquals("  .50", format("0.5", "9.99"));
        assertEquals(" -.50", format("-0.5", "9.99"));
        assertEquals("  .00", format("-0.004", "9.99"));
        assertEquals("   0", format("0", "999"));
        assertEquals("0.", format("0", "FM9.99"));
        assertEquals("12.345", format("12.345", "FM9990.0099"));
        assertEquals("  <5>", format("-5", "999PR"));
        assertEquals("  5-", format("-5", "999MI"));
        assertEquals("-  5", format("-5", "MI999"));
        assertEquals("  +5.0", format("5", "S999.9"));
        assertEquals("  5.0+", format("5", "999.9S"));
        assertEquals("$   -.50", format("-0.5", "\"$\"999.99"));
    }

    @Test
    void tooManyIntegerDigitsShowHashes() {
        assertEquals(" ###", format("12345", "999"));
        assertEquals("-#.##", format("-12.345", "9.99"));
        assertEquals(" ###.##", format("999.999", "999.99"));
    }

    @Test
    void unsupportedPatternsAndTwoDecimalPoints() {
        assertEquals(
                SqlState.FEATURE_NOT_SUPPORTED,
                assertThrows(StripeJdbcException.class, () -> format("5", "PL999"))
                        .sqlState());
        assertEquals(
                SqlState.FEATURE_NOT_SUPPORTED,
                assertThrows(StripeJdbcException.class, () -> format("5", "9.9EEEE"))
                        .sqlState());
        assertEquals(
                SqlState.SYNTAX_ERROR,
                assertThrows(StripeJdbcException.class, () -> format("5", "9.9.9"))
                        .sqlState());
    }
}
