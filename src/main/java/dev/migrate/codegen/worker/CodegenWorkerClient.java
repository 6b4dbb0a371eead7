package dev.migrate.codegen.worker;

import dev.migrate.codegen.CachedGeneration;
import dev.migrate.codegen.CodegenJvm;
import dev.migrate.codegen.JooqRun;
import dev.migrate.codegen.worker.WorkerMessages.Accepted;
import dev.migrate.codegen.worker.WorkerMessages.Address;
import dev.migrate.codegen.worker.WorkerMessages.DigestCatalog;
import dev.migrate.codegen.worker.WorkerMessages.Done;
import dev.migrate.codegen.worker.WorkerMessages.Failed;
import dev.migrate.codegen.worker.WorkerMessages.Generate;
import dev.migrate.codegen.worker.WorkerMessages.GenerateOnCachedSchema;
import dev.migrate.codegen.worker.WorkerMessages.Job;
import dev.migrate.codegen.worker.WorkerMessages.LogLine;
import dev.migrate.codegen.worker.WorkerMessages.Migrations;
import dev.migrate.codegen.worker.WorkerMessages.Refused;
import dev.migrate.codegen.worker.WorkerMessages.Request;
import dev.migrate.codegen.worker.WorkerMessages.Upgrade;
import dev.migrate.database.OpenDatabase;
import dev.migrate.embedded.EmbeddedDataSource;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.UserMistakeException;
import dev.migrate.files.Directories;
import dev.migrate.files.PrivateFiles;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.UpgradeResult;
import dev.migrate.preload.ClassPreload;
import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Does the Flyway and jOOQ work of the jOOQ classes in the {@link CodegenWorker} that serves this plugin's class path
 * on this machine, starting it when there is none. Only work on a database reached without a password goes there
 * (the embedded server's): a password never leaves the build's JVM. Anything wrong with
 * the worker itself (it does not start, dies, or answers nonsense) is said in one line, and the generation runs in the
 * build's JVM instead; a generation that fails fails the build, as it would in the build's JVM.
 */
public final class CodegenWorkerClient implements CodegenJvm {

    static final String WHERE = "in the codegen worker";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(20);
    /** A worker that does not take a request at once is busy with another build, which this one does not wait for. */
    private static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(5);
    /** A Unix socket's path has at most 104 (macOS) or 108 (Linux) bytes; the file name takes 21 of them. */
    private static final int MAX_SOCKET_DIRECTORY = 80;

    /** The names {@link #workerEnvironment} keeps, besides the locale's {@code LC_*}. */
    static final Set<String> WORKER_ENVIRONMENT =
            Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "JAVA_HOME");

    private final Supplier<Path> workersDirectory;
    private final Duration idleTimeout;
    private final String inBuildJvmHint;
    private final BuildLog buildLog;
    private Location location;
    /** The build's environment, which the worker gets only a little of; a field so that tests can add secrets. */
    Map<String, String> environment = System.getenv();
    /**
     * The worker's class path, read when a worker starts: the libraries are in the plugin's realm only once a goal
     * needs them. A field so that tests can take away what a test JVM has and a plugin's realm does not.
     */
    Supplier<List<Path>> classPath = CodegenWorkerClient::ownClassPath;

    /**
     * @param workersDirectory where workers keep their sockets and logs, shared by all builds of the user; asked for
     *                         only when there is work
     * @param idleTimeout      how long a worker waits for the next build's work before it leaves
     * @param inBuildJvmHint   how the user runs jOOQ in the build's JVM instead, in the caller's terms, for the line
     *                         that says a worker started
     * @param buildLog         the build's log, which says when a worker starts or fails; the work's own lines go to
     *                         the log each call is given
     */
    public CodegenWorkerClient(
            Supplier<Path> workersDirectory, Duration idleTimeout, String inBuildJvmHint, BuildLog buildLog) {
        this.workersDirectory = workersDirectory;
        this.idleTimeout = idleTimeout;
        this.inBuildJvmHint = inBuildJvmHint;
        this.buildLog = buildLog;
    }

    /** How long a worker started by this client waits for the next build's work. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * The worker does the Flyway and jOOQ work; this JVM connects only to a database whose work it hands over, to
     * check it is there (the development database, whose server starts meanwhile).
     */
    @Override
    public void preload() {
        ClassPreload.start(CodegenWorkerClient.class.getClassLoader(), ClassPreload.DRIVER);
    }

    @Override
    public Optional<CachedGeneration.Result> generateOnCachedSchema(CachedGeneration generation, BuildLog log) {
        // a worker that dies half-way leaves the cached schema unmarked, and its cluster to the build's JVM
        Optional<Done> done = inWorker(
                GenerateOnCachedSchema.of(generation),
                null,
                generation.migrations().classLoader(),
                log);
        if (done.isPresent()) {
            return Optional.ofNullable((CachedGeneration.Result) done.get().result())
                    .map(result -> result.in(WHERE));
        }
        emptyDirectory(Path.of(generation.run().directory()));
        return IN_PROCESS.generateOnCachedSchema(generation, log);
    }

    @Override
    public String catalogDigest(OpenDatabase database, ClassLoader projectClassLoader, BuildLog log) {
        Optional<Done> done = inWorker(new DigestCatalog(), database, projectClassLoader, log);
        return done.isPresent()
                ? (String) done.get().result()
                : IN_PROCESS.catalogDigest(database, projectClassLoader, log);
    }

    @Override
    public UpgradeResult upgrade(OpenDatabase database, MigrationSettings migrations, BuildLog log) {
        // a worker that dies half-way leaves Flyway's history as it is: the build's JVM goes on from there
        Optional<Done> done = inWorker(new Upgrade(Migrations.of(migrations)), database, migrations.classLoader(), log);
        return done.isPresent() ? (UpgradeResult) done.get().result() : IN_PROCESS.upgrade(database, migrations, log);
    }

    @Override
    public String generate(DataSource dataSource, JooqRun run, ClassLoader projectClassLoader, BuildLog log) {
        if (inWorker(new Generate(run), OpenDatabase.kept(dataSource, "the jOOQ database"), projectClassLoader, log)
                .isPresent()) {
            return WHERE;
        }
        emptyDirectory(Path.of(run.directory()));
        return IN_PROCESS.generate(dataSource, run, projectClassLoader, log);
    }

    /**
     * Has the worker do {@code job}, on {@code database} (null for a job that needs none); empty when the job is not
     * for the worker (a password, a class loader without a class path) or the worker did not do it (said in one
     * line), so that the build's JVM does it.
     *
     * @throws UserMistakeException        when the job failed with a user's mistake, as in the build's JVM
     * @throws EnvironmentFailureException when the job failed for another reason, as in the build's JVM
     */
    private Optional<Done> inWorker(Job job, OpenDatabase database, ClassLoader projectClassLoader, BuildLog log) {
        Optional<Address> address = database == null ? Optional.empty() : address(database);
        if ((database != null && address.isEmpty()) || !(projectClassLoader instanceof URLClassLoader project)) {
            return Optional.empty();
        }
        Request request = new Request(job, address.orElse(null), List.of(project.getURLs()), log.isDebugEnabled());
        try (SocketChannel channel = connectOrStart()) {
            return Optional.of(exchange(channel, request, log));
        } catch (IOException | ClassNotFoundException | IllegalStateException | UnsupportedOperationException e) {
            buildLog.info("The codegen worker did not do the work (" + e + "); doing it in the build's JVM");
            return Optional.empty();
        }
    }

    /** The database as the worker is told about it; empty when it needs a password from the build's JVM. */
    private static Optional<Address> address(OpenDatabase database) {
        Optional<PGSimpleDataSource> told = postgres(database.dataSource());
        String passwordFile = told.orElse(null) instanceof EmbeddedDataSource embedded
                ? embedded.passwordFile().toString()
                : null;
        if (told.isEmpty() || (told.get().getPassword() != null && passwordFile == null)) {
            return Optional.empty();
        }
        return Optional.of(
                new Address(told.get().getURL(), told.get().getUser(), passwordFile, database.displayName()));
    }

    private static Done exchange(SocketChannel channel, Request request, BuildLog log)
            throws IOException, ClassNotFoundException {
        ObjectOutputStream out = new ObjectOutputStream(Channels.newOutputStream(channel));
        out.writeObject(request);
        out.flush();
        ObjectInputStream in = awaitAcceptance(channel);
        while (true) {
            Object message = in.readObject();
            if (message instanceof LogLine line) {
                log.log(line.level(), line.text());
            } else if (message instanceof Done done) {
                return done;
            } else if (message instanceof Failed failed) {
                throw failed.rebuilt();
            } else {
                throw new IOException("unexpected answer " + message);
            }
        }
    }

    /**
     * The data source as the worker can be told about it: a plain PostgreSQL one, or the embedded server's, which the
     * development database's wraps while that server starts.
     */
    private static Optional<PGSimpleDataSource> postgres(DataSource dataSource) {
        if (dataSource instanceof PGSimpleDataSource postgres) {
            return Optional.of(postgres);
        }
        try {
            return dataSource.isWrapperFor(EmbeddedDataSource.class)
                    ? Optional.of(dataSource.unwrap(EmbeddedDataSource.class))
                    : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** Waits for {@link Accepted}: closing the channel after the timeout ends the blocking read with an exception. */
    private static ObjectInputStream awaitAcceptance(SocketChannel channel) throws IOException, ClassNotFoundException {
        Thread closer = new Thread(
                () -> {
                    try {
                        Thread.sleep(ACCEPT_TIMEOUT.toMillis());
                        channel.close();
                    } catch (InterruptedException | IOException e) {
                        // accepted in time, or closed anyway
                    }
                },
                "migrate-codegen-worker-accept-timeout");
        closer.setDaemon(true);
        closer.start();
        try {
            ObjectInputStream in = WorkerMessages.input(Channels.newInputStream(channel));
            Object answer = in.readObject();
            if (answer instanceof Refused refused) {
                throw new IOException("it refused the work: " + refused.reason());
            }
            if (!(answer instanceof Accepted)) {
                throw new IOException("it answered something else than taking the request");
            }
            return in;
        } catch (IOException e) {
            throw channel.isOpen() ? e : new IOException("it is busy with another build", e);
        } finally {
            closer.interrupt();
        }
    }

    /** The worker of this class path, started first when none answers; builds starting one take turns. */
    private SocketChannel connectOrStart() throws IOException {
        Location worker = location();
        Optional<SocketChannel> running = connect(worker.socket());
        if (running.isPresent()) {
            return running.get();
        }
        try (FileChannel lockFile =
                        FileChannel.open(worker.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = lockFile.lock()) {
            running = connect(worker.socket());
            if (running.isPresent()) {
                return running.get();
            }
            return start(worker);
        }
    }

    /** Where the worker of this class path is, and what it runs: worked out once for the build's several jobs. */
    private record Location(List<Path> classPath, Path workers, Path socket, Path lockFile, Path logFile) {}

    private synchronized Location location() throws IOException {
        if (location == null) {
            List<Path> classPath = this.classPath.get();
            String key = WorkerKey.of();
            Path workers = workersDirectory.get().toAbsolutePath().normalize();
            PrivateFiles.enterableByOwnerOnly(workers);
            location = new Location(
                    classPath,
                    workers,
                    socketDirectory(workers).resolve(key + ".sock"),
                    workers.resolve(key + ".lock"),
                    workers.resolve(key + ".log"));
        }
        return location;
    }

    /**
     * Where the socket goes: beside the logs, unless that path is too long for a Unix socket (about 100 bytes on
     * Linux and macOS), as in a deep checkout's local repository; then in a directory of the user's own under the
     * temporary directory, as tmux does, used only when it is the user's and nobody else can enter it.
     */
    private static Path socketDirectory(Path workers) throws IOException {
        if (workers.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_DIRECTORY) {
            return workers;
        }
        Path shortDirectory =
                Path.of(System.getProperty("java.io.tmpdir"), "migrate-workers-" + PrivateFiles.currentUid());
        PrivateFiles.enterableByOwnerOnly(shortDirectory);
        return shortDirectory;
    }

    private SocketChannel start(Location worker) throws IOException {
        long started = System.nanoTime();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a small heap when idle: the serial collector gives back what a large schema needed
                "-XX:+UseSerialGC",
                "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30",
                "-cp",
                String.join(
                        File.pathSeparator,
                        worker.classPath().stream().map(Path::toString).toList()),
                CodegenWorker.class.getName(),
                worker.socket().toString(),
                Long.toString(idleTimeout.toSeconds()),
                worker.workers().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(worker.logFile().toFile()));
        builder.environment().clear();
        builder.environment().putAll(workerEnvironment(environment));
        Process process = builder.start();
        process.getOutputStream().close();
        long deadline = started + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            Optional<SocketChannel> connected = connect(worker.socket());
            if (connected.isPresent()) {
                buildLog.info("Started the codegen worker (pid " + process.pid() + ") in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms: it keeps jOOQ warm for the next builds"
                        + " and leaves after " + describe(idleTimeout) + " idle; " + inBuildJvmHint);
                return connected.get();
            }
            pause();
        }
        process.destroy();
        throw new IOException("it did not start within " + START_TIMEOUT.toSeconds() + " s; see " + worker.logFile());
    }

    private static String describe(Duration duration) {
        return duration.toMinutes() > 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }

    private static Optional<SocketChannel> connect(Path socket) {
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
        } catch (IOException e) {
            return Optional.empty(); // a socket file left by a worker that is gone
        }
    }

    /** The plugin's own class path: Maven's plugin realm, or the JVM's class path outside Maven (tests). */
    static List<Path> ownClassPath() {
        List<Path> entries = new ArrayList<>();
        if (CodegenWorker.class.getClassLoader() instanceof URLClassLoader realm) {
            for (URL url : realm.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalStateException("Cannot read the plugin's class path entry " + url, e);
                }
            }
        } else {
            Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .map(Path::of)
                    .forEach(entries::add);
        }
        return entries;
    }

    /**
     * What the worker keeps of the build's environment: what Java needs to find its way (the locale, the time zone,
     * the user's home and temporary directory), and nothing else. The worker outlives the build by its idle time, and
     * the build's environment may hold secrets (a password in a variable, Maven's {@code MAVEN_CMD_LINE_ARGS} with a
     * password given on the command line, a CI token); none of them reaches the worker.
     */
    static Map<String, String> workerEnvironment(Map<String, String> buildEnvironment) {
        Map<String, String> kept = new TreeMap<>(buildEnvironment);
        kept.keySet().removeIf(name -> !WORKER_ENVIRONMENT.contains(name) && !name.startsWith("LC_"));
        return kept;
    }

    private static void emptyDirectory(Path directory) {
        Directories.deleteRecursively(directory);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot recreate " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the codegen worker started", e);
        }
    }
}
