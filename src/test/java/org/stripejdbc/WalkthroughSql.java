package org.stripejdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The FDW walkthrough's SQL (test resource {@code /sql/fdw-walkthrough.sql}): its code blocks in page order,
 * verbatim, the repeated accounts definition kept once.
 */
public final class WalkthroughSql {
    private WalkthroughSql() {}

    /** The blocks, trimmed, in page order. */
    public static List<String> blocks() {
        try (InputStream in = WalkthroughSql.class.getResourceAsStream("/sql/fdw-walkthrough.sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> blocks = new ArrayList<>();
            for (String block : text.split("\n-- ----\n")) {
                if (!block.isBlank()) {
                    blocks.add(block.trim());
                }
            }
            return List.copyOf(blocks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's CREATE FOREIGN TABLE statements as one script: all 24, accounts twice as on the page. */
    public static String foreignTables() {
        List<String> tables = blocks().stream()
                .filter(b -> b.startsWith("create foreign table"))
                .toList();
        return tables.get(0) + "\n" + String.join("\n", tables);
    }

    /** The blocks after the table definitions: the pushdown example, the examples and the data modification. */
    public static String examples() {
        List<String> blocks = blocks();
        int lastTable = 0;
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).startsWith("create foreign table")) {
                lastTable = i;
            }
        }
        return String.join("\n", blocks.subList(lastTable + 1, blocks.size()));
    }
}
