package dev.migrate.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.files.Directories;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildServerTest {

    @TempDir
    Path buildDirectory;

    private Path cluster;

    private final CapturingLog log = new CapturingLog();

    @BeforeEach
    void cluster() {
        cluster = buildDirectory.resolve("codegen-postgres");
    }

    @AfterEach
    void stop() {
        BuildServer.stop(cluster);
    }

    @Test
    void everyModuleOfTheBuildLeasesTheServerStartedOnce() {
        try (BuildServer.Lease first =
                        BuildServer.lease(TestPostgres.settings(), cluster, log).orElseThrow();
                BuildServer.Lease second =
                        BuildServer.lease(TestPostgres.settings(), cluster, log).orElseThrow()) {
            assertSame(first.server(), second.server());
        }

        assertEquals(
                1,
                log.lines().stream()
                        .filter(line -> line.contains("INFO Started the embedded PostgreSQL "
                                + TestPostgres.settings().binaries().version()
                                + " for the jOOQ classes of this build in"))
                        .count(),
                log.text());
    }

    @Test
    void anIdleServerStopsAndTheNextLeaseStartsItAgain() {
        BuildServer.lease(TestPostgres.settings(), cluster, log).orElseThrow().close();

        BuildServer.stopIdleSince(System.nanoTime());

        assertFalse(Files.exists(cluster.resolve("postmaster.pid")));
        try (BuildServer.Lease again =
                BuildServer.lease(TestPostgres.settings(), cluster, log).orElseThrow()) {
            assertTrue(Files.exists(cluster.resolve("postmaster.pid")));
        }
        assertEquals(
                2,
                log.lines().stream()
                        .filter(line -> line.contains("Started the embedded"))
                        .count());
    }

    /**
     * A JVM that outlives builds (the codegen worker) keeps the server between them; {@code mvn clean} deletes its
     * cluster meanwhile: the next build's lease stops it and starts a server on a new cluster, which works.
     */
    @Test
    void aServerKeptForTheNextBuildWhoseClusterMvnCleanDeletedIsStartedAnew() throws Exception {
        BuildServer.lease(TestPostgres.settings(), cluster, log).orElseThrow().close();
        Directories.deleteRecursively(buildDirectory);

        try (BuildServer.Lease next =
                        BuildServer.lease(TestPostgres.settings(), cluster, log).orElseThrow();
                Connection connection = next.server()
                        .dataSource(EmbeddedServer.DEFAULT_DATABASE)
                        .getConnection()) {
            assertTrue(connection.isValid(5));
            assertTrue(Files.isRegularFile(cluster.resolve("PG_VERSION")));
        }
        assertEquals(
                2,
                log.lines().stream()
                        .filter(line -> line.contains("Started the embedded"))
                        .count(),
                log.text());
    }

    /**
     * The worker keeps the server between builds; meanwhile a build without the worker deleted the cluster
     * ({@code target/}) and made it anew for a server of its own: the kept server, whose files are gone, is not
     * handed out. While that build's server runs, the cluster is its own; then the next lease starts a server on it.
     */
    @Test
    void aServerKeptForTheNextBuildWhoseClusterAnotherBuildMadeAnewIsNotReused() throws Exception {
        BuildServer.lease(TestPostgres.settings(), cluster, log).orElseThrow().close();
        Directories.deleteRecursively(buildDirectory);

        try (EmbeddedServer another =
                EmbeddedServer.startCache(TestPostgres.settings(), cluster, log).orElseThrow()) {
            assertTrue(Files.isRegularFile(cluster.resolve("PG_VERSION")));
            assertTrue(BuildServer.lease(TestPostgres.settings(), cluster, log).isEmpty(), "the kept server");
        }

        try (BuildServer.Lease next =
                        BuildServer.lease(TestPostgres.settings(), cluster, log).orElseThrow();
                Connection connection = next.server()
                        .dataSource(EmbeddedServer.DEFAULT_DATABASE)
                        .getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE written_after");
        }
    }

    @Test
    void aServerInUseIsNotIdle() {
        try (BuildServer.Lease inUse =
                BuildServer.lease(TestPostgres.settings(), cluster, log).orElseThrow()) {
            BuildServer.stopIdleSince(System.nanoTime());

            assertTrue(Files.exists(cluster.resolve("postmaster.pid")));
        }
    }

    @Test
    void aClusterThatAnOlderPluginMadeWithoutAPasswordIsRebuilt() throws Exception {
        BuildServer.lease(TestPostgres.settings(), cluster, log).orElseThrow().close();
        BuildServer.stop(cluster);
        // what the plugin before issue 10 left: trust for every local connection, and no password file
        Files.writeString(cluster.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
        Files.delete(cluster.resolve(ClusterSecret.FILE_NAME));

        try (BuildServer.Lease again =
                BuildServer.lease(TestPostgres.settings(), cluster, log).orElseThrow()) {
            TestPostgres.execute(again.server().dataSource(EmbeddedServer.DEFAULT_DATABASE), "SELECT 1");
            assertTrue(Files.readString(cluster.resolve("pg_hba.conf")).contains("scram-sha-256"));
        }
        assertTrue(
                log.lines()
                        .contains(
                                "INFO The cached PostgreSQL cluster "
                                        + cluster.toAbsolutePath().normalize()
                                        + " is damaged (it has no password, made by an older version of the plugin): rebuilding it"),
                log.text());
    }
}
