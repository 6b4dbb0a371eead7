package dev.migrate.migration;

import dev.migrate.database.OpenDatabase;
import dev.migrate.log.BuildLog;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies pending migrations with Flyway and reports them one line each, then in one summary line. */
public final class Migrator {

    private Migrator() {}

    public static UpgradeResult upgrade(OpenDatabase database, MigrationSettings settings, BuildLog log) {
        return upgrade(database, settings, log, false);
    }

    /**
     * {@link #upgrade}, without Flyway's validation of the applied migrations, which the caller just did, stricter
     * than the settings' own: {@link MigratedPrefix#whyNotContinuable} found none but pending ones.
     */
    public static UpgradeResult upgradeValidated(OpenDatabase database, MigrationSettings settings, BuildLog log) {
        return upgrade(database, settings, log, true);
    }

    private static UpgradeResult upgrade(
            OpenDatabase database, MigrationSettings settings, BuildLog log, boolean validated) {
        FluentConfiguration configuration =
                FlywayFactory.configure(settings, database.dataSource(), log, new MigrationProgress(log, database));
        if (validated) {
            configuration.validateOnMigrate(false);
        }
        FlywayLock.boundFlywaysWait(configuration, settings, database);
        Flyway flyway = configuration.load();
        long started = System.nanoTime();
        MigrateResult result = FlywayLock.whileFlywayLocks(database, flyway, log, flyway::migrate);
        String from = version(result.initialSchemaVersion);
        // Flyway reports no target version when it applied nothing, or only repeatables: the version stays
        String target = version(result.targetSchemaVersion);
        String to = target == null ? from : target;
        UpgradeResult upgrade =
                new UpgradeResult(from, to, result.migrationsExecuted, (System.nanoTime() - started) / 1_000_000);
        log.info(summary(database.displayName(), upgrade));
        return upgrade;
    }

    private static String version(String flywayVersion) {
        return flywayVersion == null || flywayVersion.isBlank() || flywayVersion.startsWith("<<")
                ? null
                : flywayVersion;
    }

    static String summary(String databaseName, UpgradeResult result) {
        String from = result.fromVersion() == null ? "empty" : result.fromVersion();
        if (result.applied() == 0) {
            return "Upgraded " + databaseName + ": already up to date at version " + from + ", no migration to apply";
        }
        String to = result.toVersion();
        return "Upgraded " + databaseName + " from " + from + " to " + to + ": " + result.applied()
                + (result.applied() == 1 ? " migration" : " migrations") + " in " + result.millis() + " ms";
    }
}
