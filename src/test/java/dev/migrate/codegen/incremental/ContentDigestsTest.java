package dev.migrate.codegen.incremental;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.digest.Sha256;
import dev.migrate.testing.CapturingLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentDigestsTest {

    private static final FileTime AN_HOUR_AGO = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));

    @TempDir
    Path directory;

    private final CapturingLog log = new CapturingLog();
    private Path cache;
    private Path migration;

    @BeforeEach
    void migration() throws IOException {
        cache = directory.resolve("target/codegen.fingerprint.digests");
        migration = writeOld(directory.resolve("V1__users.sql"), "CREATE TABLE users (id INT);");
    }

    @Test
    void remembersTheDigestOfAnUnchangedFileAndDoesNotReadItAgain() throws IOException {
        byte[] first = digestAndSave(migration);
        assertArrayEquals(sha256("CREATE TABLE users (id INT);"), first);
        assertTrue(Files.readString(cache).contains(migration.toAbsolutePath().toString()));

        // rewritten in place with the same size and its old time put back: only a remembered digest misses that
        overwriteInPlace(migration, "CREATE TABLE users (id BIT);");
        assertArrayEquals(first, digestAndSave(migration));
    }

    @Test
    void readsAFileAgainWhenItsTimeSizeOrFileChanged() throws IOException {
        digestAndSave(migration);

        // same size, another time
        Files.writeString(migration, "CREATE TABLE users (id BIT);");
        Files.setLastModifiedTime(
                migration, FileTime.from(AN_HOUR_AGO.toInstant().plusSeconds(1)));
        assertArrayEquals(sha256("CREATE TABLE users (id BIT);"), digestAndSave(migration));

        // same time, another size
        overwriteInPlace(migration, "CREATE TABLE users (id BIGINT);");
        assertArrayEquals(sha256("CREATE TABLE users (id BIGINT);"), digestAndSave(migration));

        // same time and size, another file: an editor's save moves a new file over the old one
        FileTime time = Files.getLastModifiedTime(migration);
        Path replacement = directory.resolve("replacement");
        Files.writeString(replacement, "CREATE TABLE users (id SERIAL);");
        Files.move(replacement, migration, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(migration, time);
        assertArrayEquals(sha256("CREATE TABLE users (id SERIAL);"), digestAndSave(migration));
    }

    @Test
    void doesNotRememberAFileWrittenWithinTheLastTwoSeconds() throws IOException {
        Path fresh = directory.resolve("V2__fresh.sql");
        Files.writeString(fresh, "SELECT 1;");
        ContentDigests digests = ContentDigests.load(cache, log);
        digests.of(fresh, attributes(fresh));
        digests.of(migration, attributes(migration));
        digests.save(log);

        String cached = Files.readString(cache);
        assertTrue(cached.contains(migration.toAbsolutePath().toString()), cached);
        assertFalse(cached.contains(fresh.toAbsolutePath().toString()), cached);
    }

    @Test
    void aDamagedCacheIsSaidInOneLineAndRebuilt() throws IOException {
        Files.createDirectories(cache.getParent());
        Files.writeString(cache, "not a digest\n");

        assertArrayEquals(sha256("CREATE TABLE users (id INT);"), digestAndSave(migration));
        assertEquals(1, log.lines().size(), log.text());
        assertTrue(log.text().contains("are damaged"), log.text());
        assertTrue(Files.readString(cache).contains(migration.toAbsolutePath().toString()));
    }

    @Test
    void aDigestThatIsNotOneOf64HexDigitsIsDamageToo() throws IOException {
        Files.createDirectories(cache.getParent());
        String path = migration.toAbsolutePath().toString();
        String identity = "28/1/(dev=1,ino=2)";
        for (String digest : List.of("ab".repeat(31), "zz".repeat(32), "ab".repeat(33))) {
            Files.writeString(cache, digest + "\t" + identity + "\t" + path + "\n");
            int logged = log.lines().size();

            assertArrayEquals(sha256("CREATE TABLE users (id INT);"), digestAndSave(migration), digest);
            assertEquals(logged + 1, log.lines().size(), log.text());
            assertTrue(log.lines().get(logged).contains("are damaged"), digest + ": " + log.text());
        }
    }

    private byte[] digestAndSave(Path file) throws IOException {
        ContentDigests digests = ContentDigests.load(cache, log);
        byte[] digest = digests.of(file, attributes(file));
        digests.save(log);
        return digest;
    }

    private static Path writeOld(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, AN_HOUR_AGO);
        return file;
    }

    private static void overwriteInPlace(Path file, String content) throws IOException {
        FileTime time = Files.getLastModifiedTime(file);
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, time);
    }

    private static BasicFileAttributes attributes(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class);
    }

    private static byte[] sha256(String content) {
        return Sha256.of(content.getBytes(StandardCharsets.UTF_8));
    }
}
