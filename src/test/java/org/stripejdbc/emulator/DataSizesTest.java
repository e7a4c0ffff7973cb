package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

class DataSizesTest {

    @Test
    void derivesSizesFromCustomers() {
        DataSizes defaults = DataSizes.defaults();
        assertEquals(300, defaults.customers());
        assertEquals(150, defaults.subscriptions());
        assertEquals(9, defaults.products());
        assertEquals(4, defaults.accounts());
        DataSizes large = DataSizes.forCustomers(100_000);
        assertEquals(100_000, large.customers());
        assertEquals((2_000 + 98_000 / 5) / 2, large.subscriptions(), "related objects grow slower past 2,000");
        DataSizes none = DataSizes.forCustomers(0);
        assertEquals(0, none.subscriptions());
        assertEquals(0, none.products());
    }

    @Test
    void refusesImpossibleSizes() {
        StripeJdbcException negative = assertThrows(StripeJdbcException.class, () -> DataSizes.forCustomers(-1));
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, negative.sqlState());
        assertThrows(StripeJdbcException.class, () -> DataSizes.forCustomers(DataSizes.MAXIMUM_CUSTOMERS + 1));
        assertTrue(assertThrows(StripeJdbcException.class, () -> new DataSizes(0, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
                .getMessage()
                .contains("subscriptions"));
    }
}
