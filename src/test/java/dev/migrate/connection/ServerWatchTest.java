package dev.migrate.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.database.OpenDatabase;
import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.Migrator;
import dev.migrate.migration.UpgradeResult;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.ServerActivity;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that stops answering mid-statement: the goal fails within the bound, with a message, instead of hanging. */
class ServerWatchTest {

    private static final String SLOW = "SELECT pg_sleep(120)";

    @TempDir
    Path migrations;

    @Test
    void frozenServerFailsTheUpgradeWithAMessageInsteadOfHanging() throws Exception {
        Files.writeString(migrations.resolve("V1__slow.sql"), SLOW + ";");
        ExecutorService upgrades = Executors.newSingleThreadExecutor();
        try (EmbeddedServer own = EmbeddedServer.startThrowaway(
                TestPostgres.settings(), TestPostgres.workDirectory(), new CapturingLog())) {
            ConnectionSettings settings = own.connectionSettings(EmbeddedServer.DEFAULT_DATABASE);
            ServerActivity activity = new ServerActivity(
                    own.dataSource(EmbeddedServer.DEFAULT_DATABASE), EmbeddedServer.DEFAULT_DATABASE);
            try (OpenDatabase database = OpenDatabase.server(
                    settings, new ServerLimits(ServerLimits.DEFAULTS.lockWait(), Duration.ofSeconds(3)))) {
                Future<UpgradeResult> upgrade =
                        upgrades.submit(() -> Migrator.upgrade(database, migrationSettings(), new CapturingLog()));
                long backend = activity.awaitBackendRunning(SLOW);
                long postmaster = ProcessHandle.of(backend)
                        .orElseThrow()
                        .parent()
                        .orElseThrow()
                        .pid();
                try {
                    signal("STOP", postmaster, backend);

                    // bounded so that a hang fails the test rather than the build; the watch gives up after ~3 s
                    ExecutionException failure =
                            assertThrows(ExecutionException.class, () -> upgrade.get(60, TimeUnit.SECONDS));

                    assertInstanceOf(EnvironmentFailureException.class, failure.getCause());
                    String message = failure.getCause().getMessage();
                    assertTrue(
                            message.startsWith(settings.displayUrl() + " stopped answering: for more than 3 s"),
                            message);
                    assertTrue(message.contains("while the goal waited for migration V1__slow.sql to finish"), message);
                    assertEquals(
                            Optional.of(new Suggestion.Change(Setting.SERVER_TIMEOUT)),
                            ((EnvironmentFailureException) failure.getCause()).suggestion());
                } finally {
                    signal("CONT", postmaster, backend);
                }
            }
        } finally {
            upgrades.shutdownNow();
        }
    }

    private MigrationSettings migrationSettings() {
        return TestMigrations.in(migrations);
    }

    private static void signal(String signal, long... pids) throws IOException, InterruptedException {
        for (long pid : pids) {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid))
                    .inheritIO()
                    .start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        }
    }
}
