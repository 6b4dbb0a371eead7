package dev.migrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.MigrateException;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway's failures: the user's mistakes are a known list, anything else fails as the environment with its cause. */
class FlywayFailuresTest {

    @TempDir
    Path migrations;

    private final CapturingLog log = new CapturingLog();

    @Test
    void aPlaceholderWithoutAValueIsAUserMistakeAboutThePlaceholders() throws IOException {
        write("V1__greeting.sql", "SELECT '${greeting}';");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            UserMistakeException failure = assertThrows(
                    UserMistakeException.class, () -> Migrator.upgrade(database, TestMigrations.in(migrations), log));

            assertTrue(failure.getMessage().contains("V1__greeting.sql"), failure.getMessage());
            assertEquals(Optional.of(new Suggestion.Change(Setting.PLACEHOLDERS)), failure.suggestion());
        }
    }

    @Test
    void aTargetThatNoMigrationHasIsAUserMistakeAboutTheTarget() throws IOException {
        write("V1__one.sql", "SELECT 1;");
        MigrationSettings settings = new MigrationSettings(
                List.of("filesystem:" + migrations),
                List.of(),
                Map.of(),
                Map.of(),
                "99",
                getClass().getClassLoader());
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            UserMistakeException failure =
                    assertThrows(UserMistakeException.class, () -> Migrator.upgrade(database, settings, log));

            assertTrue(failure.getMessage().contains("99"), failure.getMessage());
            assertEquals(Optional.of(new Suggestion.Change(Setting.TARGET)), failure.suggestion());
        }
    }

    @Test
    void anAppliedMigrationChangedSinceIsAUserMistake() throws IOException {
        write("V1__one.sql", "SELECT 1;");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            Migrator.upgrade(database, TestMigrations.in(migrations), log);
            write("V1__one.sql", "SELECT 2;");

            UserMistakeException failure = assertThrows(
                    UserMistakeException.class, () -> Migrator.upgrade(database, TestMigrations.in(migrations), log));

            assertTrue(failure.getMessage().contains("checksum mismatch"), failure.getMessage());
        }
    }

    /** What Flyway reports with its generic code and a message outside the known list, e.g. a read that failed. */
    @Test
    void aFailureOutsideTheKnownListIsAnEnvironmentFailureKeepingItsCause() {
        FlywayException unreadable = new FlywayException("Unable to load V1__one.sql: Input/output error");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            MigrateException failure = FlywayFailures.translate(unreadable, database, () -> "flyway_schema_history");

            assertInstanceOf(EnvironmentFailureException.class, failure);
            assertSame(unreadable, failure.getCause());
            assertTrue(failure.getMessage().endsWith(": Unable to load V1__one.sql: Input/output error"));
        }
    }

    @Test
    void resolvingTheMigrationsOfflineFailsAsTheUsersMistakeOnlyForAKnownMistake() {
        FlywayException duplicate = new FlywayException(
                "Found more than one migration with version 1", CoreErrorCode.DUPLICATE_VERSIONED_MIGRATION);
        FlywayException unreadable = new FlywayException("Unable to load V1__one.sql: Input/output error");

        assertInstanceOf(UserMistakeException.class, FlywayFailures.whileResolving(duplicate));
        MigrateException failure = FlywayFailures.whileResolving(unreadable);
        assertInstanceOf(EnvironmentFailureException.class, failure);
        assertSame(unreadable, failure.getCause());
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(migrations.resolve(name), sql);
    }
}
