package dev.migrate.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.database.OpenDatabase;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the hazard corpus (src/test/resources/lint/hazards, described in its README.md) linted on a real
 * PostgreSQL: exactly the hazards its expected.txt lists, at those lines; none for a near-miss.
 */
class LintCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/lint/hazards");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> cases = Files.list(CORPUS)) {
            return cases
                    .filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void findsExactlyTheExpectedHazards(String name) throws IOException {
        Path directory = CORPUS.resolve(name).toAbsolutePath();
        List<String> expected = Files.readAllLines(directory.resolve("expected.txt")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .sorted()
                .toList();
        List<String> found;
        try (OpenDatabase throwaway = TestPostgres.openNewDatabase()) {
            found = Linter.lint(
                            TestMigrations.in(directory),
                            throwaway,
                            file -> !"1".equals(file.version()),
                            TestPostgres.quietLog())
                    .stream()
                    .map(hazard -> hazard.script() + ":" + hazard.line() + " "
                            + hazard.rule().id())
                    .sorted()
                    .toList();
        }
        assertEquals(expected, found, name);
    }
}
