package dev.migrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.UserMistakeException;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {

    @TempDir
    Path migrations;

    @TempDir
    Path developmentDatabase;

    private final CapturingLog log = new CapturingLog();

    @Test
    void anExistingSchemaBaselinedAtAVersionGetsOnlyTheMigrationsAboveIt() throws IOException {
        writeMigrations();
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            TestPostgres.execute(database.dataSource(), "CREATE TABLE one (id INT); CREATE TABLE two (id INT);");

            BaselineResult result = Baseline.baseline(database, settings(), "2", "legacy schema", log);

            assertEquals(new BaselineResult(database.displayName(), "2", "legacy schema"), result);
            assertTrue(
                    log.lines()
                            .contains("INFO Baselined " + database.displayName() + " at version 2 (legacy schema):"
                                    + " upgrades apply only the migrations above it"),
                    log.text());
            UpgradeResult upgrade = Migrator.upgrade(database, settings(), log);
            assertEquals(List.of("2", "3", 1), List.of(upgrade.fromVersion(), upgrade.toVersion(), upgrade.applied()));
            assertEquals(
                    List.of("1 Below Baseline", "2 Ignored (Baseline)", "2 Baseline", "3 Success"),
                    states(MigrationStatus.read(database, settings(), log)));
        }
    }

    @Test
    void aDatabaseWithAHistoryTableIsRefusedAndNothingChanges() throws IOException {
        writeMigrations();
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            MigrationSettings untilTwo = settings().withTarget("2");
            Migrator.upgrade(database, untilTwo, log);
            StatusReport before = MigrationStatus.read(database, settings(), log);

            UserMistakeException refused = assertThrows(
                    UserMistakeException.class, () -> Baseline.baseline(database, settings(), "3", null, log));

            assertEquals(
                    database.displayName() + " already has Flyway's history table \"public\".\"flyway_schema_history\","
                            + " so it has a version already: nothing was changed. Baseline only a database Flyway"
                            + " never migrated.",
                    refused.getMessage());
            assertEquals(before, MigrationStatus.read(database, settings(), log));
        }
    }

    @Test
    void anEmptyHistoryTableIsRefusedToo() throws IOException {
        writeMigrations();
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            Baseline.baseline(database, settings(), "1", null, log);

            assertThrows(UserMistakeException.class, () -> Baseline.baseline(database, settings(), "1", null, log));
        }
    }

    @Test
    void aVersionFlywayCannotReadIsAUserMistakeNamingIt() throws IOException {
        writeMigrations();
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            UserMistakeException refused = assertThrows(
                    UserMistakeException.class, () -> Baseline.baseline(database, settings(), "v2", null, log));

            assertTrue(
                    refused.getMessage().startsWith("The baseline version 'v2' is not a Flyway version"),
                    refused.getMessage());
            assertEquals(
                    List.of(),
                    MigrationStatus.read(database, settings(), log).migrations().stream()
                            .filter(migration -> !migration.state().equals("Pending"))
                            .toList());
        }
    }

    @Test
    void onAPasswordServerTheHistoryGoesToTheFirstOfTheSchemas() throws IOException {
        writeMigrations();
        MigrationSettings settings = TestMigrations.inSchemas(migrations, "inventory", "audit");
        try (OpenDatabase database = TestPostgres.openNewPasswordDatabase()) {
            TestPostgres.execute(database.dataSource(), "CREATE SCHEMA inventory; CREATE TABLE inventory.one (id INT)");

            Baseline.baseline(database, settings, "1", null, log);

            assertEquals(2, Migrator.upgrade(database, settings, log).applied());
            assertEquals(
                    List.of("1 Ignored (Baseline)", "1 Baseline", "2 Success", "3 Success"),
                    states(MigrationStatus.read(database, settings, log)));
            assertEquals(
                    "<< Flyway Baseline >>",
                    MigrationStatus.read(database, settings, log).migrations().stream()
                            .filter(migration -> migration.state().equals("Baseline"))
                            .findFirst()
                            .orElseThrow()
                            .description());
        }
    }

    @Test
    void theDevelopmentDatabaseCanBeBaselinedToo() throws IOException {
        writeMigrations();
        try (OpenDatabase database =
                OpenDatabase.embeddedDevelopment(TestPostgres.settings(), developmentDatabase.resolve("devdb"), log)) {
            Baseline.baseline(database, settings(), "1", "before the plugin", log);

            assertEquals(2, Migrator.upgrade(database, settings(), log).applied());
        }
    }

    /** Each versioned migration's version and state, in Flyway's order. */
    private static List<String> states(StatusReport report) {
        return report.migrations().stream()
                .filter(migration -> !migration.version().isEmpty())
                .map(migration -> migration.version() + " " + migration.state())
                .toList();
    }

    private void writeMigrations() throws IOException {
        Files.writeString(migrations.resolve("V1__one.sql"), "CREATE TABLE IF NOT EXISTS one (id INT);");
        Files.writeString(migrations.resolve("V2__two.sql"), "CREATE TABLE two (id INT);");
        Files.writeString(migrations.resolve("V3__three.sql"), "CREATE TABLE three (id INT);");
    }

    private MigrationSettings settings() {
        return TestMigrations.in(migrations);
    }
}
