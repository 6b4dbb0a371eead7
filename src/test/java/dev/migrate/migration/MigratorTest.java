package dev.migrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.internals.FlywayInternals;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigratorTest {

    @TempDir
    Path migrations;

    private final CapturingLog log = new CapturingLog();

    @Test
    void appliesPendingMigrationsWithOneLineEachAndASummary() throws IOException {
        write("V1__create_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY);");
        write("V2__create_orders.sql", "CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT REFERENCES users);");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            UpgradeResult result = Migrator.upgrade(database, settings(), log);

            assertEquals(new UpgradeResult(null, "2", 2, result.millis()), result);
            assertTrue(
                    log.text().matches("(?s).*INFO   1  create users  \\[V1__create_users.sql] \\(\\d+ ms\\).*"),
                    log.text());
            assertTrue(
                    log.text().matches("(?s).*INFO Upgraded .* from empty to 2: 2 migrations in \\d+ ms.*"),
                    log.text());
        }
    }

    @Test
    void secondUpgradeAppliesOnlyNewMigrations() throws IOException {
        write("V1__create_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY);");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            Migrator.upgrade(database, settings(), log);
            write("V2__add_name.sql", "ALTER TABLE users ADD COLUMN name TEXT;");

            UpgradeResult second = Migrator.upgrade(database, settings(), log);
            UpgradeResult third = Migrator.upgrade(database, settings(), log);

            assertEquals(
                    List.of("1", "2", "1"),
                    List.of(second.fromVersion(), second.toVersion(), String.valueOf(second.applied())));
            assertEquals(0, third.applied());
            // Flyway names no target when it applies nothing: the schema stays where it was
            assertEquals(List.of("2", "2"), List.of(third.fromVersion(), third.toVersion()));
            assertTrue(log.text().contains("already up to date at version 2"), log.text());
        }
    }

    @Test
    void flywaysLinesGoToTheLogOfTheGoalRunningItAlsoAfterAnotherGoalInTheSameJvm() throws IOException {
        write("V1__create_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY);");
        CapturingLog firstModule = new CapturingLog();
        CapturingLog secondModule = new CapturingLog();
        try (OpenDatabase first = TestPostgres.openNewDatabase();
                OpenDatabase second = TestPostgres.openNewDatabase()) {
            Migrator.upgrade(first, settings(), firstModule);
            int firstLines = firstModule.lines().size();

            Migrator.upgrade(second, settings(), secondModule);

            // Flyway's own loggers are static: its lines of the second goal must not land in the first goal's log
            assertEquals(firstLines, firstModule.lines().size(), firstModule.text());
            assertTrue(
                    secondModule.lines().stream().anyMatch(line -> line.startsWith("DEBUG Parsing V1__create_users")),
                    secondModule.text());
        }
    }

    @Test
    void failingMigrationNamesScriptLineAndSqlStateAndKeepsTheLastGoodVersion() throws IOException {
        write("V1__create_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY);");
        write("V2__broken.sql", "ALTER TABLE users ADD COLUMN name TEXT;\n\nSELEC 1;\n");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            UserMistakeException failure =
                    assertThrows(UserMistakeException.class, () -> Migrator.upgrade(database, settings(), log));

            assertTrue(failure.getMessage().contains("V2__broken.sql failed at line 3"), failure.getMessage());
            assertTrue(failure.getMessage().contains("SQLSTATE 42601"), failure.getMessage());
            assertTrue(failure.getMessage().contains("syntax error"), failure.getMessage());
            StatusReport status = MigrationStatus.read(database, settings(), log);
            assertEquals("1", status.currentVersion());
            assertEquals(1, status.pending());

            write("V2__broken.sql", "ALTER TABLE users ADD COLUMN name TEXT;\n\nSELECT 1;\n");
            assertEquals(1, Migrator.upgrade(database, settings(), log).applied());
        }
    }

    @Test
    void createIndexConcurrentlyCompletes() throws IOException {
        write("V1__create_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT);");
        write("V2__index.sql", "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            assertEquals(2, Migrator.upgrade(database, settings(), log).applied());
        }
    }

    @Test
    void placeholdersAndTargetAreApplied() throws IOException {
        write("V1__create.sql", "CREATE TABLE ${tenant}_users (id BIGINT PRIMARY KEY);");
        write("V2__more.sql", "CREATE TABLE more (id BIGINT PRIMARY KEY);");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            MigrationSettings settings = new MigrationSettings(
                    List.of("filesystem:" + migrations),
                    List.of(),
                    Map.of("tenant", "acme"),
                    Map.of(),
                    "1",
                    getClass().getClassLoader());

            UpgradeResult result = Migrator.upgrade(database, settings, log);

            assertEquals("1", result.toVersion());
            TestPostgres.execute(database.dataSource(), "SELECT * FROM acme_users");
        }
    }

    @Test
    void missingLocationIsAUserMistakeNamingIt() {
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            MigrationSettings settings = TestMigrations.in(migrations.resolve("nope"));

            UserMistakeException failure =
                    assertThrows(UserMistakeException.class, () -> Migrator.upgrade(database, settings, log));

            assertTrue(failure.getMessage().contains("nope' does not exist"), failure.getMessage());
        }
    }

    @Test
    void duplicateVersionsAndMalformedNamesAreUserMistakes() throws IOException {
        write("V1__one.sql", "SELECT 1;");
        write("V1__also_one.sql", "SELECT 1;");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            UserMistakeException duplicate =
                    assertThrows(UserMistakeException.class, () -> Migrator.upgrade(database, settings(), log));
            assertTrue(
                    duplicate.getMessage().contains("more than one migration with version 1"), duplicate.getMessage());

            Files.delete(migrations.resolve("V1__also_one.sql"));
            write("V2_missing_separator.sql", "SELECT 1;");
            UserMistakeException malformed =
                    assertThrows(UserMistakeException.class, () -> Migrator.upgrade(database, settings(), log));
            assertTrue(malformed.getMessage().contains("V2_missing_separator.sql"), malformed.getMessage());
        }
    }

    /** Flyway Community refuses undo scripts' names as misspelt, which would stop every project that has them. */
    @Test
    void undoScriptsBesideTheMigrationsAreLeftAloneAndAMalformedNameBesideThemIsStillRefused() throws IOException {
        write("V1__create_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY);");
        write("U1__create_users.sql", "DROP TABLE users;");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            assertEquals("1", Migrator.upgrade(database, settings(), log).toVersion());

            write("V2_missing_separator.sql", "SELECT 1;");
            UserMistakeException malformed =
                    assertThrows(UserMistakeException.class, () -> Migrator.upgrade(database, settings(), log));
            assertTrue(malformed.getMessage().contains("V2_missing_separator.sql"), malformed.getMessage());
        }
    }

    @Test
    void malformedNameGetsTheHintOfTwoUnderscoresWithTheRightName() throws IOException {
        write("V7_add_nickname.sql", "SELECT 1;");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            UserMistakeException malformed =
                    assertThrows(UserMistakeException.class, () -> Migrator.upgrade(database, settings(), log));

            assertTrue(
                    malformed
                            .getMessage()
                            .contains("with two underscores after the version: rename"
                                    + " V7_add_nickname.sql to V7__add_nickname.sql."),
                    malformed.getMessage());
        }
    }

    @Test
    void sqlErrorsMessageIsAllMavenPrintsWithoutFlywaysRawReport() throws IOException {
        write("V1__broken.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY);\nSELEC 1;\n");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            UserMistakeException failure =
                    assertThrows(UserMistakeException.class, () -> Migrator.upgrade(database, settings(), log));

            // Maven's error report adds the message of every cause that the message does not contain already
            for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
                assertTrue(failure.getMessage().contains(cause.getMessage()), cause.toString());
            }
            assertFalse(failure.getMessage().contains("Run Flyway with -X option"), failure.getMessage());
            assertTrue(
                    failure.getMessage().contains("V1__broken.sql failed at line 2 (SQLSTATE 42601)"),
                    failure.getMessage());
        }
    }

    @Test
    void flywayPropertiesAreApplied() throws IOException {
        write("V2__two.sql", "CREATE TABLE two (id INT);");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            Migrator.upgrade(database, settings(), log);
            write("V1__one.sql", "CREATE TABLE one (id INT);");
            MigrationSettings outOfOrder = withFlyway(Map.of("outOfOrder", "true"));

            assertEquals(1, Migrator.upgrade(database, outOfOrder, log).applied());
        }
    }

    /** docs/configuration.md: Flyway's transactional lock comes back with a setting of its PostgreSQL extension. */
    @Test
    void aSettingOfAFlywayExtensionIsApplied() {
        MigrationSettings transactionalLock = withFlyway(Map.of("postgresql.transactional.lock", "true"));
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            FluentConfiguration configuration = FlywayFactory.configure(transactionalLock, database.dataSource(), log);

            assertTrue(FlywayInternals.postgresSettings(configuration).isTransactionalLock());
            assertFalse(
                    FlywayInternals.postgresSettings(FlywayFactory.configure(settings(), database.dataSource(), log))
                            .isTransactionalLock());
        }
    }

    @Test
    void unknownFlywayPropertyIsAUserMistake() throws IOException {
        write("V1__one.sql", "SELECT 1;");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            MigrationSettings settings = withFlyway(Map.of("noSuchSetting", "true"));

            UserMistakeException failure =
                    assertThrows(UserMistakeException.class, () -> Migrator.upgrade(database, settings, log));

            assertTrue(failure.getMessage().contains("noSuchSetting"), failure.getMessage());
        }
    }

    private MigrationSettings withFlyway(Map<String, String> flywaySettings) {
        return new MigrationSettings(
                List.of("filesystem:" + migrations),
                List.of(),
                Map.of(),
                flywaySettings,
                null,
                getClass().getClassLoader());
    }

    private MigrationSettings settings() {
        return TestMigrations.in(migrations);
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(migrations.resolve(name), sql);
    }
}
