package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's layers, as its {@code package-info} files describe them, checked on the sources: each subpackage
 * refers only to the packages below it ({@code planner} over {@code operator} and {@code expression}, which do not
 * know each other, over {@code function}, over {@code value}), the engine knows nothing outside the statement model,
 * the value types and the error and runtime helpers (nothing of Stripe), and nothing outside the engine refers to a
 * subpackage.
 *
 * <p>Example of a failure: an {@code import org.stripejdbc.engine.planner.QueryPlanner;} in
 * {@code engine/expression/ExpressionCompiler.java} is reported as
 * {@code engine.expression.ExpressionCompiler -> engine.planner}.
 */
class EngineLayersTest {
    private static final Path MAIN = Path.of("src", "main", "java", "org", "stripejdbc");
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.stripejdbc\\.([a-z]+(?:\\.[a-z]+)*)\\.[A-Z]");

    /** What each engine package may refer to besides itself and the engine's API package. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "engine.value", Set.of(),
            "engine.function", Set.of("engine.value"),
            "engine.expression", Set.of("engine.value", "engine.function"),
            "engine.operator", Set.of("engine.value", "engine.function"),
            "engine.planner", Set.of("engine.value", "engine.function", "engine.expression", "engine.operator"),
            "engine", Set.of("engine.value", "engine.function", "engine.expression", "engine.operator",
                    "engine.planner"));

    /** The packages outside the engine it may use: the statement model, value types, JSON values, errors. */
    private static final Set<String> OUTSIDE = Set.of("sql", "types", "json", "error", "runtime");

    @Test
    void subpackagesReferOnlyToTheLayersBelow() {
        List<String> violations = new ArrayList<>();
        for (Path file : sources(MAIN.resolve("engine"))) {
            String from = packageOf(file);
            for (String to : references(file)) {
                boolean engine = to.equals("engine") || to.startsWith("engine.");
                boolean allowed = engine ? to.equals(from) || to.equals("engine") && !from.equals("engine.value")
                        || ALLOWED.get(from).contains(to) : OUTSIDE.contains(to.split("\\.")[0]);
                if (!allowed) {
                    violations.add(from + "." + className(file) + " -> " + to);
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void nothingOutsideTheEngineRefersToASubpackage() {
        List<String> violations = new ArrayList<>();
        for (Path file : sources(MAIN)) {
            String from = packageOf(file);
            if (from.equals("engine") || from.startsWith("engine.")) {
                continue;
            }
            for (String to : references(file)) {
                if (to.startsWith("engine.")) {
                    violations.add(from + "." + className(file) + " -> " + to);
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void everyEnginePackageSaysWhatItOwns() {
        for (String name : ALLOWED.keySet()) {
            Path info = MAIN.resolve(name.replace('.', '/')).resolve("package-info.java");
            assertTrue(Files.isRegularFile(info), info + " is missing");
        }
    }

    private static List<Path> sources(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The package of {@code file} relative to {@code org.stripejdbc}: {@code engine.planner}. */
    private static String packageOf(Path file) {
        return MAIN.relativize(file.getParent()).toString().replace(java.io.File.separatorChar, '.');
    }

    private static String className(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".java".length());
    }

    /** The {@code org.stripejdbc} packages the code of {@code file} names (imports and qualified names). */
    private static Set<String> references(Path file) {
        String code;
        try {
            code = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Comments may name any package (Javadoc links to where a value comes from): only code counts.
        code = code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        Set<String> out = new TreeSet<>();
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
