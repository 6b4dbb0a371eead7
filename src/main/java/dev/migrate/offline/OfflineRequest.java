package dev.migrate.offline;

import dev.migrate.migration.MigrationSettings;

/**
 * What {@code migrate:offline-sql} is asked to write.
 *
 * @param settings            where the migrations are and how Flyway is configured; placeholders named
 *                            {@code flyway:<name>} give the values of Flyway's built-in placeholders that only the
 *                            target database knows (e.g. {@code flyway:database})
 * @param from                the version the target database is at, or {@code null}/empty for a database that Flyway
 *                            never migrated
 * @param to                  the version to upgrade to, or {@code null}/empty for the latest
 * @param skipJavaMigrations  leave Java-based migrations out instead of failing
 * @param generator           names the tool in the script's header, e.g. {@code migrate-maven-plugin 0.1.0}
 */
public record OfflineRequest(
        MigrationSettings settings, String from, String to, boolean skipJavaMigrations, String generator) {

    /** How {@code from} names a database that Flyway never migrated, in file names and on the command line. */
    public static final String EMPTY = "empty";

    public OfflineRequest {
        from = blankToNull(from);
        to = blankToNull(to);
    }

    private static String blankToNull(String version) {
        return version == null || version.isBlank() || version.strip().equalsIgnoreCase(EMPTY) ? null : version.strip();
    }
}
