package dev.migrate.codegen;

import dev.migrate.codegen.incremental.CodegenFingerprint;
import dev.migrate.codegen.incremental.GeneratedSourcesCache;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.files.Directories;
import dev.migrate.log.BuildLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The generated sources of one set of inputs in the cache shared by every checkout on the machine: restored instead of
 * generated when an earlier build stored them, stored after a generation.
 */
final class SharedSources {

    private final CodegenInputs inputs;
    private final GeneratedSourcesCache cache;
    private final String key;

    private SharedSources(CodegenInputs inputs, GeneratedSourcesCache cache, String key) {
        this.inputs = inputs;
        this.cache = cache;
        this.key = key;
    }

    /** The entry of {@code inputs}, empty when the shared cache is turned off. */
    static Optional<SharedSources> of(CodegenInputs inputs, BuildLog log) {
        return inputs.sharedCache().map(cache -> new SharedSources(inputs, cache, inputs.sharedCacheKey(log)));
    }

    /**
     * Restores the classes into the output directory, as a generation would move them there, and records the
     * fingerprint; false when the cache holds no intact entry of these inputs.
     */
    boolean restore(CodegenFingerprint inputsBefore, BuildLog log) {
        long started = System.nanoTime();
        GeneratedOutput output = GeneratedOutput.of(inputs.codegen());
        Path staging = output.newStagingDirectory();
        try {
            if (!cache.restoreInto(key, staging, log)) {
                return false;
            }
            GeneratedOutput.Changes changes = output.replaceWith(staging);
            inputs.withGeneratedFiles(inputsBefore).write(inputs.fingerprintFile());
            log.info("Restored jOOQ classes from the shared cache (key " + key.substring(0, 12) + "): "
                    + changes.files() + " files, " + changes.written() + " written, " + changes.removed()
                    + " removed (" + (System.nanoTime() - started) / 1_000_000 + " ms), no database needed");
            return true;
        } finally {
            Directories.deleteRecursively(staging);
        }
    }

    /** Stores the classes now in the target package; {@code replace} replaces an entry already there. */
    void store(boolean replace, BuildLog log) {
        Path outputDirectory = inputs.codegen().outputDirectory();
        Path packageDirectory = inputs.codegen().packageDirectory();
        try {
            List<Path> files = GeneratedOutput.regularFiles(packageDirectory).stream()
                    .map(file -> outputDirectory.relativize(packageDirectory.resolve(file)))
                    .toList();
            cache.store(key, outputDirectory, files, replace, log);
        } catch (IOException e) {
            throw new EnvironmentFailureException(
                    "Cannot read the generated classes in " + packageDirectory + ": " + e.getMessage(), e);
        }
    }
}
