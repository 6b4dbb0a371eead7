package dev.migrate.offline;

import dev.migrate.migration.internals.ParsedStatement;
import java.util.List;

/**
 * One migration to render, with the history row values Flyway would write for it.
 *
 * @param version              the version as Flyway stores it, or {@code null} for a repeatable migration
 * @param description          the description as Flyway stores it (abbreviated like Flyway does)
 * @param type                 the history row's type, e.g. {@code SQL}
 * @param script               the script name as Flyway stores it
 * @param checksum             Flyway's checksum
 * @param executeInTransaction whether Flyway runs it in a transaction
 * @param statements           its statements, in order
 */
record OfflineMigration(
        String version,
        String description,
        String type,
        String script,
        int checksum,
        boolean executeInTransaction,
        List<ParsedStatement> statements) {

    OfflineMigration {
        statements = List.copyOf(statements);
    }

    boolean repeatable() {
        return version == null;
    }
}
