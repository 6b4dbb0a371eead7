package dev.migrate.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.UserMistakeException;
import dev.migrate.flyway.MigrationSettings;
import dev.migrate.flyway.UpgradeResult;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The codegen worker, a real second JVM on the real jOOQ, against the test PostgreSQL. */
class CodegenWorkerTest {

    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final Pattern STARTED = Pattern.compile("Started the codegen worker \\(pid (\\d+)\\)");
    private static DataSource schema;

    @TempDir
    Path directory;

    private final CapturingLog log = new CapturingLog();

    @BeforeAll
    static void schema() {
        schema = TestPostgres.server().dataSource(TestPostgres.newDatabase());
        TestPostgres.execute(schema, """
                CREATE TYPE mood AS ENUM ('happy', 'sad');
                CREATE TABLE users (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT NOT NULL, mood mood);
                CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users (id));
                CREATE VIEW user_orders AS SELECT u.name, o.id FROM users u JOIN orders o ON o.user_id = u.id;
                COMMENT ON TABLE users IS 'People who order';""");
    }

    @AfterEach
    void stopWorkers() {
        startedWorkers().forEach(ProcessHandle::destroy);
    }

    @Test
    void generatesWhatTheBuildsJvmGeneratesAndStaysWarmForTheNextBuild() throws IOException {
        Path inProcess = generate(CodegenJvm.IN_PROCESS, "in-process");
        CodegenWorkerClient worker = new CodegenWorkerClient(this::workers, IDLE, log);

        Path first = generate(worker, "first");
        Path second = generate(worker, "second");

        assertEquals(contents(inProcess), contents(first));
        assertEquals(contents(inProcess), contents(second));
        assertTrue(contents(inProcess).size() > 5, contents(inProcess).keySet().toString());
        assertEquals(1, log.lines().stream().filter(line -> line.contains("Started the codegen worker")).count(),
                log.text());
        assertEquals(2, log.lines().stream().filter(line -> line.contains(" ms " + CodegenWorkerClient.WHERE + ")"))
                .count(), log.text());
    }

    @Test
    void migratesAndChecksTheMigratedPrefixAsTheBuildsJvmDoes() throws IOException {
        Path migrations = Files.createDirectories(directory.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__users.sql"), "CREATE TABLE users (id INT PRIMARY KEY);");
        Files.writeString(migrations.resolve("V2__orders.sql"), "CREATE TABLE orders (id INT PRIMARY KEY);");
        MigrationSettings settings = new MigrationSettings(List.of("filesystem:" + migrations), List.of(), Map.of(),
                Map.of(), null, new URLClassLoader(new URL[0], getClass().getClassLoader()));
        CodegenWorkerClient worker = new CodegenWorkerClient(this::workers, IDLE, log);
        OpenDatabase inWorker = OpenDatabase.kept(TestPostgres.server().dataSource(TestPostgres.newDatabase()),
                "the worker's database");
        OpenDatabase inProcess = OpenDatabase.kept(TestPostgres.server().dataSource(TestPostgres.newDatabase()),
                "the build's database");

        UpgradeResult workerResult = worker.upgrade(inWorker, settings.withTarget("1"), log);
        UpgradeResult processResult = CodegenJvm.IN_PROCESS.upgrade(inProcess, settings.withTarget("1"), log);
        assertEquals(Arrays.asList(null, "1", 1), Arrays.asList(workerResult.fromVersion(), workerResult.toVersion(),
                workerResult.applied()), workerResult.toString());
        assertEquals(Arrays.asList(processResult.fromVersion(), processResult.toVersion(), processResult.applied()),
                Arrays.asList(workerResult.fromVersion(), workerResult.toVersion(), workerResult.applied()));
        // Flyway's own lines came back to the build's log, from the worker as from the build's JVM
        assertEquals(2, log.lines().stream().filter(line -> line.startsWith("INFO") && line.contains("[V1__users.sql]"))
                .count(), log.text());
        assertEquals(Optional.empty(), worker.whyNotContinuable(inWorker, settings, log));

        Files.writeString(migrations.resolve("V1__users.sql"), "CREATE TABLE users (id BIGINT PRIMARY KEY);");
        assertEquals(CodegenJvm.IN_PROCESS.whyNotContinuable(inProcess, settings, log),
                worker.whyNotContinuable(inWorker, settings, log));
        assertTrue(worker.whyNotContinuable(inWorker, settings, log).orElseThrow().startsWith("V1__users.sql"),
                log.text());

        Files.writeString(migrations.resolve("V3__broken.sql"), "CREATE TABLE broken (;");
        Files.writeString(migrations.resolve("V1__users.sql"), "CREATE TABLE users (id INT PRIMARY KEY);");
        UserMistakeException failed = assertThrows(UserMistakeException.class, () -> worker.upgrade(inWorker,
                settings, log));
        assertTrue(failed.getMessage().contains("V3__broken.sql"), failed.getMessage());
        assertTrue(failed.getMessage().contains("the worker's database"), failed.getMessage());
        assertFalse(log.text().contains("doing it in the build's JVM"), log.text());
    }

    @Test
    void aFailingGenerationFailsAsItWouldInTheBuildsJvm() {
        Generator broken = new Generator().withDatabase(new Database().withName("org.example.NoSuchDatabase"));
        UserMistakeException inProcess = assertThrows(UserMistakeException.class,
                () -> generate(CodegenJvm.IN_PROCESS, broken, "in-process"));
        UserMistakeException inWorker = assertThrows(UserMistakeException.class,
                () -> generate(new CodegenWorkerClient(this::workers, IDLE, log), broken, "worker"));

        assertEquals(inProcess.getMessage(), inWorker.getMessage());
        assertFalse(log.text().contains("doing it in the build's JVM"), log.text());
    }

    @Test
    void aWorkerThatCannotStartIsSaidInOneLineAndTheBuildsJvmGenerates() throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("file"), "");

        Path output = generate(new CodegenWorkerClient(() -> notADirectory.resolve("workers"), IDLE, log), "fallback");

        assertEquals(contents(generate(CodegenJvm.IN_PROCESS, "in-process")), contents(output));
        assertEquals(1, log.lines().stream().filter(line -> line.contains("doing it in the build's JVM")).count(),
                log.text());
    }

    @Test
    void aWorkersDirectoryTooDeepForASocketPathKeepsTheSocketInAPrivateTemporaryDirectory() throws IOException {
        Path deep = directory.resolve("a-local-repository-of-a-checkout-so-deep-that-a-unix-socket-path-would-not-fit");
        Path output = generate(new CodegenWorkerClient(() -> deep, IDLE, log), "deep");

        assertEquals(contents(generate(CodegenJvm.IN_PROCESS, "in-process")), contents(output));
        assertTrue(log.text().contains(" ms " + CodegenWorkerClient.WHERE + ")"), log.text());
        Path sockets = Path.of(System.getProperty("java.io.tmpdir"), "migrate-workers-"
                + Files.getAttribute(Path.of(System.getProperty("user.home")), "unix:uid"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sockets)));
    }

    @Test
    void aBuildDoesNotWaitForABusyWorkerAndOneThatSaysNothingIsDropped() throws Exception {
        CodegenWorkerClient worker = new CodegenWorkerClient(this::workers, IDLE, log);
        Path expected = generate(worker, "first");
        Path socket;
        try (Stream<Path> files = Files.list(workers())) {
            socket = files.filter(file -> file.toString().endsWith(".sock")).findFirst().orElseThrow();
        }

        try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            // the worker now waits for this connection's request, as it would while serving another build
            Path output = generate(worker, "busy");
            assertEquals(contents(expected), contents(output));
            assertTrue(log.text().contains("it is busy with another build); doing it in the build's JVM"), log.text());

            Thread.sleep(11_000); // the worker drops a connection that sends no request within 10 s
            generate(worker, "after");
            assertEquals(2, log.lines().stream().filter(line -> line.contains(" ms " + CodegenWorkerClient.WHERE + ")"))
                    .count(), log.text());
        }
    }

    @Test
    void anIdleWorkerLeavesAndTheNextBuildStartsAnother() throws IOException, InterruptedException {
        CodegenWorkerClient shortLived = new CodegenWorkerClient(this::workers, Duration.ofSeconds(1), log);
        generate(shortLived, "first");
        Thread.sleep(3_500);
        try (Stream<Path> files = Files.list(workers())) {
            assertFalse(files.anyMatch(file -> file.toString().endsWith(".sock")), "the idle worker left");
        }

        generate(shortLived, "second");
        assertEquals(2, log.lines().stream().filter(line -> line.contains("Started the codegen worker")).count(),
                log.text());
    }

    private Path generate(CodegenJvm runner, String name) {
        return generate(runner, null, name);
    }

    private Path generate(CodegenJvm runner, Generator generator, String name) {
        Path project = directory.resolve(name);
        CodegenSettings settings = new CodegenSettings(generator, List.of(), CodegenSettings.DEFAULT_HISTORY_TABLE,
                project, Path.of("target/generated-sources/jooq"), "com.example");
        try (URLClassLoader projectClassLoader = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
            JooqGenerator.generate(schema, settings, projectClassLoader, runner, log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return settings.outputDirectory();
    }

    private Stream<ProcessHandle> startedWorkers() {
        return log.lines().stream().map(STARTED::matcher).filter(Matcher::find)
                .map(started -> ProcessHandle.of(Long.parseLong(started.group(1)))).flatMap(Optional::stream);
    }

    private Path workers() {
        return directory.resolve("workers");
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }
}
