package dev.migrate.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path directory;

    @Test
    void aNewFileIsWrittenButAnExistingOneIsNeverReplaced() throws IOException {
        Path file = directory.resolve("V1__new.sql");

        AtomicFile.writeNewString(file, "first");
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFile.writeNewString(file, "second"));

        assertEquals("first", Files.readString(file));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(1, files.count(), "no temporary file stays");
        }
    }
}
