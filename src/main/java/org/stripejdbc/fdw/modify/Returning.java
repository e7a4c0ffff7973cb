package org.stripejdbc.fdw.modify;

/**
 * Whether a modify keeps the API's response objects (needed for {@code RETURNING}) or only counts and ids.
 *
 * <p>An {@code UPDATE} over a scan of a million customers without {@code RETURNING} should pass {@link #NONE}:
 * the result then holds the affected count and the ids, not a million JSON objects.
 */
public enum Returning {
    /** Keep every response object, in order ({@link ModifyResult#objects()}, {@link ModifyResult#rows}). */
    ROWS,
    /** Keep no response object; {@link ModifyResult#objects()} is empty. */
    NONE
}
