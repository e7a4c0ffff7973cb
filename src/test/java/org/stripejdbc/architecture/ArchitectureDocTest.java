package org.stripejdbc.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md and CONTRIBUTING.md name only what exists: every class name written in backticks is a class of
 * {@code src/main} or {@code src/test} (a top-level type, or one nested in a type of that name), and what follows it
 * after a dot exists in its source (a nested type such as {@code `Pushdown.ListWalk`}, a method or field such as
 * {@code `Session.prepare`} or {@code `SqlState.UNDEFINED_TABLE`}). A name qualified by a package of the project
 * ({@code `fdw.StripeTableSource`}) must be in that package; a name qualified by any other package
 * ({@code `java.sql.ResultSet.next`}, {@code `mockwebserver3.MockWebServer`}) must load from the test class path. A
 * cheap guard against documents that drift from the code after a rename.
 *
 * <p>What counts as a class name: a word that starts with a capital letter and has a small letter, not glued to a
 * hyphen, slash or {@code @} ({@code Idempotency-Key}, {@code -DexcludedGroups} and {@code @Tag} are not class
 * names), outside quoted strings and fenced code blocks. Example of a failure: {@code `WindowSplitter`} after the class
 * became {@code SliceSplitter} is reported as {@code ARCHITECTURE.md: WindowSplitter}.
 */
class ArchitectureDocTest {
    private static final Path ROOT = Path.of("src");
    private static final List<Path> SOURCE_ROOTS = List.of(ROOT.resolve("main/java"), ROOT.resolve("test/java"));
    private static final String PROJECT = "org.stripejdbc.";

    private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```");
    private static final Pattern SPAN = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    /** An optional lower-case package prefix, a capitalized name, then {@code .member} or {@code #member} parts. */
    private static final Pattern NAME = Pattern.compile("(?<![\\w$.\\-/@])((?:[a-z][a-z0-9_]*\\.)*)"
            + "([A-Z][A-Za-z0-9_]*)((?:[.#][A-Za-z_][A-Za-z0-9_]*)*)(?![\\w\\-/])");

    private static final Pattern DECLARATION = Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z]\\w*)");

    /** Type name → the source files that declare a type of that name (top-level or nested). */
    private final Map<String, Set<Path>> declared = index();

    @Test
    void everyClassNamedInArchitectureAndContributingExists() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String document : List.of("ARCHITECTURE.md", "CONTRIBUTING.md")) {
            Path path = Path.of(document);
            assertTrue(Files.isRegularFile(path), document + " is missing");
            for (String name : unknownNames(Files.readString(path))) {
                missing.add(document + ": " + name);
            }
        }
        assertEquals(List.of(), missing);
    }

    /** The check itself can fail: names that do not exist are reported, names that do are not. */
    @Test
    void namesThatDoNotExistAreReported() {
        String text = "`FromPlanner` offers conjuncts to `TableSource.plan`; `Pushdown.ListWalk`,"
                + " `SqlState.UNDEFINED_TABLE`, `fdw.StripeTableSource`, `java.sql.ResultSet.next()`,"
                + " `mockwebserver3.MockWebServer` and"
                + " `FakeStripeClient` exist; `Idempotency-Key`, `-DexcludedGroups=slow`, `@Tag(\"slow\")`, `GET /v1/x`"
                + " and `where name = 'Ann'` name no class.\n"
                + "```\nNotChecked inside a fence\n```\n"
                + "These do not exist: `WindowSplitter`, `Session.nosuchmethod`, `Pushdown.NoSuchAccess`,"
                + " `engine.StripeTableSource`, `java.sql.NoSuchThing`.";
        assertEquals(
                List.of(
                        "WindowSplitter",
                        "Session.nosuchmethod",
                        "Pushdown.NoSuchAccess",
                        "engine.StripeTableSource",
                        "java.sql.NoSuchThing"),
                unknownNames(text));
    }

    /** The class names in backticks in {@code markdown} that name nothing, in order of appearance. */
    private List<String> unknownNames(String markdown) {
        Set<String> unknown = new LinkedHashSet<>();
        Matcher span = SPAN.matcher(FENCE.matcher(markdown).replaceAll(""));
        while (span.find()) {
            Matcher name = NAME.matcher(QUOTED.matcher(span.group(1)).replaceAll("''"));
            while (name.find()) {
                String prefix = name.group(1);
                String type = name.group(2);
                String members = name.group(3);
                if (!type.chars().anyMatch(Character::isLowerCase)) {
                    continue; // SQL, HTTP, EXPLAIN, GET: words in capitals are not class names
                }
                List<String> parts = members.isEmpty()
                        ? List.of()
                        : List.of(members.substring(1).split("[.#]"));
                if (!exists(prefix, type, parts)) {
                    unknown.add(name.group());
                }
            }
        }
        return List.copyOf(unknown);
    }

    private boolean exists(String prefix, String type, List<String> members) {
        String packageName = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
        if (!packageName.isEmpty() && !isProjectPackage(packageName)) {
            return loads(packageName + "." + type, members);
        }
        String relative = packageName.startsWith(PROJECT) ? packageName.substring(PROJECT.length()) : packageName;
        for (Path file : declared.getOrDefault(type, Set.of())) {
            if (relative.isEmpty() || inPackage(file, relative)) {
                if (hasMembers(file, members)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code name} ({@code fdw}, {@code engine.planner}, {@code org.stripejdbc.sql}) is one of ours. */
    private static boolean isProjectPackage(String name) {
        if (name.startsWith(PROJECT) || name.equals("org.stripejdbc")) {
            return true;
        }
        String path = name.replace('.', '/');
        return SOURCE_ROOTS.stream()
                .anyMatch(
                        root -> Files.isDirectory(root.resolve("org/stripejdbc").resolve(path)));
    }

    private static boolean inPackage(Path file, String relativePackage) {
        Path dir = Path.of("org/stripejdbc").resolve(relativePackage.replace('.', '/'));
        return SOURCE_ROOTS.stream().anyMatch(root -> file.getParent().equals(root.resolve(dir)));
    }

    /** Every member is declared in {@code file}: a nested type when it is capitalized, else a method or field name. */
    private static boolean hasMembers(Path file, List<String> members) {
        if (members.isEmpty()) {
            return true;
        }
        String code = code(file);
        for (String member : members) {
            boolean nestedType =
                    Character.isUpperCase(member.charAt(0)) && member.chars().anyMatch(Character::isLowerCase);
            Pattern declaration = nestedType
                    ? Pattern.compile("\\b(?:class|interface|record|enum)\\s+" + Pattern.quote(member) + "\\b")
                    : Pattern.compile("\\b" + Pattern.quote(member) + "\\b");
            if (!declaration.matcher(code).find()) {
                return false;
            }
        }
        return true;
    }

    /** A class of a library or the JDK, with its nested types, methods or fields. */
    private static boolean loads(String className, List<String> members) {
        Class<?> type;
        try {
            type = Class.forName(className, false, ArchitectureDocTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        for (String member : members) {
            Class<?> nested = null;
            for (Class<?> c : type.getClasses()) {
                if (c.getSimpleName().equals(member)) {
                    nested = c;
                }
            }
            if (nested != null) {
                type = nested;
                continue;
            }
            boolean found = false;
            for (Method m : type.getMethods()) {
                found |= m.getName().equals(member);
            }
            for (Field f : type.getFields()) {
                found |= f.getName().equals(member);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Set<Path>> index() {
        Map<String, Set<Path>> out = new HashMap<>();
        for (Path root : SOURCE_ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = DECLARATION.matcher(code(file));
                    while (m.find()) {
                        out.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(file);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The source of {@code file} without its comments: a name mentioned in a Javadoc is not a declaration. */
    private static String code(Path file) {
        try {
            return Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
