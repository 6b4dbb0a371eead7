package dev.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core names no parameter, property, environment variable or goal of the plugin in what it says (issue 12, item
 * 2): it says which setting, server or action is meant (dev.migrate.error.Suggestion), and the Maven layer's
 * HelpfulSuggestions names it. Checked on the string literals of the main sources outside dev.migrate.maven; comments
 * may name them.
 */
class CoreWordingTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/migrate");

    /** A string literal on one line. */
    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    /** What only the Maven layer may write: -D properties, MIGRATE_* variables, goals, XML parameters. */
    private static final Pattern MAVEN_NAME = Pattern.compile("-Dmigrate\\.|MIGRATE_[A-Z]"
            // any goal, also of goals added later; not the offline planner's internal "<<migrate:unset" marker, nor
            // the lint's "-- migrate:lint-ignore" comment, which is SQL the user writes in a migration, not a goal
            + "|(?<!<)migrate:(?!lint-ignore)[a-z]"
            + "|<(url|user|password|serverId|codegen\\w*|locations|flyway|generator|postgres|placeholders|schemas"
            + "|target|worker|name|undo|repeatable|from|to|lockTimeout|migrationLockTimeout|serverTimeout|lint)>");

    @Test
    void noStringInTheCoreNamesAParameterPropertyOrGoal() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Path> core = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(SOURCES.resolve("maven")))
                    .toList();
            assertTrue(core.size() > 50, core::toString);
            for (Path file : core) {
                found.addAll(mavenNames(file));
            }
        }

        assertEquals(List.of(), found);
    }

    @Test
    void theCheckFindsANameInAStringButNotInAComment() {
        assertEquals(
                List.of("x.java:1: \"Run migrate:repair\""),
                mavenNames("x.java", List.of("f(\"Run migrate:repair\");")));
        assertEquals(
                List.of("x.java:1: \"Set -Dmigrate.url\""), mavenNames("x.java", List.of("f(\"Set -Dmigrate.url\");")));
        assertEquals(
                List.of("x.java:1: \"see mvn migrate:check\""),
                mavenNames("x.java", List.of("\"see mvn migrate:check\"")));
        assertEquals(
                List.of("x.java:1: \"in <codegenUrl>\""), mavenNames("x.java", List.of("g(1, \"in <codegenUrl>\")")));
        assertEquals(
                List.of(),
                mavenNames(
                        "x.java",
                        List.of(
                                " * {@code -Dmigrate.url} and <url>",
                                "// MIGRATE_PASSWORD",
                                "f(\"V<version>__<description>.sql\", \"<<migrate:unset \");",
                                "f(\"-- migrate:lint-ignore <code> <reason>\");")));
        assertEquals(
                List.of("x.java:1: \"mvn migrate:lint\""), mavenNames("x.java", List.of("f(\"mvn migrate:lint\");")));
    }

    private static List<String> mavenNames(Path file) throws IOException {
        return mavenNames(file.toString(), Files.readAllLines(file));
    }

    private static List<String> mavenNames(String file, List<String> lines) {
        List<String> found = new ArrayList<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.startsWith("*") || line.startsWith("/*") || line.startsWith("//")) {
                continue;
            }
            Matcher literal = LITERAL.matcher(line);
            while (literal.find()) {
                if (MAVEN_NAME.matcher(literal.group()).find()) {
                    found.add(file + ":" + number + ": " + literal.group());
                }
            }
        }
        return found;
    }
}
