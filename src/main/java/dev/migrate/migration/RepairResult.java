package dev.migrate.migration;

import java.util.List;

/**
 * What Flyway's repair changed in the history table, one line each.
 *
 * @param database how the database is named in the output
 * @param changes  each change, e.g. a removed failed row or a realigned checksum; empty when nothing needed repair
 */
public record RepairResult(String database, List<String> changes) {

    public RepairResult {
        changes = List.copyOf(changes);
    }
}
