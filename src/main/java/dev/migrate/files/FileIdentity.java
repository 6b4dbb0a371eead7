package dev.migrate.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A file as the file it is, told without reading it: its size, modification time and, where the file system has one,
 * its file key (device and inode on Unix). A jar downloaded, installed or written anew at the same path is another
 * file, with another identity; hashing the content instead costs a fresh JVM ~10 ms per MiB.
 */
public final class FileIdentity {

    private FileIdentity() {}

    /** The identity of {@code file}: one line of text without tabs, {@code unreadable} when it cannot be read. */
    public static String of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.size() + " " + attributes.lastModifiedTime().toMillis() + " " + attributes.fileKey();
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
