package dev.migrate.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.testing.TestMigrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real corpora: the offline script leaves a database exactly as Flyway leaves it, whole and for a range. */
class CorpusEquivalenceTest {

    @TempDir
    Path versionedOnly;

    private static Path corpusFolder(String name) {
        return Path.of(System.getProperty("corpora.dir"), name).toAbsolutePath().normalize();
    }

    private static Equivalence corpus(String name) {
        return equivalence(corpusFolder(name));
    }

    private static Equivalence equivalence(Path folder) {
        return new Equivalence(TestMigrations.in(folder));
    }

    @Test
    void marquezFromEmptyToLatest() {
        OfflineSql.Script script = corpus("marquez").prove(null, null);

        assertEquals(List.of("empty", "74"), List.of(script.from(), script.to()));
    }

    /**
     * Marquez's repeatable views need its latest tables, so Flyway itself cannot stop in the middle with them: the
     * range is proven on its versioned migrations.
     */
    @Test
    void marquezVersionedFromTheMiddle() throws IOException {
        try (Stream<Path> files = Files.list(corpusFolder("marquez"))) {
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith("V"))
                    .toList()) {
                Files.copy(file, versionedOnly.resolve(file.getFileName()));
            }
        }
        OfflineSql.Script script = equivalence(versionedOnly).prove("40", "66.2");

        assertEquals(List.of("40", "66.2"), List.of(script.from(), script.to()));
    }

    /** On a database Flyway already migrated to the latest version, the script finds every repeatable unchanged. */
    @Test
    void marquezAtLatestSkipsItsUnchangedRepeatables() {
        Equivalence marquez = corpus("marquez");
        OfflineSql.Script script = marquez.prove("74", "74");

        assertTrue(script.text().contains("\\if :migrate_apply"), script.text());
    }

    @Test
    void pagilaWithItsCopyData() {
        corpus("pagila").prove(null, null);
    }

    @Test
    void pagilaSecondHalf() {
        corpus("pagila").prove("1", "2");
    }
}
