package dev.migrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.Action;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepairTest {

    @TempDir
    Path migrations;

    @TempDir
    Path developmentDatabase;

    private final CapturingLog log = new CapturingLog();

    @Test
    void aFailedMigrationsAdviceNamesRepairWhichRemovesTheFailedRowSoTheFixedScriptApplies() throws IOException {
        write("V1__one.sql", "CREATE TABLE one (id INT);");
        write("V2__index.sql", "CREATE INDEX CONCURRENTLY missing_idx ON no_such_table (id);");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            UserMistakeException failure =
                    assertThrows(UserMistakeException.class, () -> Migrator.upgrade(database, settings(), log));
            assertTrue(
                    failure.getMessage()
                            .contains("remove its failed row from the history table with the plugin's repair goal"),
                    failure.getMessage());
            assertEquals(Optional.of(new Suggestion.Run(Action.REPAIR)), failure.suggestion());
            assertTrue(
                    MigrationStatus.read(database, settings(), log).nextStep().contains("repair goal"));

            RepairResult repaired = Repair.repair(database, settings(), log);

            assertEquals(List.of("Removed the failed row of version 2 (V2__index.sql)"), repaired.changes());
            assertTrue(
                    log.lines()
                            .contains("INFO Removed the failed row of version 2 (V2__index.sql) ("
                                    + database.displayName() + ")"),
                    log.text());
            write("V2__index.sql", "CREATE INDEX CONCURRENTLY one_idx ON one (id);");
            assertEquals(1, Migrator.upgrade(database, settings(), log).applied());
        }
    }

    @Test
    void aTransactionalFailureNeedsNoRepairAndItsAdviceDoesNotNameIt() throws IOException {
        write("V1__broken.sql", "CREATE TABLE one (id INT);\nSELEC 1;");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            UserMistakeException failure =
                    assertThrows(UserMistakeException.class, () -> Migrator.upgrade(database, settings(), log));

            assertTrue(failure.getMessage().contains("Its changes were rolled back"), failure.getMessage());
            assertTrue(!failure.getMessage().contains("repair"), failure.getMessage());
            assertEquals(List.of(), Repair.repair(database, settings(), log).changes());
        }
    }

    @Test
    void realignsChecksumsAndDescriptionsAndMarksMissingFilesDeletedOnAPasswordServerWithOtherSchemas()
            throws IOException {
        write("V1__one.sql", "CREATE TABLE one (id INT);");
        write("V2__two.sql", "CREATE TABLE two (id INT);");
        write("V3__three.sql", "CREATE TABLE three (id INT);");
        write("V4__four.sql", "CREATE TABLE four (id INT);");
        MigrationSettings settings = TestMigrations.inSchemas(migrations, "inventory", "audit");
        try (OpenDatabase database = TestPostgres.openNewPasswordDatabase()) {
            Migrator.upgrade(database, settings, log);
            write("V1__one.sql", "-- the table of ones\nCREATE TABLE one (id INT);");
            // a missing file below the latest one: above it, it would be a future migration, which repair leaves
            Files.delete(migrations.resolve("V2__two.sql"));
            Files.move(migrations.resolve("V3__three.sql"), migrations.resolve("V3__third.sql"));
            MigrationInfoChecksums checksums = MigrationInfoChecksums.of(database, settings, "1");
            CapturingLog repairLog = new CapturingLog();

            RepairResult repaired = Repair.repair(database, settings, repairLog);

            assertEquals(
                    List.of(
                            "Realigned version 1 (V1__one.sql): checksum " + checksums.applied() + " -> "
                                    + checksums.resolved(),
                            // Flyway keeps the script name the row was applied with
                            "Realigned version 3 (V3__three.sql): description 'three' -> 'third'",
                            "Marked version 2 (V2__two.sql) as deleted: its file is gone"),
                    repaired.changes());
            assertEquals(
                    repaired.changes().stream()
                            .map(change -> "INFO " + change + " (" + database.displayName() + ")")
                            .toList(),
                    repairLog.lines().stream()
                            .filter(line -> line.startsWith("INFO"))
                            .toList());
            assertTrue(Validation.validate(database, settings, log).valid());
            assertEquals(List.of(), Repair.repair(database, settings, log).changes());
        }
    }

    @Test
    void aRepairWithNothingToDoPrintsNothingOnTheDevelopmentDatabase() throws IOException {
        write("V1__one.sql", "CREATE TABLE one (id INT);");
        try (OpenDatabase database =
                OpenDatabase.embeddedDevelopment(TestPostgres.settings(), developmentDatabase.resolve("devdb"), log)) {
            Migrator.upgrade(database, settings(), log);
            CapturingLog repairLog = new CapturingLog();

            RepairResult repaired = Repair.repair(database, settings(), repairLog);

            assertEquals(List.of(), repaired.changes());
            assertEquals(
                    List.of(),
                    repairLog.lines().stream()
                            .filter(line -> !line.startsWith("DEBUG"))
                            .toList());
        }
    }

    /** The checksums Flyway holds for a version: in the history, and of the file now. */
    private record MigrationInfoChecksums(Integer applied, Integer resolved) {

        static MigrationInfoChecksums of(OpenDatabase database, MigrationSettings settings, String version) {
            var migration = java.util.Arrays.stream(
                            FlywayFactory.create(settings, database.dataSource(), new CapturingLog())
                                    .info()
                                    .all())
                    .filter(info -> info.getVersion() != null
                            && info.getVersion().getVersion().equals(version))
                    .findFirst()
                    .orElseThrow();
            return new MigrationInfoChecksums(migration.getAppliedChecksum(), migration.getResolvedChecksum());
        }
    }

    private MigrationSettings settings() {
        return TestMigrations.in(migrations);
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(migrations.resolve(name), sql);
    }
}
