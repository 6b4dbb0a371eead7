package dev.migrate.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.digest.Sha256;
import dev.migrate.error.UserMistakeException;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pins the zonky internals {@link ZonkyBinaries} relies on: it fails loudly when a new zonky changes them. */
class ZonkyBinariesTest {

    private static final EmbeddedSettings SETTINGS = TestPostgres.settings();

    @Test
    void zonkysExtractionIsWhereThePluginCallsIt() {
        // a warm start never calls it, so the other tests would not notice a zonky that renamed it
        assertEquals(File.class, ZonkyBinaries.prepareBinaries().getReturnType());
    }

    @Test
    void remembersWhereTheBinariesOfAJarAreExtracted() throws IOException {
        Path jar = SETTINGS.binaries().archive();

        Path directory =
                ZonkyBinaries.extracted(new JarBinaryResolver(jar), SETTINGS.binariesCache(), new CapturingLog());

        assertTrue(Files.exists(directory.resolve("bin").resolve("initdb")), directory.toString());
        assertEquals(
                Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + "\n" + directory.getFileName(),
                Files.readString(SETTINGS.binariesCache().resolve(jar.getFileName() + ".extracted")));
    }

    @Test
    void aKnownJarIsNeverReadAgainNeitherByThePluginNorByZonky() throws IOException {
        Path real = SETTINGS.binaries().archive();
        ZonkyBinaries.extracted(new JarBinaryResolver(real), SETTINGS.binariesCache(), new CapturingLog());
        // a jar that looks like the known one (name, size, time) but holds no archive at all
        Path work = TestPostgres.workDirectory().resolve("zonky-binaries-" + UUID.randomUUID());
        Path lookalike = Files.createDirectories(work).resolve(real.getFileName());
        byte[] garbage = new byte[(int) Files.size(real)];
        Arrays.fill(garbage, (byte) 'x');
        Files.write(lookalike, garbage);
        Files.setLastModifiedTime(
                lookalike, FileTime.fromMillis(Files.getLastModifiedTime(real).toMillis()));
        EmbeddedSettings settings = new EmbeddedSettings(
                new PostgresBinaries(lookalike, SETTINGS.binaries().version()),
                SETTINGS.binariesCache(),
                SETTINGS.lockTimeout(),
                0);

        try (EmbeddedServer server = EmbeddedServer.startThrowaway(settings, work, new CapturingLog())) {
            TestPostgres.execute(server.dataSource(EmbeddedServer.DEFAULT_DATABASE), "SELECT 1");
        }
    }

    @Test
    void theCacheIsOwnerOnlyAndRecordsTheJarsDigest() throws IOException {
        Path cache = SETTINGS.binariesCache();
        Path directory = ZonkyBinaries.extracted(
                new JarBinaryResolver(SETTINGS.binaries().archive()), cache, new CapturingLog());

        assertEquals("rwx------", permissions(cache));
        assertEquals("rwx------", permissions(directory));
        assertEquals("rwx------", permissions(directory.resolve("bin").resolve("postgres")));
        assertEquals(
                "rw-------",
                permissions(directory.resolve("share").resolve("postgresql").resolve("errcodes.txt")));
        Path manifest = directory.resolveSibling(directory.getFileName() + ".manifest");
        assertEquals("rw-------", permissions(manifest));
        assertEquals(
                "jar "
                        + HexFormat.of()
                                .formatHex(Sha256.of(
                                        Files.readAllBytes(SETTINGS.binaries().archive()))),
                Files.readAllLines(manifest).get(0));
    }

    @Test
    void aCacheThatOtherUsersCanChangeIsRefusedNamingItAndTheFix() throws IOException {
        Path cache = Files.createDirectories(TestPostgres.workDirectory().resolve("open-cache-" + UUID.randomUUID()));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx")); // as zonky left it

        UserMistakeException refused = assertThrows(
                UserMistakeException.class,
                () -> ZonkyBinaries.extracted(
                        new JarBinaryResolver(SETTINGS.binaries().archive()), cache, new CapturingLog()));

        assertTrue(
                refused.getMessage().startsWith(cache + " can be changed by other users (mode 777)"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("chmod go-rwx " + cache), refused.getMessage());
    }

    @Test
    void aChangedBinaryIsExtractedAgainFromTheJarWithALogLine() throws IOException {
        Path cache = TestPostgres.workDirectory().resolve("changed-cache-" + UUID.randomUUID());
        JarBinaryResolver resolver = new JarBinaryResolver(SETTINGS.binaries().archive());
        Path directory = ZonkyBinaries.extracted(resolver, cache, new CapturingLog());
        Path pgCtl = directory.resolve("bin").resolve("pg_ctl");
        byte[] original = Files.readAllBytes(pgCtl);
        byte[] trojan = original.clone();
        Arrays.fill(trojan, 0, 64, (byte) '#'); // same size: only the content tells
        Files.write(pgCtl, trojan);

        CapturingLog log = new CapturingLog();
        Path again = ZonkyBinaries.extracted(resolver, cache, log);

        assertEquals(
                List.of("INFO The extracted PostgreSQL binaries " + directory + " no longer match "
                        + SETTINGS.binaries().archive() + " (bin/pg_ctl was changed): extracting them again"),
                log.lines());
        assertArrayEquals(original, Files.readAllBytes(again.resolve("bin").resolve("pg_ctl")));
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
