package dev.migrate.maven;

import dev.migrate.codegen.PluginArtifact;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;

/**
 * The versions of the libraries the plugin's goals will run, known without loading them: part of the generated
 * classes' fingerprint, which is checked before any of them is needed.
 */
final class PluginLibraryVersions {

    /** The libraries the plugin was built with, one {@code groupId:artifactId:version} a line. */
    static final String LIBRARIES = "META-INF/migrate-maven-plugin/libraries.txt";

    private static final String JOOQ_GROUP = "org.jooq";
    private static final String JOOQ_ARTIFACT = "jooq";

    private PluginLibraryVersions() {}

    /**
     * The version of the jOOQ that generates: the one in the plugin's realm ({@code <plugin><dependencies>} may
     * override the plugin's), else the one the plugin was built with. {@code pluginArtifacts} is null where no realm
     * was resolved (the plugin testing harness).
     */
    static String jooqVersion(List<Artifact> pluginArtifacts) {
        return jooqVersion(pluginArtifacts, PluginLibraryVersions.class.getClassLoader());
    }

    static String jooqVersion(List<Artifact> pluginArtifacts, ClassLoader classLoader) {
        return Stream.ofNullable(pluginArtifacts)
                .flatMap(List::stream)
                .filter(artifact ->
                        JOOQ_GROUP.equals(artifact.getGroupId()) && JOOQ_ARTIFACT.equals(artifact.getArtifactId()))
                .map(Artifact::getVersion)
                .findFirst()
                .or(() -> builtWith(classLoader, JOOQ_GROUP + ":" + JOOQ_ARTIFACT + ":"))
                .or(() -> onClassPath(classLoader, "META-INF/maven/org.jooq/jooq/pom.properties"))
                .orElseThrow(
                        () -> new IllegalStateException("No jOOQ version: neither in the plugin's artifacts, nor in "
                                + LIBRARIES + ", nor jOOQ's pom.properties on the class path"));
    }

    /**
     * The artifacts in the plugin's realm (its jar, and what {@code <plugin><dependencies>} adds), for the generated
     * classes' fingerprint; none where no realm was resolved.
     */
    static List<PluginArtifact> pluginArtifacts(List<Artifact> pluginArtifacts) {
        return Stream.ofNullable(pluginArtifacts)
                .flatMap(List::stream)
                .map(artifact -> {
                    File file = artifact.getFile();
                    boolean changing = artifact.isSnapshot() || (file != null && file.isDirectory());
                    return new PluginArtifact(artifact.getId(), changing, file == null ? null : file.toPath());
                })
                .toList();
    }

    /** The version after {@code prefix} in {@link #LIBRARIES}. */
    private static Optional<String> builtWith(ClassLoader classLoader, String prefix) {
        try (InputStream in = classLoader.getResourceAsStream(LIBRARIES)) {
            if (in == null) {
                return Optional.empty();
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return lines.lines()
                    .map(String::strip)
                    .filter(line -> line.startsWith(prefix))
                    .map(line -> line.substring(prefix.length()))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + LIBRARIES, e);
        }
    }

    /** The version in a library's Maven {@code pom.properties}, which its jar carries. */
    private static Optional<String> onClassPath(ClassLoader classLoader, String pomProperties) {
        try (InputStream in = classLoader.getResourceAsStream(pomProperties)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("version"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pomProperties, e);
        }
    }
}
