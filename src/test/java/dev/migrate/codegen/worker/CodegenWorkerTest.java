package dev.migrate.codegen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.codegen.CachedGeneration;
import dev.migrate.codegen.CodegenJvm;
import dev.migrate.codegen.CodegenSettings;
import dev.migrate.codegen.GeneratorXml;
import dev.migrate.codegen.JooqGenerator;
import dev.migrate.codegen.JooqRun;
import dev.migrate.codegen.incremental.SchemaCache;
import dev.migrate.codegen.worker.WorkerMessages.Address;
import dev.migrate.codegen.worker.WorkerMessages.Migrations;
import dev.migrate.codegen.worker.WorkerMessages.Request;
import dev.migrate.codegen.worker.WorkerMessages.Upgrade;
import dev.migrate.database.OpenDatabase;
import dev.migrate.embedded.BuildServer;
import dev.migrate.embedded.EmbeddedSettings;
import dev.migrate.embedded.PostgresBinaries;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jooq.codegen.JavaGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** The codegen worker, a real second JVM on the real jOOQ, against the test PostgreSQL. */
class CodegenWorkerTest {

    private static final Duration IDLE = Duration.ofSeconds(30);
    /** The caller's words for running jOOQ in the build's JVM; the core names no parameter. */
    private static final String IN_BUILD_JVM = "<how to run jOOQ in the build's JVM>";
    /** How long a condition the worker brings about may take on a loaded machine; a bound, not a measurement. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

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

    /** And waits for them: a worker stops the build servers it started, whose clusters are in this test's directory. */
    @AfterEach
    void stopWorkers() throws Exception {
        for (ProcessHandle worker : startedWorkers().toList()) {
            worker.destroy();
            worker.onExit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        BuildServer.stop(directory.resolve("jvm-build/codegen-postgres-"
                + TestPostgres.settings().binaries().version()));
    }

    @Test
    void generatesWhatTheBuildsJvmGeneratesAndStaysWarmForTheNextBuild() throws IOException {
        Path inProcess = generate(CodegenJvm.IN_PROCESS, "in-process");
        CodegenWorkerClient worker = new CodegenWorkerClient(this::workers, IDLE, IN_BUILD_JVM, log);

        Path first = generate(worker, "first");
        Path second = generate(worker, "second");

        assertEquals(contents(inProcess), contents(first));
        assertEquals(contents(inProcess), contents(second));
        assertTrue(contents(inProcess).size() > 5, contents(inProcess).keySet().toString());
        assertEquals(
                List.of(true),
                log.lines().stream()
                        .filter(line -> line.contains("Started the codegen worker"))
                        .map(line -> line.endsWith(" idle; " + IN_BUILD_JVM))
                        .toList(),
                log.text());
        assertEquals(
                2,
                log.lines().stream()
                        .filter(line -> line.contains(" ms " + CodegenWorkerClient.WHERE + ")"))
                        .count(),
                log.text());
    }

    @Test
    void theDevelopmentDatabaseWhoseServerStartsInTheBackgroundIsTheWorkersToo() throws IOException {
        CodegenWorkerClient worker = new CodegenWorkerClient(this::workers, IDLE, IN_BUILD_JVM, log);
        try (URLClassLoader project = new URLClassLoader(new URL[0], getClass().getClassLoader());
                OpenDatabase development =
                        OpenDatabase.embeddedDevelopment(TestPostgres.settings(), directory.resolve("devdb"), log)) {
            // migrate:upgrade regenerates from it: its data source waits for the server and wraps the embedded one
            String inWorker = worker.catalogDigest(development, project, log);

            assertEquals(CodegenJvm.IN_PROCESS.catalogDigest(development, project, log), inWorker);
        }
        assertTrue(log.text().contains("Started the codegen worker"), "the build's JVM did it: " + log.text());
    }

    /**
     * The whole generation on a module's cached schema, in the worker as in the build's JVM: each on a build server of
     * its own, which the worker leases in its own JVM and keeps running for the next build.
     */
    @Test
    void generatesOnTheCachedSchemaAsTheBuildsJvmDoesOnAServerItKeepsForTheNextBuild() throws IOException {
        Path migrations = Files.createDirectories(directory.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__users.sql"), "CREATE TABLE users (id INT PRIMARY KEY);");
        Files.writeString(migrations.resolve("V2__orders.sql"), "CREATE TABLE orders (id INT PRIMARY KEY);");
        MigrationSettings settings = TestMigrations.in(
                migrations, new URLClassLoader(new URL[0], getClass().getClassLoader()));
        CodegenWorkerClient worker = new CodegenWorkerClient(this::workers, IDLE, IN_BUILD_JVM, log);

        CachedGeneration.Result first = onCache(worker, settings.withTarget("1"), null, "first");
        CachedGeneration.Result inProcess = onCache(CodegenJvm.IN_PROCESS, settings.withTarget("1"), null, "in-jvm");
        assertEquals(List.of(true, CodegenWorkerClient.WHERE), List.of(first.generated(), first.where()));
        assertEquals(List.of(true, ""), List.of(inProcess.generated(), inProcess.where()));
        assertEquals(inProcess.catalog(), first.catalog());
        assertEquals(contents(directory.resolve("in-jvm")), contents(directory.resolve("first")));
        assertTrue(contents(directory.resolve("first")).keySet().toString().contains("Users.java"));
        // the lines come back to the build's log from the worker, which started the server in its own JVM
        assertTrue(
                log.text()
                        .contains("INFO Started the embedded PostgreSQL "
                                + TestPostgres.settings().binaries().version() + " for the jOOQ classes of this build"),
                log.text());
        assertTrue(log.text().contains("it waits 5 min for the next build, and stops with the codegen worker"));
        assertTrue(log.text().contains("INFO Migrated the cached schema codegen_module_"), log.text());

        CachedGeneration.Result continued = onCache(worker, settings, first.catalog(), "continued");
        assertTrue(continued.generated());
        assertFalse(log.text().contains("from scratch"), log.text());
        assertTrue(log.text().contains("to version 2: 1 migration in "), log.text());
        assertEquals(1, workerServerStarts(), "the next build finds the server running: " + log.text());

        Files.writeString(migrations.resolve("V3__rows.sql"), "INSERT INTO users VALUES (1);");
        CachedGeneration.Result kept = onCache(worker, settings, continued.catalog(), "kept");
        assertEquals(List.of(false, continued.catalog()), List.of(kept.generated(), kept.catalog()));
        assertEquals(Map.of(), contents(directory.resolve("kept")), "jOOQ did not run");
        assertTrue(log.text().contains("the migrations changed nothing jOOQ reads"), log.text());

        Files.writeString(migrations.resolve("V1__users.sql"), "CREATE TABLE users (id BIGINT PRIMARY KEY);");
        onCache(worker, settings, kept.catalog(), "recreated");
        assertTrue(log.text().matches("(?s).*INFO V1__users.sql: .*: migrating from scratch.*"), log.text());
        assertTrue(log.text().contains("to version 3: 3 migrations in "), log.text());

        Files.writeString(migrations.resolve("V4__broken.sql"), "CREATE TABLE broken (;");
        UserMistakeException failed =
                assertThrows(UserMistakeException.class, () -> onCache(worker, settings, kept.catalog(), "broken"));
        assertTrue(failed.getMessage().contains("V4__broken.sql"), failed.getMessage());
        assertTrue(failed.getMessage().contains("the cached schema codegen_module_"), failed.getMessage());
        assertFalse(log.text().contains("doing it in the build's JVM"), log.text());
        assertEquals(1, workerServerStarts(), log.text());
    }

    /** The generation of this test's module on its cached schema, into {@code staging}, on the build server of jvm. */
    private CachedGeneration.Result onCache(
            CodegenJvm jvm, MigrationSettings migrations, String catalogInPlace, String staging) throws IOException {
        String build = jvm == CodegenJvm.IN_PROCESS ? "jvm-build" : "worker-build";
        return onCache(jvm, TestPostgres.settings(), build, migrations, catalogInPlace, staging);
    }

    private CachedGeneration.Result onCache(
            CodegenJvm jvm,
            EmbeddedSettings embedded,
            String build,
            MigrationSettings migrations,
            String catalogInPlace,
            String staging)
            throws IOException {
        JooqRun run = new JooqRun(
                null,
                List.of(),
                CodegenSettings.DEFAULT_HISTORY_TABLE,
                "com.example",
                directory.toString(),
                Files.createDirectories(directory.resolve(staging)).toString());
        return jvm.generateOnCachedSchema(
                        new CachedGeneration(
                                embedded,
                                directory.resolve(build),
                                new SchemaCache.Location(() -> embedded, directory.resolve(build), "codegen_module_1")
                                        .entry("settings"),
                                migrations,
                                catalogInPlace,
                                run),
                        log)
                .orElseThrow();
    }

    /** The worker runs the PostgreSQL binaries a build names only when nobody else could have changed them. */
    @Test
    void binariesOthersCouldWriteAreRefusedAndTheBuildsJvmGenerates() throws IOException {
        EmbeddedSettings settings = TestPostgres.settings();
        Path shared = Files.copy(settings.binaries().archive(), directory.resolve("shared-binaries.jar"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw-rw-"));
        EmbeddedSettings sharedBinaries = new EmbeddedSettings(
                new PostgresBinaries(shared, settings.binaries().version()),
                settings.binariesCache(),
                settings.lockTimeout(),
                settings.port());

        CachedGeneration.Result result = onCache(
                new CodegenWorkerClient(this::workers, IDLE, IN_BUILD_JVM, log),
                sharedBinaries,
                "refused-build",
                oneMigration(),
                null,
                "refused");

        assertEquals(List.of(true, ""), List.of(result.generated(), result.where()));
        assertTrue(
                log.text().contains("it refused the work: refused the class path entry " + shared + ": owned by uid "),
                log.text());
    }

    /**
     * zonky logs the extraction of the binaries through SLF4J, which Maven has and a plugin's class path, so the
     * worker's, does not: a first build on a machine extracts them in the build's JVM, and the next build's work is
     * the worker's.
     */
    @Test
    void binariesNotExtractedYetAreTheBuildsJvmsToExtractAndTheNextBuildIsTheWorkers() throws IOException {
        MigrationSettings settings = oneMigration();
        EmbeddedSettings shared = TestPostgres.settings();
        EmbeddedSettings firstOnThisMachine = new EmbeddedSettings(
                shared.binaries(), directory.resolve("new-binaries-cache"), shared.lockTimeout(), shared.port());
        CodegenWorkerClient worker = workerWithout("(slf4j|logback).*");

        CachedGeneration.Result first = onCache(worker, firstOnThisMachine, "jvm-build", settings, null, "first");
        CachedGeneration.Result next = onCache(worker, firstOnThisMachine, "worker-build", settings, null, "next");

        assertEquals(List.of("", CodegenWorkerClient.WHERE), List.of(first.where(), next.where()), log.text());
        assertTrue(
                log.text()
                        .contains("it refused the work: the PostgreSQL binaries "
                                + shared.binaries().archive() + " are not extracted yet, which the build's JVM does"),
                log.text());
        assertEquals(contents(directory.resolve("first")), contents(directory.resolve("next")));
    }

    /** As when a worker started before the goal put the libraries into the plugin's realm: it lacks the driver. */
    @Test
    void aJobTheWorkersClassPathCannotLoadIsRefusedAndTheWorkerServesOn() throws IOException {
        MigrationSettings settings = oneMigration();
        CodegenWorkerClient worker = workerWithout("postgresql-.*");

        CachedGeneration.Result first = onCache(worker, settings, null, "first");
        CachedGeneration.Result second = onCache(worker, settings, null, "second");

        assertEquals(List.of("", ""), List.of(first.where(), second.where()), log.text());
        assertEquals(
                2,
                log.text().split("it refused the work: java.lang.NoClassDefFoundError: org/postgresql/", -1).length - 1,
                log.text());
        assertEquals(1, startedWorkers().filter(ProcessHandle::isAlive).count(), log.text());
    }

    /** A module with one migration, whose classes come from the test's class path. */
    private MigrationSettings oneMigration() throws IOException {
        Path migrations = Files.createDirectories(directory.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__users.sql"), "CREATE TABLE users (id INT PRIMARY KEY);");
        return TestMigrations.in(
                migrations, new URLClassLoader(new URL[0], getClass().getClassLoader()));
    }

    /** A client whose worker lacks the jars of the test's class path whose names match {@code jarNames}. */
    private CodegenWorkerClient workerWithout(String jarNames) {
        List<Path> testClassPath = CodegenWorkerClient.ownClassPath();
        List<Path> without = testClassPath.stream()
                .filter(entry -> !entry.getFileName().toString().matches(jarNames))
                .toList();
        assertTrue(without.size() < testClassPath.size(), "no " + jarNames + " in " + testClassPath);
        CodegenWorkerClient worker = new CodegenWorkerClient(this::workers, IDLE, IN_BUILD_JVM, log);
        worker.classPath = () -> without;
        return worker;
    }

    private long workerServerStarts() {
        return log.lines().stream()
                .filter(line -> line.contains("Started the embedded PostgreSQL") && line.contains("worker-build"))
                .count();
    }

    /** A class jOOQ cannot find, and an element jOOQ's schema does not allow, which the worker checks. */
    @Test
    void aFailingGenerationFailsAsItWouldInTheBuildsJvm() {
        for (GeneratorXml broken : List.of(
                new GeneratorXml("<generator><database><name>org.example.NoSuchDatabase</name></database></generator>"),
                new GeneratorXml("<generator><database><includez>users</includez></database></generator>"))) {
            assertFailsAsInTheBuildsJvm(broken);
        }
    }

    private void assertFailsAsInTheBuildsJvm(GeneratorXml broken) {
        UserMistakeException inProcess =
                assertThrows(UserMistakeException.class, () -> generate(CodegenJvm.IN_PROCESS, broken, "in-process"));
        UserMistakeException inWorker = assertThrows(
                UserMistakeException.class,
                () -> generate(new CodegenWorkerClient(this::workers, IDLE, IN_BUILD_JVM, log), broken, "worker"));

        assertEquals(inProcess.getMessage(), inWorker.getMessage());
        assertEquals(inProcess.suggestion(), inWorker.suggestion());
        assertFalse(log.text().contains("doing it in the build's JVM"), log.text());
        // mvn -e shows the same causes, each with the frames where it was thrown
        assertEquals(causes(inProcess), causes(inWorker));
        assertEquals(inProcess.getStackTrace()[0], inWorker.getStackTrace()[0]);
        for (Throwable cause = inWorker.getCause(); cause != null; cause = cause.getCause()) {
            assertTrue(cause.getStackTrace().length > 0, cause.toString());
        }
    }

    /** A failure that is not one of the known mistakes keeps its cause across the socket too. */
    @Test
    void anUnexpectedFailureInTheWorkerComesBackAsAnEnvironmentFailureWithItsCauseChain() {
        GeneratorXml failing =
                new GeneratorXml("<generator><name>" + FailingGenerator.class.getName() + "</name></generator>");
        URL[] testClasses = {
            FailingGenerator.class.getProtectionDomain().getCodeSource().getLocation()
        };
        EnvironmentFailureException inProcess = assertThrows(
                EnvironmentFailureException.class,
                () -> generate(CodegenJvm.IN_PROCESS, failing, testClasses, "in-process"));
        EnvironmentFailureException inWorker = assertThrows(
                EnvironmentFailureException.class,
                () -> generate(
                        new CodegenWorkerClient(this::workers, IDLE, IN_BUILD_JVM, log),
                        failing,
                        testClasses,
                        "worker"));

        assertEquals(inProcess.getMessage(), inWorker.getMessage());
        assertEquals(
                List.of(
                        "java.io.UncheckedIOException: java.io.IOException: No space left on device",
                        "java.io.IOException: No space left on device"),
                causes(inWorker));
        assertEquals(causes(inProcess), causes(inWorker));
        assertEquals(
                FailingGenerator.class.getName(),
                inWorker.getCause().getStackTrace()[0].getClassName(),
                Arrays.toString(inWorker.getCause().getStackTrace()));
        assertFalse(log.text().contains("doing it in the build's JVM"), log.text());
    }

    /** A generator that fails the way a full disk would. */
    public static class FailingGenerator extends JavaGenerator {

        @Override
        public void generate(org.jooq.meta.Database db) {
            throw new UncheckedIOException(new IOException("No space left on device"));
        }
    }

    private static List<String> causes(Throwable failure) {
        List<String> causes = new ArrayList<>();
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            causes.add(cause.toString());
        }
        return causes;
    }

    @Test
    void aWorkerThatCannotStartIsSaidInOneLineAndTheBuildsJvmGenerates() throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("file"), "");

        Path output = generate(
                new CodegenWorkerClient(() -> notADirectory.resolve("workers"), IDLE, IN_BUILD_JVM, log), "fallback");

        assertEquals(contents(generate(CodegenJvm.IN_PROCESS, "in-process")), contents(output));
        assertEquals(
                1,
                log.lines().stream()
                        .filter(line -> line.contains("doing it in the build's JVM"))
                        .count(),
                log.text());
    }

    @Test
    void aWorkersDirectoryTooDeepForASocketPathKeepsTheSocketInAPrivateTemporaryDirectory() throws IOException {
        Path deep = directory.resolve("a-local-repository-of-a-checkout-so-deep-that-a-unix-socket-path-would-not-fit");
        Path output = generate(new CodegenWorkerClient(() -> deep, IDLE, IN_BUILD_JVM, log), "deep");

        assertEquals(contents(generate(CodegenJvm.IN_PROCESS, "in-process")), contents(output));
        assertTrue(log.text().contains(" ms " + CodegenWorkerClient.WHERE + ")"), log.text());
        Path sockets = Path.of(
                System.getProperty("java.io.tmpdir"),
                "migrate-workers-" + Files.getAttribute(Path.of(System.getProperty("user.home")), "unix:uid"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sockets)));
    }

    @Test
    void aBuildDoesNotWaitForABusyWorkerAndOneThatSaysNothingIsDropped() throws Exception {
        CodegenWorkerClient worker = new CodegenWorkerClient(this::workers, IDLE, IN_BUILD_JVM, log);
        Path expected = generate(worker, "first");

        try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket()))) {
            // the worker now waits for this connection's request, as it would while serving another build
            Path output = generate(worker, "busy");
            assertEquals(contents(expected), contents(output));
            assertTrue(log.text().contains("it is busy with another build); doing it in the build's JVM"), log.text());

            // the worker drops a connection that sends no request within its peer timeout
            awaitGenerationInWorker(worker);
        }
    }

    @Test
    void aBuildThatStopsReadingIsDroppedAndTheNextBuildsFindTheWorkerFree() throws Exception {
        CodegenWorkerClient worker = new CodegenWorkerClient(this::workers, IDLE, IN_BUILD_JVM, log);
        generate(worker, "first");
        Path migrations = Files.createDirectories(directory.resolve("chatty"));
        // more notices than a socket buffer holds: Flyway logs each, and the worker sends each to a build at -X
        Files.writeString(
                migrations.resolve("V1__chatty.sql"),
                "DO $$ BEGIN FOR i IN 1..20000 LOOP" + " RAISE NOTICE '%', repeat('x', 500); END LOOP; END $$;");
        PGSimpleDataSource database = (PGSimpleDataSource) TestPostgres.server().dataSource(TestPostgres.newDatabase());

        try (SocketChannel stopped = SocketChannel.open(UnixDomainSocketAddress.of(socket()))) {
            ObjectOutputStream out = new ObjectOutputStream(Channels.newOutputStream(stopped));
            out.writeObject(new Request(
                    new Upgrade(
                            new Migrations(List.of("filesystem:" + migrations), List.of(), Map.of(), Map.of(), null)),
                    new Address(database.getURL(), database.getUser(), null, "chatty"),
                    List.of(),
                    true));
            out.flush();
            // and reads nothing, like a build stopped with Ctrl-Z while the worker works for it
            awaitGenerationInWorker(worker);
        }
    }

    @Test
    void anIdleWorkerLeavesAndTheNextBuildStartsAnother() throws IOException {
        CodegenWorkerClient shortLived =
                new CodegenWorkerClient(this::workers, Duration.ofSeconds(1), IN_BUILD_JVM, log);
        generate(shortLived, "first");
        Path socket = socket();
        await(() -> !Files.exists(socket), "the idle worker leaves and takes its socket");

        generate(shortLived, "second");
        assertEquals(
                2,
                log.lines().stream()
                        .filter(line -> line.contains("Started the codegen worker"))
                        .count(),
                log.text());
    }

    @Test
    void aWorkerStoppedWithSigtermRemovesItsSocket() throws Exception {
        generate(new CodegenWorkerClient(this::workers, IDLE, IN_BUILD_JVM, log), "first");
        Path socket = socket();
        ProcessHandle process = startedWorkers().findFirst().orElseThrow();

        assertTrue(process.destroy(), "SIGTERM sent");
        process.onExit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertFalse(Files.exists(socket), socket.toString());
    }

    @Test
    void theWorkerKeepsNoSecretOfTheBuildsEnvironment() throws IOException {
        CodegenWorkerClient worker = new CodegenWorkerClient(this::workers, IDLE, IN_BUILD_JVM, log);
        Map<String, String> environment = new TreeMap<>(System.getenv());
        environment.put("MIGRATE_PASSWORD", "env-s3cret");
        environment.put("MAVEN_CMD_LINE_ARGS", "verify -Dmigrate.password=cli-s3cret");
        environment.put("LC_ALL", "C.UTF-8");
        worker.environment = environment;
        generate(worker, "first");
        long pid = startedWorkers().findFirst().orElseThrow().pid();

        String workerEnvironment = Files.readString(Path.of("/proc", String.valueOf(pid), "environ"));
        String commandLine = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"));
        List<String> names = Arrays.stream(workerEnvironment.split("\0"))
                .map(entry -> entry.split("=", 2)[0])
                .toList();
        assertTrue(names.contains("LC_ALL") && names.contains("PATH"), names.toString());
        assertEquals(
                List.of(),
                names.stream()
                        .filter(name ->
                                !CodegenWorkerClient.WORKER_ENVIRONMENT.contains(name) && !name.startsWith("LC_"))
                        .toList(),
                "only what Java needs");
        for (String secret : List.of("s3cret", "migrate.password")) {
            assertFalse(workerEnvironment.contains(secret), secret);
            assertFalse(commandLine.contains(secret), secret);
        }
    }

    @Test
    void anObjectOfAnotherClassIsRefusedBeforeItIsMadeAndTheWorkerServesOn() throws Exception {
        CodegenWorkerClient worker = new CodegenWorkerClient(this::workers, IDLE, IN_BUILD_JVM, log);
        generate(worker, "first");
        Path madeMarker = directory.resolve("intruder-was-made");

        try (SocketChannel intruder = SocketChannel.open(UnixDomainSocketAddress.of(socket()))) {
            try {
                ObjectOutputStream out = new ObjectOutputStream(Channels.newOutputStream(intruder));
                out.writeObject(new Intruder(madeMarker.toString()));
                out.flush();
            } catch (IOException hungUpWhileWriting) {
                // the worker refuses the class as soon as it reads its name, maybe before the rest is written
            }
            assertThrows(
                    IOException.class,
                    () -> new ObjectInputStream(Channels.newInputStream(intruder)).readObject(),
                    "the worker hangs up");
        }
        assertFalse(Files.exists(madeMarker), "the intruder's readObject never ran");
        generate(worker, "after");
        assertEquals(
                2,
                log.lines().stream()
                        .filter(line -> line.contains(" ms " + CodegenWorkerClient.WHERE + ")"))
                        .count(),
                log.text());

        // and the build reads the worker's answers through the same filter
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Intruder(madeMarker.toString()));
        }
        assertThrows(
                InvalidClassException.class,
                () -> WorkerMessages.input(new ByteArrayInputStream(bytes.toByteArray()))
                        .readObject());
        assertFalse(Files.exists(madeMarker), "the intruder's readObject never ran");
    }

    @Test
    void classPathEntriesOthersCouldWriteOrNotLocalAreRefusedAndTheBuildsJvmGenerates() throws IOException {
        Path shared = Files.createDirectories(directory.resolve("shared-classes"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path own = Files.createDirectories(directory.resolve("own-classes"));
        CodegenWorkerClient worker = new CodegenWorkerClient(this::workers, IDLE, IN_BUILD_JVM, log);

        for (URL refused : List.of(shared.toUri().toURL(), new URL("http://127.0.0.1:9/classes.jar"))) {
            Path output =
                    generate(worker, new URL[] {own.toUri().toURL(), refused}, "refused-" + refused.getProtocol());
            assertEquals(contents(generate(CodegenJvm.IN_PROCESS, "in-process")), contents(output));
        }
        assertEquals(
                1,
                log.lines().stream()
                        .filter(
                                line -> line.contains("it refused the work: refused the class" + " path entry " + shared
                                                + ": owned by uid ")
                                        && line.contains(
                                                ", rwxrwxrwx; only this user's (or"
                                                        + " root's) files that nobody else can write are loaded); doing it in the build's JVM"))
                        .count(),
                log.text());
        assertEquals(
                1,
                log.lines().stream()
                        .filter(
                                line -> line.contains(
                                        "it refused the work: refused the class"
                                                + " path entry http://127.0.0.1:9/classes.jar: not a local file); doing it in the build's JVM"))
                        .count(),
                log.text());
        assertEquals(
                0,
                log.lines().stream()
                        .filter(line -> line.contains(" ms " + CodegenWorkerClient.WHERE + ")"))
                        .count(),
                log.text());
        assertEquals(
                List.of(own.toUri().toURL()),
                Arrays.asList(CodegenWorker.trusted(List.of(
                        own.toUri().toURL(),
                        directory.resolve("not-built-yet").toUri().toURL()))));
    }

    @Test
    void aWorkerRefusesToServeFromADirectoryOthersCanEnter() throws Exception {
        Path open = Files.createDirectories(directory.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process worker = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CodegenWorker.class.getName(),
                        open.resolve("worker.sock").toString(),
                        "600",
                        open.toString())
                .redirectErrorStream(true)
                .start();
        try {
            assertTrue(worker.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the worker refuses and leaves");
            assertEquals(1, worker.exitValue());
            assertTrue(new String(worker.getInputStream().readAllBytes())
                    .contains(open + " is not a directory that only this user can enter"));
            assertFalse(Files.exists(open.resolve("worker.sock")));
        } finally {
            worker.destroy();
        }
    }

    @Test
    void aConnectionFromAnotherUserIsRefusedByItsPeerCredentials() throws IOException {
        Path socket = Files.createDirectories(directory.resolve("peer")).resolve("peer.sock");
        UserPrincipal me = Files.getOwner(directory);
        UserPrincipal nobody =
                directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                    SocketChannel accepted = server.accept()) {
                CodegenWorker.requireSameUser(accepted, me);
                IOException refused =
                        assertThrows(IOException.class, () -> CodegenWorker.requireSameUser(accepted, nobody));
                assertEquals(
                        "refused a connection from " + me.getName() + ": the worker serves nobody only",
                        refused.getMessage());
            }
        }
    }

    /** A serializable class the worker has no business reading: reading one leaves a file behind. */
    static final class Intruder implements Serializable {

        private final String marker;

        Intruder(String marker) {
            this.marker = marker;
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            Files.createFile(Path.of(marker));
        }
    }

    private Path generate(CodegenJvm runner, String name) {
        return generate(runner, (GeneratorXml) null, name);
    }

    private Path generate(CodegenJvm runner, GeneratorXml generator, String name) {
        return generate(runner, generator, new URL[0], name);
    }

    private Path generate(CodegenJvm runner, URL[] projectClassPath, String name) {
        return generate(runner, null, projectClassPath, name);
    }

    private Path generate(CodegenJvm runner, GeneratorXml generator, URL[] projectClassPath, String name) {
        Path project = directory.resolve(name);
        CodegenSettings settings = new CodegenSettings(
                generator,
                List.of(),
                CodegenSettings.DEFAULT_HISTORY_TABLE,
                project,
                Path.of("target/generated-sources/jooq"),
                "com.example");
        try (URLClassLoader projectClassLoader =
                new URLClassLoader(projectClassPath, getClass().getClassLoader())) {
            JooqGenerator.generate(schema, settings, projectClassLoader, runner, log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return settings.outputDirectory();
    }

    private Stream<ProcessHandle> startedWorkers() {
        return log.lines().stream()
                .map(STARTED::matcher)
                .filter(Matcher::find)
                .map(started -> ProcessHandle.of(Long.parseLong(started.group(1))))
                .flatMap(Optional::stream);
    }

    private Path workers() {
        return directory.resolve("workers");
    }

    private Path socket() throws IOException {
        try (Stream<Path> files = Files.list(workers())) {
            return files.filter(file -> file.toString().endsWith(".sock"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    /** Generates until a generation is done in the worker: a worker that serves nobody any more fails the test. */
    private void awaitGenerationInWorker(CodegenWorkerClient worker) {
        int attempts = 0;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            long before = generationsInWorker();
            generate(worker, "attempt-" + ++attempts);
            if (generationsInWorker() > before) {
                return;
            }
        }
        throw new AssertionError("the worker did not serve again within " + PATIENCE + ":\n" + log.text());
    }

    private long generationsInWorker() {
        return log.lines().stream()
                .filter(line -> line.contains(" ms " + CodegenWorkerClient.WHERE + ")"))
                .count();
    }

    /** Polls {@code condition}; fails when it does not hold within {@link #PATIENCE}. */
    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
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
