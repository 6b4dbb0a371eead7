package dev.migrate.codegen.incremental;

import dev.migrate.digest.Sha256;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.files.FileTree;
import dev.migrate.migration.MigrationLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Feeds the content of every file in Flyway locations into a digest, found the way Flyway finds them:
 * {@code filesystem:} folders recursively, {@code classpath:} (or unprefixed) locations in every directory and jar
 * of the class path that holds them. Names and contents both count, in a stable order.
 */
final class MigrationLocations {

    private final MessageDigest digest;
    private final ContentDigests contentDigests;
    private final UnaryOperator<String> names;

    private MigrationLocations(MessageDigest digest, ContentDigests contentDigests, UnaryOperator<String> names) {
        this.digest = digest;
        this.contentDigests = contentDigests;
        this.names = names;
    }

    /** {@code names} maps each location's and class path root's name before it is digested. */
    static void digest(
            List<MigrationLocation> locations,
            ClassLoader classLoader,
            ContentDigests contentDigests,
            UnaryOperator<String> names,
            MessageDigest digest) {
        new MigrationLocations(digest, contentDigests, names).digestAll(locations, classLoader);
    }

    private void digestAll(List<MigrationLocation> locations, ClassLoader classLoader) {
        try {
            for (MigrationLocation location : locations) {
                update("location:" + names.apply(location.descriptor()));
                switch (location.kind()) {
                    case FILESYSTEM -> digestDirectory(location.folder());
                    case CLASSPATH -> digestClasspath(location.path(), classLoader);
                    case OTHER -> {
                        // other schemes (cloud storage) count by their location only
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new EnvironmentFailureException(
                    "Cannot read the migrations to decide whether the jOOQ classes are" + " up to date: "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Every file's name and the SHA-256 of its content, in name order. A file's own digest is fed to the whole one
     * after its name, so that no two files can merge into one; it is read only when the file changed since the
     * digest was remembered.
     */
    private void digestDirectory(Path root) throws IOException {
        for (FileTree.Entry file : FileTree.regularFiles(root)) {
            update("file:" + file.name());
            digest.update(contentDigests.of(file.path(), file.attributes()));
        }
    }

    private void digestClasspath(String location, ClassLoader classLoader) throws IOException {
        String path = location.startsWith("/") ? location.substring(1) : location;
        for (URL url : Collections.list(classLoader.getResources(path))) {
            update("root:" + names.apply(url.toString()));
            if (url.getProtocol().equals("file")) {
                digestDirectory(toPath(url));
            } else if (url.getProtocol().equals("jar")) {
                digestJarFolder((JarURLConnection) url.openConnection(), path);
            }
        }
    }

    private void digestJarFolder(JarURLConnection connection, String path) throws IOException {
        connection.setUseCaches(false);
        String prefix = path.endsWith("/") ? path : path + "/";
        try (JarFile jar = connection.getJarFile()) {
            List<JarEntry> entries = jar.stream()
                    .filter(entry -> !entry.isDirectory() && entry.getName().startsWith(prefix))
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .toList();
            for (JarEntry entry : entries) {
                update("file:" + entry.getName());
                try (InputStream in = jar.getInputStream(entry)) {
                    digest.update(Sha256.of(in.readAllBytes()));
                }
            }
        }
    }

    private static Path toPath(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new EnvironmentFailureException("Cannot read the migration location " + url, e);
        }
    }

    private void update(String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
