package dev.migrate.codegen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One codegen worker per Java, plugin, jOOQ, Flyway and driver: not one per class path that Maven happens to give. */
class WorkerKeyTest {

    @TempDir
    Path directory;

    @Test
    void classPathEntriesOfOtherArtifactsDoNotMakeAnotherWorker() throws Exception {
        Path otherMavensJars = Files.createDirectories(directory.resolve("maven-3.8-core-classes"));
        String classPath = otherMavensJars + File.pathSeparator + System.getProperty("java.class.path");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classPath,
                        PrintKey.class.getName())
                .redirectErrorStream(true)
                .start();
        String childKey = new String(child.getInputStream().readAllBytes()).strip();

        assertEquals(0, child.waitFor(), childKey);
        assertTrue(WorkerKey.of().matches("[0-9a-f]{16}"), WorkerKey.of());
        assertEquals(WorkerKey.of(), childKey);
    }

    /** A jar installed anew, even with the same size and time, is another file: its worker is another one. */
    @Test
    void aJarReplacedByAnotherFileHasAnotherIdentity() throws IOException {
        Path jar = Files.writeString(directory.resolve("plugin.jar"), "classes of one build");
        FileTime installed = Files.getLastModifiedTime(jar);
        String first = WorkerKey.identity(jar);
        assertEquals(first, WorkerKey.identity(jar));

        Path next = Files.writeString(directory.resolve("plugin.jar.part"), "classes of two build");
        Files.setLastModifiedTime(next, installed);
        Files.move(next, jar, StandardCopyOption.REPLACE_EXISTING);

        assertNotEquals(first, WorkerKey.identity(jar));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(installed.toMillis() + 1000));
        assertNotEquals(first, WorkerKey.identity(jar));
    }

    /** Prints the key of the JVM it runs in. */
    static final class PrintKey {

        public static void main(String[] arguments) throws IOException {
            System.out.println(WorkerKey.of());
        }
    }
}
