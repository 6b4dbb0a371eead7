package dev.migrate.downgrade;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.FlywayFactory;
import dev.migrate.migration.FlywayFailures;
import dev.migrate.migration.FlywayLock;
import dev.migrate.migration.HistoryTable;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.internals.FlywayInternals;
import dev.migrate.migration.internals.FlywayInternals.SqlMigration;
import dev.migrate.migration.internals.ParsedStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Undoes the applied versions above a target with their undo scripts ({@code U<version>__<description>.sql}, Flyway's
 * convention), the latest applied first, each in its own transaction together with its history row (see
 * {@link UndoHistory}); a script Flyway would run outside a transaction (e.g. {@code DROP INDEX CONCURRENTLY}) runs
 * outside one, as an upgrade runs its migration. Holds Flyway's lock throughout, so it never overlaps an upgrade.
 * Flyway's parser splits the undo scripts and replaces their placeholders: a second Flyway, configured with the undo
 * prefix as its migration prefix, resolves them as it resolves migrations.
 */
public final class Downgrade {

    private Downgrade() {}

    /** Downgrades {@code database} to the target version of {@code settings}. */
    public static DowngradeResult downgrade(OpenDatabase database, MigrationSettings settings, BuildLog log) {
        if (settings.target() == null || settings.target().isBlank()) {
            throw new UserMistakeException(
                    "A downgrade needs the version to go down to: set the target version.",
                    new Suggestion.Change(Setting.TARGET));
        }
        MigrationVersion target = version(settings.target());
        MigrationSettings allVersions = settings.withTarget(null);
        FluentConfiguration configuration = FlywayFactory.configure(allVersions, database.dataSource(), log);
        FlywayLock.boundFlywaysWait(configuration, allVersions, database);
        Flyway flyway = configuration.load();
        String historyTable = HistoryTable.qualifiedName(flyway, database.dataSource());
        DowngradeResult result = FlywayLock.whileHolding(database, flyway, log, () -> {
            DowngradePlan plan = DowngradePlan.of(
                    flyway.info(),
                    target,
                    undoScripts(allVersions, database, log),
                    configuration,
                    database.displayName());
            long started = System.nanoTime();
            new Undoing(database, flyway, historyTable, log).undo(plan);
            return new DowngradeResult(
                    plan.fromVersion(),
                    plan.undos().isEmpty() ? plan.fromVersion() : plan.toVersion(),
                    plan.undos().size(),
                    (System.nanoTime() - started) / 1_000_000);
        });
        log.info(result.summary(database.displayName()));
        return result;
    }

    private static MigrationVersion version(String target) {
        try {
            return MigrationVersion.fromVersion(target);
        } catch (FlywayException e) {
            throw new UserMistakeException(
                    "The target version '" + target + "' is not a version: " + e.getMessage()
                            + " Give one of the applied versions, e.g. 4 or 1.2.",
                    new Suggestion.Change(Setting.TARGET),
                    e);
        }
    }

    /** The undo scripts by the version they undo, as Flyway resolves them when the undo prefix is its prefix. */
    private static Map<MigrationVersion, SqlMigration> undoScripts(
            MigrationSettings settings, OpenDatabase database, BuildLog log) {
        Flyway undoFlyway = UndoScripts.asVersioned(FlywayFactory.configure(settings, database.dataSource(), log))
                .load();
        Map<MigrationVersion, SqlMigration> undos = new LinkedHashMap<>();
        Arrays.stream(undoFlyway.info().all())
                .filter(info -> info.getVersion() != null)
                .forEach(info -> FlywayInternals.sqlMigration(info)
                        .ifPresent(undo -> undos.putIfAbsent(info.getVersion(), undo)));
        return undos;
    }

    /** Runs the undo scripts of a plan on one connection of its own. */
    private record Undoing(OpenDatabase database, Flyway flyway, String historyTable, BuildLog log) {

        void undo(DowngradePlan plan) {
            try (Connection connection = database.dataSource().getConnection()) {
                defaultSchemaFirst(connection);
                for (UndoScript undo : plan.undos()) {
                    run(connection, undo, "Undid " + undo.version(), plan);
                }
                for (UndoScript repeatable : plan.reruns()) {
                    run(connection, repeatable, "Ran again R", plan);
                }
            } catch (SQLException e) {
                throw database.explain(new EnvironmentFailureException(
                        "Cannot downgrade " + database.displayName() + ": " + e.getMessage(), e));
            }
        }

        /** As Flyway does before each migration: its default schema first on the search path, unless it is. */
        private void defaultSchemaFirst(Connection connection) throws SQLException {
            String schema = HistoryTable.schema(flyway, database.dataSource());
            try (PreparedStatement searchPath = connection.prepareStatement(
                    "SELECT set_config('search_path', quote_ident(?) || ', ' || current_setting('search_path'),"
                            + " false) WHERE current_schema() IS DISTINCT FROM ?")) {
                searchPath.setString(1, schema);
                searchPath.setString(2, schema);
                searchPath.execute();
            }
        }

        private void run(Connection connection, UndoScript script, String done, DowngradePlan plan)
                throws SQLException {
            long started = System.nanoTime();
            database.waitingFor(script.script() + " to finish");
            run(connection, script, started, plan);
            log.info("  " + done + "  " + script.description() + "  [" + script.script() + "] ("
                    + (System.nanoTime() - started) / 1_000_000 + " ms)");
        }

        private void run(Connection connection, UndoScript undo, long started, DowngradePlan plan) throws SQLException {
            connection.setAutoCommit(!undo.executeInTransaction());
            ParsedStatement current = null;
            try {
                for (ParsedStatement statement : undo.statements()) {
                    current = statement;
                    statement.executeOn(connection);
                }
                current = null;
                UndoHistory.recordUndo(
                        connection,
                        historyTable,
                        undo,
                        flyway.getConfiguration().getInstalledBy(),
                        (System.nanoTime() - started) / 1_000_000);
                if (undo.executeInTransaction()) {
                    connection.commit();
                }
            } catch (SQLException e) {
                if (undo.executeInTransaction()) {
                    connection.rollback();
                }
                throw database.explain(
                        undo.version() == null ? rerunFailed(undo, current, e, plan) : failed(undo, current, e));
            }
        }

        private UserMistakeException failed(UndoScript undo, ParsedStatement statement, SQLException e) {
            String where = FlywayFailures.scriptFailed(
                    "Undo script " + undo.script(), statement == null ? 0 : statement.line(), e, e.getMessage());
            String state = undo.executeInTransaction()
                    ? "Its changes were rolled back: " + database.displayName() + " stays at version " + undo.version()
                            + ", the last good version. Fix the script and run the goal again."
                    : "It ran outside a transaction, so part of it may have been applied, and the history still"
                            + " counts version " + undo.version() + " as applied. Undo by hand what it did, or make"
                            + " it able to run again, and run the goal again.";
            return new UserMistakeException(where + "\n" + state, null, e);
        }

        private UserMistakeException rerunFailed(
                UndoScript repeatable, ParsedStatement statement, SQLException e, DowngradePlan plan) {
            String where = FlywayFailures.scriptFailed(
                    "Repeatable migration " + repeatable.script(),
                    statement == null ? 0 : statement.line(),
                    e,
                    e.getMessage());
            return new UserMistakeException(
                    where + "\nIt last ran after versions that are now undone, and the downgrade runs it again, as"
                            + " a migrate to " + plan.toVersion() + " would: it needs what those versions made. "
                            + database.displayName() + " is at version " + plan.toVersion() + " with its objects"
                            + " as the undo scripts left them. Change it so that it works at version "
                            + plan.toVersion() + " (or make the undo scripts drop and rebuild what it needs), or pick"
                            + " a higher target.",
                    new Suggestion.Change(Setting.TARGET),
                    e);
        }
    }
}
