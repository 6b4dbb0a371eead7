package dev.migrate.offline;

import dev.migrate.migration.MigrationSettings;

/**
 * What {@code migrate:offline-sql} is asked to write.
 *
 * @param settings            where the migrations are and how Flyway is configured; placeholders named
 *                            {@code flyway:<name>} give the values of Flyway's built-in placeholders that only the
 *                            target database knows (e.g. {@code flyway:database})
 * @param from                the version the target database is at
 * @param to                  the version to upgrade to, or {@code null} for the latest
 * @param skipJavaMigrations  leave Java-based migrations out instead of failing
 * @param generator           names the tool in the script's header, e.g. {@code migrate-maven-plugin 0.1.0}
 */
public record OfflineRequest(
        MigrationSettings settings, SchemaVersion from, String to, boolean skipJavaMigrations, String generator) {

    /** A request as a user words it: {@code from} and {@code to} blank or {@code empty} for none. */
    public static OfflineRequest of(
            MigrationSettings settings, String from, String to, boolean skipJavaMigrations, String generator) {
        String latest = SchemaVersion.parse(to) instanceof SchemaVersion.At at ? at.version() : null;
        return new OfflineRequest(settings, SchemaVersion.parse(from), latest, skipJavaMigrations, generator);
    }
}
