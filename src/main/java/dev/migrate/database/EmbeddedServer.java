package dev.migrate.database;

import dev.migrate.database.ClusterTemplate.Purpose;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.MigrateException;
import dev.migrate.files.Directories;
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
 * kept between builds) or throwaway (deleted when closed).
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

    private final PostgresProcess postgres;
    private final DirectoryLock lock;
    private final Path throwawayRoot;

    private final Thread stopOnExit = new Thread(this::close, "migrate-embedded-postgres-stop");
    private boolean closed;

    private EmbeddedServer(PostgresProcess postgres, DirectoryLock lock, Path throwawayRoot) {
        this.postgres = postgres;
        this.lock = lock;
        this.throwawayRoot = throwawayRoot;
        // the one hook that stops the server when the build is interrupted (Ctrl-C)
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts the persistent server whose cluster lives in {@code dataDirectory}, creating the cluster on first use. A
     * second build that wants the same directory waits for the first one to finish.
     */
    public static EmbeddedServer startPersistent(EmbeddedSettings settings, Path dataDirectory, BuildLog log) {
        DirectoryLock lock = DirectoryLock.acquire(lockFileBeside(dataDirectory),
                settings.lockTimeout(), "the embedded database", log);
        try {
            PostgresProcess postgres = start(settings, dataDirectory, logFileBeside(dataDirectory), true, log);
            return new EmbeddedServer(postgres, lock, null);
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
    private static EmbeddedServer startCacheLocked(EmbeddedSettings settings, Path dataDirectory, DirectoryLock lock,
            BuildLog log) {
        Path logFile = logFileBeside(dataDirectory);
        try {
            String damage = visibleDamage(dataDirectory);
            if (damage != null) {
                log.info("The cached PostgreSQL cluster " + dataDirectory + " is damaged (" + damage
                        + "): rebuilding it");
                Directories.deleteRecursively(dataDirectory);
            }
            PostgresProcess postgres;
            try {
                postgres = start(settings, dataDirectory, logFile, false, log);
            } catch (EnvironmentFailureException e) {
                log.info("The cached PostgreSQL cluster " + dataDirectory + " did not start ("
                        + e.getMessage().lines().findFirst().orElse("") + "): rebuilding it");
                Directories.deleteRecursively(dataDirectory);
                postgres = start(settings, dataDirectory, logFile, false, log);
            }
            return new EmbeddedServer(postgres, lock, null);
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
            PostgresProcess postgres = start(settings, root.resolve("data"), root.resolve(LOG_FILE), false, log);
            return new EmbeddedServer(postgres, null, root);
        } catch (RuntimeException e) {
            Directories.deleteRecursively(root);
            throw e;
        }
    }

    private static PostgresProcess start(EmbeddedSettings settings, Path dataDirectory, Path logFile, boolean durable,
            BuildLog log) {
        try {
            long started = System.nanoTime();
            Path binariesDirectory = ZonkyBinaries.extracted(new JarBinaryResolver(settings.binaries().archive()),
                    settings.binariesCache());
            if (isEmpty(dataDirectory)) {
                new ClusterTemplate(settings.binariesCache().resolve(TEMPLATES_DIRECTORY), binariesDirectory,
                        settings.binaries().version(), durable ? Purpose.DEVELOPMENT : Purpose.DISPOSABLE,
                        settings.lockTimeout()).copyTo(dataDirectory, log);
            }
            PostgresProcess postgres = PostgresProcess.start(binariesDirectory, dataDirectory, settings.port(),
                    durable ? PERSISTENT_SETTINGS : DISPOSABLE_SETTINGS, logFile, STARTUP_TIMEOUT);
            log.debug("Embedded PostgreSQL " + settings.binaries().version() + " started in "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms on port " + postgres.port());
            return postgres;
        } catch (MigrateException e) {
            throw e; // already says what went wrong: waiting for the template too long, or creating it failed
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            // ExceptionInInitializerError: how zonky reports an archive it cannot extract
            throw new EnvironmentFailureException("The embedded PostgreSQL " + settings.binaries().version()
                    + " did not start in " + dataDirectory + ": " + rootMessage(e) + lastLines(logFile), e);
        }
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
            return Files.isRegularFile(control) && Files.size(control) == PG_CONTROL_SIZE ? null
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
            return lines.isEmpty() ? "" : "\nLast lines of " + logFile + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    public int port() {
        return postgres.port();
    }

    /** A URL a user can paste into a SQL client while the server runs. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database + "?user=" + SUPERUSER;
    }

    public DataSource dataSource(String database) {
        return ConnectionFactory.forLocalServer(port(), database, SUPERUSER);
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
            postgres.stop();
        } catch (IOException e) {
            throw new EnvironmentFailureException("Stopping the embedded PostgreSQL failed: " + e.getMessage(), e);
        } finally {
            if (throwawayRoot != null) {
                Directories.deleteRecursively(throwawayRoot);
            }
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
