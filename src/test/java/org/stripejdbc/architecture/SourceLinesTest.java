package org.stripejdbc.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One line width for every Java source: 120 characters. The formatter (spotless with palantir-java-format, checked by
 * {@code mvn verify}) wraps code; what it cannot wrap (comments, string literals, text blocks) must be wrapped by hand,
 * and this test says where.
 */
class SourceLinesTest {
    private static final int WIDTH = 120;

    @Test
    void noLineIsWiderThan120Characters() throws IOException {
        List<String> wide = new ArrayList<>();
        for (String root : List.of(
                "src/main/java",
                "src/test/java",
                "src/bench/java",
                "src/spark-test/java",
                "src/api-description/java")) {
            Path directory = Path.of(root);
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    for (int i = 0; i < lines.size(); i++) {
                        if (lines.get(i).length() > WIDTH) {
                            wide.add(file + ":" + (i + 1) + " (" + lines.get(i).length() + " characters)");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wide, "lines wider than " + WIDTH + " characters");
    }
}
