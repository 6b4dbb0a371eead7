package dev.migrate.migration;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.Action;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway's baseline: records that a database Flyway never migrated is already at a version, so that upgrades apply
 * only the migrations above it. A database that has a history table is refused before anything changes.
 */
public final class Baseline {

    private Baseline() {}

    /**
     * @param version     the baseline version, or {@code null} for Flyway's default ({@code 1})
     * @param description the baseline row's description, or {@code null} for Flyway's default
     */
    public static BaselineResult baseline(
            OpenDatabase database, MigrationSettings settings, String version, String description, BuildLog log) {
        FluentConfiguration configuration = FlywayFactory.configure(settings, database.dataSource(), log);
        if (version != null) {
            configuration.baselineVersion(readVersion(version));
        }
        if (description != null) {
            configuration.baselineDescription(description);
        }
        FlywayLock.boundFlywaysWait(configuration, settings, database);
        Flyway flyway = configuration.load();
        refuseExistingHistory(database, HistoryTable.qualifiedName(flyway, database.dataSource()));
        // Flyway baselines under its lock, and refuses a history table an upgrade created since the check above
        var baselined = FlywayLock.whileFlywayLocks(database, flyway, log, flyway::baseline);
        BaselineResult result = new BaselineResult(
                database.displayName(),
                baselined.baselineVersion,
                flyway.getConfiguration().getBaselineDescription());
        log.info(result.summary());
        return result;
    }

    private static MigrationVersion readVersion(String version) {
        try {
            return MigrationVersion.fromVersion(version);
        } catch (FlywayException e) {
            throw new UserMistakeException("The baseline version '" + version + "' is not a Flyway version: "
                    + e.getMessage() + ". Give digits separated by dots, e.g. 1 or 2.1.");
        }
    }

    private static void refuseExistingHistory(OpenDatabase database, String historyTable) {
        boolean exists;
        try {
            exists = HistoryTable.exists(database.dataSource(), historyTable);
        } catch (SQLException e) {
            throw new EnvironmentFailureException(
                    "Cannot read whether " + historyTable + " exists on " + database.displayName() + ": "
                            + e.getMessage(),
                    e);
        }
        if (exists) {
            throw new UserMistakeException(
                    database.displayName() + " already has Flyway's history table " + historyTable
                            + ", so it has a version already: nothing was changed. Baseline only a database Flyway"
                            + " never migrated.",
                    new Suggestion.Run(Action.INFO));
        }
    }
}
