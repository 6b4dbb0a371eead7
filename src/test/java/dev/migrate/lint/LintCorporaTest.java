package dev.migrate.lint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.database.OpenDatabase;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.Migrator;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real corpora, every file linted: the engine replays all of them without failing, and prints how long linting
 * takes against migrating the same files with Flyway (the issue wants at most twice; measured, never asserted).
 */
class LintCorporaTest {

    private static MigrationSettings corpus(String name) {
        return TestMigrations.in(Path.of(System.getProperty("corpora.dir"), name)
                .toAbsolutePath()
                .normalize());
    }

    @Test
    void lintsEveryMarquezMigration() {
        List<Hazard> hazards = lintAllAndMeasure("marquez");
        assertTrue(
                hazards.stream().anyMatch(hazard -> hazard.rule() == LintRule.INDEX_NOT_CONCURRENT),
                hazards.toString());
        // V2.1 adds a NOT NULL column without a default: the empty throwaway accepts it, a table with rows would not
        assertTrue(
                hazards.stream()
                        .anyMatch(hazard -> hazard.rule() == LintRule.ADD_COLUMN_NOT_NULL
                                && hazard.script().startsWith("V2.1__")
                                && hazard.line() == 3),
                hazards.toString());
        // V38 widens varchar columns with unique constraints: PostgreSQL re-creates them reusing their indexes
        assertTrue(
                hazards.stream()
                        .noneMatch(hazard -> hazard.rule() == LintRule.CONSTRAINT_WITHOUT_INDEX
                                && hazard.script().startsWith("V38__")),
                hazards.toString());
        // V47 builds its index CONCURRENTLY in a file of its own: Flyway runs it outside a transaction
        assertTrue(hazards.stream().noneMatch(hazard -> hazard.script().startsWith("V47__")), hazards.toString());
    }

    /** pagila's pg_dump schema and its COPY data with ~50k rows, replayed through pgjdbc's COPY API. */
    @Test
    void lintsEveryPagilaMigration() {
        List<Hazard> hazards = lintAllAndMeasure("pagila");
        assertTrue(hazards.stream().allMatch(hazard -> hazard.script().startsWith("V1__")), hazards.toString());
    }

    private static List<Hazard> lintAllAndMeasure(String name) {
        MigrationSettings migrations = corpus(name);
        long migrateMillis = migrateMillis(migrations);
        List<Hazard> hazards = List.of();
        CapturingLog log = new CapturingLog();
        // timed as migrating is: the best of two runs, each on a database created before the clock starts
        long lintMillis = Long.MAX_VALUE;
        for (int run = 0; run < 2; run++) {
            log = new CapturingLog();
            try (OpenDatabase throwaway = TestPostgres.openNewDatabase()) {
                long started = System.nanoTime();
                hazards = Linter.lint(migrations, throwaway, file -> true, log);
                lintMillis = Math.min(lintMillis, (System.nanoTime() - started) / 1_000_000);
            }
        }
        hazards.forEach(hazard -> System.out.println(
                hazard.script() + ":" + hazard.line() + " " + hazard.rule().id() + " " + hazard.message()));
        log.lines().stream().filter(line -> !line.startsWith("DEBUG")).forEach(System.out::println);
        System.out.printf(
                "%s: migrate %d ms, lint %d ms (%.2fx), %d hazards%n",
                name, migrateMillis, lintMillis, (double) lintMillis / migrateMillis, hazards.size());
        assertTrue(hazards.stream().allMatch(hazard -> hazard.line() > 0), hazards.toString());
        return hazards;
    }

    private static long migrateMillis(MigrationSettings migrations) {
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 2; run++) {
            try (OpenDatabase database = TestPostgres.openNewDatabase()) {
                long started = System.nanoTime();
                Migrator.upgrade(database, migrations, TestPostgres.quietLog());
                best = Math.min(best, (System.nanoTime() - started) / 1_000_000);
            }
        }
        return best;
    }
}
