package dev.migrate.migration;

/**
 * A database Flyway's baseline marked as being at a version.
 *
 * @param database    how the database is named in the output
 * @param version     the baseline version: migrations up to it are never applied to this database
 * @param description the description of the baseline row
 */
public record BaselineResult(String database, String version, String description) {

    /** The line the build prints. */
    public String summary() {
        return "Baselined " + database + " at version " + version + " (" + description + "): upgrades apply only"
                + " the migrations above it";
    }
}
