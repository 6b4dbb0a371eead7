package dev.migrate.offline;

import dev.migrate.downgrade.UndoScript;
import java.util.List;

/**
 * Everything the script needs, resolved by Flyway: what to check first, what to run, and how to record it.
 *
 * @param from                   the version the database must be at
 * @param to                     the version the script leaves the database at
 * @param historyTable           the history table, quoted as Flyway quotes it
 * @param historySchema          the schema that holds it (Flyway's default schema)
 * @param historyTableDdl        Flyway's DDL that creates it
 * @param schemas                the schemas Flyway checks are empty before it creates its history table: its default
 *                               schema first, then the configured ones
 * @param createdSchemas         the configured schemas Flyway creates, when missing, before its history table
 * @param lockKey                the key of Flyway's advisory lock
 * @param installedBy            Flyway's {@code installedBy} setting, or {@code null} for the current user
 * @param migrations             the versioned migrations in order, then the repeatable ones; for a downgrade, the
 *                               repeatable ones, which it runs again when they last ran after an undone version
 * @param skippedJavaMigrations  Java-based migrations the script leaves out, when told to skip them
 * @param undos                  for a downgrade ({@code to} below {@code from}), the undo scripts of the versions it
 *                               undoes, newest first; empty for an upgrade
 */
record OfflinePlan(
        SchemaVersion from,
        SchemaVersion to,
        String historyTable,
        String historySchema,
        String historyTableDdl,
        List<String> schemas,
        List<String> createdSchemas,
        long lockKey,
        String installedBy,
        List<OfflineMigration> migrations,
        List<String> skippedJavaMigrations,
        List<UndoScript> undos) {

    OfflinePlan {
        schemas = List.copyOf(schemas);
        createdSchemas = List.copyOf(createdSchemas);
        migrations = List.copyOf(migrations);
        skippedJavaMigrations = List.copyOf(skippedJavaMigrations);
        undos = List.copyOf(undos);
    }

    boolean downgrade() {
        return !undos.isEmpty();
    }
}
