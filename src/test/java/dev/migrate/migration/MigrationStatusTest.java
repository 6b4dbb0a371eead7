package dev.migrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.Action;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.files.Directories;
import dev.migrate.info.StatusFormat;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class MigrationStatusTest {

    @TempDir
    Path migrations;

    private final CapturingLog log = new CapturingLog();

    @Test
    void showsAppliedPendingOutOfOrderMissingAndIgnoredMigrations() throws IOException {
        write("V1__one.sql", "CREATE TABLE one (id INT);");
        write("V3__three.sql", "CREATE TABLE three (id INT);");
        write("V4__four.sql", "CREATE TABLE four (id INT);");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            Migrator.upgrade(database, settings(Map.of()), log);
            write("V2__two.sql", "CREATE TABLE two (id INT);");
            Migrator.upgrade(database, settings(Map.of("outOfOrder", "true")), log);
            Files.delete(migrations.resolve("V3__three.sql"));
            write("V0_5__early.sql", "CREATE TABLE early (id INT);");
            write("V5__five.sql", "CREATE TABLE five (id INT);");

            StatusReport report = MigrationStatus.read(database, settings(Map.of()), log);

            assertEquals("4", report.currentVersion());
            assertEquals(1, report.pending());
            assertEquals(
                    Map.of(
                            "1",
                            "Success",
                            "2",
                            "Out of Order",
                            "3",
                            "Missing",
                            "4",
                            "Success",
                            "0.5",
                            "Ignored",
                            "5",
                            "Pending"),
                    states(report));
        }
    }

    @Test
    void showsAppliedMigrationsWithoutFileAboveTheLatestAsFuture() throws IOException {
        write("V1__one.sql", "CREATE TABLE one (id INT);");
        write("V2__two.sql", "CREATE TABLE two (id INT);");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            Migrator.upgrade(database, settings(Map.of()), log);
            Files.delete(migrations.resolve("V2__two.sql"));

            StatusReport report = MigrationStatus.read(database, settings(Map.of()), log);

            assertEquals(Map.of("1", "Success", "2", "Future"), states(report));
        }
    }

    private static Map<String, String> states(StatusReport report) {
        return report.migrations().stream()
                .collect(java.util.stream.Collectors.toMap(MigrationRow::version, MigrationRow::state));
    }

    @Test
    void failedNonTransactionalMigrationIsNamedByInfoWithTheSqlThatClearsItWhichWorks() throws IOException {
        write("V1__one.sql", "CREATE TABLE one (id INT);");
        write("V2__index.sql", "CREATE INDEX CONCURRENTLY missing_idx ON no_such_table (id);");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            UserMistakeException failure =
                    assertThrows(UserMistakeException.class, () -> Migrator.upgrade(database, settings(Map.of()), log));
            String deleteFailedRow = "DELETE FROM \"public\".\"flyway_schema_history\" WHERE NOT success;";
            assertTrue(
                    failure.getMessage().contains("V2__index.sql failed at line 1 (SQLSTATE 42P01)"),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains("It ran outside a transaction"), failure.getMessage());
            assertTrue(failure.getMessage().contains(deleteFailedRow), failure.getMessage());
            assertFalse(failure.getMessage().contains("repair,"), failure.getMessage());

            StatusReport report = MigrationStatus.read(database, settings(Map.of()), log);

            assertEquals("Failed", report.migrations().get(1).state());
            assertEquals(List.of("V2__index.sql"), report.failed());
            String summary = StatusFormat.TABLE
                    .render(report)
                    .lines()
                    .reduce((first, last) -> last)
                    .orElseThrow();
            assertTrue(
                    summary.startsWith("Current version: 2; pending migrations: 0; FAILED migrations: 1"
                            + " (V2__index.sql), which stop every upgrade. Undo its partial changes"),
                    summary);
            assertTrue(summary.contains(deleteFailedRow), summary);
            JsonNode json = new ObjectMapper().readTree(StatusFormat.JSON.render(report));
            assertEquals("V2__index.sql", json.get("failed").get(0).asText());
            assertTrue(json.get("nextStep").asText().contains(deleteFailedRow), json.toString());
            assertFalse(json.has("suggestion"), json.toString());
            // on the user's server the caller adds, in its words, what removes the row
            assertTrue(
                    report.withAdvice(suggestion -> "<" + suggestion + ">")
                            .nextStep()
                            .endsWith("<" + new Suggestion.Run(Action.REPAIR) + ">"),
                    report.nextStep());

            // the advice works as given: with the row deleted and the script fixed, the upgrade goes on
            TestPostgres.execute(database.dataSource(), deleteFailedRow);
            write("V2__index.sql", "CREATE INDEX CONCURRENTLY one_idx ON one (id);");
            assertEquals(1, Migrator.upgrade(database, settings(Map.of()), log).applied());
            assertEquals(
                    List.of(),
                    MigrationStatus.read(database, settings(Map.of()), log).failed());
        }
    }

    @Test
    void failedMigrationOnTheDevelopmentDatabaseNamesTheDirectoryToDeleteWhichWorks() throws IOException {
        write("V1__one.sql", "CREATE TABLE one (id INT);");
        write("V2__index.sql", "CREATE INDEX CONCURRENTLY missing_idx ON no_such_table (id);");
        Path devdb = TestPostgres.workDirectory()
                .resolve("devdb-" + System.nanoTime())
                .resolve("devdb");
        String nextStep = "Fix the script, delete " + devdb + " (mvn clean deletes it too) and run the goal again";
        try (OpenDatabase database = OpenDatabase.embeddedDevelopment(TestPostgres.settings(), devdb, log)) {
            UserMistakeException failure =
                    assertThrows(UserMistakeException.class, () -> Migrator.upgrade(database, settings(Map.of()), log));

            assertTrue(failure.getMessage().contains(nextStep), failure.getMessage());
            assertTrue(MigrationStatus.read(database, settings(Map.of()), log)
                    .nextStep()
                    .startsWith(nextStep));
        }
        write("V2__index.sql", "CREATE INDEX CONCURRENTLY one_idx ON one (id);");
        Directories.deleteRecursively(devdb);
        try (OpenDatabase database = OpenDatabase.embeddedDevelopment(TestPostgres.settings(), devdb, log)) {
            assertEquals(2, Migrator.upgrade(database, settings(Map.of()), log).applied());
        } finally {
            Directories.deleteRecursively(devdb.getParent());
        }
    }

    @Test
    void failedMigrationAdviceQuotesTheConfiguredHistoryTable() throws IOException {
        write("V1__index.sql", "CREATE INDEX CONCURRENTLY missing_idx ON no_such_table (id);");
        Map<String, String> flyway = Map.of("table", "Schema History");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            UserMistakeException failure =
                    assertThrows(UserMistakeException.class, () -> Migrator.upgrade(database, settings(flyway), log));
            String deleteFailedRow = "DELETE FROM \"public\".\"Schema History\" WHERE NOT success;";
            assertTrue(failure.getMessage().contains(deleteFailedRow), failure.getMessage());

            TestPostgres.execute(database.dataSource(), deleteFailedRow);
            assertEquals(
                    List.of(),
                    MigrationStatus.read(database, settings(flyway), log).failed());
        }
    }

    @Test
    void rendersATableAndJsonOfTheSameReport() throws IOException {
        StatusReport report = new StatusReport(
                "the embedded development database",
                "2",
                1,
                List.of(
                        new MigrationRow(
                                "Versioned",
                                "1",
                                "create users",
                                "SQL",
                                "V1__create_users.sql",
                                "Success",
                                "2026-11-21 10:00:00",
                                12),
                        new MigrationRow(
                                "Versioned",
                                "2",
                                "add email",
                                "SQL",
                                "V2__add_email.sql",
                                "Success",
                                "2026-11-21 10:00:01",
                                3),
                        new MigrationRow(
                                "Repeatable", "", "sales view", "SQL", "R__sales_view.sql", "Pending", "", null)),
                List.of(),
                null,
                null);

        String table = StatusFormat.TABLE.render(report);
        JsonNode json = new ObjectMapper().readTree(StatusFormat.JSON.render(report));

        assertEquals(
                String.join(
                        "\n",
                        "Migrations of the embedded development database:",
                        "+------------+---------+--------------+------+---------------------+---------+----------------+",
                        "| Category   | Version | Description  | Type | Installed On        | State   | Execution Time |",
                        "+------------+---------+--------------+------+---------------------+---------+----------------+",
                        "| Versioned  | 1       | create users | SQL  | 2026-11-21 10:00:00 | Success | 12 ms          |",
                        "| Versioned  | 2       | add email    | SQL  | 2026-11-21 10:00:01 | Success | 3 ms           |",
                        "| Repeatable |         | sales view   | SQL  |                     | Pending |                |",
                        "+------------+---------+--------------+------+---------------------+---------+----------------+",
                        "Current version: 2; pending migrations: 1"),
                table);
        assertEquals("2", json.get("currentVersion").asText());
        assertEquals(1, json.get("pending").asInt());
        assertEquals(
                "R__sales_view.sql", json.get("migrations").get(2).get("script").asText());
        assertTrue(json.get("migrations").get(2).get("executionTime").isNull());
    }

    private MigrationSettings settings(Map<String, String> flyway) {
        return new MigrationSettings(
                List.of("filesystem:" + migrations),
                List.of(),
                Map.of(),
                flyway,
                null,
                getClass().getClassLoader());
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(migrations.resolve(name), sql);
    }
}
