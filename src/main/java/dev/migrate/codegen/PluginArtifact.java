package dev.migrate.codegen;

import dev.migrate.codegen.incremental.CodegenFingerprint;
import dev.migrate.files.FileIdentity;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A jar or folder in the plugin's class realm: the plugin's own jar, and what {@code <plugin><dependencies>} adds (a
 * generator, a naming strategy, a database, another jOOQ) with what those depend on. What jOOQ generates changes with
 * it.
 *
 * @param coordinates {@code groupId:artifactId:version}, with the classifier if any
 * @param changing    whether the same coordinates may come to name other content: a SNAPSHOT installed anew, or a
 *                    module of the same build, resolved to its folder of classes
 * @param file        its jar or folder; null when not resolved
 */
public record PluginArtifact(String coordinates, boolean changing, Path file) {

    /**
     * How the fingerprint tells it: a release by its coordinates, which name one content; a changing one also by what
     * its jar is (size, time, file key) or by every file in its folder.
     */
    String describe() {
        if (!changing || file == null) {
            return coordinates;
        }
        String identity = Files.isDirectory(file) ? CodegenFingerprint.filesDigest(file) : FileIdentity.of(file);
        return coordinates + " " + identity;
    }
}
