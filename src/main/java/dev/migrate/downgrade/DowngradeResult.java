package dev.migrate.downgrade;

/**
 * What a downgrade did.
 *
 * @param fromVersion the schema version before
 * @param toVersion   the schema version after: the target, or {@code fromVersion} when there was nothing to undo
 * @param undone      how many versions were undone
 * @param millis      how long undoing them took
 */
public record DowngradeResult(String fromVersion, String toVersion, int undone, long millis) {

    /** The summary line of the goal. */
    String summary(String databaseName) {
        if (undone == 0) {
            return "Downgraded " + databaseName + ": already at version " + fromVersion + ", nothing to undo";
        }
        return "Downgraded " + databaseName + " from " + fromVersion + " to " + toVersion + ": " + undone
                + (undone == 1 ? " version" : " versions") + " undone in " + millis + " ms";
    }
}
