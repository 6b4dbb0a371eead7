package dev.migrate.downgrade;

import dev.migrate.error.Action;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.internals.FlywayInternals;
import dev.migrate.migration.internals.FlywayInternals.SqlMigration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
 * @param reruns      the repeatable migrations to run again after the undos, in the order they last ran: those that
 *                    last ran after the oldest undone version, on a schema that held what is undone. Flyway runs
 *                    repeatables after the versions a migrate applies, so a database migrated to the target has them
 *                    built on the target's schema; running them again gives the downgraded database the same, and
 *                    fails loudly when one of them needs what was undone.
 */
record DowngradePlan(String fromVersion, String toVersion, List<UndoScript> undos, List<UndoScript> reruns) {

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
                undos.add(script(migration.getVersion().toString(), undo, configuration));
            }
        }
        refuseMissingUndos(missing, current, target, databaseName);
        int oldestUndone =
                range.stream().mapToInt(MigrationInfo::getInstalledRank).min().orElse(Integer.MAX_VALUE);
        List<UndoScript> reruns = latestRepeatableRuns(info).stream()
                .filter(run -> run.getInstalledRank() > oldestUndone)
                .map(FlywayInternals::sqlMigration)
                .flatMap(Optional::stream)
                .map(repeatable -> script(null, repeatable, configuration))
                .toList();
        return new DowngradePlan(current.getVersion().toString(), target.toString(), undos, reruns);
    }

    /** The latest applied run of each repeatable migration, by rank. */
    private static List<MigrationInfo> latestRepeatableRuns(MigrationInfoService info) {
        Map<String, MigrationInfo> latest = new TreeMap<>();
        Arrays.stream(info.all())
                .filter(migration -> migration.getVersion() == null && isApplied(migration))
                .forEach(run -> latest.merge(
                        run.getScript(),
                        run,
                        (one, other) -> one.getInstalledRank() > other.getInstalledRank() ? one : other));
        return latest.values().stream()
                .sorted(Comparator.comparing(MigrationInfo::getInstalledRank))
                .toList();
    }

    /** A row that still counts: applied, neither failed nor retired by a later {@code DELETE} row. */
    private static boolean isApplied(MigrationInfo migration) {
        return migration.getState().isApplied()
                && !migration.getState().isFailed()
                && migration.getState() != MigrationState.DELETED
                && migration.getType() != CoreMigrationType.DELETE;
    }

    private static UndoScript script(String version, SqlMigration script, Configuration configuration) {
        return new UndoScript(
                version,
                script.description(),
                script.script(),
                script.checksum(configuration),
                script.executeInTransaction(),
                script.statements());
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
