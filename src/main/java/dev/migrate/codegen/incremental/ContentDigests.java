package dev.migrate.codegen.incremental;

import dev.migrate.digest.Sha256;
import dev.migrate.files.AtomicFile;
import dev.migrate.log.BuildLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The SHA-256 of each migration file's content, remembered between builds together with the file's size,
 * modification time and file key (device and inode on Unix), so that an up-to-date check reads only the files that
 * changed, as git's index does. A file written in the last two seconds before the check is not remembered: an edit
 * within the same tick of the file system's clock could leave its time as it was. The digests are a cache under
 * {@code target/}: a missing or damaged file only means that every migration is read again.
 */
public final class ContentDigests {

    private static final String HEADER = "# SHA-256 of migration files by size, time and file key; a cache of"
            + " migrate-maven-plugin, safe to delete";
    private static final long RACY_MILLIS = 2_000;
    private static final String SEPARATOR = "\t";
    private static final int FIELDS = 3;
    private static final int DIGEST_BYTES = 32;

    private final Path file;
    private final Map<String, Remembered> known;
    private final Map<String, Remembered> current = new HashMap<>();
    private final long trustedBefore = System.currentTimeMillis() - RACY_MILLIS;
    private boolean changed;

    /** A file's identity when its digest was taken, and the digest; never changed once made. */
    private record Remembered(String identity, byte[] digest) {}

    private ContentDigests(Path file, Map<String, Remembered> known) {
        this.file = file;
        this.known = known;
    }

    /** The digests remembered in {@code file}; none when it is missing or damaged (said in one line). */
    public static ContentDigests load(Path file, BuildLog log) {
        try {
            return new ContentDigests(file, parse(Files.readAllLines(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return new ContentDigests(file, Map.of());
        } catch (IOException | RuntimeException e) {
            log.info("The cached migration digests " + file + " are damaged (" + e.getMessage()
                    + "); reading every migration again");
            return new ContentDigests(file, Map.of());
        }
    }

    private static Map<String, Remembered> parse(List<String> lines) {
        Map<String, Remembered> entries = new HashMap<>();
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(SEPARATOR, FIELDS);
            // parsed here, once: a fresh JVM's up-to-date check of 1,000 migrations spent ~10 ms matching a pattern
            byte[] digest = fields.length == FIELDS ? HexFormat.of().parseHex(fields[0]) : new byte[0];
            if (digest.length != DIGEST_BYTES) {
                throw new IllegalArgumentException("line '" + line + "'");
            }
            entries.put(fields[2], new Remembered(fields[1], digest));
        }
        return entries;
    }

    /** The digest of {@code path}'s content: the remembered one while the file is as it was, else read anew. */
    byte[] of(Path path, BasicFileAttributes attributes) throws IOException {
        String key = path.toAbsolutePath().toString();
        String identity = attributes.size() + "/"
                + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "/" + attributes.fileKey();
        Remembered before = known.get(key);
        Remembered now = before != null && before.identity().equals(identity)
                ? before
                : new Remembered(identity, Sha256.of(Files.readAllBytes(path)));
        // a name with a line break would not survive the one-line-per-file format
        boolean trusted = attributes.lastModifiedTime().toMillis() < trustedBefore
                && key.indexOf('\n') < 0
                && key.indexOf('\r') < 0;
        if (trusted) {
            current.put(key, now);
        }
        changed |= trusted ? now != before : before != null;
        return now.digest().clone();
    }

    /**
     * Writes the digests of the files seen since {@link #load} when they differ from the remembered ones, to a
     * temporary file moved into place. Not being able to is no reason to fail a build: the next one reads again.
     */
    public void save(BuildLog log) {
        if (!changed && current.size() == known.size()) {
            return; // every file as remembered
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        new TreeMap<>(current)
                .forEach((path, remembered) -> text.append(HexFormat.of().formatHex(remembered.digest()))
                        .append(SEPARATOR)
                        .append(remembered.identity())
                        .append(SEPARATOR)
                        .append(path)
                        .append('\n'));
        try {
            AtomicFile.writeString(file, text);
        } catch (IOException e) {
            log.debug("Cannot cache the migration digests in " + file + ": " + e);
        }
    }
}
