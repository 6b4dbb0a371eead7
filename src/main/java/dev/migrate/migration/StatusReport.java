package dev.migrate.migration;

import java.util.List;

/**
 * The state of every migration on one database.
 *
 * @param database       how the database is named in the output
 * @param currentVersion the schema version, or {@code null} for a database without history
 * @param pending        how many migrations wait to be applied
 * @param migrations     every migration, in Flyway's order
 * @param failed         the scripts of the migrations Flyway recorded as failed, which stop every later upgrade
 * @param nextStep       what to do about the failed migrations, or {@code null} when there is none
 */
public record StatusReport(
        String database,
        String currentVersion,
        int pending,
        List<MigrationRow> migrations,
        List<String> failed,
        String nextStep) {

    public StatusReport {
        migrations = List.copyOf(migrations);
        failed = List.copyOf(failed);
    }
}
