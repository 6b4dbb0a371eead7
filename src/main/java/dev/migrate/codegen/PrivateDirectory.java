package dev.migrate.codegen;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory that only this user can enter: the codegen worker's first guard against other users. The kernel lets
 * nobody connect to a socket in a directory they cannot enter, so a socket in such a directory takes connections from
 * this user's processes (and root's) only, on every platform; the worker also checks its peer's credentials where
 * Java has them ({@code SO_PEERCRED}, Linux and macOS). Where the directory cannot be made so (a file system without POSIX
 * permissions, another user's directory, a symbolic link), the worker does not run.
 */
final class PrivateDirectory {

    private static final String OWNER_ONLY = "rwx------";

    private PrivateDirectory() {
    }

    /** This process's user id. */
    static long uid() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("unix")) {
            throw new IOException("this platform has no Unix user ids to keep the codegen worker private with");
        }
        return new UnixSystem().getUid();
    }

    /** Creates {@code directory} (and its parents) if needed, owner-only, and checks that it is private. */
    static void create(Path directory) throws IOException {
        uid(); // before anything is created on a platform where it cannot be private
        Files.createDirectories(directory.toAbsolutePath().getParent());
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString(OWNER_ONLY)));
            } catch (FileAlreadyExistsException e) {
                // another build made it first: checked below like any other
            }
        }
        if (isOwnDirectory(directory)) {
            // made by an earlier version with the default mode: this user's, so it can be made private
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(OWNER_ONLY));
        }
        check(directory);
    }

    /** Fails unless {@code directory} is a directory (not a link), owned by this user, that nobody else can enter. */
    static void check(Path directory) throws IOException {
        if (!isOwnDirectory(directory) || !OWNER_ONLY.equals(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS)))) {
            throw new IOException(directory + " is not a directory that only this user can enter");
        }
    }

    private static boolean isOwnDirectory(Path directory) throws IOException {
        return Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) && ((Integer) Files.getAttribute(directory,
                "unix:uid", LinkOption.NOFOLLOW_LINKS)) == uid();
    }
}
