package org.stripejdbc.engine.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/** Values and scales exactly as PostgreSQL 16 prints them (14 chose other scales for integer exponents). */
class NumericMathTest {
    private static BigDecimal n(String text) {
        return new BigDecimal(text);
    }

    @Test
    void resultsCarryPostgresScales() {
        assertEquals("1.414213562373095", NumericMath.sqrt(n("2.0")).toPlainString());
        assertEquals("4.000000000000000", NumericMath.sqrt(n("16.0")).toPlainString());
        assertEquals("2.7182818284590452", NumericMath.exp(n("1.0")).toPlainString());
        assertEquals("2.3025850929940457", NumericMath.ln(n("10.0")).toPlainString());
        assertEquals("0.00000009999999500000033", NumericMath.ln(n("1.0000001")).toPlainString());
        assertEquals("1.7958563260221292", NumericMath.power(n("1.05"), n("12")).toPlainString());
        assertEquals("1.4142135623730950", NumericMath.power(n("2.0"), n("0.5")).toPlainString());
        // Integer exponents (PostgreSQL 15+): 16 significant digits from the result's weight, not 16 decimals.
        assertEquals(
                "246993291800582633412408838508522147770973.3",
                NumericMath.power(n("1.1"), n("1000")).toPlainString());
        assertEquals(
                "0.0009765625000000000", NumericMath.power(n("2"), n("-10")).toPlainString());
        assertEquals("1024.0000000000000", NumericMath.power(n("2"), n("10.00")).toPlainString());
        assertEquals(
                "1024.00000000000000000000",
                NumericMath.power(n("2"), n("10.00000000000000000000")).toPlainString());
        assertEquals("3.0000000000000000", NumericMath.log(n("2.0"), n("8.0")).toPlainString());
        assertEquals("2.0000000000000000", NumericMath.log10(n("100.0")).toPlainString());
    }

    @Test
    void domainErrorsAreDataExceptions() {
        assertEquals(
                SqlState.DATA_EXCEPTION,
                assertThrows(StripeJdbcException.class, () -> NumericMath.sqrt(n("-1")))
                        .sqlState());
        assertEquals(
                SqlState.DATA_EXCEPTION,
                assertThrows(StripeJdbcException.class, () -> NumericMath.ln(BigDecimal.ZERO))
                        .sqlState());
        assertEquals(
                SqlState.DATA_EXCEPTION,
                assertThrows(StripeJdbcException.class, () -> NumericMath.power(BigDecimal.ZERO, n("-1")))
                        .sqlState());
        assertEquals(
                SqlState.DATA_EXCEPTION,
                assertThrows(StripeJdbcException.class, () -> NumericMath.power(n("-2"), n("0.5")))
                        .sqlState());
        assertEquals(
                SqlState.DIVISION_BY_ZERO,
                assertThrows(StripeJdbcException.class, () -> NumericMath.log(BigDecimal.ONE, n("5")))
                        .sqlState());
    }
}
