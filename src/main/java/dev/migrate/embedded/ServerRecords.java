package dev.migrate.embedded;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.files.AtomicFile;
import dev.migrate.files.Directories;
import dev.migrate.files.PrivateFiles;
import dev.migrate.log.BuildLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The embedded servers this user's builds are running, one file each under the binaries cache (owner-only), so that a
 * build killed with {@code kill -9} leaves nothing for good: the next build that starts a server, in any project and
 * after {@code mvn clean} too, stops the servers whose build JVM is gone and deletes their throwaway directories. A
 * server's own watchdog ({@link PostgresProcess}) usually stopped it already; the record is what finds its files.
 *
 * <p>A record holds the build JVM's process id and start time (a process id alone may have been reused), the
 * server's, its data directory and the directory to delete, if any. It is written before the server starts and
 * removed after the server stopped.
 */
final class ServerRecords {

    private static final String DIRECTORY = "servers";
    private static final String SUFFIX = ".server";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private ServerRecords() {}

    /** A server about to start on {@code dataDirectory}; {@code throwawayRoot} (or null) is deleted with it. */
    record Server(
            Path file,
            long jvmPid,
            long jvmStart,
            long serverPid,
            long serverStart,
            Path dataDirectory,
            Path throwawayRoot) {

        static Server starting(Path binariesCache, Path dataDirectory, Path throwawayRoot) {
            ProcessHandle jvm = ProcessHandle.current();
            Path file = PrivateFiles.directory(binariesCache.resolve(DIRECTORY)).resolve(UUID.randomUUID() + SUFFIX);
            Server server = new Server(
                    file,
                    jvm.pid(),
                    startMillis(jvm),
                    0,
                    0,
                    dataDirectory.toAbsolutePath(),
                    throwawayRoot == null ? null : throwawayRoot.toAbsolutePath());
            server.write();
            return server;
        }

        /** The same record, with the server's process once it runs. */
        Server started(ProcessHandle process) {
            Server started = new Server(
                    file, jvmPid, jvmStart, process.pid(), startMillis(process), dataDirectory, throwawayRoot);
            started.write();
            return started;
        }

        void remove() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the next build finds the record, sees this JVM gone and the server stopped, and removes it
            }
        }

        private void write() {
            try {
                AtomicFile.writeString(
                        file,
                        String.join(
                                "\n",
                                "jvm " + jvmPid + " " + jvmStart,
                                "server " + serverPid + " " + serverStart,
                                "data " + dataDirectory,
                                "delete " + (throwawayRoot == null ? "" : throwawayRoot),
                                ""));
            } catch (IOException e) {
                throw new EnvironmentFailureException(
                        "Cannot record the embedded PostgreSQL in " + file + ": " + e.getMessage(), e);
            }
        }

        static Optional<Server> read(Path file) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                String[] jvm = lines.get(0).split(" ");
                String[] server = lines.get(1).split(" ");
                String delete = lines.get(3).substring("delete ".length());
                return Optional.of(new Server(
                        file,
                        Long.parseLong(jvm[1]),
                        Long.parseLong(jvm[2]),
                        Long.parseLong(server[1]),
                        Long.parseLong(server[2]),
                        Path.of(lines.get(2).substring("data ".length())),
                        delete.isEmpty() ? null : Path.of(delete)));
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // removed meanwhile by the build that owns it, or not a record
            }
        }

        boolean buildIsGone() {
            return !isRunning(jvmPid, jvmStart);
        }
    }

    /**
     * Stops the servers of builds that are gone and deletes their throwaway directories, saying so in one line each.
     * Another build doing the same at the same time takes each record first or leaves it.
     */
    static void reapOrphans(Path binariesCache, BuildLog log) {
        Path directory = binariesCache.resolve(DIRECTORY);
        if (!Files.isDirectory(directory)) {
            return;
        }
        PrivateFiles.check(directory);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(file -> file.getFileName().toString().endsWith(SUFFIX))
                    .toList()) {
                Server.read(file).filter(Server::buildIsGone).ifPresent(orphan -> reap(orphan, log));
            }
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void reap(Server orphan, BuildLog log) {
        Path claimed = orphan.file().resolveSibling(orphan.file().getFileName() + ".reaping-" + UUID.randomUUID());
        try {
            Files.move(orphan.file(), claimed, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return; // another build took it
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot take " + orphan.file() + ": " + e.getMessage(), e);
        }
        boolean stopped = stopServer(orphan);
        if (orphan.throwawayRoot() != null) {
            Directories.deleteRecursively(orphan.throwawayRoot());
        }
        try {
            Files.delete(claimed);
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot delete " + claimed + ": " + e.getMessage(), e);
        }
        log.info("Cleaned up after a build that was killed (process " + orphan.jvmPid() + "): "
                + (stopped
                        ? "stopped its embedded PostgreSQL (process " + orphan.serverPid() + ")"
                        : "its embedded" + " PostgreSQL had stopped")
                + (orphan.throwawayRoot() == null
                        ? ", kept " + orphan.dataDirectory()
                        : ", deleted " + orphan.throwawayRoot()));
    }

    /** Stops the orphan's server if it still runs; whether it did. */
    private static boolean stopServer(Server orphan) {
        Optional<ProcessHandle> server = ProcessHandle.of(orphan.serverPid())
                .filter(process -> isRunning(orphan.serverPid(), orphan.serverStart()))
                .filter(process -> PostgresProcess.runsOn(process, orphan.dataDirectory()))
                // killed before its server was recorded: the server's own postmaster.pid names it
                .or(() -> PostgresProcess.serverOf(orphan.dataDirectory()));
        if (server.isEmpty()) {
            return false;
        }
        server.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown, at once since its clients died with the build
        try {
            server.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            server.get().destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailureException("Interrupted while stopping an orphaned embedded PostgreSQL", e);
        }
        return true;
    }

    /** Whether the process {@code pid} started at {@code startMillis} still runs (not another one with its id). */
    private static boolean isRunning(long pid, long startMillis) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(process -> startMillis == 0 || startMillis(process) == 0 || startMillis(process) == startMillis)
                .orElse(false);
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
