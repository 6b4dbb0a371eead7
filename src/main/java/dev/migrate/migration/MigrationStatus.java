package dev.migrate.migration;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.Action;
import dev.migrate.error.Suggestion;
import dev.migrate.log.BuildLog;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;

/** Reads the state of every migration on a database through Flyway's {@code info}. */
public final class MigrationStatus {

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private MigrationStatus() {}

    public static StatusReport read(OpenDatabase database, MigrationSettings settings, BuildLog log) {
        Flyway flyway = FlywayFactory.create(settings, database.dataSource(), log);
        try {
            MigrationInfoService info = flyway.info();
            List<MigrationRow> rows =
                    Arrays.stream(info.all()).map(MigrationStatus::row).toList();
            MigrationInfo current = info.current();
            String currentVersion = current == null || current.getVersion() == null
                    ? null
                    : current.getVersion().getVersion();
            int pending = (int) Arrays.stream(info.all())
                    .filter(migration -> migration.getState() == MigrationState.PENDING)
                    .count();
            List<String> failed = Arrays.stream(info.all())
                    .filter(migration -> migration.getState().isFailed())
                    .map(MigrationInfo::getScript)
                    .toList();
            String nextStep = failed.isEmpty()
                    ? null
                    : FlywayFailures.afterFailedMigration(
                            database, HistoryTable.qualifiedName(flyway, database.dataSource()));
            // deleting a failed row is for the user's server; the plugin's own databases are made anew instead
            Suggestion repair =
                    failed.isEmpty() || !database.isUsersServer() ? null : new Suggestion.Run(Action.REPAIR);
            return new StatusReport(database.displayName(), currentVersion, pending, rows, failed, nextStep, repair);
        } catch (FlywayException e) {
            throw database.explain(FlywayFailures.translate(
                    e, database, () -> HistoryTable.qualifiedName(flyway, database.dataSource())));
        }
    }

    private static String category(MigrationInfo migration) {
        if (migration.getVersion() != null) {
            return "Versioned";
        }
        return migration.getType().name().equals("SCHEMA") ? "Schema" : "Repeatable";
    }

    private static MigrationRow row(MigrationInfo migration) {
        boolean versioned = migration.getVersion() != null;
        return new MigrationRow(
                category(migration),
                versioned ? migration.getVersion().getVersion() : "",
                migration.getDescription(),
                migration.getType().name(),
                migration.getScript(),
                migration.getState().getDisplayName(),
                migration.getInstalledOn() == null
                        ? ""
                        : INSTANT.format(migration.getInstalledOn().toInstant()),
                migration.getExecutionTime());
    }
}
