package dev.migrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.codegen.worker.CodegenWorkerClient;
import dev.migrate.database.OpenDatabase;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate:worker-status} and {@code migrate:worker-stop} through {@code execute()}, on a real worker. */
@MojoTest
class WorkerGoalsTest {

    private static final Pattern STARTED = Pattern.compile("Started the codegen worker \\(pid (\\d+)\\)");

    @TempDir
    Path directory;

    private final CapturingLog clientLog = new CapturingLog();
    private final List<String> goalLog = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() {
        workerPid().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroy);
    }

    @Test
    @InjectMojo(goal = "worker-status", pom = "src/test/resources/unit/minimal/pom.xml")
    void statusListsTheWorkerOfThisLocalRepository(WorkerStatusMojo status) throws Exception {
        Path workers = directory.resolve("workers");
        prepare(status, workers);
        status.execute();
        startWorker(workers);

        status.execute();

        assertEquals("No codegen worker of this user runs for " + workers, goalLog.get(0));
        assertEquals(2, goalLog.size(), goalLog.toString());
        assertTrue(
                goalLog.get(1)
                        .matches("Codegen worker: pid " + workerPid().orElseThrow() + ", \\d+ MiB resident,"
                                + " started .*, socket " + Pattern.quote(workers.toString()) + "/[0-9a-f]{16}\\.sock"),
                goalLog.toString());
    }

    @Test
    @InjectMojo(goal = "worker-stop", pom = "src/test/resources/unit/minimal/pom.xml")
    void stopStopsTheWorkerAndItsSocketGoes(WorkerStopMojo stop) throws Exception {
        Path workers = directory.resolve("workers");
        startWorker(workers);
        long pid = workerPid().orElseThrow();
        prepare(stop, workers);

        stop.execute();

        assertEquals(1, goalLog.size(), goalLog.toString());
        assertTrue(goalLog.get(0).startsWith("Stopped the codegen worker (pid " + pid + ","), goalLog.toString());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the worker is gone");
        try (var left = Files.list(workers)) {
            assertFalse(left.anyMatch(file -> file.toString().endsWith(".sock")), "and so is its socket");
        }
        stop.execute();
        assertEquals("No codegen worker of this user runs for " + workers, goalLog.get(1));
    }

    @Test
    @InjectMojo(goal = "worker-stop", pom = "src/test/resources/unit/minimal/pom.xml")
    void stopLeavesTheWorkersOfAnotherLocalRepository(WorkerStopMojo stop) throws Exception {
        startWorker(directory.resolve("workers"));
        prepare(stop, directory.resolve("other-repository-workers"));

        stop.execute();

        assertEquals(
                List.of("No codegen worker of this user runs for " + directory.resolve("other-repository-workers")),
                goalLog);
        assertTrue(ProcessHandle.of(workerPid().orElseThrow())
                .map(ProcessHandle::isAlive)
                .orElse(false));
    }

    private void startWorker(Path workers) throws Exception {
        Path migrations = Files.createDirectories(directory.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__users.sql"), "CREATE TABLE users (id INT PRIMARY KEY);");
        try (URLClassLoader project = new URLClassLoader(new URL[0], getClass().getClassLoader());
                OpenDatabase database = OpenDatabase.kept(
                        TestPostgres.server().dataSource(TestPostgres.newDatabase()), "the worker's database")) {
            new CodegenWorkerClient(() -> workers, Duration.ofMinutes(5), "-Dmigrate.worker=false", clientLog)
                    .upgrade(database, TestMigrations.in(migrations, project), clientLog);
        }
        assertTrue(workerPid().isPresent(), clientLog.text());
    }

    private java.util.Optional<Long> workerPid() {
        Matcher started = STARTED.matcher(clientLog.text());
        return started.find() ? java.util.Optional.of(Long.parseLong(started.group(1))) : java.util.Optional.empty();
    }

    /** The harness's project has no build section, which every goal's class loader reads; and a log to read. */
    private void prepare(AbstractMigrateMojo mojo, Path workers) throws Exception {
        MavenProject project = new MavenProject();
        project.getBuild().setDirectory(new File(MojoExtension.getBasedir(), "target").getAbsolutePath());
        project.getBuild().setOutputDirectory(new File(MojoExtension.getBasedir(), "target/classes").getAbsolutePath());
        MojoExtension.setVariableValueToObject(mojo, "project", project);
        mojo.workersDirectory = () -> workers;
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                goalLog.add(content.toString());
            }
        });
    }
}
