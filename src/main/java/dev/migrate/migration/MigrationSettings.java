package dev.migrate.migration;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Flyway needs to find and apply the migrations, independent of which database they go to.
 *
 * @param locations        Flyway locations ({@code filesystem:} with absolute paths, or {@code classpath:})
 * @param schemas          the schemas Flyway manages; the first holds the history table
 * @param placeholders     placeholder values, by name
 * @param flywayProperties any other Flyway setting, by its name without the {@code flyway.} prefix
 * @param target           the version to migrate up to, or {@code null} for the latest
 * @param classLoader      the class loader that sees {@code classpath:} locations and Java migrations
 */
public record MigrationSettings(
        List<String> locations,
        List<String> schemas,
        Map<String, String> placeholders,
        Map<String, String> flywayProperties,
        String target,
        ClassLoader classLoader) {

    /** The history table's name when the settings give none, as Flyway defaults it. */
    public static final String DEFAULT_HISTORY_TABLE = "flyway_schema_history";

    private static final String FLYWAY_PREFIX = "flyway.";

    public MigrationSettings {
        locations = List.copyOf(locations);
        schemas = List.copyOf(schemas);
        placeholders = Map.copyOf(placeholders);
        flywayProperties = Map.copyOf(flywayProperties);
    }

    /** The locations as Flyway parses them. */
    public List<MigrationLocation> parsedLocations() {
        return locations.stream().map(MigrationLocation::parse).toList();
    }

    /** The folder of the first {@code filesystem:} location, where new migrations and the lock file go. */
    public Optional<Path> firstFilesystemLocation() {
        return parsedLocations().stream()
                .filter(location -> location.kind() == MigrationLocation.Kind.FILESYSTEM)
                .map(MigrationLocation::folder)
                .findFirst();
    }

    /**
     * The name of Flyway's history table: its {@code table} setting, or Flyway's default. Read from the settings rather
     * than from a Flyway configuration, which would load Flyway for the up-to-date check of the jOOQ classes; Flyway
     * decides when the settings could name the table in another way (an environment, or both spellings of
     * {@code table}). MigrationSettingsTest holds both to the same names.
     */
    public String historyTable() {
        if (historyTableNeedsFlyway()) {
            return FlywayFactory.historyTable(this);
        }
        return historyTableSettings().stream()
                .findFirst()
                .map(flywayProperties::get)
                .orElse(DEFAULT_HISTORY_TABLE);
    }

    /**
     * Whether the locations and the history table can be read without Flyway, as the up-to-date check of the jOOQ
     * classes reads them; otherwise Flyway's classes must be loadable first.
     */
    public boolean readableWithoutFlyway() {
        return !historyTableNeedsFlyway() && locations.stream().allMatch(MigrationLocation::parsedWithoutFlyway);
    }

    private boolean historyTableNeedsFlyway() {
        boolean environments = flywayProperties.keySet().stream()
                .anyMatch(name -> withoutFlywayPrefix(name).startsWith("environment"));
        return environments || historyTableSettings().size() > 1;
    }

    private List<String> historyTableSettings() {
        return flywayProperties.keySet().stream()
                .filter(name -> withoutFlywayPrefix(name).equals("table"))
                .toList();
    }

    private static String withoutFlywayPrefix(String name) {
        return name.startsWith(FLYWAY_PREFIX) ? name.substring(FLYWAY_PREFIX.length()) : name;
    }

    /** The same settings with another target version. */
    public MigrationSettings withTarget(String newTarget) {
        return new MigrationSettings(locations, schemas, placeholders, flywayProperties, newTarget, classLoader);
    }
}
