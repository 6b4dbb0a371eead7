package dev.migrate.embedded;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.files.PrivateFiles;
import dev.migrate.log.BuildLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * An exclusive lock on a file next to a directory, held while a build uses or changes the directory. It excludes other
 * builds (other JVMs) and other threads of this JVM alike, and gives up after a timeout rather than hang.
 */
record DirectoryLock(FileChannel channel, FileLock lock) implements AutoCloseable {

    private static final long POLL_MILLIS = 200;

    /**
     * @param purpose what the directory is, for the log line while waiting and the message on timeout
     */
    static DirectoryLock acquire(Path lockFile, Duration timeout, String purpose, BuildLog log) {
        try {
            FileChannel channel = open(lockFile);
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean announced = false;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    return new DirectoryLock(channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    // nothing in the configuration is wrong: another process holds the directory
                    throw new EnvironmentFailureException(
                            "Another build has been using " + purpose + " (" + lockFile + ") for more than "
                                    + timeout.toSeconds() + " s. Wait for it to finish, or stop it, then run the goal"
                                    + " again; or allow a longer wait.",
                            new Suggestion.Change(Setting.LOCK_TIMEOUT),
                            null);
                }
                if (!announced) {
                    log.info("Waiting for another build that uses " + purpose + " (" + lockFile + ")");
                    announced = true;
                }
                sleep();
            }
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    /** The lock if no other build or thread holds it now; empty, without waiting, if one does. */
    static Optional<DirectoryLock> tryAcquire(Path lockFile) {
        try {
            FileChannel channel = open(lockFile);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new DirectoryLock(channel, lock));
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    /** The lock file, created owner-only (0600) where the file system has POSIX permissions. */
    private static FileChannel open(Path lockFile) throws IOException {
        PrivateFiles.created(lockFile.getParent());
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return PrivateFiles.POSIX
                ? FileChannel.open(
                        lockFile,
                        options,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : FileChannel.open(lockFile, options);
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another thread of this JVM
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailureException(
                    "Interrupted while waiting for a lock on an embedded database" + " directory", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot release " + channel + ": " + e.getMessage(), e);
        }
    }
}
