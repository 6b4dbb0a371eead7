package dev.migrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.UserMistakeException;
import dev.migrate.testing.TestMigrations;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MigrationSettingsTest {

    /** What the settings read without Flyway is what Flyway reads from them, for the settings users give. */
    @Test
    void theHistoryTableIsTheOneFlywayReadsFromTheSettings() {
        MigrationSettings defaults = TestMigrations.in(Path.of("db"));
        List<Map<String, String>> flywaySettings = List.of(
                Map.of(),
                Map.of("table", "history"),
                Map.of("flyway.table", "history"),
                Map.of("table", "Mixed_Case"),
                Map.of("table", " spaced "),
                Map.of("table", ""),
                Map.of("table", "history", "outOfOrder", "true", "schemas", "app"),
                Map.of("outOfOrder", "true", "validateOnMigrate", "false"),
                Map.of("tablespace", "fast"),
                Map.of("environment", "default", "table", "history"),
                Map.of("environments.tempConfigEnvironment.table", "history"));
        for (Map<String, String> flyway : flywaySettings) {
            MigrationSettings settings = new MigrationSettings(
                    defaults.locations(), List.of(), Map.of(), flyway, null, defaults.classLoader());

            assertEquals(
                    outcome(() -> FlywayFactory.historyTable(settings)),
                    outcome(settings::historyTable),
                    flyway.toString());
        }
        assertEquals("flyway_schema_history", defaults.historyTable());
    }

    /** Only what the up-to-date check reads without Flyway leaves Flyway unloaded (CodegenWorkflow). */
    @Test
    void settingsThatOnlyFlywayCanReadSayTheyNeedIt() {
        assertTrue(settings(List.of("filesystem:db", " classpath:db/migration "), Map.of("table", "history"))
                .readableWithoutFlyway());
        assertFalse(settings(List.of("filesystem:db", "db/migration"), Map.of()).readableWithoutFlyway());
        assertFalse(settings(List.of("filesystem:db/**/sql"), Map.of()).readableWithoutFlyway());
        assertFalse(settings(List.of("filesystem:db"), Map.of("environment", "default"))
                .readableWithoutFlyway());
        assertFalse(settings(List.of("filesystem:db"), Map.of("table", "a", "flyway.table", "b"))
                .readableWithoutFlyway());
    }

    private static MigrationSettings settings(List<String> locations, Map<String, String> flyway) {
        return new MigrationSettings(locations, List.of(), Map.of(), flyway, null, ClassLoader.getSystemClassLoader());
    }

    /**
     * The name, or that Flyway refuses the settings. A setting Flyway does not know is refused when the classes are
     * generated (CodegenWorkflowTest): the up-to-date check reads only the table's name.
     */
    private static String outcome(Supplier<String> historyTable) {
        try {
            return historyTable.get();
        } catch (UserMistakeException e) {
            return "refused";
        }
    }
}
