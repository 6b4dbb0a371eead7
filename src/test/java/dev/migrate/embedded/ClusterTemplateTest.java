package dev.migrate.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.UserMistakeException;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class ClusterTemplateTest {

    private static final EmbeddedSettings SETTINGS = TestPostgres.settings();
    private static final String DATABASES = "SELECT string_agg(datname, ',' ORDER BY datname) FROM pg_database";

    private final Path work = TestPostgres.workDirectory().resolve("template-test-" + UUID.randomUUID());
    private final Path templates = work.resolve("templates");

    @Test
    void throwawayServersAreCopiesOfOneTemplateAndWork() throws SQLException {
        CapturingLog log = new CapturingLog();
        try (EmbeddedServer first = EmbeddedServer.startThrowaway(SETTINGS, work, log);
                EmbeddedServer second = EmbeddedServer.startThrowaway(SETTINGS, work, log)) {
            // initdb gives every cluster a new system identifier; copies of one template share it
            assertEquals(
                    systemIdentifier(first.dataSource(EmbeddedServer.DEFAULT_DATABASE)),
                    systemIdentifier(second.dataSource(EmbeddedServer.DEFAULT_DATABASE)));
            assertEquals(
                    List.of("UTF8", "C"),
                    query(
                            first.dataSource(EmbeddedServer.DEFAULT_DATABASE),
                            "SELECT pg_encoding_to_char(encoding), datcollate FROM pg_database WHERE datname = 'postgres'"));
            TestPostgres.execute(
                    second.dataSource(EmbeddedServer.DEFAULT_DATABASE), "CREATE TABLE works (id BIGINT PRIMARY KEY)");
        }
        assertTrue(Files.isRegularFile(template(SETTINGS.binariesCache().resolve("templates"))
                .directory()
                .resolve("PG_VERSION")));
    }

    @Test
    void disposableClustersAreLeanAndTheDevelopmentDatabaseIsAsInitdbMakesIt() throws SQLException, IOException {
        CapturingLog log = new CapturingLog();
        try (EmbeddedServer throwaway = EmbeddedServer.startThrowaway(SETTINGS, work, log);
                EmbeddedServer development = EmbeddedServer.startPersistent(SETTINGS, work.resolve("devdb"), log)) {
            DataSource lean = throwaway.dataSource(EmbeddedServer.DEFAULT_DATABASE);
            assertEquals(List.of("postgres,template1"), query(lean, DATABASES));
            assertEquals(List.of("1MB"), query(lean, "SHOW wal_segment_size"));
            TestPostgres.execute(lean, "CREATE DATABASE from_template1");

            DataSource full = development.dataSource(EmbeddedServer.DEFAULT_DATABASE);
            assertEquals(List.of("postgres,template0,template1"), query(full, DATABASES));
            assertEquals(List.of("16MB"), query(full, "SHOW wal_segment_size"));
        }
    }

    @Test
    void aTemplateWithTheWrongVersionIsRebuiltWithOneLogLine() throws IOException, SQLException {
        ClusterTemplate template = template(templates);
        template.copyTo(work.resolve("before"), new CapturingLog());
        Files.writeString(template.directory().resolve("PG_VERSION"), "9\n");

        assertCopiedFromARebuiltTemplate(template, "its PG_VERSION is 9, not 17");
        assertEquals(
                "17",
                Files.readString(work.resolve("after").resolve("PG_VERSION")).strip());
    }

    @Test
    void aTemplateWhoseCreationDidNotFinishIsRebuilt() throws IOException {
        ClusterTemplate template = template(templates);
        template.copyTo(work.resolve("before"), new CapturingLog());
        Files.delete(template.directory().resolve("migrate-template-complete"));
        Files.delete(template.directory().resolve("global").resolve("pg_control"));

        CapturingLog log = new CapturingLog();
        template.copyTo(work.resolve("after"), log);

        assertEquals(
                List.of("INFO Rebuilding the PostgreSQL cluster template " + template.directory()
                        + ": its creation did not finish"),
                infoLines(log));
        assertTrue(Files.isRegularFile(work.resolve("after").resolve("global").resolve("pg_control")));
    }

    @Test
    void aTemplateWithADamagedFileIsRebuiltWithOneLogLineNamingIt() throws IOException, SQLException {
        ClusterTemplate template = template(templates);
        template.copyTo(work.resolve("before"), new CapturingLog());
        Files.write(template.directory().resolve("global").resolve("pg_control"), new byte[0]);

        assertCopiedFromARebuiltTemplate(template, "global/pg_control has 0 bytes instead of 8192");
    }

    /** A copy to {@code after} rebuilds the template, says why in one line, and makes a cluster that works. */
    private void assertCopiedFromARebuiltTemplate(ClusterTemplate template, String reason) throws SQLException {
        CapturingLog log = new CapturingLog();
        template.copyTo(work.resolve("after"), log);

        assertEquals(
                List.of("INFO Rebuilding the PostgreSQL cluster template " + template.directory() + ": " + reason),
                infoLines(log));
        try (EmbeddedServer server = EmbeddedServer.startPersistent(SETTINGS, work.resolve("after"), log)) {
            TestPostgres.execute(server.dataSource(EmbeddedServer.DEFAULT_DATABASE), "CREATE TABLE works (id INT)");
        }
    }

    @Test
    void aTemplateThatOtherUsersCanChangeIsRefusedNamingItAndTheFix() throws IOException {
        ClusterTemplate template = template(templates);
        template.copyTo(work.resolve("before"), new CapturingLog());
        Files.setPosixFilePermissions(template.directory(), PosixFilePermissions.fromString("rwxrwxrwx"));

        UserMistakeException refused = assertThrows(
                UserMistakeException.class, () -> template.copyTo(work.resolve("after"), new CapturingLog()));

        assertTrue(
                refused.getMessage().startsWith(template.directory() + " can be changed by other users (mode 777)"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("chmod go-rwx " + template.directory()), refused.getMessage());
        assertFalse(Files.exists(work.resolve("after")));
    }

    @Test
    void twoConcurrentStartsShareOneTemplate() throws Exception {
        CountDownLatch ready = new CountDownLatch(2);
        List<CapturingLog> logs = List.of(new CapturingLog(), new CapturingLog());
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> copies =
                    executor.invokeAll(List.of(copy(ready, logs.get(0), "one"), copy(ready, logs.get(1), "two")));
            Path one = copies.get(0).get();
            Path two = copies.get(1).get();

            assertEquals(
                    1,
                    Stream.concat(logs.get(0).lines().stream(), logs.get(1).lines().stream())
                            .filter(line -> line.contains("Created the PostgreSQL cluster template"))
                            .count());
            // one initdb: both clusters carry the template's system identifier in pg_control
            byte[] templateControl =
                    Files.readAllBytes(template(templates).directory().resolve("global/pg_control"));
            assertArrayEquals(templateControl, Files.readAllBytes(one.resolve("global/pg_control")));
            assertArrayEquals(templateControl, Files.readAllBytes(two.resolve("global/pg_control")));
            try (Stream<Path> left = Files.list(templates)) {
                String name = template(templates).directory().getFileName().toString();
                assertEquals(
                        List.of(name, name + ".lock"),
                        left.map(path -> path.getFileName().toString()).sorted().toList());
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private Callable<Path> copy(CountDownLatch ready, CapturingLog log, String name) {
        return () -> {
            ready.countDown();
            ready.await();
            Path dataDirectory = work.resolve(name);
            template(templates).copyTo(dataDirectory, log);
            return dataDirectory;
        };
    }

    private static ClusterTemplate template(Path templates) {
        Path binaries = ZonkyBinaries.extracted(
                new JarBinaryResolver(SETTINGS.binaries().archive()), SETTINGS.binariesCache(), new CapturingLog());
        return new ClusterTemplate(
                templates,
                binaries,
                SETTINGS.binaries().version(),
                ClusterTemplate.Purpose.DISPOSABLE,
                Duration.ofSeconds(60));
    }

    private static List<String> infoLines(CapturingLog log) {
        return log.lines().stream().filter(line -> !line.startsWith("DEBUG")).toList();
    }

    private static String systemIdentifier(DataSource dataSource) throws SQLException {
        return query(dataSource, "SELECT system_identifier::text FROM pg_control_system()")
                .get(0);
    }

    private static List<String> query(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            List<String> values = new ArrayList<>();
            for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                values.add(row.getString(column));
            }
            return values;
        }
    }
}
