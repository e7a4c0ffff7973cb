package org.stripejdbc.driver;

import org.stripejdbc.types.PostgresText;
import org.stripejdbc.types.SqlType;

/**
 * A value of a text-carried column ({@code jsonb}, {@code json}, {@code uuid}, arrays: Avatica's {@code STRING}
 * representation) that is printed only when the reader asks for it: {@code getString} and {@code getObject} (and
 * every getter built on them) print it once, and later reads of the same row get that same {@code String}. A reader
 * that reads {@code id} and {@code email} of {@code select *} never prints {@code attrs}, the whole Stripe object,
 * which costs more than every other column of the row together.
 *
 * <p>Example: the {@code attrs} of a customer row is held as its {@code Json}; the first {@code getString(attrs)}
 * prints {@code {"id": "cus_1", ...}} ({@link PostgresText#format(Object, SqlType)}, as the eager frame value would
 * be), the second returns the same instance.
 *
 * <p>Only the rows {@link RowCursor} hands to a local result set hold these; frames that may travel to a remote
 * client ({@code StripeMeta.fetch}) are printed at once ({@link TypeMapping#toFrameRow}).
 */
final class LazyText {
    private final Object value;
    private final SqlType type;
    /** The text once printed (racy single-check: Strings are safely published). */
    private String text;

    LazyText(Object value, SqlType type) {
        this.value = value;
        this.type = type;
    }

    /** The value's text, printed on the first call: what Avatica's string accessor and our getters read. */
    @Override
    public String toString() {
        String known = text;
        if (known == null) {
            known = PostgresText.format(value, type);
            text = known;
        }
        return known;
    }

    /** {@code value} itself when it is not a {@code LazyText}, else its text. */
    static Object resolve(Object value) {
        return value instanceof LazyText lazy ? lazy.toString() : value;
    }
}
