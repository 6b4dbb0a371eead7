package dev.migrate.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.testing.CapturingLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {

    @TempDir
    Path directory;

    /** Another build holding the directory is nothing the configuration got wrong; a longer wait may help. */
    @Test
    void aWaitThatRunsOutIsAnEnvironmentFailureSuggestingALongerWait() {
        Path lockFile = directory.resolve("data.lock");
        CapturingLog log = new CapturingLog();
        try (DirectoryLock held = DirectoryLock.acquire(lockFile, Duration.ZERO, "the embedded database", log)) {
            EnvironmentFailureException failure = assertThrows(
                    EnvironmentFailureException.class,
                    () -> DirectoryLock.acquire(lockFile, Duration.ZERO, "the embedded database", log));

            assertTrue(
                    failure.getMessage().startsWith("Another build has been using the embedded database"),
                    failure.getMessage());
            assertEquals(Optional.of(new Suggestion.Change(Setting.LOCK_TIMEOUT)), failure.suggestion());
        }
    }
}
