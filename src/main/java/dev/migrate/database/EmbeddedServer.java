package dev.migrate.database;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
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

    private final EmbeddedPostgres postgres;
    private final DirectoryLock lock;
    private final Path throwawayRoot;

    private EmbeddedServer(EmbeddedPostgres postgres, DirectoryLock lock, Path throwawayRoot) {
        this.postgres = postgres;
        this.lock = lock;
        this.throwawayRoot = throwawayRoot;
    }

    /**
     * Starts the persistent server whose cluster lives in {@code dataDirectory}, creating the cluster on first use. A
     * second build that wants the same directory waits for the first one to finish.
     */
    public static EmbeddedServer startPersistent(EmbeddedSettings settings, Path dataDirectory, BuildLog log) {
        Path parent = dataDirectory.toAbsolutePath().getParent();
        DirectoryLock lock = DirectoryLock.acquire(parent.resolve(dataDirectory.getFileName() + ".lock"),
                settings.lockTimeout(), log);
        try {
            EmbeddedPostgres postgres = start(settings, dataDirectory, parent.resolve(dataDirectory.getFileName() + ".log"),
                    false, log);
            return new EmbeddedServer(postgres, lock, null);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Starts a server on a new, empty cluster under {@code workDirectory}; closing it deletes every file it made. */
    public static EmbeddedServer startThrowaway(EmbeddedSettings settings, Path workDirectory, BuildLog log) {
        Path root = workDirectory.resolve("throwaway-" + UUID.randomUUID());
        try {
            EmbeddedPostgres postgres = start(settings, root.resolve("data"), root.resolve(LOG_FILE), true, log);
            return new EmbeddedServer(postgres, null, root);
        } catch (RuntimeException e) {
            Directories.deleteRecursively(root);
            throw e;
        }
    }

    private static EmbeddedPostgres start(EmbeddedSettings settings, Path dataDirectory, Path logFile, boolean throwaway,
            BuildLog log) {
        ZonkyEnvironment.prepare(settings.binariesCache());
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(new JarBinaryResolver(settings.binaries().archive()))
                    .setOverrideWorkingDirectory(settings.binariesCache().toFile())
                    .setDataDirectory(dataDirectory)
                    // zonky would delete the data directory with commons-io from a shutdown hook; this class deletes
                    // a throwaway's whole root itself on close
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(STARTUP_TIMEOUT)
                    .setLocaleConfig("locale", "C")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            if (throwaway) {
                // nothing in a throwaway cluster must survive a crash, so do not pay for durability
                builder.setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off");
            }
            long started = System.nanoTime();
            EmbeddedPostgres postgres = builder.start();
            log.debug("Embedded PostgreSQL " + settings.binaries().version() + " started in "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms on port " + postgres.getPort());
            return postgres;
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            throw new EnvironmentFailureException("The embedded PostgreSQL " + settings.binaries().version()
                    + " did not start in " + dataDirectory + ": " + rootMessage(e) + lastLines(logFile), e);
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
        return postgres.getPort();
    }

    /** A URL a user can paste into a SQL client while the server runs. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database + "?user=" + SUPERUSER;
    }

    public DataSource dataSource(String database) {
        return ConnectionFactory.forLocalServer(port(), database, SUPERUSER);
    }

    @Override
    public void close() {
        try {
            postgres.close();
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

    /** An exclusive lock on a file next to a data directory, held while a build uses the directory. */
    private record DirectoryLock(FileChannel channel, FileLock lock) implements AutoCloseable {

        private static final long POLL_MILLIS = 200;

        static DirectoryLock acquire(Path lockFile, Duration timeout, BuildLog log) {
            try {
                Files.createDirectories(lockFile.getParent());
                FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                long deadline = System.nanoTime() + timeout.toNanos();
                boolean announced = false;
                while (true) {
                    FileLock lock = tryLock(channel);
                    if (lock != null) {
                        return new DirectoryLock(channel, lock);
                    }
                    if (System.nanoTime() > deadline) {
                        channel.close();
                        throw new UserMistakeException("Another build has been using " + lockFile.getParent()
                                + " for more than " + timeout.toSeconds() + " s. Wait for it to finish, or stop it,"
                                + " then run the goal again.");
                    }
                    if (!announced) {
                        log.info("Waiting for another build that uses the embedded database (" + lockFile + ")");
                        announced = true;
                    }
                    sleep();
                }
            } catch (IOException e) {
                throw new EnvironmentFailureException("Cannot lock " + lockFile + ": " + e.getMessage(), e);
            }
        }

        private static FileLock tryLock(FileChannel channel) throws IOException {
            try {
                return channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                return null; // held by another build in this JVM
            }
        }

        private static void sleep() {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnvironmentFailureException("Interrupted while waiting for the embedded database", e);
            }
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new EnvironmentFailureException("Cannot release " + channel + ": " + e.getMessage(), e);
            }
        }
    }
}
