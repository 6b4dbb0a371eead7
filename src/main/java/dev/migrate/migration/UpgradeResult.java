package dev.migrate.migration;

import java.io.Serializable;

/**
 * What an upgrade did.
 *
 * @param fromVersion the schema version before, or {@code null} for a database without history
 * @param toVersion   the schema version after: {@code fromVersion} when no versioned migration was applied
 * @param applied     how many migrations were applied
 * @param millis      how long applying them took
 */
public record UpgradeResult(String fromVersion, String toVersion, int applied, long millis) implements Serializable {}
