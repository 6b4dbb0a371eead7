package dev.migrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.connection.ConnectionSettings;
import dev.migrate.connection.ServerLimits;
import dev.migrate.database.OpenDatabase;
import dev.migrate.downgrade.Downgrade;
import dev.migrate.downgrade.DowngradeResult;
import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.UserMistakeException;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.ServerActivity;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repair, clean and baseline while an upgrade of the same database runs: they never run in its middle. The upgrade's
 * first migration waits at a gate (an advisory lock this test holds) while it holds Flyway's lock, so the order is
 * known: a goal started then waits for the upgrade, or gives up after its configured wait, changing nothing.
 */
class GoalsDuringUpgradeTest {

    private static final String GATE = "SELECT pg_advisory_lock(4242)";

    @TempDir
    Path migrations;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private String name;
    private ConnectionSettings server;
    private Connection gate;
    private Future<UpgradeResult> upgrade;

    @BeforeEach
    void upgradeWaitingAtTheGate() throws IOException, SQLException, InterruptedException {
        Files.writeString(migrations.resolve("V1__gated.sql"), "CREATE TABLE t (id INT); " + GATE + ";");
        Files.writeString(migrations.resolve("V2__more.sql"), "CREATE TABLE u (id INT);");
        name = TestPostgres.newDatabase();
        server = new ConnectionSettings(TestPostgres.server().jdbcUrl(name), null, null);
        gate = TestPostgres.server().dataSource(name).getConnection();
        try (Statement statement = gate.createStatement()) {
            statement.execute(GATE);
        }
        upgrade = threads.submit(this::upgrade);
        new ServerActivity(TestPostgres.server().dataSource(EmbeddedServer.DEFAULT_DATABASE), name)
                .awaitBackendRunning(GATE);
    }

    @AfterEach
    void openTheGate() throws SQLException {
        gate.close();
        threads.shutdownNow();
    }

    @Test
    void cleanWaitsForTheUpgradeOrGivesUpChangingNothingThenEmptiesWhatTheUpgradeLeft() throws Exception {
        CapturingLog log = new CapturingLog();
        assertGivesUpChangingNothing(database -> Clean.clean(database, settings(), name, log));
        assertTrue(
                log.text()
                        .contains("Waiting up to 1 s for Flyway's lock on \"public\".\"flyway_schema_history\","
                                + " held by PID "),
                log.text());

        Future<CleanResult> clean = threads.submit(
                () -> withServer(database -> Clean.clean(database, settings(), name, new CapturingLog())));
        gate.close();

        assertEquals(2, upgrade.get().applied());
        assertEquals(
                List.of("Cleaned schema public: dropped 3 tables"), clean.get().schemas());
        assertEquals(2, upgrade().applied());
    }

    @Test
    void repairWaitsForTheUpgradeOrGivesUpChangingNothing() throws Exception {
        assertGivesUpChangingNothing(database -> Repair.repair(database, settings(), new CapturingLog()));

        Future<RepairResult> repair =
                threads.submit(() -> withServer(database -> Repair.repair(database, settings(), new CapturingLog())));
        gate.close();

        assertEquals(2, upgrade.get().applied());
        assertEquals(List.of(), repair.get().changes());
        assertTrue(withServer(database -> Validation.validate(database, settings(), new CapturingLog()))
                .valid());
    }

    @Test
    void downgradeWaitsForTheUpgradeOrGivesUpChangingNothing() throws Exception {
        Files.writeString(migrations.resolve("U2__more.sql"), "DROP TABLE u;");
        assertGivesUpChangingNothing(
                database -> Downgrade.downgrade(database, settings().withTarget("1"), new CapturingLog()));

        Future<DowngradeResult> downgrade = threads.submit(() ->
                withServer(database -> Downgrade.downgrade(database, settings().withTarget("1"), new CapturingLog())));
        gate.close();

        assertEquals(2, upgrade.get().applied());
        assertEquals(new DowngradeResult("2", "1", 1, downgrade.get().millis()), downgrade.get());
    }

    @Test
    void theUsersLockRetryCountBoundsTheWaitOfRepairAsItDoesFlyways() {
        MigrationSettings oneTry = TestMigrations.in(migrations, Map.of(), Map.of("lockRetryCount", "1"));

        EnvironmentFailureException failure = assertThrows(
                EnvironmentFailureException.class,
                () -> withServer(database -> Repair.repair(database, oneTry, new CapturingLog())));

        assertTrue(failure.getMessage().startsWith("Waited 1 s for Flyway's lock"), failure.getMessage());
    }

    @Test
    void baselineOfADatabaseAnUpgradeHasStartedIsRefusedAndChangesNothing() throws Exception {
        UserMistakeException refused = assertThrows(
                UserMistakeException.class,
                () -> withServer(database -> Baseline.baseline(database, settings(), "5", null, new CapturingLog())));
        gate.close();

        assertTrue(refused.getMessage().contains("already has Flyway's history table"), refused.getMessage());
        assertEquals(2, upgrade.get().applied());
        assertEquals(
                "2",
                withServer(database -> MigrationStatus.read(database, settings(), new CapturingLog()))
                        .currentVersion());
    }

    /** With a one-second wait, the goal fails naming the upgrade's session, and the upgrade goes on unharmed. */
    private void assertGivesUpChangingNothing(Function<OpenDatabase, ?> goal) {
        StatusReport before = withServer(database -> MigrationStatus.read(database, settings(), new CapturingLog()));
        EnvironmentFailureException failure;
        try (OpenDatabase impatient = OpenDatabase.server(
                server, new ServerLimits(Duration.ofSeconds(1), ServerLimits.DEFAULTS.answerWait()))) {
            failure = assertThrows(EnvironmentFailureException.class, () -> goal.apply(impatient));
        }
        assertTrue(
                failure.getMessage()
                        .startsWith("Waited 1 s for Flyway's lock on \"public\".\"flyway_schema_history\" of "
                                + server.displayUrl() + ", held by PID "),
                failure.getMessage());
        assertEquals(before, withServer(database -> MigrationStatus.read(database, settings(), new CapturingLog())));
    }

    private UpgradeResult upgrade() {
        return withServer(database -> Migrator.upgrade(database, settings(), new CapturingLog()));
    }

    private <T> T withServer(Function<OpenDatabase, T> work) {
        try (OpenDatabase database = OpenDatabase.server(server)) {
            return work.apply(database);
        }
    }

    private MigrationSettings settings() {
        return TestMigrations.in(migrations);
    }
}
