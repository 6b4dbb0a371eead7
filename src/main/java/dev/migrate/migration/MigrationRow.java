package dev.migrate.migration;

/**
 * One migration as {@code migrate:info} shows it.
 *
 * @param category      {@code Versioned} or {@code Repeatable}
 * @param version       the version, empty for repeatables
 * @param description   the description from the file name
 * @param type          the migration type, e.g. {@code SQL}
 * @param script        the script's name
 * @param state         Flyway's state name, e.g. {@code Success}, {@code Pending}
 * @param installedOn   when it was applied, ISO-8601 in UTC, or empty
 * @param executionTime how long it took in milliseconds, or {@code null} when not applied
 */
public record MigrationRow(
        String category,
        String version,
        String description,
        String type,
        String script,
        String state,
        String installedOn,
        Integer executionTime) {}
