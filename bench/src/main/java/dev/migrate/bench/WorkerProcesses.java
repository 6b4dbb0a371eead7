package dev.migrate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The plugin's codegen workers that the measured builds started: a JVM of its own that outlives each build, so its
 * memory is not in the Maven process's peak and is reported beside it; stopped when the benchmark ends.
 */
final class WorkerProcesses {

    private static final String MAIN_CLASS = "dev.migrate.codegen.worker.CodegenWorker";

    private WorkerProcesses() {}

    /** The highest peak resident memory (VmHWM) of the running workers, in KiB; 0 when none runs. */
    static long peakRssKib() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(MAIN_CLASS))
                .mapToLong(WorkerProcesses::highWaterMarkKib)
                .max()
                .orElse(0);
    }

    private static long highWaterMarkKib(ProcessHandle process) {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"));
            return status.stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst()
                    .orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0; // gone, or not Linux
        }
    }

    /** Deleting a worker's socket file makes it leave within a second. */
    static void stopAll(Path repository) {
        Path workers = repository.resolve(".cache/migrate-maven-plugin/workers");
        if (!Files.isDirectory(workers)) {
            return;
        }
        try (Stream<Path> files = Files.list(workers)) {
            for (Path socket :
                    files.filter(file -> file.toString().endsWith(".sock")).toList()) {
                Files.deleteIfExists(socket);
            }
        } catch (IOException e) {
            throw new BenchmarkFailure("Cannot stop the codegen workers in " + workers + ": " + e.getMessage(), e);
        }
    }
}
