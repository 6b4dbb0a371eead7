package dev.migrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectClassLoaderTest {

    @TempDir
    Path directory;

    private final AtomicInteger resolutions = new AtomicInteger();

    @Test
    void aGoalThatNeverLooksNeverResolvesTheDependencies() throws IOException {
        try (ProjectClassLoader loader = loader()) {
            assertEquals(0, resolutions.get());
        }
        assertEquals(0, resolutions.get());
    }

    @Test
    void theFirstLookupAddsTheDependenciesOnce() throws IOException {
        try (ProjectClassLoader loader = loader()) {
            assertNotNull(loader.getResource("project.txt"));
            assertEquals(1, resolutions.get(), "a lookup the realm cannot answer resolves the dependencies");
            assertNotNull(loader.getResource("dependency.txt"));
            assertEquals(
                    1, Collections.list(loader.getResources("dependency.txt")).size());
            assertEquals(2, loader.getURLs().length);
            assertEquals(1, resolutions.get());
        }
    }

    @Test
    void theWorkerSeesTheDependenciesInTheUrls() throws IOException {
        try (ProjectClassLoader loader = loader()) {
            assertEquals(2, loader.getURLs().length);
            assertEquals(1, resolutions.get());
        }
    }

    private ProjectClassLoader loader() throws IOException {
        Path project = Files.createDirectories(directory.resolve("classes"));
        Files.writeString(project.resolve("project.txt"), "project");
        Path dependency = Files.createDirectories(directory.resolve("dependency"));
        Files.writeString(dependency.resolve("dependency.txt"), "dependency");
        URL dependencyUrl = dependency.toUri().toURL();
        return new ProjectClassLoader(
                List.of(project.toUri().toURL()),
                () -> {
                    resolutions.incrementAndGet();
                    return List.of(dependencyUrl);
                },
                ClassLoader.getPlatformClassLoader());
    }
}
