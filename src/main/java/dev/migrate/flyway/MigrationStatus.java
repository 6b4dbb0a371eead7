package dev.migrate.flyway;

import dev.migrate.database.OpenDatabase;
import dev.migrate.log.BuildLog;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;

/** Reads the state of every migration on a database through Flyway's {@code info}. */
public final class MigrationStatus {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private MigrationStatus() {
    }

    public static StatusReport read(OpenDatabase database, MigrationSettings settings, BuildLog log) {
        try {
            MigrationInfoService info = FlywayFactory.create(settings, database.dataSource(), log).info();
            List<MigrationRow> rows = Arrays.stream(info.all()).map(MigrationStatus::row).toList();
            MigrationInfo current = info.current();
            String currentVersion = current == null || current.getVersion() == null ? null
                    : current.getVersion().getVersion();
            int pending = (int) Arrays.stream(info.all())
                    .filter(migration -> migration.getState() == MigrationState.PENDING)
                    .count();
            return new StatusReport(database.displayName(), currentVersion, pending, rows);
        } catch (FlywayException e) {
            throw FlywayFailures.translate(e, database.displayName());
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
                migration.getInstalledOn() == null ? "" : INSTANT.format(migration.getInstalledOn().toInstant()),
                migration.getExecutionTime());
    }
}
