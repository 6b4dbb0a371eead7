package dev.migrate.codegen.worker;

import dev.migrate.digest.Sha256;
import dev.migrate.files.FileIdentity;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which codegen worker a build uses: one per Java, plugin, jOOQ, Flyway and PostgreSQL driver, each jar by its name
 * and {@linkplain #identity the file it is}. Not the whole class path: Maven 3.8, 3.9 and 4 give a plugin different class paths
 * of their own artifacts (which the worker does not use), and {@code mvn} and {@code ./mvnw} on one project would
 * each start a worker.
 */
final class WorkerKey {

    /** A class of each jar the worker's results depend on. */
    private static final List<String> KEYED_CLASSES = List.of(
            CodegenWorker.class.getName(),
            "org.jooq.Constants",
            "org.jooq.meta.Database",
            "org.jooq.codegen.GenerationTool",
            "org.flywaydb.core.Flyway",
            "org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension",
            "org.postgresql.Driver");

    private WorkerKey() {}

    /** The key of the worker this JVM's plugin classes would start: a short hex name for its files. */
    static String of() throws IOException {
        StringBuilder text = new StringBuilder(System.getProperty("java.home"))
                .append(' ')
                .append(System.getProperty("java.version"));
        for (String keyed : KEYED_CLASSES) {
            Path jar = jarOf(keyed);
            text.append('\n').append(keyed).append(' ').append(identity(jar));
        }
        return Sha256.shortHex(text.toString(), 8);
    }

    private static Path jarOf(String className) throws IOException {
        try {
            return Path.of(Class.forName(className, false, WorkerKey.class.getClassLoader())
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (ClassNotFoundException | URISyntaxException | RuntimeException e) {
            throw new IOException("cannot tell where " + className + " comes from: " + e, e);
        }
    }

    /**
     * A jar as the file it is: its path, size, modification time and, where the file system has one, its inode; a
     * directory of classes (a build of the plugin itself) by its path. Not its content's digest, which costs a fresh
     * build JVM ~110 ms for these 11 MiB: a jar installed or downloaded anew is a new file, with another time.
     */
    static String identity(Path entry) {
        if (!Files.isRegularFile(entry)) {
            return entry.toAbsolutePath().toString();
        }
        return entry.toAbsolutePath() + " " + FileIdentity.of(entry);
    }
}
