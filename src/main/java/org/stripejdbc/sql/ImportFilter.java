package org.stripejdbc.sql;

/** The table filter of {@code IMPORT FOREIGN SCHEMA}: everything, {@code LIMIT TO (..)} or {@code EXCEPT (..)}. */
public enum ImportFilter {
    ALL,
    LIMIT_TO,
    EXCEPT
}
