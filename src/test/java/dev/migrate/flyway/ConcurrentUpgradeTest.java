package dev.migrate.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.database.ConnectionSettings;
import dev.migrate.database.OpenDatabase;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentUpgradeTest {

    @TempDir
    Path migrations;

    @Test
    void twoUpgradesAtOnceSerializeAndApplyEachMigrationOnce() throws Exception {
        Files.writeString(migrations.resolve("V1__slow.sql"), "CREATE TABLE t (id INT); SELECT pg_sleep(0.5);");
        Files.writeString(migrations.resolve("V2__index.sql"), "CREATE INDEX CONCURRENTLY t_idx ON t (id);");
        String url = TestPostgres.server().jdbcUrl(TestPostgres.newDatabase());
        MigrationSettings settings = new MigrationSettings(List.of("filesystem:" + migrations), List.of(), Map.of(),
                Map.of(), null, getClass().getClassLoader());
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<UpgradeResult> upgrade = () -> {
            try (OpenDatabase database = OpenDatabase.server(new ConnectionSettings(url, null, null))) {
                start.await();
                return Migrator.upgrade(database, settings, new CapturingLog());
            }
        };

        ExecutorService builds = Executors.newFixedThreadPool(2);
        List<Integer> applied = new ArrayList<>();
        try {
            List<Future<UpgradeResult>> results = List.of(builds.submit(upgrade), builds.submit(upgrade));
            for (Future<UpgradeResult> result : results) {
                applied.add(result.get().applied());
            }
        } finally {
            builds.shutdownNow();
        }

        applied.sort(Integer::compare);
        assertEquals(List.of(0, 2), applied);
    }
}
