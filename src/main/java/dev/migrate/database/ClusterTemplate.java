package dev.migrate.database;

import dev.migrate.digest.Sha256;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.files.Directories;
import dev.migrate.log.BuildLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A pristine PostgreSQL cluster, made by initdb once per PostgreSQL version, purpose and initdb options and kept next
 * to the extracted binaries. A new cluster is a copy of it (~50 ms) instead of a fresh initdb (~1 s), which is what
 * makes an embedded server ready in well under a second.
 *
 * <p>The template is built in a temporary directory and moved into place, under a lock that other builds and threads
 * respect; an incomplete or corrupt template is detected (marker file, {@code PG_VERSION}) and rebuilt.
 */
final class ClusterTemplate {

    /** What zonky's initdb would run with the plugin's locale; a change of options makes another template. */
    static final List<String> INITDB_OPTIONS = List.of("-A", "trust", "-U", EmbeddedServer.SUPERUSER, "-E", "UTF-8",
            "--locale=C");

    /** What the clusters copied from a template are for, which decides how lean it can be. */
    enum Purpose {
        /** The development database: kept, and used by people and tools too, so a cluster as initdb makes it. */
        DEVELOPMENT(List.of(), ""),
        /**
         * Throwaway and cached clusters, which only this plugin uses: 1 MB WAL segments instead of 16 MB, and no
         * template0, which nothing here creates a database from. That is a third fewer files and 60% fewer bytes to
         * copy for every new cluster.
         */
        DISPOSABLE(List.of("--wal-segsize=1"),
                "ALTER DATABASE template0 IS_TEMPLATE false;\nDROP DATABASE template0;\n");

        private final List<String> initdbOptions;
        private final String statements;

        Purpose(List<String> initdbOptions, String statements) {
            this.initdbOptions = initdbOptions;
            this.statements = statements;
        }
    }

    /** Written last, so that a template without it is one whose creation did not finish. */
    private static final String COMPLETE_MARKER = "migrate-template-complete";

    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);

    private final Path templates;
    private final Path binariesDirectory;
    private final String version;
    private final Purpose purpose;
    private final Duration lockTimeout;

    /**
     * @param templates         the directory holding every template, shared by all builds on the machine
     * @param binariesDirectory the extracted binaries whose initdb makes the template
     * @param version           the full version of those binaries, e.g. {@code 17.6.0}
     * @param purpose           what the copies are for
     * @param lockTimeout       how long to wait for another build that is creating the template
     */
    ClusterTemplate(Path templates, Path binariesDirectory, String version, Purpose purpose, Duration lockTimeout) {
        this.templates = templates;
        this.binariesDirectory = binariesDirectory;
        this.version = version;
        this.purpose = purpose;
        this.lockTimeout = lockTimeout;
    }

    /** The template's directory: {@code <version>-<hash of the initdb options and the purpose's statements>}. */
    Path directory() {
        return templates.resolve(version + "-" + optionsHash());
    }

    /** Fills the empty {@code dataDirectory} with a new cluster, creating the template first if needed. */
    void copyTo(Path dataDirectory, BuildLog log) {
        Path template = directory();
        try (DirectoryLock lock = DirectoryLock.acquire(templates.resolve(template.getFileName() + ".lock"),
                lockTimeout, "the PostgreSQL cluster template", log)) {
            String problem = problem(template);
            if (problem != null) {
                if (Files.exists(template)) {
                    log.info("Rebuilding the PostgreSQL cluster template " + template + ": " + problem);
                }
                create(template, log);
            }
            copyTree(template, dataDirectory);
        }
    }

    /** Why the template cannot be used, or null when it can. */
    private String problem(Path template) {
        if (!Files.isDirectory(template)) {
            return "it does not exist";
        }
        if (!Files.exists(template.resolve(COMPLETE_MARKER))) {
            return "its creation did not finish";
        }
        String major = version.substring(0, version.indexOf('.') < 0 ? version.length() : version.indexOf('.'));
        try {
            String actual = Files.readString(template.resolve("PG_VERSION"), StandardCharsets.UTF_8).strip();
            return actual.equals(major) ? null : "its PG_VERSION is " + actual + ", not " + major;
        } catch (IOException e) {
            return "its PG_VERSION cannot be read";
        }
    }

    private void create(Path template, BuildLog log) {
        long started = System.nanoTime();
        removeLeftovers(template);
        Path building = templates.resolve(template.getFileName() + ".building-" + UUID.randomUUID());
        try {
            initdb(building);
            if (!purpose.statements.isEmpty()) {
                runSingleUser(building, purpose.statements);
            }
            Files.writeString(building.resolve(COMPLETE_MARKER), description() + "\n");
            Files.move(building, template, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot create the PostgreSQL cluster template " + template + ": "
                    + e.getMessage(), e);
        } finally {
            Directories.deleteRecursively(building);
        }
        log.debug("Created the PostgreSQL cluster template " + template + " in "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
    }

    /** Under the lock, any other directory of this template is a broken one or a creation that died half-way. */
    private void removeLeftovers(Path template) {
        try (Stream<Path> children = Files.list(templates)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (Files.isDirectory(child) && (child.equals(template)
                        || name.startsWith(template.getFileName() + ".building-"))) {
                    Directories.deleteRecursively(child);
                }
            }
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot clean " + templates + ": " + e.getMessage(), e);
        }
    }

    private void initdb(Path dataDirectory) throws IOException {
        List<String> command = PostgresProcess.command(binariesDirectory, "initdb");
        command.addAll(INITDB_OPTIONS);
        command.addAll(purpose.initdbOptions);
        command.addAll(List.of("-D", dataDirectory.toString()));
        run("initdb", command, dataDirectory, null);
    }

    /** Runs SQL statements, one a line, in PostgreSQL's single-user mode: no server, no port, and any error fails. */
    private void runSingleUser(Path dataDirectory, String statements) throws IOException {
        List<String> command = PostgresProcess.command(binariesDirectory, "postgres");
        command.addAll(List.of("--single", "-D", dataDirectory.toString(), "-F", "-c", "exit_on_error=on",
                "template1"));
        run("PostgreSQL in single-user mode", command, dataDirectory, statements);
    }

    /** Runs a program of the binaries to its end, feeding it {@code standardInput} when not null. */
    private void run(String what, List<String> command, Path dataDirectory, String standardInput)
            throws IOException {
        Path output = templates.resolve(dataDirectory.getFileName() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        try (var stdin = process.getOutputStream()) {
            if (standardInput != null) {
                stdin.write(standardInput.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            if (!process.waitFor(INITDB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(what + " did not finish in " + INITDB_TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(what + " failed with exit code " + process.exitValue() + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + what + " ran", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void copyTree(Path template, Path dataDirectory) {
        try {
            List<Path> files = new ArrayList<>();
            Files.walkFileTree(template, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
                        throws IOException {
                    Files.createDirectories(dataDirectory.resolve(template.relativize(directory).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (!file.getFileName().toString().equals(COMPLETE_MARKER)) {
                        files.add(template.relativize(file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            // ~1,000 mostly tiny files: creating them dominates, and on some file systems it costs the kernel ~0.5 ms
            // each, so spread them over the cores
            files.parallelStream().forEach(file -> copy(template.resolve(file.toString()),
                    dataDirectory.resolve(file.toString())));
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                // PostgreSQL refuses a data directory that others can read
                Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new EnvironmentFailureException("Cannot copy the PostgreSQL cluster template " + template + " to "
                    + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            // no COPY_ATTRIBUTES: times do not matter to PostgreSQL, and copying them doubles the cost
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String description() {
        return String.join(" ", INITDB_OPTIONS) + (purpose.initdbOptions.isEmpty() ? "" : " ")
                + String.join(" ", purpose.initdbOptions) + (purpose.statements.isEmpty() ? "" : "\n")
                + purpose.statements.strip();
    }

    private String optionsHash() {
        return Sha256.shortHex(description(), 4);
    }
}
