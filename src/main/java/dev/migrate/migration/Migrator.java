package dev.migrate.migration;

import dev.migrate.database.OpenDatabase;
import dev.migrate.log.BuildLog;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies pending migrations with Flyway and reports them one line each, then in one summary line. */
public final class Migrator {

    /** Flyway's own setting for its lock wait: one try a second. */
    private static final String LOCK_RETRY_COUNT = "lockRetryCount";

    private Migrator() {}

    public static UpgradeResult upgrade(OpenDatabase database, MigrationSettings settings, BuildLog log) {
        FluentConfiguration configuration =
                FlywayFactory.configure(settings, database.dataSource(), log, new MigrationProgress(log, database));
        if (!settings.flywayProperties().containsKey(LOCK_RETRY_COUNT)) {
            configuration.lockRetryCount((int) database.limits().lockWait().toSeconds());
        }
        Flyway flyway = configuration.load();
        String historyTable = HistoryTable.qualifiedName(flyway, database.dataSource());
        FlywayLock.holder(database.dataSource(), historyTable)
                .ifPresent(holder -> log.info("Waiting up to "
                        + flyway.getConfiguration().getLockRetryCount() + " s for Flyway's lock on " + historyTable
                        + ", held by " + holder.description()));
        long started = System.nanoTime();
        MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (FlywayException e) {
            throw database.explain(lockWaitExceeded(e, database, flyway, historyTable)
                    .orElseGet(() -> FlywayFailures.translate(e, database, () -> historyTable)));
        }
        String from = version(result.initialSchemaVersion);
        // Flyway reports no target version when it applied nothing, or only repeatables: the version stays
        String target = version(result.targetSchemaVersion);
        String to = target == null ? from : target;
        UpgradeResult upgrade =
                new UpgradeResult(from, to, result.migrationsExecuted, (System.nanoTime() - started) / 1_000_000);
        log.info(summary(database.displayName(), upgrade));
        return upgrade;
    }

    /** Flyway gave up waiting for its lock: whoever holds it is named, with how to end it or to wait longer. */
    private static Optional<RuntimeException> lockWaitExceeded(
            FlywayException e, OpenDatabase database, Flyway flyway, String historyTable) {
        if (e.getMessage() == null || !e.getMessage().startsWith("Number of retries exceeded")) {
            return Optional.empty();
        }
        return Optional.of(FlywayLock.waitExceeded(
                database, historyTable, flyway.getConfiguration().getLockRetryCount(), e));
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
