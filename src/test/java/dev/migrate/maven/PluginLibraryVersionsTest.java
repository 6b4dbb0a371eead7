package dev.migrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.codegen.PluginArtifact;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLibraryVersionsTest {

    @TempDir
    Path classes;

    @Test
    void theJooqInThePluginsRealmWinsOverTheOneThePluginWasBuiltWith() throws IOException {
        writeLibraries("org.flywaydb:flyway-core:11.0.0\norg.jooq:jooq:3.19.38\n");

        try (URLClassLoader loader = loader()) {
            assertEquals(
                    "3.20.1",
                    PluginLibraryVersions.jooqVersion(
                            List.of(
                                    artifact("org.jooq", "jooq-meta", "3.19.38"),
                                    artifact("org.jooq", "jooq", "3.20.1")),
                            loader));
            assertEquals(
                    "3.19.38",
                    PluginLibraryVersions.jooqVersion(List.of(artifact("org.jooq", "jooq-codegen", "3.20.1")), loader));
        }
    }

    @Test
    void withoutTheListOfLibrariesJooqsOwnPomPropertiesOnTheClassPathTell() throws IOException {
        URL jooqJar =
                org.jooq.Constants.class.getProtectionDomain().getCodeSource().getLocation();

        try (URLClassLoader onlyJooq = new URLClassLoader(new URL[] {jooqJar}, null)) {
            // the harness resolves no realm: no artifacts at all
            assertEquals(org.jooq.Constants.FULL_VERSION, PluginLibraryVersions.jooqVersion(null, onlyJooq));
            assertEquals(org.jooq.Constants.FULL_VERSION, PluginLibraryVersions.jooqVersion(List.of(), onlyJooq));
        }
    }

    @Test
    void theRealmsArtifactsAreChangingWhenTheyAreSnapshotsOrFoldersOfClasses() throws IOException {
        Artifact release = artifact("com.acme", "naming", "1.0");
        release.setFile(
                Files.writeString(classes.resolve("naming-1.0.jar"), "jar").toFile());
        Artifact snapshot = artifact("com.acme", "rules", "2.0-SNAPSHOT");
        snapshot.setFile(Files.writeString(classes.resolve("rules-2.0-SNAPSHOT.jar"), "jar")
                .toFile());
        Artifact module = artifact("com.acme", "strategy", "1.0");
        module.setFile(Files.createDirectories(classes.resolve("strategy/target/classes"))
                .toFile());

        assertEquals(
                List.of(
                        new PluginArtifact(
                                "com.acme:naming:jar:1.0",
                                false,
                                release.getFile().toPath()),
                        new PluginArtifact(
                                "com.acme:rules:jar:2.0-SNAPSHOT",
                                true,
                                snapshot.getFile().toPath()),
                        new PluginArtifact(
                                "com.acme:strategy:jar:1.0",
                                true,
                                module.getFile().toPath()),
                        new PluginArtifact("com.acme:unresolved:jar:1.0", false, null)),
                PluginLibraryVersions.pluginArtifacts(
                        List.of(release, snapshot, module, artifact("com.acme", "unresolved", "1.0"))));
        assertEquals(List.of(), PluginLibraryVersions.pluginArtifacts(null), "the harness resolves no realm");
    }

    private void writeLibraries(String lines) throws IOException {
        Path libraries = classes.resolve(PluginLibraryVersions.LIBRARIES);
        Files.createDirectories(libraries.getParent());
        Files.writeString(libraries, lines);
    }

    private URLClassLoader loader() throws IOException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
    }

    private static Artifact artifact(String groupId, String artifactId, String version) {
        return new DefaultArtifact(
                groupId, artifactId, version, "runtime", "jar", null, new DefaultArtifactHandler("jar"));
    }
}
