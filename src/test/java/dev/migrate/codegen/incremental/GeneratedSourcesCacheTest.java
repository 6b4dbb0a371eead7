package dev.migrate.codegen.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.UserMistakeException;
import dev.migrate.testing.CapturingLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedSourcesCacheTest {

    private static final Path FILE = Path.of("com/example/db/Tables.java");

    @TempDir
    Path sources;

    @TempDir
    Path repository;

    private final CapturingLog log = new CapturingLog();

    @Test
    void theLeastRecentlyUsedEntriesGoPastTheCapAndARestoreCountsAsAUse(@TempDir Path staging) throws IOException {
        write("x".repeat(100));
        // each entry: the 100-byte file; the cap holds two
        GeneratedSourcesCache cache = new GeneratedSourcesCache(repository, 250);
        cache.store("a", sources, List.of(FILE), false, log);
        age("a", Duration.ofHours(2));
        cache.store("b", sources, List.of(FILE), false, log);
        age("b", Duration.ofHours(1));
        Path crashed = Files.createDirectory(repository.resolve(".new-crashed"));
        age(".new-crashed", Duration.ofHours(2));

        assertTrue(cache.restoreInto("a", staging, log), log.text());
        cache.store("c", sources, List.of(FILE), false, log);

        assertEquals(List.of("a", "c"), entries());
        assertFalse(Files.exists(crashed));
        assertEquals(
                "DEBUG Removing the least recently used cached jOOQ classes " + repository.resolve("b"), log.text());
    }

    /**
     * Trimming adds up the sizes recorded with the entries instead of walking every file of the cache, which took
     * 0.2-0.6 s per build once the cache held fifty generations; an entry without that record (stored by an earlier
     * version) is counted by its files.
     */
    @Test
    void trimmingCountsEachEntryByTheSizeRecordedWithItOrElseByItsFiles() throws IOException {
        write("x".repeat(100));
        GeneratedSourcesCache cache = new GeneratedSourcesCache(repository, 250);
        cache.store("recorded", sources, List.of(FILE), false, log);
        assertEquals("100", Files.readString(repository.resolve("recorded/bytes")));
        cache.store("unrecorded", sources, List.of(FILE), false, log);
        Files.delete(repository.resolve("unrecorded/bytes"));
        age("recorded", Duration.ofHours(1));
        age("unrecorded", Duration.ofHours(2));
        cache.store("fits", sources, List.of(FILE), false, log);
        // the walk counts the unrecorded entry's digest file too: 164 bytes, and 100 + 164 > 250
        assertEquals(List.of("fits", "recorded"), entries());

        Files.writeString(repository.resolve("recorded/bytes"), "1000");
        age("fits", Duration.ofMinutes(1));
        cache.store("newest", sources, List.of(FILE), false, log);

        assertEquals(List.of("fits", "newest"), entries());
    }

    @Test
    void buildsStoringTheSameKeyAtOnceAllSucceedAndLeaveOneEntry(@TempDir Path staging) throws Exception {
        write("class Tables {}");
        GeneratedSourcesCache cache = new GeneratedSourcesCache(repository, 1024 * 1024);
        int builds = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(builds);
        try {
            List<Future<?>> stored = new ArrayList<>();
            for (int i = 0; i < builds; i++) {
                stored.add(executor.submit(() -> {
                    start.await();
                    cache.store("key", sources, List.of(FILE), false, log);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> build : stored) {
                build.get();
            }
        } finally {
            executor.shutdown();
        }

        assertEquals("", log.text());
        assertEquals(List.of("key"), entries());
        assertTrue(cache.restoreInto("key", staging, log), log.text());
        assertEquals("class Tables {}", Files.readString(staging.resolve(FILE)));
    }

    @Test
    void aMissingFileMakesTheEntryDamaged(@TempDir Path staging) throws IOException {
        write("class Tables {}");
        GeneratedSourcesCache cache = new GeneratedSourcesCache(repository, 1024 * 1024);
        cache.store("key", sources, List.of(FILE), false, log);
        Files.delete(repository.resolve("key/files").resolve(FILE));

        assertFalse(cache.restoreInto("key", staging, log));

        assertEquals(List.of(), entries());
        assertTrue(
                log.text()
                        .startsWith("INFO The cached jOOQ classes " + repository.resolve("key")
                                + " are damaged (its files do not match their digest)"),
                log.text());
    }

    @Test
    void aCacheThatCannotBeWrittenIsOneLineAndNoFailure() throws IOException {
        write("class Tables {}");
        Path notADirectory = Files.writeString(repository.resolve("generated"), "a file");
        GeneratedSourcesCache cache = new GeneratedSourcesCache(notADirectory, 1024 * 1024);

        cache.store("key", sources, List.of(FILE), false, log);

        assertEquals(1, log.lines().size(), log.text());
        assertTrue(
                log.text().startsWith("INFO Cannot store the jOOQ classes in the shared cache " + notADirectory),
                log.text());
    }

    @Test
    void aCacheDirectoryOthersCanWriteToIsRefused() throws IOException {
        write("class Tables {}");
        Path shared = Files.createDirectory(repository.resolve("generated"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        GeneratedSourcesCache cache = new GeneratedSourcesCache(shared, 1024 * 1024);

        UserMistakeException refused =
                assertThrows(UserMistakeException.class, () -> cache.store("key", sources, List.of(FILE), false, log));

        assertTrue(
                refused.getMessage().startsWith(shared + " can be changed by other users (mode 777)"),
                refused.getMessage());
        assertFalse(Files.exists(shared.resolve("key")));
    }

    private void write(String content) throws IOException {
        Files.createDirectories(sources.resolve(FILE).getParent());
        Files.writeString(sources.resolve(FILE), content);
    }

    private void age(String entry, Duration age) throws IOException {
        Files.setLastModifiedTime(
                repository.resolve(entry), FileTime.from(Instant.now().minus(age)));
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> entries = Files.list(repository)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }
}
