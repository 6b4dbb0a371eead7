package dev.migrate.migration;

/**
 * One row of Flyway's schema history table.
 *
 * @param version     the version, {@code null} for a repeatable migration
 * @param description the description
 * @param type        Flyway's type, e.g. {@code SQL}, {@code BASELINE}, {@code DELETE}
 * @param script      the script's name
 * @param checksum    the checksum, {@code null} for rows without one
 * @param success     whether the migration succeeded
 */
record HistoryRow(String version, String description, String type, String script, Integer checksum, boolean success) {

    /** How a line of output names the migration, e.g. {@code version 2 (V2__index.sql)}. */
    String name() {
        return version == null ? "repeatable " + script : "version " + version + " (" + script + ")";
    }
}
