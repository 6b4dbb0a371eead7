package dev.migrate.files;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The regular files under a folder, listed for a fingerprint: by their names relative to the folder, with the
 * attributes the walk read anyway (one stat per file). Links are followed, as Flyway follows them: a folder that is a
 * link to a shared one is listed through it, and a link back up to a folder being listed is passed over.
 */
public final class FileTree {

    /**
     * A regular file under the folder.
     *
     * @param name       its path relative to the folder, with {@code /} between names on every platform
     * @param path       its path
     * @param attributes its size, times and file key, as the walk read them
     */
    public record Entry(String name, Path path, BasicFileAttributes attributes) {}

    private FileTree() {}

    /** Every regular file under {@code root}, in name order; none when {@code root} is no folder. */
    public static List<Entry> regularFiles(Path root) throws IOException {
        List<Entry> files = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        // names by cutting the root's off, sorted as strings: relativizing and comparing Paths was a third of a
        // fresh JVM's up-to-date check of 1,000 migrations
        String rootName = root.toString();
        int rootLength =
                rootName.endsWith(root.getFileSystem().getSeparator()) ? rootName.length() : rootName.length() + 1;
        Files.walkFileTree(root, Set.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    files.add(new Entry(file.toString().substring(rootLength).replace('\\', '/'), file, attributes));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof FileSystemLoopException) {
                    return FileVisitResult.CONTINUE; // its files are those of the folder above, listed once
                }
                throw e;
            }
        });
        files.sort(Comparator.comparing(Entry::name));
        return files;
    }
}
