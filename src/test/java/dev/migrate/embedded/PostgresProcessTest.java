package dev.migrate.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The server process the plugin launches itself, without zonky: where it listens, how it stops, what it survives. */
class PostgresProcessTest {

    private static final EmbeddedSettings SETTINGS = TestPostgres.settings();

    private final Path work = TestPostgres.workDirectory().resolve("postgres-process-" + UUID.randomUUID());
    private final CapturingLog log = new CapturingLog();

    @Test
    void listensOnTcpOnlyLeavingNoSocketInTmp() throws SQLException {
        try (EmbeddedServer server = EmbeddedServer.startThrowaway(SETTINGS, work, log)) {
            assertEquals("", show(server, "unix_socket_directories"));
            assertEquals("localhost", show(server, "listen_addresses"));
            assertFalse(Files.exists(Path.of("/tmp", ".s.PGSQL." + server.port())));
            assertFalse(Files.exists(Path.of("/tmp", ".s.PGSQL." + server.port() + ".lock")));
        }
    }

    @Test
    void keepsTheSettingsZonkyGave() throws SQLException {
        try (EmbeddedServer server = EmbeddedServer.startThrowaway(SETTINGS, work, log)) {
            assertEquals(
                    List.of("Etc/UTC", "off", "300", "off", "off"),
                    List.of(
                            show(server, "timezone"),
                            show(server, "synchronous_commit"),
                            show(server, "max_connections"),
                            show(server, "fsync"),
                            show(server, "full_page_writes")));
        }
    }

    @Test
    void stopsAtOnceWhileAClientIsConnected() throws SQLException {
        EmbeddedServer server = EmbeddedServer.startThrowaway(SETTINGS, work, log);
        try (Connection client =
                server.dataSource(EmbeddedServer.DEFAULT_DATABASE).getConnection()) {
            client.createStatement().execute("SELECT 1");

            server.close(); // a smart shutdown would wait for the client, then fail after the stop timeout

            assertThrows(SQLException.class, () -> client.createStatement().execute("SELECT 1"));
        }
    }

    @Test
    void startsOnAClusterWhoseServerDiedLeavingItsPidFile() throws Exception {
        Path cluster = clusterWithATable();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        writePidFile(cluster, gone.pid());

        assertStartsWithItsTable(cluster);
    }

    @Test
    void startsOnAClusterWhosePidFileIsEmpty() throws Exception {
        Path cluster = clusterWithATable();
        Files.writeString(cluster.resolve("postmaster.pid"), ""); // what a full disk leaves

        assertStartsWithItsTable(cluster);
    }

    @Test
    void startsOnAClusterWhosePidFileNamesAProcessThatIsNotItsServer() throws Exception {
        Path cluster = clusterWithATable();
        // after a crash and a reboot, the process id in postmaster.pid belongs to some other live process
        Process other = new ProcessBuilder("sleep", "600").start();
        try {
            writePidFile(cluster, other.pid());

            assertStartsWithItsTable(cluster);
            assertTrue(other.isAlive(), "the other process is left alone");
        } finally {
            other.destroyForcibly();
        }
    }

    private Path clusterWithATable() {
        Path cluster = work.resolve("cluster");
        try (EmbeddedServer first = EmbeddedServer.startPersistent(SETTINGS, cluster, log)) {
            TestPostgres.execute(first.dataSource(EmbeddedServer.DEFAULT_DATABASE), "CREATE TABLE kept (id INT)");
        }
        return cluster;
    }

    private void assertStartsWithItsTable(Path cluster) {
        try (EmbeddedServer second = EmbeddedServer.startPersistent(SETTINGS, cluster, log)) {
            TestPostgres.execute(second.dataSource(EmbeddedServer.DEFAULT_DATABASE), "SELECT * FROM kept");
        }
    }

    /** A {@code postmaster.pid} as PostgreSQL writes it, naming {@code pid} as the server of {@code cluster}. */
    private static void writePidFile(Path cluster, long pid) throws IOException {
        String lines = String.join(
                "\n",
                Long.toString(pid),
                cluster.toAbsolutePath().toString(),
                "1700000000",
                "5432",
                "",
                "localhost",
                "  5432001    786435",
                "ready   ",
                "");
        Files.writeString(cluster.resolve("postmaster.pid"), lines);
    }

    @Test
    void stopsTheServerThatAKilledBuildLeftRunning() throws Exception {
        Path cluster = work.resolve("cluster");
        try (EmbeddedServer first = EmbeddedServer.startPersistent(SETTINGS, cluster, log)) {
            TestPostgres.execute(first.dataSource(EmbeddedServer.DEFAULT_DATABASE), "CREATE TABLE kept (id INT)");
        }
        // what a build killed with SIGKILL leaves: a server running on the cluster, and no lock held
        PostgresProcess.start(binaries(), cluster, 0, Map.of(), work.resolve("orphan.log"), Duration.ofMinutes(1));
        long orphan = Long.parseLong(
                Files.readAllLines(cluster.resolve("postmaster.pid")).get(0).strip());

        try (EmbeddedServer second = EmbeddedServer.startPersistent(SETTINGS, cluster, log)) {
            TestPostgres.execute(second.dataSource(EmbeddedServer.DEFAULT_DATABASE), "SELECT * FROM kept");
            assertTrue(
                    ProcessHandle.of(orphan).map(process -> !process.isAlive()).orElse(true));
        }
    }

    @Test
    void aServerThatExitsWhileStartingFailsWithTheLastLinesOfItsLog() throws IOException {
        Path cluster = work.resolve("cluster");
        try (EmbeddedServer first = EmbeddedServer.startPersistent(SETTINGS, cluster, log)) {
            TestPostgres.execute(first.dataSource(EmbeddedServer.DEFAULT_DATABASE), "SELECT 1");
        }
        Files.writeString(cluster.resolve("postgresql.conf"), "\nno_such_setting = 1\n", StandardOpenOption.APPEND);

        RuntimeException failure =
                assertThrows(RuntimeException.class, () -> EmbeddedServer.startPersistent(SETTINGS, cluster, log));

        assertTrue(
                failure.getMessage()
                        .contains(
                                "did not start in " + cluster + ": PostgreSQL exited with code 1" + " while starting"),
                failure.getMessage());
        assertTrue(
                failure.getMessage()
                        .contains("Last lines of " + work.resolve("cluster.log").toAbsolutePath()),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("no_such_setting"), failure.getMessage());
    }

    private static Path binaries() {
        return ZonkyBinaries.extracted(
                new JarBinaryResolver(SETTINGS.binaries().archive()), SETTINGS.binariesCache(), new CapturingLog());
    }

    private static String show(EmbeddedServer server, String setting) throws SQLException {
        try (Connection connection =
                        server.dataSource(EmbeddedServer.DEFAULT_DATABASE).getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }
}
