package org.stripejdbc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed docs match what the code generates (object pages from the registry and the planner, the
 * connection properties from their declarations, the generated sections of the SQL reference). When this fails,
 * regenerate with {@code mvn -B -Pdocs test} (which sets {@code -Dstripejdbc.docs.write=true}) and commit.
 */
class DocsDriftTest {
    private static final String WRITE = "stripejdbc.docs.write";

    @Test
    void committedDocsMatchTheCode() throws Exception {
        boolean write = Boolean.getBoolean(WRITE);
        List<String> drifted = new ArrayList<>();
        try (Explainer explainer = new Explainer()) {
            Map<String, String> files = DocsGenerator.files(explainer);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = Path.of(file.getKey());
                String committed = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : null;
                if (!file.getValue().equals(committed)) {
                    drifted.add(file.getKey());
                    if (write) {
                        Files.createDirectories(path.getParent());
                        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                    }
                }
            }
            try (Stream<Path> objectPages = Files.list(Path.of("docs/objects"))) {
                for (Path page : objectPages.toList()) {
                    String name = "docs/objects/" + page.getFileName();
                    if (!files.containsKey(name)) {
                        drifted.add(name + " (no such object any more)");
                        if (write) {
                            Files.delete(page);
                        }
                    }
                }
            }
            for (Map.Entry<String, Map<String, String>> file :
                    DocsGenerator.sections(explainer).entrySet()) {
                Path path = Path.of(file.getKey());
                String text = Files.readString(path, StandardCharsets.UTF_8);
                String updated = text;
                for (Map.Entry<String, String> section : file.getValue().entrySet()) {
                    updated = replaceSection(updated, file.getKey(), section.getKey(), section.getValue());
                }
                if (!updated.equals(text)) {
                    drifted.add(file.getKey() + " (generated sections)");
                    if (write) {
                        Files.writeString(path, updated, StandardCharsets.UTF_8);
                    }
                }
            }
        }
        if (!write) {
            assertEquals(List.of(), drifted, "docs/ drifted from the code; regenerate with: mvn -B -Pdocs test");
        }
    }

    /** The text with the section between its markers replaced (the markers must exist). */
    static String replaceSection(String text, String file, String name, String content) {
        String start = "<!-- generated:" + name + ":start -->";
        String end = "<!-- generated:" + name + ":end -->";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        assertTrue(from >= 0 && to > from, file + " has no " + start + " ... " + end + " markers");
        return text.substring(0, from + start.length()) + "\n" + content + text.substring(to);
    }

    @Test
    void sectionReplacementKeepsTheMarkersAndTheRest() {
        String text = "a\n<!-- generated:x:start -->\nold\n<!-- generated:x:end -->\nb\n";
        assertEquals(
                "a\n<!-- generated:x:start -->\nnew\n<!-- generated:x:end -->\nb\n",
                replaceSection(text, "f", "x", "new\n"));
    }
}
