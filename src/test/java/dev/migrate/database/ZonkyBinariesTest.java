package dev.migrate.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
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

        Path directory = ZonkyBinaries.extracted(new JarBinaryResolver(jar), SETTINGS.binariesCache(),
                new CapturingLog());

        assertTrue(Files.exists(directory.resolve("bin").resolve("initdb")), directory.toString());
        assertEquals(Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + "\n" + directory.getFileName(),
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
        Files.setLastModifiedTime(lookalike, FileTime.fromMillis(Files.getLastModifiedTime(real).toMillis()));
        EmbeddedSettings settings = new EmbeddedSettings(new PostgresBinaries(lookalike, SETTINGS.binaries().version()),
                SETTINGS.binariesCache(), SETTINGS.lockTimeout(), 0);

        try (EmbeddedServer server = EmbeddedServer.startThrowaway(settings, work, new CapturingLog())) {
            TestPostgres.execute(server.dataSource(EmbeddedServer.DEFAULT_DATABASE), "SELECT 1");
        }
    }
}
