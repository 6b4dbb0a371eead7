package dev.migrate.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.check.MigrationLock;
import dev.migrate.check.StaticChecks;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.FlywayFactory;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.internals.FlywayInternals;
import dev.migrate.migration.internals.MigrationFile;
import dev.migrate.testing.TestMigrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintSelectionTest {

    @TempDir
    Path migrations;

    @BeforeEach
    void released() throws IOException {
        write("V1__create_orders.sql");
        write("V2__add_total.sql");
        write("R__orders_view.sql");
    }

    @Test
    void byDefaultTheVersionedMigrationsTheLockFileDoesNotRecordAreLinted() throws IOException {
        StaticChecks.updateLock(settings(), suggestion -> "");
        write("V3__index_total.sql");
        write("V10__later.sql");

        LintSelection.Chosen chosen = LintSelection.choose(files(), lock(), false, null);

        assertEquals(List.of("V3__index_total.sql", "V10__later.sql"), scripts(chosen));
        assertEquals("the migrations not in migrations.lock", chosen.reason());
    }

    @Test
    void aReleaseWithNothingNewLintsNothing() throws IOException {
        StaticChecks.updateLock(settings(), suggestion -> "");

        assertEquals(List.of(), scripts(LintSelection.choose(files(), lock(), false, null)));
    }

    @Test
    void sinceLintsTheVersionedMigrationsAboveItAsFlywayComparesVersionsAndOverridesTheLock() throws IOException {
        StaticChecks.updateLock(settings(), suggestion -> "");
        write("V10__later.sql");

        LintSelection.Chosen chosen = LintSelection.choose(files(), lock(), false, "1.0");

        assertEquals(List.of("V2__add_total.sql", "V10__later.sql"), scripts(chosen));
        assertEquals("the migrations after version 1.0", chosen.reason());
    }

    @Test
    void allLintsEveryVersionedAndRepeatableMigrationAlsoWithALock() throws IOException {
        StaticChecks.updateLock(settings(), suggestion -> "");

        LintSelection.Chosen chosen = LintSelection.choose(files(), lock(), true, null);

        assertEquals(List.of("V1__create_orders.sql", "V2__add_total.sql", "R__orders_view.sql"), scripts(chosen));
        assertEquals("every migration", chosen.reason());
    }

    @Test
    void withoutLockAndSinceEveryMigrationIsLintedAndTheReasonSaysWhy() {
        LintSelection.Chosen chosen = LintSelection.choose(files(), Optional.empty(), false, null);

        assertEquals(List.of("V1__create_orders.sql", "V2__add_total.sql", "R__orders_view.sql"), scripts(chosen));
        assertEquals(
                "every migration, as there is no lock file (migrations.lock) and no version to start after",
                chosen.reason());
    }

    @Test
    void theChosenAreWhatThePredicateTheEngineAsksAccepts() {
        LintSelection.Chosen chosen = LintSelection.choose(files(), Optional.empty(), false, "1");

        assertEquals(
                List.of("V2__add_total.sql"),
                files().stream()
                        .filter(chosen.asPredicate())
                        .map(MigrationFile::script)
                        .toList());
    }

    @Test
    void aSinceThatIsNoVersionIsRefusedNamingTheSetting() {
        UserMistakeException refused = assertThrows(
                UserMistakeException.class, () -> LintSelection.choose(files(), Optional.empty(), false, "v1-beta"));

        assertTrue(refused.getMessage().contains("'v1-beta' is not a Flyway version"), refused::getMessage);
        assertEquals(Optional.of(new Suggestion.Change(Setting.LINT_SINCE)), refused.suggestion());
    }

    @Test
    void allAndSinceTogetherAreRefused() {
        UserMistakeException refused = assertThrows(
                UserMistakeException.class, () -> LintSelection.choose(files(), Optional.empty(), true, "1"));

        assertEquals(Optional.of(new Suggestion.Change(Setting.LINT_SINCE)), refused.suggestion());
    }

    private MigrationSettings settings() {
        return TestMigrations.in(migrations);
    }

    private List<MigrationFile> files() {
        return FlywayInternals.scan(FlywayFactory.withoutDatabase(settings()));
    }

    private Optional<MigrationLock> lock() {
        return MigrationLock.read(migrations);
    }

    private void write(String name) throws IOException {
        Files.writeString(migrations.resolve(name), "SELECT 1;\n");
    }

    private static List<String> scripts(LintSelection.Chosen chosen) {
        return chosen.files().stream().map(MigrationFile::script).toList();
    }
}
