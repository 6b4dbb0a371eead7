package dev.migrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.connection.ConnectionSettings;
import dev.migrate.connection.ServerLimits;
import dev.migrate.database.OpenDatabase;
import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.ServerActivity;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway's lock on a server: another session holding it makes an upgrade wait, named and bounded. */
class ServerLockTest {

    @TempDir
    Path migrations;

    @Test
    void upgradeWaitingForAHeldLockNamesTheHolderAndGivesUpAfterTheConfiguredWait() throws Exception {
        Files.writeString(migrations.resolve("V1__slow.sql"), "SELECT pg_sleep(300);");
        String database = TestPostgres.newDatabase();
        ConnectionSettings server = new ConnectionSettings(TestPostgres.server().jdbcUrl(database), null, null);
        ServerActivity activity =
                new ServerActivity(TestPostgres.server().dataSource(EmbeddedServer.DEFAULT_DATABASE), database);
        ExecutorService first = Executors.newSingleThreadExecutor();
        try (OpenDatabase holding = OpenDatabase.server(server)) {
            first.submit(() -> Migrator.upgrade(holding, settings(), new CapturingLog()));
            int sleeping = activity.awaitBackendRunning("SELECT pg_sleep(300)");
            int lockHolder = activity.advisoryLockHolders().get(0);
            CapturingLog log = new CapturingLog();

            EnvironmentFailureException failure;
            try (OpenDatabase waiting = OpenDatabase.server(
                    server, new ServerLimits(Duration.ofSeconds(2), ServerLimits.DEFAULTS.answerWait()))) {
                failure = assertThrows(
                        EnvironmentFailureException.class, () -> Migrator.upgrade(waiting, settings(), log));
            } finally {
                activity.cancel(sleeping);
                first.shutdown();
                first.awaitTermination(60, TimeUnit.SECONDS);
            }

            assertTrue(
                    log.text()
                            .contains("Waiting up to 2 s for Flyway's lock on \"public\".\"flyway_schema_history\","
                                    + " held by PID " + lockHolder
                                    + " (user postgres, application 'migrate-maven-plugin'"),
                    log.text());
            assertTrue(
                    failure.getMessage()
                            .startsWith("Waited 2 s for Flyway's lock on" + " \"public\".\"flyway_schema_history\" of "
                                    + server.displayUrl() + ", held by PID " + lockHolder),
                    failure.getMessage());
            assertTrue(
                    failure.getMessage().contains("SELECT pg_terminate_backend(" + lockHolder + ");"),
                    failure.getMessage());
            assertEquals(Optional.of(new Suggestion.Change(Setting.MIGRATION_LOCK_TIMEOUT)), failure.suggestion());
        }
    }

    private MigrationSettings settings() {
        return TestMigrations.in(migrations);
    }
}
