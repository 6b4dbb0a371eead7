package dev.migrate.embedded;

import dev.migrate.digest.Sha256;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.files.Directories;
import dev.migrate.files.PrivateFiles;
import dev.migrate.log.BuildLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A pristine PostgreSQL cluster, made by initdb once per PostgreSQL version, purpose and initdb options and kept next
 * to the extracted binaries. A new cluster is a copy of it (~50 ms) instead of a fresh initdb (~1 s), which is what
 * makes an embedded server ready in well under a second.
 *
 * <p>The template is built in a temporary directory and moved into place, under a lock that other builds and threads
 * respect. Its marker file, written last, lists every file with its size; a template whose marker is missing, whose
 * files differ from that list (checked during the walk the copy makes anyway) or whose {@code PG_VERSION} is wrong is
 * rebuilt, with one log line. A template that another user owns or could change is refused. Its superuser's password
 * ({@link ClusterSecret}) is made with it and copied with it; a copy is made beside its data directory and moved in
 * as a whole, so a failed copy (a full disk) never leaves half a cluster where the next build looks.
 */
final class ClusterTemplate {

    /** What zonky's initdb would run with the plugin's locale; a change of options makes another template. */
    static final List<String> INITDB_OPTIONS =
            List.of("-A", "scram-sha-256", "-U", EmbeddedServer.SUPERUSER, "-E", "UTF-8", "--locale=C");

    /** What the clusters copied from a template are for, which decides how lean it can be. */
    enum Purpose {
        /** The development database: kept, and used by people and tools too, so a cluster as initdb makes it. */
        DEVELOPMENT(List.of(), ""),
        /**
         * Throwaway and cached clusters, which only this plugin uses: 1 MB WAL segments instead of 16 MB, and no
         * template0, which nothing here creates a database from. That is a third fewer files and 60% fewer bytes to
         * copy for every new cluster.
         */
        DISPOSABLE(
                List.of("--wal-segsize=1"), "ALTER DATABASE template0 IS_TEMPLATE false;\nDROP DATABASE template0;\n");

        private final List<String> initdbOptions;
        private final String statements;

        Purpose(List<String> initdbOptions, String statements) {
            this.initdbOptions = initdbOptions;
            this.statements = statements;
        }
    }

    /** Written last, so that a template without it is one whose creation did not finish; lists its files. */
    private static final String COMPLETE_MARKER = "migrate-template-complete";
    /** The password file, the pg_hba.conf, the marker's list of files, the password's cheap verifier. */
    private static final String LAYOUT = "layout 3:";
    /** The name, after the data directory's, of a copy being made beside it. */
    private static final String CREATING = ".creating-";

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

    /**
     * Fills the missing or empty {@code dataDirectory} with a new cluster, creating the template first if needed:
     * the copy is made beside it and moved in when complete.
     */
    void copyTo(Path dataDirectory, BuildLog log) {
        Path template = directory();
        PrivateFiles.directory(templates);
        try (DirectoryLock lock = DirectoryLock.acquire(
                templates.resolve(template.getFileName() + ".lock"),
                lockTimeout,
                "the PostgreSQL cluster template",
                log)) {
            Map<String, Long> files = null;
            String problem = problem(template);
            if (problem == null) {
                files = files(template);
                problem = differences(template, files);
            }
            if (problem != null) {
                if (Files.exists(template)) {
                    log.info("Rebuilding the PostgreSQL cluster template " + template + ": " + problem);
                }
                create(template, log);
                files = files(template);
            }
            copyTree(template, files.keySet(), dataDirectory);
        }
    }

    /** Why the template cannot be used, or null when it can; refused when another user could have changed it. */
    private String problem(Path template) {
        if (!Files.isDirectory(template)) {
            return "it does not exist";
        }
        PrivateFiles.check(template);
        if (!Files.exists(template.resolve(COMPLETE_MARKER))) {
            return "its creation did not finish";
        }
        String major = version.substring(0, version.indexOf('.') < 0 ? version.length() : version.indexOf('.'));
        try {
            String actual = Files.readString(template.resolve("PG_VERSION"), StandardCharsets.UTF_8)
                    .strip();
            return actual.equals(major) ? null : "its PG_VERSION is " + actual + ", not " + major;
        } catch (IOException e) {
            return "its PG_VERSION cannot be read";
        }
    }

    /** The first difference between the template's files and the list its marker recorded, or null. */
    private static String differences(Path template, Map<String, Long> files) {
        Map<String, Long> recorded = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(template.resolve(COMPLETE_MARKER), StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                recorded.put(line.substring(space + 1), Long.parseLong(line.substring(0, space)));
            }
        } catch (IOException | RuntimeException e) {
            return "its list of files cannot be read";
        }
        for (Map.Entry<String, Long> file : recorded.entrySet()) {
            Long size = files.get(file.getKey());
            if (size == null) {
                return file.getKey() + " is missing";
            }
            if (!size.equals(file.getValue())) {
                return file.getKey() + " has " + size + " bytes instead of " + file.getValue();
            }
        }
        return files.keySet().stream()
                .filter(file -> !recorded.containsKey(file))
                .findFirst()
                .map(file -> file + " is not one of its files")
                .orElse(null);
    }

    private void create(Path template, BuildLog log) {
        long started = System.nanoTime();
        removeLeftovers(template);
        Path building = templates.resolve(template.getFileName() + ".building-" + UUID.randomUUID());
        try {
            String password = ClusterSecret.newPassword();
            initdb(building, password);
            runSingleUser(
                    binariesDirectory,
                    building,
                    "template1",
                    purpose.statements + ClusterSecret.setPassword(password),
                    templates.resolve(building.getFileName() + ".log"));
            ClusterSecret.writeHba(building);
            ClusterSecret.write(building, password);
            StringBuilder marker = new StringBuilder();
            files(building)
                    .forEach((file, size) ->
                            marker.append(size).append(' ').append(file).append('\n'));
            Files.writeString(building.resolve(COMPLETE_MARKER), marker);
            Files.move(building, template, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EnvironmentFailureException(
                    "Cannot create the PostgreSQL cluster template " + template + ": " + e.getMessage(), e);
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
                if (Files.isDirectory(child)
                        && (child.equals(template) || name.startsWith(template.getFileName() + ".building-"))) {
                    Directories.deleteRecursively(child);
                }
            }
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot clean " + templates + ": " + e.getMessage(), e);
        }
    }

    /** initdb, given the password in a file only the owner can read, never in its arguments (scram needs one). */
    private void initdb(Path dataDirectory, String password) throws IOException {
        Path passwordFile = Files.createTempFile(templates, "initdb-", ".pw");
        try {
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
            List<String> command = PostgresProcess.command(binariesDirectory, "initdb");
            command.addAll(INITDB_OPTIONS);
            command.addAll(purpose.initdbOptions);
            command.addAll(List.of("--pwfile=" + passwordFile, "-D", dataDirectory.toString()));
            run("initdb", command, null, templates.resolve(dataDirectory.getFileName() + ".log"));
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    /**
     * Runs SQL statements, one a line, in PostgreSQL's single-user mode on {@code database}: no server, no port, and
     * any error fails. {@code output} receives what it prints and is deleted afterwards.
     */
    static void runSingleUser(
            Path binariesDirectory, Path dataDirectory, String database, String statements, Path output)
            throws IOException {
        List<String> command = PostgresProcess.command(binariesDirectory, "postgres");
        command.addAll(List.of("--single", "-D", dataDirectory.toString(), "-F", "-c", "exit_on_error=on", database));
        run("PostgreSQL in single-user mode", command, statements, output);
    }

    /** Runs a program of the binaries to its end, feeding it {@code standardInput} when not null. */
    private static void run(String what, List<String> command, String standardInput, Path output) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
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

    /**
     * The template's files (without the marker), by path relative to it, with their sizes; directories end in
     * {@code /}.
     */
    private static Map<String, Long> files(Path template) {
        Map<String, Long> files = new TreeMap<>();
        try {
            Files.walkFileTree(template, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    if (!directory.equals(template)) {
                        files.put(template.relativize(directory) + "/", 0L);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (!file.getFileName().toString().equals(COMPLETE_MARKER)) {
                        files.put(template.relativize(file).toString(), attributes.size());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new EnvironmentFailureException(
                    "Cannot read the PostgreSQL cluster template " + template + ": " + e.getMessage(), e);
        }
        return files;
    }

    private static void copyTree(Path template, Set<String> files, Path dataDirectory) {
        Path copy = dataDirectory.resolveSibling(dataDirectory.getFileName() + CREATING + UUID.randomUUID());
        try {
            // owner-only, as PostgreSQL makes them
            PrivateFiles.created(copy);
            for (String directory :
                    files.stream().filter(file -> file.endsWith("/")).toList()) {
                PrivateFiles.created(copy.resolve(directory));
            }
            // ~1,000 mostly tiny files: creating them dominates, and on some file systems it costs the kernel ~0.5 ms
            // each, so spread them over the cores (from a list, which splits evenly)
            files.stream().filter(file -> !file.endsWith("/")).toList().parallelStream()
                    .forEach(file -> copy(template.resolve(file), copy.resolve(file)));
            Files.deleteIfExists(dataDirectory); // empty: renaming onto it would fail on some systems
            Files.move(copy, dataDirectory, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            throw new EnvironmentFailureException(
                    "Cannot copy the PostgreSQL cluster template " + template + " to " + dataDirectory + ": "
                            + e.getMessage(),
                    e);
        } finally {
            Directories.deleteRecursively(copy);
        }
    }

    /** Removes the copies beside {@code dataDirectory} that a build which died while copying left behind. */
    static void removeUnfinishedCopies(Path dataDirectory) {
        String prefix = dataDirectory.getFileName() + CREATING;
        try (Stream<Path> siblings = Files.list(dataDirectory.toAbsolutePath().getParent())) {
            siblings.filter(sibling -> sibling.getFileName().toString().startsWith(prefix))
                    .forEach(Directories::deleteRecursively);
        } catch (NoSuchFileException e) {
            // no parent yet: nothing was copied there
        } catch (IOException e) {
            throw new EnvironmentFailureException(
                    "Cannot list " + dataDirectory.getParent() + ": " + e.getMessage(), e);
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

    /** What makes the template what it is; {@link #LAYOUT} changes it when the way templates are made changes. */
    private String description() {
        return LAYOUT + " " + String.join(" ", INITDB_OPTIONS) + (purpose.initdbOptions.isEmpty() ? "" : " ")
                + String.join(" ", purpose.initdbOptions) + (purpose.statements.isEmpty() ? "" : "\n")
                + purpose.statements.strip();
    }

    private String optionsHash() {
        return Sha256.shortHex(description(), 4);
    }
}
