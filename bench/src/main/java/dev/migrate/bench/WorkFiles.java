package dev.migrate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copying a migration corpus into a benchmark project. */
final class WorkFiles {

    private WorkFiles() {}

    /** Copies the files directly in {@code source} (no subdirectories) into {@code target}. */
    static void copyFiles(Path source, Path target) {
        try (Stream<Path> files = Files.list(source)) {
            Files.createDirectories(target);
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
