package dev.migrate.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.connection.ConnectionFactory;
import dev.migrate.database.OpenDatabase;
import dev.migrate.files.PrivateFiles;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Only the user who started an embedded server can log in to it (issue 10, item 3). As root, the second user is
 * {@code nobody} through {@code setpriv}; as any other user, the password refusal and the owner-only files are what
 * is checked.
 */
class EmbeddedServerAccessTest {

    private static final EmbeddedSettings SETTINGS = TestPostgres.settings();
    private static final String INVALID_PASSWORD = "28P01";
    private static final String NO_PASSWORD_GIVEN = "08004";

    private final Path work = TestPostgres.workDirectory().resolve("access-" + UUID.randomUUID());
    private final CapturingLog log = new CapturingLog();

    @Test
    void onlyTheUserWithThePasswordFileLogsIn() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.startThrowaway(SETTINGS, work, log)) {
            assertEquals(NO_PASSWORD_GIVEN, refusal(server.port(), null));
            assertEquals(INVALID_PASSWORD, refusal(server.port(), "not-the-password"));
            TestPostgres.execute(server.dataSource(EmbeddedServer.DEFAULT_DATABASE), "SELECT 1");
            OpenDatabase.server(server.connectionSettings(EmbeddedServer.DEFAULT_DATABASE))
                    .close();

            Path passwordFile = server.passwordFile();
            assertEquals("rw-------", permissions(passwordFile));
            assertEquals("rwx------", permissions(passwordFile.getParent()));
            assertEquals(0, psql(List.of(), passwordFile, server.port()), "the owner's own tools connect");
            if (PrivateFiles.currentUid() == 0) {
                List<String> nobody = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
                assertNotEquals(0, psql(nobody, passwordFile, server.port()));
                assertNotEquals(0, run(concat(nobody, List.of("cat", passwordFile.toString()))));
            }

            String password = ClusterSecret.read(passwordFile.getParent()).orElseThrow();
            assertFalse(log.text().contains(password), log.text());
            assertTrue(
                    ProcessHandle.allProcesses()
                            .noneMatch(process -> process.info()
                                    .arguments()
                                    .map(arguments ->
                                            String.join(" ", arguments).contains(password))
                                    .orElse(false)),
                    "no process has the password in its arguments");
        }
    }

    @Test
    void aDevelopmentDatabaseThatAnOlderPluginLeftOpenGetsAPasswordAndKeepsItsData() throws Exception {
        Path devdb = work.resolve("devdb");
        try (EmbeddedServer first = EmbeddedServer.startPersistent(SETTINGS, devdb, log)) {
            TestPostgres.execute(first.dataSource(EmbeddedServer.DEFAULT_DATABASE), "CREATE TABLE kept (id INT)");
        }
        // what the plugin before issue 10 left: trust for every local connection, and no password file
        Files.writeString(
                devdb.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n");
        Files.delete(devdb.resolve(ClusterSecret.FILE_NAME));

        CapturingLog upgrade = new CapturingLog();
        try (EmbeddedServer second = EmbeddedServer.startPersistent(SETTINGS, devdb, upgrade)) {
            assertTrue(
                    upgrade.lines()
                            .contains("INFO The embedded database in " + devdb + " let any local user log in"
                                    + " without a password (an older version of the plugin made it so): it now requires the password"
                                    + " in " + devdb.resolve(ClusterSecret.FILE_NAME)),
                    upgrade.text());
            assertEquals(NO_PASSWORD_GIVEN, refusal(second.port(), null));
            TestPostgres.execute(second.dataSource(EmbeddedServer.DEFAULT_DATABASE), "SELECT * FROM kept");
            assertEquals("rw-------", permissions(second.passwordFile()));
        }
    }

    /** The SQLSTATE with which a TCP login as the superuser is refused. */
    private static String refusal(int port, String password) {
        PGSimpleDataSource dataSource = (PGSimpleDataSource) ConnectionFactory.forLocalServer(
                port, EmbeddedServer.DEFAULT_DATABASE, EmbeddedServer.SUPERUSER, password);
        SQLException refused = assertThrows(SQLException.class, () -> open(dataSource));
        return refused.getSQLState();
    }

    private static void open(DataSource dataSource) throws SQLException {
        try (Connection ignored = dataSource.getConnection()) {
            // logging in is the whole point
        }
    }

    /** psql as the documented line shows it, run with {@code prefix} (another user); its exit code. */
    private static int psql(List<String> prefix, Path passwordFile, int port) throws IOException, InterruptedException {
        List<String> command = concat(
                prefix,
                List.of(
                        "env",
                        "PGPASSFILE=" + passwordFile,
                        "psql",
                        "-w",
                        "-h",
                        "localhost",
                        "-p",
                        Integer.toString(port),
                        "-U",
                        EmbeddedServer.SUPERUSER,
                        "-d",
                        EmbeddedServer.DEFAULT_DATABASE,
                        "-c",
                        "SELECT 1"));
        return run(command);
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        return process.exitValue();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
