package dev.migrate.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The rules' codes are stable and documented, and every rule is shown firing by a case of the hazard corpus. */
class LintRuleTest {

    @Test
    void codesAreDistinctLowerCaseWordsWithHyphens() {
        Set<String> ids = Arrays.stream(LintRule.values()).map(LintRule::id).collect(Collectors.toSet());
        assertEquals(LintRule.values().length, ids.size());
        for (LintRule rule : LintRule.values()) {
            assertTrue(rule.id().matches("[a-z]+(-[a-z]+)+"), rule.id());
            assertEquals(rule.name().toLowerCase(Locale.ROOT).replace('_', '-'), rule.id());
            assertTrue(!rule.title().isBlank() && rule.docs().length() > 100, rule.id());
        }
    }

    @Test
    void everyRuleHasARowAndASectionInTheRulesPage() throws IOException {
        String page = Files.readString(Path.of("docs/lint-rules.md"));
        for (LintRule rule : LintRule.values()) {
            assertTrue(
                    page.contains(
                            "| `" + rule.id() + "` | " + rule.level().name().toLowerCase(Locale.ROOT) + " |"),
                    rule.id());
            assertTrue(page.lines().anyMatch(line -> line.startsWith("### ") && line.contains(rule.id())), rule.id());
        }
    }

    /** enum-value-in-transaction cannot fire on the embedded servers (15 and later): LinterTest covers its decision. */
    @Test
    void everyRuleFiresInTheCorpus() throws IOException {
        Set<String> fired = new TreeSet<>();
        try (Stream<Path> cases = Files.list(LintCorpusTest.CORPUS)) {
            for (Path expected : cases.map(path -> path.resolve("expected.txt"))
                    .filter(Files::exists)
                    .toList()) {
                Files.readAllLines(expected).stream()
                        .filter(line -> line.contains(" "))
                        .map(line -> line.substring(line.indexOf(' ') + 1).strip())
                        .forEach(fired::add);
            }
        }
        Set<String> all = Arrays.stream(LintRule.values())
                .filter(rule -> rule != LintRule.ENUM_VALUE_IN_TRANSACTION)
                .map(LintRule::id)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(all, fired);
    }
}
