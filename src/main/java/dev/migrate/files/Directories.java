package dev.migrate.files;

import dev.migrate.error.EnvironmentFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting a directory tree, for the clusters, staging directories and caches the plugin makes. */
public final class Directories {

    private Directories() {}

    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot delete " + root + ": " + e.getMessage(), e);
        }
    }
}
