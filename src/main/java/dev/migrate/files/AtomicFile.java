package dev.migrate.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writing a file so that a reader, another build or a crash never sees half of it: the text goes to a temporary file
 * in the same directory, which is then moved over the target in one step.
 */
public final class AtomicFile {

    private AtomicFile() {}

    /** Writes {@code text} as UTF-8 to {@code file}, creating its directory; the temporary file never stays. */
    public static void writeString(Path file, CharSequence text) throws IOException {
        write(file, text, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Writes {@code text} as UTF-8 to {@code file}, which must not exist: the temporary file is moved there only if
     * nothing is, so an existing file is never replaced.
     *
     * @throws FileAlreadyExistsException when {@code file} exists
     */
    public static void writeNewString(Path file, CharSequence text) throws IOException {
        // no REPLACE_EXISTING (and no ATOMIC_MOVE, which may replace): the move fails on an existing file
        write(file, text);
    }

    private static void write(Path file, CharSequence text, CopyOption... options) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, absolute, options);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
