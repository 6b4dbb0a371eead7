package dev.migrate.flyway;

import dev.migrate.database.ConnectionSettings;
import dev.migrate.database.OpenDatabase;
import dev.migrate.testing.CapturingLog;
import java.util.List;
import java.util.Map;

/** A build's JVM in miniature, for {@link InterruptedUpgradeTest}: upgrades the server at a URL, and is interrupted. */
public final class UpgradeUntilInterrupted {

    private UpgradeUntilInterrupted() {}

    /** {@code args}: the JDBC URL, the folder of the migrations. */
    public static void main(String[] args) {
        MigrationSettings settings = new MigrationSettings(
                List.of("filesystem:" + args[1]),
                List.of(),
                Map.of(),
                Map.of(),
                null,
                UpgradeUntilInterrupted.class.getClassLoader());
        try (OpenDatabase database = OpenDatabase.server(new ConnectionSettings(args[0], null, null))) {
            Migrator.upgrade(database, settings, new CapturingLog());
        }
    }
}
