package dev.migrate.codegen.incremental;

import dev.migrate.digest.Sha256;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.files.Directories;
import dev.migrate.files.PrivateFiles;
import dev.migrate.log.BuildLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Generated jOOQ sources shared by every checkout on the machine, so that a fresh clone (a CI build) whose migrations
 * were generated before starts no database: {@code <directory>/<key>/files/} holds the files as they are under the
 * output directory, {@code <key>/sha256} the digest of their names and contents, checked on every restore, and
 * {@code <key>/bytes} their size, which the least-recently-used trimming adds up without walking every entry. An entry
 * is written to a temporary directory and renamed into place, so a reader sees all of it or nothing; two builds that
 * store the same key both succeed and one entry stays. Past {@code maxBytes}, the least recently used entries go (an
 * entry's directory time is its last use).
 *
 * @param directory where the entries are, created owner-only
 * @param maxBytes  the most the entries may hold together
 */
public record GeneratedSourcesCache(Path directory, long maxBytes) {

    private static final String FILES = "files";
    private static final String DIGEST = "sha256";
    /** The bytes of an entry's files, written with it, so that trimming the cache reads one small file per entry. */
    private static final String SIZE = "bytes";
    /** Temporary entries (being written or deleted) start with a dot; a crashed build's go after this long. */
    private static final Duration ABANDONED = Duration.ofHours(1);

    /**
     * Copies the files of {@code key}'s entry into {@code staging} and checks them against the entry's digest; false
     * when there is no entry, or it is damaged: then it is said in one line and deleted, and {@code staging} may hold
     * some of its files.
     */
    public boolean restoreInto(String key, Path staging, BuildLog log) {
        Path entry = directory.resolve(key);
        if (!Files.isDirectory(entry.resolve(FILES))) {
            return false;
        }
        try {
            PrivateFiles.check(directory);
            String expected = Files.readString(entry.resolve(DIGEST), StandardCharsets.UTF_8)
                    .strip();
            List<Path> files = copy(entry.resolve(FILES), staging);
            if (!expected.equals(digest(staging, files))) {
                throw new IOException("its files do not match their digest");
            }
            Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
            return true;
        } catch (IOException | UncheckedIOException | EnvironmentFailureException e) {
            log.info("The cached jOOQ classes " + entry + " are damaged (" + e.getMessage()
                    + "); deleting them and generating");
            delete(entry);
            return false;
        }
    }

    /**
     * Stores {@code files}, relative to {@code root}, as {@code key}'s entry, replacing an existing one only when
     * {@code replace}; then removes the least recently used entries past the size limit. Not being able to is no
     * reason to fail a build whose classes were generated: it is said in one line.
     */
    public void store(String key, Path root, List<Path> files, boolean replace, BuildLog log) {
        Path entry = directory.resolve(key);
        if (!replace && Files.isDirectory(entry)) {
            return;
        }
        Path temporary = null;
        try {
            PrivateFiles.directory(directory);
            temporary = Files.createTempDirectory(directory, ".new-");
            Path copies = temporary.resolve(FILES);
            copy(root, files, copies);
            Files.writeString(temporary.resolve(DIGEST), digest(copies, files), StandardCharsets.UTF_8);
            Files.writeString(temporary.resolve(SIZE), Long.toString(bytes(copies, files)), StandardCharsets.UTF_8);
            if (replace) {
                delete(entry);
            }
            moveIntoPlace(temporary, entry);
            removeLeastRecentlyUsed(log);
        } catch (IOException | UncheckedIOException | EnvironmentFailureException e) {
            log.info("Cannot store the jOOQ classes in the shared cache " + directory + " (" + e.getMessage()
                    + "); the next fresh checkout generates them again");
        } finally {
            if (temporary != null) {
                Directories.deleteRecursively(temporary);
            }
        }
    }

    private static void moveIntoPlace(Path temporary, Path entry) throws IOException {
        try {
            Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            // rename(2) onto a non-empty directory fails with ENOTEMPTY, which Java reports in no subclass of its own
            if (!Files.isDirectory(entry)) {
                throw e;
            }
            // another build stored the same key at the same time: the same files, one entry is enough
        }
    }

    /** Deletes entries from the least recently used on while they hold more than {@code maxBytes} together. */
    private void removeLeastRecentlyUsed(BuildLog log) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> children = Files.list(directory)) {
            for (Path child : children.toList()) {
                if (!child.getFileName().toString().startsWith(".")) {
                    entries.add(child);
                } else if (lastUse(child).plus(ABANDONED).isBefore(Instant.now())) {
                    Directories.deleteRecursively(child);
                }
            }
        }
        entries.sort(Comparator.comparing(GeneratedSourcesCache::lastUse).reversed());
        long total = 0;
        for (Path entry : entries) {
            total += size(entry);
            if (total > maxBytes) {
                log.debug("Removing the least recently used cached jOOQ classes " + entry);
                delete(entry);
            }
        }
    }

    /** Renames the entry away first, so that a build restoring it sees all of it or nothing. */
    private void delete(Path entry) {
        try {
            Path doomed = directory.resolve(".old-" + entry.getFileName() + "-" + System.nanoTime());
            Files.move(entry, doomed, StandardCopyOption.ATOMIC_MOVE);
            Directories.deleteRecursively(doomed);
        } catch (IOException e) {
            // gone already (another build deleted it), or left to the next build's clean-up
        }
    }

    private static Instant lastUse(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    /** The bytes of an entry's files, as written with it; counted, for an entry stored without that record. */
    private static long size(Path entry) throws IOException {
        try {
            return Long.parseLong(Files.readString(entry.resolve(SIZE), StandardCharsets.UTF_8));
        } catch (NoSuchFileException | NumberFormatException e) {
            try (Stream<Path> paths = Files.walk(entry)) {
                long total = 0;
                for (Path path : paths.filter(Files::isRegularFile).toList()) {
                    total += Files.size(path);
                }
                return total;
            }
        }
    }

    private static long bytes(Path root, List<Path> files) throws IOException {
        long total = 0;
        for (Path file : files) {
            total += Files.size(root.resolve(file.toString()));
        }
        return total;
    }

    /** Copies every file under {@code from} to {@code to}; returns their paths relative to both. */
    private static List<Path> copy(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> paths =
                Files.find(from, Integer.MAX_VALUE, (path, attributes) -> attributes.isRegularFile())) {
            files = paths.map(from::relativize).sorted().toList();
        }
        return copy(from, files, to);
    }

    private static List<Path> copy(Path from, List<Path> files, Path to) throws IOException {
        for (Path file : files) {
            Path target = to.resolve(file.toString());
            Files.createDirectories(target.getParent());
            Files.copy(from.resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
        }
        return files;
    }

    /** The SHA-256 of every file's name and content, in name order. */
    private static String digest(Path root, List<Path> files) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        for (Path file : files.stream().sorted().toList()) {
            digest.update(file.toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Sha256.of(Files.readAllBytes(root.resolve(file.toString()))));
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
