package dev.migrate.files;

import com.sun.security.auth.module.UnixSystem;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.UserMistakeException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directories and files that only the build's user may read or change: the binaries cache, the cluster templates,
 * the record of running servers, every cluster's working directory, and the codegen worker's socket directory.
 * Another user who could write into them could swap a binary the next build runs, read a server's password or talk
 * to the worker; so they are created owner-only (0700, files 0600) and checked before the plugin trusts what they
 * hold. Where the file system has no POSIX permissions (Windows), the
 * user's profile directory is what protects them, and nothing is checked.
 */
public final class PrivateFiles {

    public static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    public static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.asFileAttribute(OWNER_ONLY);

    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int OTHERS_WRITE = 0002;
    private static final int GROUP_OR_OTHERS_ANY = 0077;
    private static final int STICKY = 01000;
    private static final int ROOT = 0;

    private PrivateFiles() {}

    /**
     * {@code root}, created owner-only with any missing parent if needed, and checked: it must belong to this user, no
     * other user may write to it, and none of its parents may let another user replace it.
     */
    public static Path root(Path root) {
        Path directory = directory(root);
        checkParents(directory);
        return directory;
    }

    /** {@code directory}, created owner-only with any missing parent if needed, and checked as {@link #check}. */
    public static Path directory(Path directory) {
        Path absolute = created(directory);
        check(absolute);
        return absolute;
    }

    /**
     * {@code directory}, and any missing parent, created owner-only if missing; an existing one is left as it is (a
     * project's {@code target/migrate}, which holds nothing to trust until its own contents are checked).
     */
    public static Path created(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            createMissing(absolute);
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot create " + absolute + ": " + e.getMessage(), e);
        }
        return absolute;
    }

    private static void createMissing(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        createMissing(directory.getParent());
        try {
            if (POSIX) {
                Files.createDirectory(directory, OWNER_ONLY_DIRECTORY);
            } else {
                Files.createDirectory(directory);
            }
        } catch (FileAlreadyExistsException e) {
            // another build created it at the same time: checked like any existing one
        }
    }

    /**
     * Refuses {@code path} unless it belongs to this user and no other user can write to it: what it holds could have
     * been put there by someone else.
     */
    public static void check(Path path) {
        if (!POSIX) {
            return;
        }
        int uid = attribute(path, "unix:uid");
        int mode = attribute(path, "unix:mode");
        if (uid != currentUid()) {
            throw new UserMistakeException(path + " belongs to another user (uid " + uid + "), so the embedded"
                    + " PostgreSQL cannot trust what it holds. Delete it (it is rebuilt), or run the build as that"
                    + " user, or use a local repository of your own (-Dmaven.repo.local=...).");
        }
        if ((mode & GROUP_OR_OTHERS_WRITE) != 0) {
            throw new UserMistakeException(
                    path + " can be changed by other users (mode " + Integer.toOctalString(mode & 07777)
                            + "), so the embedded PostgreSQL cannot trust what it holds. Delete it (it is"
                            + " rebuilt owner-only), or make it yours alone: chmod go-rwx " + path);
        }
    }

    /**
     * {@code directory}, created if missing, that only this user can enter: Java cannot always ask a Unix socket for
     * its peer, but the kernel lets nobody connect to a socket in a directory they cannot enter. One of this user's
     * with a looser mode (made by an earlier version) is tightened; anything else fails, for the caller to do without.
     */
    public static void enterableByOwnerOnly(Path directory) throws IOException {
        if (!POSIX) {
            throw new IOException("this platform has no Unix permissions to keep " + directory + " private with");
        }
        Files.createDirectories(directory.toAbsolutePath().getParent());
        try {
            Files.createDirectory(directory, OWNER_ONLY_DIRECTORY);
        } catch (FileAlreadyExistsException e) {
            // made earlier, or by another build at the same time: checked below like any other
        }
        if (isOwnDirectory(directory)) {
            Files.setPosixFilePermissions(directory, OWNER_ONLY);
        }
        requireEnterableByOwnerOnly(directory);
    }

    /** Fails unless {@code directory} is a directory (not a link) of this user's that nobody else can enter. */
    public static void requireEnterableByOwnerOnly(Path directory) throws IOException {
        if (!POSIX
                || !isOwnDirectory(directory)
                || !OWNER_ONLY.equals(Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS))) {
            throw new IOException(directory + " is not a directory that only this user can enter");
        }
    }

    private static boolean isOwnDirectory(Path directory) throws IOException {
        return Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)
                && (Integer) Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS) == currentUid();
    }

    /** Whether other users can read or enter {@code path}: a secret in it would not be one. */
    public static boolean othersCanRead(Path path) {
        return POSIX && (attribute(path, "unix:mode") & GROUP_OR_OTHERS_ANY) != 0;
    }

    /**
     * A parent that another user may write to could have the directory renamed away and replaced; one with the sticky
     * bit ({@code /tmp}) lets them only remove their own entries, and root's are root's business. A parent writable
     * by the user's own primary group is common (user private groups with umask 002) and accepted.
     */
    private static void checkParents(Path directory) {
        for (Path parent = directory.getParent(); parent != null && POSIX; parent = parent.getParent()) {
            int uid = attribute(parent, "unix:uid");
            int mode = attribute(parent, "unix:mode");
            boolean ownGroup = attribute(parent, "unix:gid") == User.GID;
            int foreignWrite = ownGroup ? OTHERS_WRITE : GROUP_OR_OTHERS_WRITE;
            boolean replaceable = (mode & foreignWrite) != 0 && (mode & STICKY) == 0;
            if ((uid != currentUid() && uid != ROOT) || replaceable) {
                throw new UserMistakeException(directory + " is inside " + parent + ", which another user "
                        + (replaceable
                                ? "can change (mode " + Integer.toOctalString(mode & 07777) + ")"
                                : "owns (uid " + uid + ")")
                        + ", so the embedded PostgreSQL cannot trust what it holds. Use a local repository and a"
                        + " project directory of your own (-Dmaven.repo.local=...), or make " + parent
                        + " yours alone.");
            }
        }
    }

    private static int attribute(Path path, String name) {
        try {
            return (Integer) Files.getAttribute(path, name);
        } catch (IOException e) {
            throw new EnvironmentFailureException(
                    "Cannot read the owner and mode of " + path + ": " + e.getMessage(), e);
        }
    }

    public static int currentUid() {
        return User.UID;
    }

    /**
     * Read once. On Linux, {@code /proc/self} belongs to the process's effective user and group, which costs one
     * {@code stat}; {@link UnixSystem} loads a native library and looks the user up (~5 ms), so it is the fallback.
     */
    private static final class User {

        private static final Path SELF = Path.of("/proc/self");
        static final int UID = Files.isDirectory(SELF) ? attribute(SELF, "unix:uid") : (int) new UnixSystem().getUid();
        static final int GID = Files.isDirectory(SELF) ? attribute(SELF, "unix:gid") : (int) new UnixSystem().getGid();
    }
}
