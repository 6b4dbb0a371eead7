package dev.migrate.check;

import dev.migrate.database.OpenDatabase;
import dev.migrate.downgrade.UndoScripts;
import dev.migrate.downgrade.UndoScripts.UndoFile;
import dev.migrate.drift.Drift;
import dev.migrate.drift.DriftCheck;
import dev.migrate.drift.SchemaDiff;
import dev.migrate.drift.SchemaSnapshot;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.FlywayFactory;
import dev.migrate.migration.HistoryTable;
import dev.migrate.migration.MigrationSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Proves the undo scripts by round trip on a throwaway database, in one pass over the versioned migrations: for each
 * version that has an undo script, the schema before the version is compared (as drift compares, {@link SchemaDiff})
 * with the schema after applying the version and then its undo script; the version is then applied again, which
 * also proves that the undo left nothing (e.g. a row) that stops the version from being re-applied, as a later
 * {@code migrate} would re-apply it after a downgrade. Only the versioned migrations are applied: a repeatable
 * migration may depend on any version, so applying it at every step would fail where Flyway never fails; what a
 * repeatable built on an undone version needs is the downgrade's to say.
 */
public final class UndoRoundTrip {

    private static final Map<String, String> VERSIONED_ONLY = Map.of(
            // a repeatable prefix no file name starts with; the repeatables and undo scripts are then names Flyway
            // does not read, which it must not refuse
            "repeatableSqlMigrationPrefix", "/", "validateMigrationNaming", "false", "cleanDisabled", "false");

    private UndoRoundTrip() {}

    /**
     * The findings of the round trip, in version order; none when the project has no undo script.
     *
     * @param throwaway opens an empty throwaway database, which this closes (and so deletes)
     */
    public static List<Finding> run(MigrationSettings migrations, Supplier<OpenDatabase> throwaway, BuildLog log) {
        try (OpenDatabase database = throwaway.get()) {
            MigrationSettings versionedOnly = versionedOnly(migrations);
            Flyway flyway = FlywayFactory.create(versionedOnly, database.dataSource(), log);
            Map<MigrationVersion, UndoFile> undos = UndoScripts.read(flyway);
            List<Finding> findings = new ArrayList<>();
            if (!undos.isEmpty()) {
                long started = System.nanoTime();
                new Pass(database, versionedOnly, flyway, log)
                        .run(List.of(flyway.info().all()), undos, findings);
                log.info("Checked the round trip of " + undos.size()
                        + (undos.size() == 1 ? " undo script" : " undo" + " scripts") + " on " + database.displayName()
                        + ": " + findings.size()
                        + (findings.size() == 1 ? " finding" : " findings") + " in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
            return findings;
        }
    }

    private static MigrationSettings versionedOnly(MigrationSettings migrations) {
        Map<String, String> properties = new HashMap<>(migrations.flywayProperties());
        properties.putAll(VERSIONED_ONLY);
        return new MigrationSettings(
                migrations.locations(),
                migrations.schemas(),
                migrations.placeholders(),
                properties,
                null,
                migrations.classLoader());
    }

    /** One pass over the versions on one database. */
    private record Pass(OpenDatabase database, MigrationSettings migrations, Flyway flyway, BuildLog log) {

        void run(List<MigrationInfo> versions, Map<MigrationVersion, UndoFile> undos, List<Finding> findings) {
            SchemaSnapshot before = snapshot();
            for (MigrationInfo version : versions) {
                if (!migrateTo(version, findings)) {
                    return;
                }
                UndoFile undo = undos.get(version.getVersion());
                if (undo != null && !roundTrip(version, undo, before, findings)) {
                    restore(version);
                }
                before = snapshot();
            }
        }

        /** Applies the version; a failure ends the pass with a finding (Flyway reports the same on upgrade). */
        private boolean migrateTo(MigrationInfo version, List<Finding> findings) {
            Optional<String> failure = migrationFailure(version);
            failure.ifPresent(message -> findings.add(Finding.of(
                    FindingCode.UNDO_ROUND_TRIP,
                    null,
                    0,
                    "The round trip of the undo scripts stopped: applying " + version.getScript() + " failed on "
                            + database.displayName() + ": " + message,
                    "Fix that migration (or the undo script before it, whose leftovers may stop it) and check"
                            + " again; the versions after it were not checked.")));
            return failure.isEmpty();
        }

        /** Undoes and re-applies the version; false when that left the database other than at the version. */
        private boolean roundTrip(MigrationInfo version, UndoFile undo, SchemaSnapshot before, List<Finding> findings) {
            Optional<Finding> failed = UndoExecution.apply(dataSource(), undo, firstSchema());
            if (failed.isPresent()) {
                findings.add(failed.get());
                return undo.script().executeInTransaction();
            }
            List<Drift> differences = SchemaDiff.between(before, snapshot());
            if (!differences.isEmpty()) {
                findings.add(differencesFinding(version, undo, differences));
                return false;
            }
            forget(version);
            Optional<String> failure = migrationFailure(version);
            failure.ifPresent(message -> findings.add(Finding.of(
                    FindingCode.UNDO_ROUND_TRIP,
                    undo.file(),
                    0,
                    "After " + undo.script().script() + " undid version " + version.getVersion() + ", applying "
                            + version.getScript() + " again failed: " + message,
                    "Make the undo script remove what the version adds, also data, so that a migrate after a"
                            + " downgrade can apply the version again.")));
            return failure.isEmpty();
        }

        private Finding differencesFinding(MigrationInfo version, UndoFile undo, List<Drift> differences) {
            return Finding.of(
                    FindingCode.UNDO_ROUND_TRIP,
                    undo.file(),
                    0,
                    undo.script().script() + " does not undo " + version.getScript()
                            + ": after both, the schema differs from"
                            + " the one before version " + version.getVersion() + " (added: left behind by the undo;"
                            + " removed: missing after it; changed: not restored): "
                            + differences.stream().map(Drift::summary).collect(Collectors.joining("; ")) + ".",
                    "Add to the undo script what reverses the rest (SQL to review): "
                            + differences.stream().map(Drift::hint).collect(Collectors.joining(" ")));
        }

        /** Removes the version's history row, so that Flyway applies it again. */
        private void forget(MigrationInfo version) {
            String history = HistoryTable.qualifiedName(flyway, dataSource());
            try (Connection connection = dataSource().getConnection();
                    PreparedStatement delete = connection.prepareStatement("DELETE FROM " + history
                            + " WHERE installed_rank = (SELECT max(installed_rank) FROM " + history + ")")) {
                delete.executeUpdate();
            } catch (SQLException e) {
                throw new EnvironmentFailureException(
                        "Cannot forget version " + version.getVersion() + " on " + database.displayName() + ": "
                                + e.getMessage(),
                        e);
            }
        }

        /** Rebuilds the database at the version after an undo left it elsewhere, so the pass goes on. */
        private void restore(MigrationInfo version) {
            flyway.clean();
            migrate(version);
        }

        /** Applies the versions up to {@code version}; Flyway's report when that fails, else empty. */
        private Optional<String> migrationFailure(MigrationInfo version) {
            try {
                migrate(version);
                return Optional.empty();
            } catch (FlywayException e) {
                return Optional.of(e.getMessage());
            }
        }

        /** Applies the versions up to {@code version} that are not applied yet. */
        private void migrate(MigrationInfo version) {
            FlywayFactory.create(migrations.withTarget(version.getVersion().getVersion()), dataSource(), log)
                    .migrate();
        }

        private SchemaSnapshot snapshot() {
            String historySchema = HistoryTable.schema(flyway, dataSource());
            return SchemaSnapshot.read(
                    dataSource(),
                    DriftCheck.comparedSchemas(flyway.getConfiguration(), historySchema),
                    historySchema,
                    flyway.getConfiguration().getTable());
        }

        private String firstSchema() {
            String[] schemas = flyway.getConfiguration().getSchemas();
            return schemas.length == 0 ? null : schemas[0];
        }

        private DataSource dataSource() {
            return database.dataSource();
        }
    }
}
