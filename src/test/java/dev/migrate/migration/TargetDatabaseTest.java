package dev.migrate.migration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.connection.ServerLimits;
import dev.migrate.embedded.EmbeddedSettings;
import dev.migrate.error.UserMistakeException;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetDatabaseTest {

    @TempDir
    Path directory;

    /** Stands for the embedded server: asking for its settings is the first step of starting it. */
    private final Supplier<EmbeddedSettings> noServerMayStart = () -> {
        throw new AssertionError("the embedded server was started before the settings were checked");
    };

    private TargetDatabase developmentDatabase() {
        return new TargetDatabase(null, ServerLimits.DEFAULTS, noServerMayStart, directory.resolve("devdb"));
    }

    @Test
    void missingLocationFailsBeforeTheEmbeddedServerStarts() {
        MigrationSettings settings = TestMigrations.in(directory.resolve("nope"));

        UserMistakeException failure = assertThrows(
                UserMistakeException.class, () -> developmentDatabase().open(settings, new CapturingLog()));

        assertTrue(failure.getMessage().contains("nope' does not exist"), failure.getMessage());
    }

    @Test
    void unknownFlywaySettingFailsBeforeTheEmbeddedServerStarts() {
        MigrationSettings settings = new MigrationSettings(
                List.of("filesystem:" + directory),
                List.of(),
                Map.of(),
                Map.of("outOfOder", "true"),
                null,
                getClass().getClassLoader());

        UserMistakeException failure = assertThrows(
                UserMistakeException.class, () -> developmentDatabase().open(settings, new CapturingLog()));

        assertTrue(failure.getMessage().contains("outOfOder"), failure.getMessage());
    }
}
