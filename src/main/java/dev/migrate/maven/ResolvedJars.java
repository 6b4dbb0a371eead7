package dev.migrate.maven;

import dev.migrate.error.MigrateException;
import dev.migrate.files.AtomicFile;
import dev.migrate.files.FileIdentity;
import dev.migrate.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The jars Maven resolved for the plugin's libraries, remembered in an owner-only directory of the local repository,
 * so that the next build that needs them adds them to the plugin's realm without asking Maven's resolver again: that
 * costs ~100 ms of each such build in a fresh JVM (the plugin's POM, then the libraries' dependency graph and POMs).
 * An entry is used only while every one of its jars is still the file Maven resolved ({@link FileIdentity}); otherwise
 * Maven resolves again and the entry is replaced. The key is the caller's: everything the resolution depends on that
 * can change under one plugin version.
 */
final class ResolvedJars {

    private final Supplier<Path> directory;

    /** @param directory where the entries are, asked for only when a goal needs the libraries */
    ResolvedJars(Supplier<Path> directory) {
        this.directory = directory;
    }

    /** The jars remembered under {@code key}, when each of them is still the file that was resolved. */
    Optional<List<Path>> read(String key) {
        List<String> lines;
        try {
            lines = Files.readAllLines(PrivateFiles.root(directory.get()).resolve(key), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | UncheckedIOException | MigrateException e) {
            return Optional.empty(); // unreadable, or in a directory others could write: Maven resolves
        }
        List<Path> jars = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split("\t", 2);
            if (fields.length != 2) {
                return Optional.empty();
            }
            Path jar = Path.of(fields[1]);
            if (!FileIdentity.of(jar).equals(fields[0])) {
                return Optional.empty();
            }
            jars.add(jar);
        }
        return Optional.of(jars);
    }

    /** Remembers {@code jars} under {@code key}; a failure to write only means the next build resolves again. */
    void write(String key, List<Path> jars) {
        StringBuilder text = new StringBuilder();
        for (Path jar : jars) {
            text.append(FileIdentity.of(jar))
                    .append('\t')
                    .append(jar.toAbsolutePath())
                    .append('\n');
        }
        try {
            AtomicFile.writeString(PrivateFiles.root(directory.get()).resolve(key), text);
        } catch (IOException | UncheckedIOException | MigrateException e) {
            // only an optimisation
        }
    }
}
