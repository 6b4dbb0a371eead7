package dev.migrate.codegen.worker;

import dev.migrate.log.BuildLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The codegen workers this user's builds started for one workers directory (one local repository), found among the
 * user's processes by their main class and arguments: {@code migrate:worker-status} lists them,
 * {@code migrate:worker-stop} stops them. Workers of other users, and of other local repositories, are never touched.
 */
public final class CodegenWorkers {

    /** How long a worker gets to leave after SIGTERM before it is killed. */
    private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(10);

    private CodegenWorkers() {}

    /** A running worker: its process, its socket, and how much memory it holds (where the platform says). */
    public record Worker(ProcessHandle process, Path socket, Optional<Long> residentKib) {

        String describe() {
            Optional<Instant> started = process.info().startInstant();
            return "pid " + process.pid()
                    + residentKib
                            .map(kib -> ", " + kib / 1024 + " MiB resident")
                            .orElse("")
                    + started.map(instant -> ", started " + instant).orElse("") + ", socket " + socket;
        }
    }

    /** This user's workers started for {@code workersDirectory}. */
    public static List<Worker> list(Path workersDirectory) {
        String directory = workersDirectory.toAbsolutePath().normalize().toString();
        Optional<String> user = ProcessHandle.current().info().user();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().user().equals(user) && user.isPresent())
                .map(process -> worker(process, directory))
                .flatMap(Optional::stream)
                .toList();
    }

    /** Logs one line per worker of {@code workersDirectory}, or one saying there is none. */
    public static void status(Path workersDirectory, BuildLog log) {
        List<Worker> workers = list(workersDirectory);
        if (workers.isEmpty()) {
            log.info(none(workersDirectory));
        }
        workers.forEach(worker -> log.info("Codegen worker: " + worker.describe()));
    }

    /**
     * Stops the workers of {@code workersDirectory}: SIGTERM, on which a worker removes its socket and leaves, and a
     * kill for one that does not leave within {@link #LEAVE_TIMEOUT}. A build it is working for does the work in its
     * own JVM. Logs one line per worker.
     */
    public static void stop(Path workersDirectory, BuildLog log) {
        List<Worker> workers = list(workersDirectory);
        if (workers.isEmpty()) {
            log.info(none(workersDirectory));
        }
        for (Worker worker : workers) {
            String description = worker.describe();
            worker.process().destroy();
            if (!left(worker.process())) {
                worker.process().destroyForcibly();
                deleteSocket(worker.socket());
                left(worker.process());
            }
            log.info("Stopped the codegen worker (" + description + ")");
        }
    }

    private static String none(Path workersDirectory) {
        return "No codegen worker of this user runs for " + workersDirectory;
    }

    private static boolean left(ProcessHandle process) {
        try {
            process.onExit().get(LEAVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void deleteSocket(Path socket) {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // the next build that starts a worker replaces it
        }
    }

    /**
     * The worker a process is, if it is one of {@code directory}: {@code java ... CodegenWorker <socket> <idle>
     * <workers directory>}, as {@link CodegenWorkerClient} starts it.
     */
    private static Optional<Worker> worker(ProcessHandle process, String directory) {
        List<String> arguments = arguments(process);
        int main = arguments.indexOf(CodegenWorker.class.getName());
        if (main < 0 || arguments.size() != main + 4 || !Objects.equals(arguments.get(main + 3), directory)) {
            return Optional.empty();
        }
        return Optional.of(new Worker(process, Path.of(arguments.get(main + 1)), residentKib(process.pid())));
    }

    /**
     * A process's arguments, without the command. On Linux from {@code /proc/<pid>/cmdline}: Java reads only its
     * first page there, and has no arguments for a command line as long as a worker's class path.
     */
    private static List<String> arguments(ProcessHandle process) {
        Path commandLine = Path.of("/proc", String.valueOf(process.pid()), "cmdline");
        try {
            List<String> all = Arrays.asList(Files.readString(commandLine).split("\0"));
            return all.subList(Math.min(1, all.size()), all.size());
        } catch (IOException | RuntimeException e) {
            return process.info().arguments().map(Arrays::asList).orElse(List.of());
        }
    }

    /** VmRSS of {@code /proc/<pid>/status}, on Linux. */
    private static Optional<Long> residentKib(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
