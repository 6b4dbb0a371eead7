package dev.migrate.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DevelopmentDatabaseTest {

    private final CapturingLog log = new CapturingLog();

    @Test
    void isCreatedOnFirstUseAndKeptBetweenRuns() throws SQLException {
        Path directory = newDirectory();

        try (OpenDatabase first = OpenDatabase.embeddedDevelopment(TestPostgres.settings(), directory, log)) {
            TestPostgres.execute(first.dataSource(), "CREATE TABLE kept (id INT)");
            TestPostgres.execute(first.dataSource(), "INSERT INTO kept VALUES (42)");
        }
        assertFalse(Files.exists(directory.resolve("postmaster.pid")), "the server is stopped after use");
        try (OpenDatabase second = OpenDatabase.embeddedDevelopment(TestPostgres.settings(), directory, log)) {
            assertEquals(42, singleInt(second, "SELECT id FROM kept"));
        }

        assertTrue(
                log.text()
                        .matches("(?s).*INFO Using the embedded development database \\(PostgreSQL 17\\.\\d+\\.\\d+,"
                                + " created in .*\\), reachable while the goal runs at jdbc:postgresql://localhost:(\\d+)/postgres"
                                + "\\?user=postgres with the password in "
                                + Pattern.quote(directory + "/migrate.pgpass")
                                + " \\(psql: PGPASSFILE=" + Pattern.quote(directory + "/migrate.pgpass")
                                + " psql -h localhost -p \\1 -U postgres\\).*"),
                log.text());
        assertTrue(log.text().contains(", kept in " + directory), log.text());
    }

    @Test
    void concurrentBuildsTakeTurns() throws Exception {
        Path directory = newDirectory();
        ExecutorService builds = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int build = 0; build < 2; build++) {
                results.add(builds.submit(() -> {
                    try (OpenDatabase database =
                            OpenDatabase.embeddedDevelopment(TestPostgres.settings(), directory, log)) {
                        TestPostgres.execute(
                                database.dataSource(),
                                "CREATE TABLE IF NOT EXISTS turns (n INT); INSERT INTO turns VALUES (1)");
                        return singleInt(database, "SELECT count(*) FROM turns");
                    }
                }));
            }
            List<Integer> counts = new ArrayList<>();
            for (Future<Integer> result : results) {
                counts.add(result.get());
            }
            counts.sort(Integer::compare);
            assertEquals(List.of(1, 2), counts);
            assertTrue(log.text().contains("Waiting for another build that uses the embedded database"), log.text());
        } finally {
            builds.shutdownNow();
        }
    }

    @Test
    void clusterOfAnotherMajorVersionIsAUserMistakeSayingWhatToDo() throws Exception {
        Path directory = newDirectory();
        try (OpenDatabase first = OpenDatabase.embeddedDevelopment(TestPostgres.settings(), directory, log)) {
            TestPostgres.execute(first.dataSource(), "SELECT 1");
        }
        Files.writeString(directory.resolve("PG_VERSION"), "16\n");

        UserMistakeException failure = org.junit.jupiter.api.Assertions.assertThrows(
                UserMistakeException.class,
                () -> OpenDatabase.embeddedDevelopment(TestPostgres.settings(), directory, log));

        assertTrue(
                failure.getMessage()
                        .contains("was created by PostgreSQL 16, but the configured PostgreSQL version is 17."),
                failure.getMessage());
        assertEquals(Optional.of(new Suggestion.Change(Setting.POSTGRES_VERSION)), failure.suggestion());
        assertTrue(failure.getMessage().contains("(mvn clean)"), failure.getMessage());
    }

    @Test
    void aDevelopmentDatabaseLeftHalfCreatedIsCreatedAgainSayingSo() throws Exception {
        Path directory = newDirectory();
        // what a full disk during the creation by an older plugin left: some of the cluster's files, no PG_VERSION
        Files.createDirectories(directory.resolve("base").resolve("1"));
        Files.writeString(directory.resolve("postgresql.conf"), "");
        // and what a build that died while copying the template beside it leaves
        Path copy = Files.createDirectories(directory.resolveSibling("devdb.creating-" + UUID.randomUUID()));

        try (OpenDatabase database = OpenDatabase.embeddedDevelopment(TestPostgres.settings(), directory, log)) {
            TestPostgres.execute(database.dataSource(), "CREATE TABLE works (id INT)");
        }

        assertTrue(
                log.lines()
                        .contains("INFO The embedded database in " + directory + " is incomplete (no"
                                + " PG_VERSION), as a creation that did not finish leaves it: creating it again"),
                log.text());
        assertFalse(Files.exists(copy));
    }

    private static Path newDirectory() {
        return TestPostgres.workDirectory()
                .resolve("devdb-" + System.nanoTime())
                .resolve("devdb");
    }

    private static int singleInt(OpenDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }
}
