package dev.migrate.embedded;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@code postgres} server process, started straight from the extracted binaries and stopped with a fast shutdown.
 * Doing this without zonky's {@code EmbeddedPostgres} is what makes a start take ~100 ms rather than ~500 ms: zonky
 * probes the platform the first time a JVM starts a server (three child processes), starts through
 * {@code pg_ctl -w} and then polls for readiness, both every 100 ms.
 */
final class PostgresProcess {

    /** The settings zonky passed to every server it started, which the plugin keeps. */
    private static final Map<String, String> SERVER_SETTINGS = Map.of(
            "timezone", "UTC",
            "synchronous_commit", "off",
            "max_connections", "300",
            "listen_addresses", "localhost",
            // TCP only: a server leaves no socket files in /tmp, and clients never need one
            "unix_socket_directories", "");

    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** postmaster.pid: line 1 is the pid, line 8 the status, {@code ready} once it accepts connections (PG 10+). */
    private static final String PID_FILE = "postmaster.pid";

    private static final int PID_LINE = 0;
    private static final int STATUS_LINE = 7;

    private static final boolean WINDOWS =
            System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("windows");
    /** Whether PostgreSQL programs need {@code unshare -U}: decided once per JVM, without starting a process. */
    private static final boolean IN_USER_NAMESPACE = isRoot() && onPath("unshare");

    private final Process process;
    /** Stops the server when the build's JVM is gone; kept referenced, because its pipe closes with it. */
    private final Process watchdog;

    private final Path dataDirectory;
    private final int port;

    private PostgresProcess(Process process, Process watchdog, Path dataDirectory, int port) {
        this.process = process;
        this.watchdog = watchdog;
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /**
     * The command line that runs {@code program} of the extracted binaries. PostgreSQL refuses to run as root, so
     * then it runs in a user namespace, as zonky does.
     */
    static List<String> command(Path binariesDirectory, String program) {
        List<String> command = new ArrayList<>();
        if (IN_USER_NAMESPACE) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binariesDirectory
                .resolve("bin")
                .resolve(WINDOWS ? program + ".exe" : program)
                .toString());
        return command;
    }

    /**
     * Starts a server on the cluster in {@code dataDirectory} and returns once it accepts connections.
     *
     * @param port     the port, or 0 for any free one
     * @param settings settings on top of the plugin's fixed ones
     * @param logFile  where the server's output is appended
     * @throws IOException when the server exits or is not ready within {@code timeout}; the log file says why
     */
    static PostgresProcess start(
            Path binariesDirectory,
            Path dataDirectory,
            int port,
            Map<String, String> settings,
            Path logFile,
            Duration timeout)
            throws IOException {
        dataDirectory = dataDirectory.toAbsolutePath(); // as written in the command line that finds an orphan
        int actualPort = port == 0 ? freePort() : port;
        clearLeftovers(binariesDirectory, dataDirectory);
        List<String> command = command(binariesDirectory, "postgres");
        command.addAll(List.of("-D", dataDirectory.toString(), "-p", Integer.toString(actualPort)));
        for (Map<String, String> group : List.of(SERVER_SETTINGS, settings)) {
            group.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        PostgresProcess server;
        try {
            server = new PostgresProcess(process, WINDOWS ? null : watchdog(process.pid()), dataDirectory, actualPort);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        server.awaitReady(timeout);
        return server;
    }

    /**
     * A shell that waits on its standard input, a pipe whose other end only this JVM holds: when the JVM ends in any
     * way, {@code kill -9} too, the pipe closes and the shell asks the server for a fast shutdown. A stopped server's
     * watchdog is ended first, so it never signals a process id that another process may have taken since.
     */
    private static Process watchdog(long serverPid) throws IOException {
        return new ProcessBuilder("sh", "-c", "read -r ignored; kill -INT " + serverPid)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    int port() {
        return port;
    }

    /** The server's process, for the record of running servers. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** A fast shutdown: open connections are cut, as {@code pg_ctl stop -m fast} does. */
    void stop() throws IOException {
        if (watchdog != null) {
            watchdog.destroy();
        }
        if (!process.isAlive()) {
            return;
        }
        if (WINDOWS) {
            process.destroy();
        } else {
            // SIGINT is PostgreSQL's fast shutdown; Process.destroy() sends SIGTERM, a smart one that waits for clients
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("PostgreSQL did not stop within " + STOP_TIMEOUT.toSeconds() + " s: killed it");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while PostgreSQL stopped: killed it", e);
        }
    }

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!isReady()) {
                if (!process.isAlive()) {
                    throw new IOException("PostgreSQL exited with code " + process.exitValue() + " while starting");
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(
                            "PostgreSQL was not ready for connections within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            if (watchdog != null) {
                watchdog.destroy();
            }
            throw new IOException("Interrupted while PostgreSQL started", e);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            if (watchdog != null) {
                watchdog.destroy();
            }
            throw e;
        }
    }

    /** Ready when its own postmaster.pid, not one left by an earlier server, says so. */
    private boolean isReady() {
        List<String> lines = pidFile(dataDirectory);
        return lines.size() > STATUS_LINE
                && lines.get(PID_LINE).strip().equals(Long.toString(process.pid()))
                && lines.get(STATUS_LINE).strip().equals("ready");
    }

    /**
     * Stops the server that an earlier build left running on {@code dataDirectory} when it was killed: the caller
     * holds the directory's lock, so no build of this plugin is using that server. A postmaster.pid whose process is
     * gone needs nothing: PostgreSQL then starts anyway.
     */
    private static void stopOrphan(Path binariesDirectory, Path dataDirectory) throws IOException {
        Optional<ProcessHandle> orphan = serverOf(dataDirectory);
        if (orphan.isEmpty()) {
            return;
        }
        List<String> command = command(binariesDirectory, "pg_ctl");
        command.addAll(List.of(
                "-D",
                dataDirectory.toString(),
                "stop",
                "-m",
                "fast",
                "-w",
                "-t",
                Long.toString(STOP_TIMEOUT.toSeconds())));
        try {
            Process stop = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!stop.waitFor(STOP_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS) || stop.exitValue() != 0) {
                throw new IOException(
                        "Cannot stop the PostgreSQL server (pid " + orphan.get().pid()
                                + ") that an earlier build left running on " + dataDirectory + ": stop it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping an earlier PostgreSQL server", e);
        }
    }

    /** The live server whose postmaster.pid is in {@code dataDirectory}: a process started on that directory. */
    static Optional<ProcessHandle> serverOf(Path dataDirectory) {
        List<String> lines = pidFile(dataDirectory);
        return lines.isEmpty()
                ? Optional.empty()
                : parsePid(lines.get(PID_LINE))
                        .flatMap(ProcessHandle::of)
                        .filter(process -> runsOn(process, dataDirectory));
    }

    /** Whether {@code process} is a server started on {@code dataDirectory} (its command line names it). */
    static boolean runsOn(ProcessHandle process, Path dataDirectory) {
        return process.isAlive()
                && process.info()
                        .arguments()
                        .map(List::of)
                        .orElse(List.of())
                        .contains(dataDirectory.toAbsolutePath().toString());
    }

    /**
     * Stops a server that a killed build left running on {@code dataDirectory} and removes a postmaster.pid that no
     * server holds; the caller holds the directory's lock.
     */
    static void clearLeftovers(Path binariesDirectory, Path dataDirectory) throws IOException {
        stopOrphan(binariesDirectory, dataDirectory.toAbsolutePath());
        removeStalePidFile(dataDirectory);
    }

    /**
     * A postmaster.pid that no server of this directory holds (the caller has the directory's lock, and any orphan
     * is stopped): left by a crash, empty after a full disk, or naming a process id that another process has taken
     * since. PostgreSQL refuses to start on the last two, so it goes.
     */
    private static void removeStalePidFile(Path dataDirectory) throws IOException {
        Files.deleteIfExists(dataDirectory.resolve(PID_FILE));
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<String> pidFile(Path dataDirectory) {
        try {
            return Files.readAllLines(dataDirectory.resolve(PID_FILE));
        } catch (IOException e) {
            return List.of(); // not written yet, or gone
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The effective user id from /proc (Linux, where it matters); elsewhere, not root. */
    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .anyMatch(line -> line.split("\\s+")[2].equals("0"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null
                && List.of(path.split(File.pathSeparator)).stream()
                        .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }
}
