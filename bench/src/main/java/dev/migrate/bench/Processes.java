package dev.migrate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about the processes the benchmark starts. */
final class Processes {

    private Processes() {}

    /** PostgreSQL refuses to run as root; like zonky, the benchmark then runs it in a user namespace. */
    static boolean isRoot() {
        try {
            return Files.readString(Path.of("/proc/self/status"))
                    .lines()
                    .filter(line -> line.startsWith("Uid:"))
                    .anyMatch(line -> line.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }
}
