package dev.migrate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs whole Maven invocations the way a developer does, against the benchmark's private local repository, and
 * measures each: wall time, and the peak memory of the Maven JVM through GNU time.
 */
final class MavenRunner {

    private static final long TIMEOUT_MINUTES = 15;
    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    private final Path mvn;
    private final Path settings;
    private final Path localRepository;
    private final Path logs;
    private int invocations;

    MavenRunner(Path mvn, Path settings, Path localRepository, Path logs) {
        this.mvn = mvn;
        this.settings = settings;
        this.localRepository = localRepository;
        this.logs = logs;
    }

    /** A measured offline run; a failed build stops the benchmark with its log. */
    Measurement measure(Path project, String... arguments) {
        return run(project, true, true, false, arguments);
    }

    /** A measured offline run as a CI server runs it: with the environment variable {@code CI} set. */
    Measurement measureOnCi(Path project, String... arguments) {
        return run(project, true, false, true, arguments);
    }

    /** A measured offline run whose INFO lines stay in its log, for numbers the plugin reports itself. */
    Measurement measureWithLog(Path project, String... arguments) {
        return run(project, true, false, false, arguments);
    }

    /** An unmeasured online run that fills the private repository with what the project needs. */
    void prepare(Path project, String... arguments) {
        run(project, false, true, false, arguments);
    }

    private Measurement run(Path project, boolean offline, boolean quiet, boolean ci, String... arguments) {
        invocations++;
        Path log = logs.resolve(String.format("%04d-%s.log", invocations, project.getFileName()));
        Path rss = logs.resolve(String.format("%04d-%s.rss", invocations, project.getFileName()));
        List<String> command = new ArrayList<>();
        boolean timed = Files.isExecutable(GNU_TIME);
        if (timed) {
            command.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rss.toString()));
        }
        command.addAll(
                List.of(mvn.toString(), "-B", "-s", settings.toString(), "-Dmaven.repo.local=" + localRepository));
        if (quiet) {
            command.add("-q");
        }
        if (offline) {
            command.add("-o");
        }
        command.addAll(List.of(arguments));
        try {
            Files.createDirectories(logs);
            Files.writeString(log, (ci ? "CI=true " : "") + String.join(" ", command) + "\n");
            ProcessBuilder builder = new ProcessBuilder(command);
            if (ci) {
                builder.environment().put("CI", "true");
            } else {
                builder.environment().remove("CI");
            }
            long started = System.nanoTime();
            Process process = builder.directory(project.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new BenchmarkFailure(
                        "Maven did not finish in " + TIMEOUT_MINUTES + " min in " + project + "; see " + log);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (process.exitValue() != 0) {
                throw new BenchmarkFailure("Maven failed in " + project + " (" + String.join(" ", arguments) + "); see "
                        + log + ":\n" + tail(log));
            }
            return new Measurement(millis, timed ? Long.parseLong(lastLine(rss)) : 0, log);
        } catch (IOException e) {
            throw new BenchmarkFailure("Cannot run Maven in " + project + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("Interrupted", e);
        }
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.get(lines.size() - 1).strip();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
