package dev.migrate.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.files.Directories;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A build killed with {@code kill -9} leaves no server running for long and nothing for good (issue 10, item 11):
 * the build is a child JVM ({@link KilledBuild}) that starts a throwaway server and is then killed.
 */
class OrphanedServerTest {

    /** How long a server may outlive its killed build: a bound for the poll, not a measured duration. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    private final Path work = TestPostgres.workDirectory().resolve("orphan-" + UUID.randomUUID());
    private final CapturingLog log = new CapturingLog();

    @Test
    void theServerOfAKilledBuildStopsByItselfAndTheNextStartDeletesItsDirectory() throws Exception {
        Process build = startBuild();
        Path leftover = onlyThrowaway();
        ProcessHandle server = serverOf(leftover);

        build.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs

        assertTrue(eventually(() -> !server.isAlive()), "the watchdog stopped the server of the killed build");
        assertTrue(Files.isDirectory(leftover));
        try (EmbeddedServer next = EmbeddedServer.startThrowaway(TestPostgres.settings(), work, log)) {
            assertFalse(Files.exists(leftover), "the next start deleted the killed build's directory");
            assertTrue(
                    log.text()
                            .contains("Cleaned up after a build that was killed (process " + build.pid()
                                    + "): its embedded PostgreSQL had stopped, deleted " + leftover),
                    log.text());
        }
    }

    @Test
    void aServerWhoseWatchdogDiedTooIsStoppedByTheNextStartAlsoAfterMvnClean() throws Exception {
        Process build = startBuild();
        Path leftover = onlyThrowaway();
        ProcessHandle server = serverOf(leftover);
        // the watchdog is the build's other child; without it, only the record of running servers is left
        build.toHandle()
                .children()
                .filter(child -> child.pid() != server.pid())
                .forEach(ProcessHandle::destroyForcibly);
        build.destroyForcibly().waitFor();
        Directories.deleteRecursively(work); // mvn clean

        try (EmbeddedServer next = EmbeddedServer.startThrowaway(TestPostgres.settings(), work, log)) {
            assertFalse(server.isAlive(), "the next start stopped the orphaned server");
            assertTrue(
                    log.text()
                            .contains("Cleaned up after a build that was killed (process " + build.pid()
                                    + "): stopped its embedded PostgreSQL (process " + server.pid() + "), deleted "
                                    + leftover),
                    log.text());
        }
    }

    private Process startBuild() throws IOException {
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "-DlocalRepository="
                        + TestPostgres.binariesCache().getParent().getParent().getParent(),
                KilledBuild.class.getName(),
                work.toString());
        Process build = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader output =
                new BufferedReader(new InputStreamReader(build.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = output.readLine()) != null && !line.equals(KilledBuild.STARTED)) {
            System.out.println(line);
        }
        assertEquals(KilledBuild.STARTED, line, "the child build started its server");
        return build;
    }

    private Path onlyThrowaway() throws IOException {
        try (Stream<Path> children = Files.list(work)) {
            List<Path> throwaways = children.filter(
                            child -> child.getFileName().toString().startsWith("throwaway-"))
                    .toList();
            assertEquals(1, throwaways.size(), throwaways.toString());
            return throwaways.get(0);
        }
    }

    private static ProcessHandle serverOf(Path throwaway) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(throwaway.resolve("data/postmaster.pid"))
                .get(0)
                .strip());
        return ProcessHandle.of(pid).orElseThrow();
    }

    /** Polls {@code condition} until it holds or {@link #BOUND} has passed; whether it held. */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
