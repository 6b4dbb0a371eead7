package dev.migrate.embedded;

import dev.migrate.connection.ConnectionFactory;
import dev.migrate.connection.ConnectionSettings;
import dev.migrate.embedded.ClusterTemplate.Purpose;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.MigrateException;
import dev.migrate.files.Directories;
import dev.migrate.files.PrivateFiles;
import dev.migrate.log.BuildLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A PostgreSQL server that the plugin starts from the embedded binaries: either persistent (the development database,
 * kept between builds) or throwaway (deleted when closed). Only the user who started it can log in: every connection
 * needs the cluster's password ({@link ClusterSecret}). It does not outlive its build's JVM for long, even one killed
 * with {@code kill -9}: a watchdog process stops it, and the next build cleans up what is left ({@link ServerRecords}).
 */
public final class EmbeddedServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    public static final String DEFAULT_DATABASE = "postgres";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final String LOG_FILE = "postgres.log";
    /** PostgreSQL writes its control file at this fixed size (PG_CONTROL_FILE_SIZE). */
    private static final long PG_CONTROL_SIZE = 8192;
    /** Under the binaries cache: the cluster templates, one per PostgreSQL version. */
    private static final String TEMPLATES_DIRECTORY = "templates";
    /**
     * fsync is off for every server, as zonky always had it ({@code -F}): a development database is rebuilt from its
     * migrations, and a process crash loses nothing without fsync, only a crash of the machine does.
     */
    private static final Map<String, String> PERSISTENT_SETTINGS = Map.of("fsync", "off");
    /** Nothing in a throwaway or cache cluster must survive a crash, so do not pay for durability. */
    private static final Map<String, String> DISPOSABLE_SETTINGS = Map.of("fsync", "off", "full_page_writes", "off");

    private final Started started;
    private final DirectoryLock lock;
    private final Path throwawayRoot;

    private final Thread stopOnExit = new Thread(this::close, "migrate-embedded-postgres-stop");
    private boolean closed;

    /** A server that runs: its process, its cluster's password file and its record among the running servers. */
    private record Started(PostgresProcess postgres, Path passwordFile, String password, ServerRecords.Server record) {

        @Override
        public String toString() {
            return "Started[port=" + postgres.port() + ", passwordFile=" + passwordFile + "]"; // never the password
        }
    }

    private EmbeddedServer(Started started, DirectoryLock lock, Path throwawayRoot) {
        this.started = started;
        this.lock = lock;
        this.throwawayRoot = throwawayRoot;
        // the one hook that stops the server when the build is interrupted (Ctrl-C)
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Whether the binaries of {@code settings} are extracted and verified, so that starting a server extracts nothing.
     * zonky logs the extraction through SLF4J, which a JVM outside Maven may not have (the codegen worker's): such a
     * JVM leaves the first start to the build's JVM.
     */
    public static boolean binariesExtracted(EmbeddedSettings settings) {
        return ZonkyBinaries.areExtracted(
                new JarBinaryResolver(settings.binaries().archive()), settings.binariesCache());
    }

    /**
     * Starts the persistent server whose cluster lives in {@code dataDirectory}, creating the cluster on first use. A
     * second build that wants the same directory waits for the first one to finish. A cluster whose creation did not
     * finish (a full disk) is created again, and one made by an older plugin without a password gets one, each with
     * a log line.
     */
    public static EmbeddedServer startPersistent(EmbeddedSettings settings, Path dataDirectory, BuildLog log) {
        DirectoryLock lock = DirectoryLock.acquire(
                lockFileBeside(dataDirectory), settings.lockTimeout(), "the embedded database", log);
        try {
            ClusterTemplate.removeUnfinishedCopies(dataDirectory);
            String damage = visibleDamage(dataDirectory);
            if (damage != null) {
                log.info("The embedded database in " + dataDirectory + " is incomplete (" + damage + "), as a"
                        + " creation that did not finish leaves it: creating it again");
                Directories.deleteRecursively(dataDirectory);
            }
            Started started = start(settings, dataDirectory, logFileBeside(dataDirectory), true, null, log);
            return new EmbeddedServer(started, lock, null);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Starts a server whose cluster in {@code dataDirectory} is a cache that the next build can rebuild: kept between
     * builds but not durable (no fsync). Empty, at once, when another build is using the directory.
     */
    static Optional<EmbeddedServer> startCache(EmbeddedSettings settings, Path dataDirectory, BuildLog log) {
        return DirectoryLock.tryAcquire(lockFileBeside(dataDirectory))
                .map(lock -> startCacheLocked(settings, dataDirectory, lock, log));
    }

    /** A cache cluster that does not start (corrupt, or half-deleted) is rebuilt from the template, once. */
    private static EmbeddedServer startCacheLocked(
            EmbeddedSettings settings, Path dataDirectory, DirectoryLock lock, BuildLog log) {
        Path logFile = logFileBeside(dataDirectory);
        try {
            ClusterTemplate.removeUnfinishedCopies(dataDirectory);
            String damage = visibleDamage(dataDirectory);
            if (damage == null
                    && !isEmpty(dataDirectory)
                    && ClusterSecret.read(dataDirectory).isEmpty()) {
                damage = "it has no password, made by an older version of the plugin";
            }
            if (damage != null) {
                log.info("The cached PostgreSQL cluster " + dataDirectory + " is damaged (" + damage
                        + "): rebuilding it");
                Directories.deleteRecursively(dataDirectory);
            }
            Started started;
            try {
                started = start(settings, dataDirectory, logFile, false, null, log);
            } catch (EnvironmentFailureException e) {
                log.info("The cached PostgreSQL cluster " + dataDirectory + " did not start ("
                        + e.getMessage().lines().findFirst().orElse("") + "): rebuilding it");
                Directories.deleteRecursively(dataDirectory);
                started = start(settings, dataDirectory, logFile, false, null, log);
            }
            return new EmbeddedServer(started, lock, null);
        } catch (IOException e) {
            lock.close();
            throw new EnvironmentFailureException("Cannot read " + dataDirectory + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static Path logFileBeside(Path dataDirectory) {
        return besideDirectory(dataDirectory, ".log");
    }

    private static Path lockFileBeside(Path dataDirectory) {
        return besideDirectory(dataDirectory, ".lock");
    }

    private static Path besideDirectory(Path dataDirectory, String suffix) {
        return dataDirectory.toAbsolutePath().getParent().resolve(dataDirectory.getFileName() + suffix);
    }

    /** Starts a server on a new, empty cluster under {@code workDirectory}; closing it deletes every file it made. */
    public static EmbeddedServer startThrowaway(EmbeddedSettings settings, Path workDirectory, BuildLog log) {
        Path root = workDirectory.resolve("throwaway-" + UUID.randomUUID());
        try {
            PrivateFiles.directory(root);
            Started started = start(settings, root.resolve("data"), root.resolve(LOG_FILE), false, root, log);
            return new EmbeddedServer(started, null, root);
        } catch (RuntimeException e) {
            Directories.deleteRecursively(root);
            throw e;
        }
    }

    /**
     * @param durable       whether the cluster is the development database, which gets a password if an older
     *                      plugin made it without one
     * @param throwawayRoot what to delete with the server, or null
     */
    private static Started start(
            EmbeddedSettings settings,
            Path dataDirectory,
            Path logFile,
            boolean durable,
            Path throwawayRoot,
            BuildLog log) {
        ServerRecords.Server record = null;
        try {
            long started = System.nanoTime();
            ServerRecords.reapOrphans(settings.binariesCache(), log);
            Path binariesDirectory = ZonkyBinaries.extracted(
                    new JarBinaryResolver(settings.binaries().archive()), settings.binariesCache(), log);
            if (isEmpty(dataDirectory)) {
                new ClusterTemplate(
                                settings.binariesCache().resolve(TEMPLATES_DIRECTORY),
                                binariesDirectory,
                                settings.binaries().version(),
                                durable ? Purpose.DEVELOPMENT : Purpose.DISPOSABLE,
                                settings.lockTimeout())
                        .copyTo(dataDirectory, log);
            }
            String password = password(binariesDirectory, dataDirectory, durable, log);
            record = ServerRecords.Server.starting(settings.binariesCache(), dataDirectory, throwawayRoot);
            PostgresProcess postgres = PostgresProcess.start(
                    binariesDirectory,
                    dataDirectory,
                    settings.port(),
                    durable ? PERSISTENT_SETTINGS : DISPOSABLE_SETTINGS,
                    logFile,
                    STARTUP_TIMEOUT);
            record = record.started(postgres.handle());
            log.debug("Embedded PostgreSQL " + settings.binaries().version() + " started in "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms on port " + postgres.port());
            return new Started(postgres, ClusterSecret.file(dataDirectory).toAbsolutePath(), password, record);
        } catch (MigrateException e) {
            removeRecord(record);
            throw e; // already says what went wrong: waiting for the template too long, or creating it failed
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            // ExceptionInInitializerError: how zonky reports an archive it cannot extract
            removeRecord(record);
            throw new EnvironmentFailureException(
                    "The embedded PostgreSQL " + settings.binaries().version() + " did not start in " + dataDirectory
                            + ": " + rootMessage(e) + lastLines(logFile),
                    e);
        }
    }

    private static void removeRecord(ServerRecords.Server record) {
        if (record != null) {
            record.remove();
        }
    }

    /**
     * The cluster's password. A development database made by an older plugin has none and let every local user in
     * (trust): it gets one now, with a log line.
     */
    private static String password(Path binariesDirectory, Path dataDirectory, boolean durable, BuildLog log)
            throws IOException {
        Optional<String> password = ClusterSecret.read(dataDirectory);
        if (password.isPresent() || !durable) {
            return password.orElseThrow(() -> new EnvironmentFailureException(
                    "The PostgreSQL cluster " + dataDirectory + " has no password file " + ClusterSecret.FILE_NAME
                            + ": delete it",
                    null));
        }
        PostgresProcess.clearLeftovers(binariesDirectory, dataDirectory); // single-user mode refuses either
        ClusterSecret.require(binariesDirectory, dataDirectory);
        log.info("The embedded database in " + dataDirectory + " let any local user log in without a password (an"
                + " older version of the plugin made it so): it now requires the password in "
                + ClusterSecret.file(dataDirectory));
        return ClusterSecret.read(dataDirectory).orElseThrow();
    }

    /**
     * What makes a kept cluster unable to start, seen without starting it (a server that does not start costs the
     * whole startup timeout); null when nothing is seen.
     */
    private static String visibleDamage(Path dataDirectory) {
        try {
            if (isEmpty(dataDirectory)) {
                return null;
            }
            if (!Files.isRegularFile(dataDirectory.resolve("PG_VERSION"))) {
                return "no PG_VERSION";
            }
            Path control = dataDirectory.resolve("global").resolve("pg_control");
            return Files.isRegularFile(control) && Files.size(control) == PG_CONTROL_SIZE
                    ? null
                    : "global/pg_control is missing or truncated";
        } catch (IOException e) {
            return "it cannot be read: " + e.getMessage();
        }
    }

    private static boolean isEmpty(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return true;
        }
        try (Stream<Path> children = Files.list(directory)) {
            return children.findAny().isEmpty();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String lastLines(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return lines.isEmpty()
                    ? ""
                    : "\nLast lines of " + logFile + ":\n"
                            + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    public int port() {
        return started.postgres().port();
    }

    /**
     * Whether this server still runs on the cluster in {@code dataDirectory}: its process lives, and the cluster's
     * {@code postmaster.pid} names it. A cluster deleted since ({@code mvn clean}), or deleted and made again by
     * another build's server, does not: the server's files are gone from under it.
     */
    boolean runsOn(Path dataDirectory) {
        ProcessHandle process = started.postgres().handle();
        try (Stream<String> lines = Files.lines(dataDirectory.resolve("postmaster.pid"))) {
            return process.isAlive()
                    && lines.findFirst().map(String::strip).equals(Optional.of(Long.toString(process.pid())));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** A URL a user can paste into a SQL client while the server runs, with the password in {@link #passwordFile}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database + "?user=" + SUPERUSER;
    }

    /** The pgpass file that holds the password, readable by the user who started the server only. */
    public Path passwordFile() {
        return started.passwordFile();
    }

    /** What a client needs to log in to {@code database}, the password included (never printed by its toString). */
    public ConnectionSettings connectionSettings(String database) {
        return new ConnectionSettings(jdbcUrl(database), SUPERUSER, started.password());
    }

    public DataSource dataSource(String database) {
        return ConnectionFactory.forLocalServer(
                new EmbeddedDataSource(started.passwordFile()), port(), database, SUPERUSER, started.password());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != stopOnExit) {
            removeShutdownHook();
        }
        try {
            started.postgres().stop();
        } catch (IOException e) {
            throw new EnvironmentFailureException("Stopping the embedded PostgreSQL failed: " + e.getMessage(), e);
        } finally {
            if (throwawayRoot != null) {
                Directories.deleteRecursively(throwawayRoot);
            }
            started.record().remove();
            if (lock != null) {
                lock.close();
            }
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs and finds the server closed
        }
    }
}
