package org.stripejdbc.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package of {@code src/main} has a {@code package-info.java} that says what the package owns and what it must
 * not know (the layering test, {@link LayeringTest}, checks the second half on the classes).
 *
 * <p>Example of a failure: a new package {@code org/stripejdbc/search} with classes and no package-info is reported
 * as {@code search: no package-info.java}; one whose package-info never says what it must not know (the words
 * "must not" or "knows nothing") as {@code search: package-info.java does not say what the package must not know}.
 */
class PackageInfoTest {
    private static final Path MAIN = Path.of("src", "main", "java", "org", "stripejdbc");
    /** How a package-info states its boundary: "must not know ...", "knows nothing of ...". */
    private static final Pattern BOUNDARY = Pattern.compile("must not|knows? nothing");

    @Test
    void everyPackageSaysWhatItOwnsAndWhatItMustNotKnow() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path dir : packages()) {
            String name = MAIN.relativize(dir).toString().replace(java.io.File.separatorChar, '.');
            Path info = dir.resolve("package-info.java");
            if (!Files.isRegularFile(info)) {
                problems.add(name + ": no package-info.java");
                continue;
            }
            // Javadoc wraps lines: compare the text with its line breaks and leading asterisks folded into spaces.
            String text = Files.readString(info)
                    .replaceAll("\\s*\\n\\s*\\*?\\s*", " ")
                    .toLowerCase(Locale.ROOT);
            if (!BOUNDARY.matcher(text).find()) {
                problems.add(name + ": package-info.java does not say what the package must not know");
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The directories under {@code org/stripejdbc} that hold Java classes (not only package-info). */
    private static List<Path> packages() throws IOException {
        try (Stream<Path> dirs = Files.walk(MAIN)) {
            List<Path> out = new ArrayList<>();
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    if (files.anyMatch(f -> f.toString().endsWith(".java")
                            && !f.getFileName().toString().equals("package-info.java"))) {
                        out.add(dir);
                    }
                }
            }
            return out;
        }
    }
}
