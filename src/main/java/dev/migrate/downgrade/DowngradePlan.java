package dev.migrate.downgrade;

import dev.migrate.error.Action;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.internals.FlywayInternals.SqlMigration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Which versions a downgrade undoes, in which order, with which undo scripts; or why it must not start. Every refusal
 * is decided here, before anything on the database changes.
 *
 * @param fromVersion the current version
 * @param toVersion   the target version
 * @param undos       the undo scripts to run, the latest applied version first
 */
record DowngradePlan(String fromVersion, String toVersion, List<UndoScript> undos) {

    /**
     * @param info          Flyway's view of the migrations and the history
     * @param target        the version to go down to
     * @param undoScripts   the undo scripts Flyway resolved, by the version they undo
     * @param configuration the configuration Flyway resolved them with
     * @param databaseName  how messages name the database
     */
    static DowngradePlan of(
            MigrationInfoService info,
            MigrationVersion target,
            Map<MigrationVersion, SqlMigration> undoScripts,
            Configuration configuration,
            String databaseName) {
        refuseFailedRows(info, databaseName);
        MigrationInfo current = info.current();
        if (current == null || current.getVersion() == null) {
            throw new UserMistakeException(
                    databaseName + " has no applied version to undo: there is nothing to downgrade.",
                    new Suggestion.Run(Action.INFO));
        }
        List<MigrationInfo> applied = Arrays.stream(info.all())
                .filter(migration -> migration.getVersion() != null && isApplied(migration))
                .toList();
        refuseUnknownTarget(target, current, applied, databaseName);
        List<MigrationInfo> range = applied.stream()
                .filter(migration -> migration.getVersion().isNewerThan(target.getVersion()))
                .sorted(Comparator.comparing(MigrationInfo::getInstalledRank).reversed())
                .toList();
        List<String> missing = new ArrayList<>();
        List<UndoScript> undos = new ArrayList<>();
        for (MigrationInfo migration : range) {
            SqlMigration undo = undoScripts.get(migration.getVersion());
            if (undo == null || migration.getType() != CoreMigrationType.SQL) {
                missing.add(describe(migration));
            } else {
                undos.add(undoScript(migration, undo, configuration));
            }
        }
        refuseMissingUndos(missing, current, target, databaseName);
        return new DowngradePlan(current.getVersion().toString(), target.toString(), undos);
    }

    /** A row that still counts: applied, neither failed nor retired by a later {@code DELETE} row. */
    private static boolean isApplied(MigrationInfo migration) {
        return migration.getState().isApplied()
                && !migration.getState().isFailed()
                && migration.getState() != MigrationState.DELETED
                && migration.getType() != CoreMigrationType.DELETE;
    }

    private static UndoScript undoScript(MigrationInfo migration, SqlMigration undo, Configuration configuration) {
        return new UndoScript(
                migration.getVersion().toString(),
                undo.description(),
                undo.script(),
                undo.checksum(configuration),
                undo.executeInTransaction(),
                undo.statements());
    }

    private static void refuseFailedRows(MigrationInfoService info, String databaseName) {
        String failed = Arrays.stream(info.all())
                .filter(migration -> migration.getState().isFailed())
                .map(DowngradePlan::describe)
                .collect(Collectors.joining(", "));
        if (!failed.isEmpty()) {
            throw new UserMistakeException(
                    "The history of " + databaseName + " holds a failed migration: " + failed + ". A downgrade"
                            + " starts only from a history without one: repair it first (and undo by hand what the"
                            + " failed migration left behind). Nothing was changed.",
                    new Suggestion.Run(Action.REPAIR));
        }
    }

    private static void refuseUnknownTarget(
            MigrationVersion target, MigrationInfo current, List<MigrationInfo> applied, String databaseName) {
        if (target.isNewerThan(current.getVersion().getVersion())) {
            throw new UserMistakeException(
                    "The target version " + target + " is above the current version " + current.getVersion()
                            + " of " + databaseName + ": a downgrade only goes down. Pick a version at or below "
                            + current.getVersion() + ". Nothing was changed.",
                    new Suggestion.Change(Setting.TARGET));
        }
        if (applied.stream().noneMatch(migration -> migration.getVersion().equals(target))) {
            throw new UserMistakeException(
                    "The target version " + target + " is no version applied to " + databaseName + ", which has "
                            + applied.stream()
                                    .map(migration -> migration.getVersion().toString())
                                    .collect(Collectors.joining(", "))
                            + ". Pick one of them. Nothing was changed.",
                    new Suggestion.Change(Setting.TARGET));
        }
    }

    private static void refuseMissingUndos(
            List<String> missing, MigrationInfo current, MigrationVersion target, String databaseName) {
        if (!missing.isEmpty()) {
            throw new UserMistakeException(
                    "Cannot downgrade " + databaseName + " from " + current.getVersion() + " to " + target
                            + ": no undo script for " + String.join(", ", missing) + ". Write the undo script of each"
                            + " (U<version>__<description>.sql beside its V<version>__<description>.sql, in the same"
                            + " locations), or pick a higher target. Nothing was changed.",
                    new Suggestion.Change(Setting.TARGET));
        }
    }

    private static String describe(MigrationInfo migration) {
        return "version " + migration.getVersion() + " (" + migration.getScript() + ")";
    }
}
