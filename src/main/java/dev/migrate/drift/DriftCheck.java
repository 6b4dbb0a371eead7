package dev.migrate.drift;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.Action;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.FlywayFactory;
import dev.migrate.migration.HistoryTable;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.MigrationStatus;
import dev.migrate.migration.Migrator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Compares the target's schema with the schema its migrations produce: a throwaway database of the target's
 * PostgreSQL major version is migrated to the target's current version (Flyway's target), and both are read with
 * {@link SchemaSnapshot} and compared with {@link SchemaDiff}. The same major version, because a catalog prints some
 * definitions differently from one major version to the next, and a migration may behave differently too.
 */
public final class DriftCheck {

    private static final int VERSION_NUM_MAJOR = 10_000;

    private DriftCheck() {}

    /**
     * The drift of {@code target} from {@code migrations}, in report order; empty when the target is as its
     * migrations leave it.
     *
     * @param throwawayOfMajorVersion opens an empty throwaway database of a PostgreSQL major version ("15"), which
     *                                this check closes (and so deletes)
     */
    public static List<Drift> run(
            OpenDatabase target,
            MigrationSettings migrations,
            Function<String, OpenDatabase> throwawayOfMajorVersion,
            BuildLog log) {
        String version = MigrationStatus.read(target, migrations, log).currentVersion();
        if (version == null) {
            throw new UserMistakeException(
                    target.displayName() + " has no migration applied (no Flyway history), so there is nothing to"
                            + " compare its schema with. Migrate it first, or check that its URL names the database"
                            + " you meant.",
                    new Suggestion.Run(Action.UPGRADE));
        }
        String major = majorVersion(target);
        Flyway flyway = FlywayFactory.create(migrations, target.dataSource(), log);
        String historySchema = HistoryTable.schema(flyway, target.dataSource());
        List<String> schemas = comparedSchemas(flyway.getConfiguration(), historySchema);
        String historyTable = flyway.getConfiguration().getTable();
        SchemaSnapshot actual = SchemaSnapshot.read(target.dataSource(), schemas, historySchema, historyTable);
        SchemaSnapshot expected;
        try (OpenDatabase throwaway = throwawayOfMajorVersion.apply(major)) {
            Migrator.upgrade(throwaway, migrations.withTarget(version), log);
            expected = SchemaSnapshot.read(throwaway.dataSource(), schemas, historySchema, historyTable);
        }
        List<Drift> drifts = SchemaDiff.between(expected, actual);
        log.info("Compared the schemas " + String.join(", ", schemas) + " of " + target.displayName()
                + " with its migrations up to version " + version + " on PostgreSQL " + major + ": "
                + (drifts.isEmpty()
                        ? "no drift"
                        : drifts.size() + (drifts.size() == 1 ? " difference" : " differences")));
        return drifts;
    }

    /** Flyway's schemas, or, when none is configured, the one that holds its history table. */
    public static List<String> comparedSchemas(Configuration configuration, String historySchema) {
        Set<String> schemas = new LinkedHashSet<>(List.of(configuration.getSchemas()));
        if (configuration.getDefaultSchema() != null || schemas.isEmpty()) {
            schemas.add(historySchema);
        }
        return List.copyOf(schemas);
    }

    /** The server's major version ("15"), from {@code server_version_num} (150004 for 15.4). */
    static String majorVersion(OpenDatabase database) {
        DataSource dataSource = database.dataSource();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet version = statement.executeQuery("SHOW server_version_num")) {
            version.next();
            return String.valueOf(Integer.parseInt(version.getString(1)) / VERSION_NUM_MAJOR);
        } catch (SQLException e) {
            throw database.explain(new EnvironmentFailureException(
                    "Cannot read the PostgreSQL version of " + database.displayName() + ": " + e.getMessage(), e));
        }
    }
}
