package dev.migrate.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreeTest {

    @TempDir
    Path directory;

    @Test
    void listsRegularFilesByRelativeNameInNameOrderThroughLinksAndPastALoop() throws IOException {
        Path root = Files.createDirectories(directory.resolve("migrations"));
        Files.writeString(root.resolve("V2__b.sql"), "b");
        Files.writeString(Files.createDirectories(root.resolve("sub")).resolve("V3__c.sql"), "c");
        Path shared = Files.createDirectories(directory.resolve("shared"));
        Files.writeString(shared.resolve("V1__a.sql"), "a");
        Files.createSymbolicLink(root.resolve("linked"), shared);
        Files.createSymbolicLink(root.resolve("sub/up"), root);

        List<FileTree.Entry> files = FileTree.regularFiles(root);

        assertEquals(
                List.of("V2__b.sql", "linked/V1__a.sql", "sub/V3__c.sql"),
                files.stream().map(FileTree.Entry::name).toList());
        assertEquals(root.resolve("linked/V1__a.sql"), files.get(1).path());
        assertEquals(1, files.get(1).attributes().size());
    }

    @Test
    void aMissingFolderOrAFileHasNone() throws IOException {
        assertEquals(List.of(), FileTree.regularFiles(directory.resolve("missing")));
        assertEquals(List.of(), FileTree.regularFiles(Files.writeString(directory.resolve("file"), "x")));
    }
}
