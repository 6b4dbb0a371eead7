package dev.migrate.migration;

import dev.migrate.connection.ConnectionSettings;
import dev.migrate.database.OpenDatabase;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import java.nio.file.Path;

/** A build's JVM in miniature, for {@link InterruptedUpgradeTest}: upgrades the server at a URL, and is interrupted. */
public final class UpgradeUntilInterrupted {

    private UpgradeUntilInterrupted() {}

    /** {@code args}: the JDBC URL, the folder of the migrations. */
    public static void main(String[] args) {
        MigrationSettings settings = TestMigrations.in(Path.of(args[1]));
        try (OpenDatabase database = OpenDatabase.server(new ConnectionSettings(args[0], null, null))) {
            Migrator.upgrade(database, settings, new CapturingLog());
        }
    }
}
