package dev.migrate.codegen;

import dev.migrate.error.EnvironmentFailureException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The generated sources' directory, replaced only after a generation succeeded: jOOQ writes into a staging directory
 * beside the output; the files that changed are checked to be complete ({@link StagedSources}), then moved over,
 * files jOOQ no longer generates are removed from the target package, and identical files keep their timestamps so
 * that the compiler does not rebuild them. A staging that fails the check changes nothing in the output.
 */
final class GeneratedOutput {

    private final Path outputDirectory;
    private final Path packageDirectory;
    private final boolean removeStale;
    private final Charset encoding;

    /**
     * @param outputDirectory the directory registered as a source root
     * @param packageDirectory the target package's directory inside it; only files in it are ever removed
     * @param removeStale      jOOQ's {@code <target><clean>}: remove files jOOQ did not generate this time
     * @param encoding         jOOQ's {@code <target><encoding>}, which the staged sources are checked in
     */
    GeneratedOutput(Path outputDirectory, Path packageDirectory, boolean removeStale, Charset encoding) {
        this.outputDirectory = outputDirectory;
        this.packageDirectory = packageDirectory;
        this.removeStale = removeStale;
        this.encoding = encoding;
    }

    /** The output of {@code settings}, cleaned and encoded as its target says. */
    static GeneratedOutput of(CodegenSettings settings) {
        return new GeneratedOutput(
                settings.outputDirectory(),
                settings.packageDirectory(),
                settings.removesStaleFiles(),
                settings.encoding());
    }

    /** What a replacement did. */
    record Changes(int files, int written, int removed) {}

    /** A new, empty staging directory beside the output, on the same file system so that moves are atomic. */
    Path newStagingDirectory() {
        try {
            Path parent = outputDirectory.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "." + outputDirectory.getFileName() + "-staging-");
        } catch (IOException e) {
            throw new EnvironmentFailureException(
                    "Cannot create a staging directory beside " + outputDirectory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks the staged files that differ from the output, moves them into it and removes stale ones.
     *
     * @throws EnvironmentFailureException when a staged file is incomplete (the output is untouched then), or a move
     *                                     failed
     */
    Changes replaceWith(Path staging) {
        try {
            List<Path> generated = regularFiles(staging);
            List<Path> changed = new ArrayList<>();
            for (Path file : generated) {
                if (differs(staging.resolve(file), outputDirectory.resolve(file))) {
                    changed.add(file);
                }
            }
            StagedSources.verify(staging, changed, encoding);
            for (Path file : changed) {
                Path target = outputDirectory.resolve(file);
                Files.createDirectories(target.getParent());
                Files.move(
                        staging.resolve(file),
                        target,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            int removed = removeStale
                    ? removeFilesNotIn(generated.stream().map(Path::toString).collect(Collectors.toSet()))
                    : 0;
            return new Changes(generated.size(), changed.size(), removed);
        } catch (IOException e) {
            throw new EnvironmentFailureException(
                    "Cannot move the generated sources into " + outputDirectory + ": " + e.getMessage(), e);
        }
    }

    private static boolean differs(Path staged, Path target) throws IOException {
        return !Files.isRegularFile(target) || Files.mismatch(staged, target) != -1;
    }

    private int removeFilesNotIn(Set<String> generated) throws IOException {
        if (!Files.isDirectory(packageDirectory)) {
            return 0;
        }
        int removed = 0;
        for (Path file : regularFiles(packageDirectory)) {
            Path relative = outputDirectory.relativize(packageDirectory.resolve(file));
            if (!generated.contains(relative.toString())) {
                Files.delete(packageDirectory.resolve(file));
                removed++;
            }
        }
        removeEmptyDirectories(packageDirectory);
        return removed;
    }

    /**
     * Files under {@code root}, relative to it, in a stable order. Unlike the fingerprint's {@code FileTree}, no link
     * is followed: stale files are removed from this listing, and a link must never lead that outside the output.
     */
    static List<Path> regularFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        // find() hands over the attributes it read anyway: no second stat per file
        try (Stream<Path> paths =
                Files.find(root, Integer.MAX_VALUE, (path, attributes) -> attributes.isRegularFile())) {
            return paths.map(root::relativize).sorted().toList();
        }
    }

    private static void removeEmptyDirectories(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path directory : paths.filter(Files::isDirectory)
                    .sorted(Comparator.reverseOrder())
                    .toList()) {
                try (Stream<Path> entries = Files.list(directory)) {
                    if (entries.findAny().isEmpty()) {
                        Files.delete(directory);
                    }
                }
            }
        }
    }
}
