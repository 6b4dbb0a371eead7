package dev.migrate.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.connection.ConnectionSettings;
import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Throwaway databases on a user's server (codegenUrl) left by killed builds are dropped by the next build. */
class ThrowawayReapTest {

    private final DataSource admin = TestPostgres.server().dataSource(EmbeddedServer.DEFAULT_DATABASE);
    private final ConnectionSettings server =
            new ConnectionSettings(TestPostgres.server().jdbcUrl(EmbeddedServer.DEFAULT_DATABASE), null, null);

    @Test
    void theNextBuildDropsTheDatabaseOfABuildKilledWithSigkillAndKeepsThoseInUse() throws Exception {
        Process killed = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HoldThrowawayDatabase.class.getName(),
                        server.url())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String leftOver;
        try {
            leftOver = awaitDatabaseOf(killed.pid());
        } finally {
            killed.destroyForcibly().waitFor();
        }
        CapturingLog log = new CapturingLog();
        try (OpenDatabase next = throwaway().open(log)) {
            assertTrue(
                    log.text()
                            .contains("Dropped the throwaway database " + leftOver + " left by a killed build:"
                                    + " its build, process " + killed.pid() + " on this machine, is gone"),
                    log.text());
            assertEquals(List.of(), names("datname = '" + leftOver + "'"));

            // this JVM's own database, in use, is left alone by the next build
            String inUse = databasesOf(ProcessHandle.current().pid()).get(0);
            try (OpenDatabase another = throwaway().open(new CapturingLog())) {
                assertEquals(List.of(inUse), names("datname = '" + inUse + "'"));
            }
        }
    }

    @Test
    void databasesOlderThanAnyBuildAreDroppedAndThoseOfOtherNamingAreLeft() {
        TestPostgres.execute(admin, "CREATE DATABASE migrate_codegen_00000001_00000000");
        TestPostgres.execute(admin, "CREATE DATABASE migrate_codegen_0123456789abcdef");
        try {
            CapturingLog log = new CapturingLog();
            try (OpenDatabase ignored = throwaway().open(log)) {
                assertTrue(
                        log.text()
                                .contains("Dropped the throwaway database migrate_codegen_00000001_00000000 left by"
                                        + " a killed build: made 1970-01-01T00:00:01Z, more than 24 h ago"),
                        log.text());
                assertEquals(
                        List.of("migrate_codegen_0123456789abcdef"),
                        names("datname IN ('migrate_codegen_00000001_00000000', 'migrate_codegen_0123456789abcdef')"));
            }
        } finally {
            TestPostgres.execute(admin, "DROP DATABASE IF EXISTS migrate_codegen_0123456789abcdef");
        }
    }

    private ThrowawayDatabase throwaway() {
        return new ThrowawayDatabase(
                server,
                () -> {
                    throw new AssertionError("no embedded server expected");
                },
                null);
    }

    /** Waits until the process has made its throwaway database; its name. */
    private String awaitDatabaseOf(long pid) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Optional<String> made = databasesOf(pid).stream().findFirst();
            if (made.isPresent()) {
                return made.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("process " + pid + " made no throwaway database within 60 s");
    }

    private List<String> databasesOf(long pid) {
        return names("shobj_description(oid, 'pg_database') LIKE '% pid=" + pid + " %'");
    }

    private List<String> names(String condition) {
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT datname FROM pg_database WHERE " + condition + " ORDER BY datname")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
