package dev.migrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.connection.ConnectionSettings;
import dev.migrate.database.OpenDatabase;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eight builds upgrading one database at once: one applies each migration, the others find nothing to do. */
class ConcurrentUpgradeTest {

    private static final int BUILDS = 8;

    @TempDir
    Path migrations;

    @TempDir
    Path developmentDatabase;

    @Test
    void eightUpgradesOfAServerAtOnceSerializeAndApplyEachMigrationOnce() throws Exception {
        String url = TestPostgres.server().jdbcUrl(TestPostgres.newDatabase());

        List<Integer> applied = upgradeAtOnce(() -> OpenDatabase.server(new ConnectionSettings(url, null, null)));

        assertEquals(expectedApplied(), applied);
        try (OpenDatabase database = OpenDatabase.server(new ConnectionSettings(url, null, null));
                Connection connection = database.dataSource().getConnection();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rows.next();
            assertEquals(2, rows.getInt(1));
        }
    }

    @Test
    void eightUpgradesOfTheDevelopmentDatabaseAtOnceTakeTurnsAndApplyEachMigrationOnce() throws Exception {
        List<Integer> applied = upgradeAtOnce(() ->
                OpenDatabase.embeddedDevelopment(TestPostgres.settings(), developmentDatabase, new CapturingLog()));

        assertEquals(expectedApplied(), applied);
    }

    private static List<Integer> expectedApplied() {
        List<Integer> expected = new ArrayList<>(Collections.nCopies(BUILDS - 1, 0));
        expected.add(2);
        return expected;
    }

    /** The number of migrations each build applied, in ascending order. */
    private List<Integer> upgradeAtOnce(Callable<OpenDatabase> open) throws Exception {
        Files.writeString(migrations.resolve("V1__slow.sql"), "CREATE TABLE t (id INT); SELECT pg_sleep(0.5);");
        Files.writeString(migrations.resolve("V2__index.sql"), "CREATE INDEX CONCURRENTLY t_idx ON t (id);");
        MigrationSettings settings = TestMigrations.in(migrations);
        CyclicBarrier start = new CyclicBarrier(BUILDS);
        Callable<Integer> upgrade = () -> {
            start.await();
            try (OpenDatabase database = open.call()) {
                return Migrator.upgrade(database, settings, new CapturingLog()).applied();
            }
        };
        ExecutorService builds = Executors.newFixedThreadPool(BUILDS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int build = 0; build < BUILDS; build++) {
                results.add(builds.submit(upgrade));
            }
            List<Integer> applied = new ArrayList<>();
            for (Future<Integer> result : results) {
                applied.add(result.get());
            }
            applied.sort(Integer::compare);
            return applied;
        } finally {
            builds.shutdownNow();
        }
    }
}
