package dev.migrate.migration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.testing.ServerActivity;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C in the middle of an upgrade of a server: the backend stops and Flyway's lock is free. */
class InterruptedUpgradeTest {

    /**
     * Ctrl-C's signal, INT; or TERM, which runs the same shutdown hooks, when the JVM ignores INT: a JVM started with
     * INT ignored (a background job of a non-interactive shell, as some CI runners start builds) keeps it ignored,
     * and there Ctrl-C cannot reach the build at all.
     */
    private static String interruption(Process build) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(build.pid()), "status"))) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseLong(line.substring("SigIgn:".length()).strip(), 16);
                return (ignored & SIGINT_BIT) != 0 ? "TERM" : "INT";
            }
        }
        return "INT";
    }

    /** What the JVM that did not exit is doing, and what it printed, for the failure message. */
    private String threads(Process build) {
        try {
            Process dump = new ProcessBuilder("jcmd", String.valueOf(build.pid()), "Thread.print")
                    .redirectErrorStream(true)
                    .start();
            String threads = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return threads + "\n" + Files.readString(migrations.resolve("build.log"));
        } catch (IOException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    private static final String SLOW = "SELECT pg_sleep(600)";
    /** SIGINT is signal 2: bit 1 of the masks in /proc/[pid]/status. */
    private static final long SIGINT_BIT = 1L << 1;

    @TempDir
    Path migrations;

    @Test
    void ctrlCDuringAMigrationCancelsItsStatementAndFreesFlywaysLock() throws Exception {
        Files.writeString(migrations.resolve("V1__slow.sql"), SLOW + ";");
        String database = TestPostgres.newDatabase();
        ServerActivity activity =
                new ServerActivity(TestPostgres.server().dataSource(EmbeddedServer.DEFAULT_DATABASE), database);
        Process build = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        UpgradeUntilInterrupted.class.getName(),
                        TestPostgres.server().jdbcUrl(database),
                        migrations.toString())
                .redirectErrorStream(true)
                .redirectOutput(migrations.resolve("build.log").toFile())
                .start();
        try {
            activity.awaitBackendRunning(SLOW);

            new ProcessBuilder("kill", "-" + interruption(build), String.valueOf(build.pid()))
                    .start()
                    .waitFor();

            assertTrue(
                    build.waitFor(60, TimeUnit.SECONDS), () -> "the interrupted JVM did not exit:\n" + threads(build));
            // without the cancel request, the backend would sleep on for ten minutes, holding Flyway's lock
            activity.awaitNoBackendRunning(SLOW);
            activity.awaitNoAdvisoryLock();
        } finally {
            build.destroyForcibly();
        }
    }
}
