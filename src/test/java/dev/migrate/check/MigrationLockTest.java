package dev.migrate.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.Action;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.FlywayFactory;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationLockTest {

    @TempDir
    Path migrations;

    @Test
    void theLockOfMarquezHoldsWhatFlywayRecordsInItsHistoryAndReadsBackUnchanged() throws IOException {
        copyCorpus("marquez");
        Path lock = StaticChecks.updateLock(TestMigrations.in(migrations), String::valueOf);
        byte[] written = Files.readAllBytes(lock);
        DataSource database = TestPostgres.server().dataSource(TestPostgres.newDatabase());
        FlywayFactory.create(TestMigrations.in(migrations), database, TestPostgres.quietLog())
                .migrate();

        List<String> history = rows(
                database, "SELECT version, checksum, script FROM flyway_schema_history" + " WHERE version IS NOT NULL");
        MigrationLock read = MigrationLock.read(migrations).orElseThrow();

        assertEquals(List.of(), read.problems());
        assertEquals(81, read.entries().size());
        assertEquals(
                history,
                read.entries().stream()
                        .map(entry -> MigrationVersion.fromVersion(entry.version()) + " " + entry.checksum() + " "
                                + entry.script())
                        .toList());
        // deterministic: the same migrations give the same bytes
        StaticChecks.updateLock(TestMigrations.in(migrations), String::valueOf);
        assertEquals(new String(written), Files.readString(lock));
        assertEquals(List.of(), StaticChecks.run(TestMigrations.in(migrations)));
    }

    @Test
    void updateRefusesMigrationsThatCannotBeLockedAndLeavesTheOldLock() throws IOException {
        Files.writeString(migrations.resolve("V1__one.sql"), "SELECT 1;\n");
        Path lock = StaticChecks.updateLock(TestMigrations.in(migrations), String::valueOf);
        String before = Files.readString(lock);

        Files.writeString(migrations.resolve("V1.0__same.sql"), "SELECT 1;\n");
        UserMistakeException duplicate = assertThrows(
                UserMistakeException.class,
                () -> StaticChecks.updateLock(TestMigrations.in(migrations), String::valueOf));
        assertTrue(duplicate.getMessage().contains("V1.0__same.sql and V1__one.sql"), duplicate::getMessage);
        assertEquals(Optional.of(new Suggestion.Run(Action.NEW_MIGRATION)), duplicate.suggestion());

        Files.delete(migrations.resolve("V1.0__same.sql"));
        Files.writeString(migrations.resolve("V2_no_separator.sql"), "SELECT 1;\n");
        UserMistakeException naming = assertThrows(
                UserMistakeException.class,
                () -> StaticChecks.updateLock(TestMigrations.in(migrations), String::valueOf));
        assertTrue(naming.getMessage().contains("V2_no_separator.sql"), naming::getMessage);

        assertEquals(before, Files.readString(lock));
        try (Stream<Path> files = Files.list(migrations)) {
            assertEquals(
                    List.of("V1__one.sql", "V2_no_separator.sql", "migrations.lock"),
                    files.map(file -> file.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void updateWithoutAFilesystemLocationSaysWhereTheLockGoes() {
        UserMistakeException e = assertThrows(
                UserMistakeException.class,
                () -> StaticChecks.updateLock(
                        new dev.migrate.migration.MigrationSettings(
                                List.of("classpath:dev/migrate/offline/javamigration"),
                                List.of(),
                                java.util.Map.of(),
                                java.util.Map.of(),
                                null,
                                getClass().getClassLoader()),
                        String::valueOf));
        assertTrue(e.getMessage().contains("first filesystem location"), e::getMessage);
        assertEquals(Optional.of(new Suggestion.Change(Setting.LOCATIONS)), e.suggestion());
    }

    @Test
    void theHeaderNamesTheCommandThatRewritesTheFileAsTheCallerNamesIt() throws IOException {
        Files.writeString(migrations.resolve("V1__one.sql"), "SELECT 1;\n");

        Path lock = StaticChecks.updateLock(
                TestMigrations.in(migrations), suggestion -> "<" + suggestion + " in the caller's words>");

        List<String> comments = Files.readAllLines(lock).stream()
                .filter(line -> line.startsWith("#"))
                .toList();
        assertTrue(
                comments.contains("# <" + new Suggestion.Run(Action.UPDATE_LOCK) + " in the caller's words>"),
                comments::toString);
        assertFalse(String.join("\n", comments).contains("migrate"), comments::toString);
        assertEquals(List.of(), StaticChecks.run(TestMigrations.in(migrations)));
    }

    private void copyCorpus(String name) throws IOException {
        Path corpus = Path.of(System.getProperty("corpora.dir"), name);
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path file : files.toList()) {
                Files.copy(file, migrations.resolve(file.getFileName()));
            }
        }
    }

    private static List<String> rows(DataSource database, String query) {
        try (Connection connection = database.getConnection();
                ResultSet result = connection.createStatement().executeQuery(query + " ORDER BY installed_rank")) {
            List<String> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getInt(2) + " " + result.getString(3));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }
}
