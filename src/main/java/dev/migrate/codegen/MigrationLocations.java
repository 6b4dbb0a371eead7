package dev.migrate.codegen;

import dev.migrate.error.EnvironmentFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Feeds the content of every file in Flyway locations into a digest, found the way Flyway finds them:
 * {@code filesystem:} folders recursively, {@code classpath:} (or unprefixed) locations in every directory and jar
 * of the class path that holds them. Names and contents both count, in a stable order.
 */
final class MigrationLocations {

    private static final String FILESYSTEM = "filesystem:";
    private static final String CLASSPATH = "classpath:";
    private final MessageDigest digest;

    private MigrationLocations(MessageDigest digest) {
        this.digest = digest;
    }

    static void digest(List<String> locations, ClassLoader classLoader, MessageDigest digest) {
        new MigrationLocations(digest).digestAll(locations, classLoader);
    }

    private void digestAll(List<String> locations, ClassLoader classLoader) {
        try {
            for (String location : locations) {
                update("location:" + location);
                if (location.startsWith(FILESYSTEM)) {
                    digestDirectory(Path.of(location.substring(FILESYSTEM.length())));
                } else if (location.startsWith(CLASSPATH) || !location.contains(":")) {
                    digestClasspath(location.startsWith(CLASSPATH) ? location.substring(CLASSPATH.length())
                            : location, classLoader);
                }
                // other schemes (cloud storage) count by their location only
            }
        } catch (IOException | UncheckedIOException e) {
            throw new EnvironmentFailureException("Cannot read the migrations to decide whether the jOOQ classes are"
                    + " up to date: " + e.getMessage(), e);
        }
    }

    /** Every file's name and the SHA-256 of its content, in name order; each file is read in one call. */
    private void digestDirectory(Path root) throws IOException {
        List<Path> files = GeneratedOutput.regularFiles(root);
        for (Path file : files) {
            update("file:" + file.toString().replace('\\', '/'));
            digest.update(contentDigest(Files.readAllBytes(root.resolve(file))));
        }
    }

    /** A file's own digest: fed to the whole one after its name, so that no two files can merge into one. */
    private static byte[] contentDigest(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private void digestClasspath(String location, ClassLoader classLoader) throws IOException {
        String path = location.startsWith("/") ? location.substring(1) : location;
        for (URL url : Collections.list(classLoader.getResources(path))) {
            update("root:" + url);
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
                    digest.update(contentDigest(in.readAllBytes()));
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
