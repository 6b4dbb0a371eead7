package dev.migrate.migration;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway's clean, guarded: the embedded development database is simply emptied; a user's server only when the
 * confirmation names the database the connection is on, so that a mistyped URL cannot clean another database.
 * Flyway's {@code cleanDisabled} is honoured when the user set it.
 */
public final class Clean {

    private static final String CLEAN_DISABLED = "cleanDisabled";

    private Clean() {}

    /**
     * @param confirmation the name of the database to clean, required for a user's server and compared exactly
     */
    public static CleanResult clean(
            OpenDatabase database, MigrationSettings settings, String confirmation, BuildLog log) {
        String disabled = userCleanDisabled(settings);
        if (Boolean.parseBoolean(disabled)) {
            throw new UserMistakeException(
                    "Clean is disabled by the Flyway setting cleanDisabled=true: nothing was cleaned on "
                            + database.displayName() + ". Remove that setting to allow clean.",
                    new Suggestion.Change(Setting.FLYWAY));
        }
        if (database.isUsersServer()) {
            requireConfirmation(database, confirmation);
        }
        FluentConfiguration configuration = FlywayFactory.configure(settings, database.dataSource(), log);
        if (disabled == null) {
            // Flyway refuses clean by default; the guard above is this goal's own
            configuration.cleanDisabled(false);
        }
        FlywayLock.boundFlywaysWait(configuration, settings, database);
        Flyway flyway = configuration.load();
        CleanResult result = FlywayLock.whileHolding(database, flyway, log, () -> {
            Map<String, String> objects =
                    SchemaObjects.count(database.dataSource(), schemas(flyway.getConfiguration(), database));
            var cleaned = flyway.clean();
            List<String> lines = new ArrayList<>();
            cleaned.schemasDropped.forEach(schema ->
                    lines.add("Dropped schema " + schema + " with " + objects.getOrDefault(schema, "its objects")));
            cleaned.schemasCleaned.forEach(schema ->
                    lines.add("Cleaned schema " + schema + ": dropped " + objects.getOrDefault(schema, "its objects")));
            return new CleanResult(database.displayName(), lines);
        });
        result.schemas().forEach(line -> log.info(line + " (" + database.displayName() + ")"));
        return result;
    }

    /** The user's own cleanDisabled setting, or {@code null} when the user set none. */
    private static String userCleanDisabled(MigrationSettings settings) {
        String value = settings.flywayProperties().get(CLEAN_DISABLED);
        return value != null ? value : settings.flywayProperties().get("flyway." + CLEAN_DISABLED);
    }

    private static void requireConfirmation(OpenDatabase database, String confirmation) {
        String name = currentDatabase(database);
        if (confirmation == null || confirmation.isEmpty()) {
            throw new UserMistakeException(
                    "Clean drops every object in the migrated schemas of "
                            + database.displayName() + ", the database '" + name
                            + "': nothing was cleaned. To clean it,"
                            + " confirm with its name, " + name + ".",
                    new Suggestion.Change(Setting.CLEAN_CONFIRM));
        }
        if (!confirmation.equals(name)) {
            throw new UserMistakeException("The clean confirmation '" + confirmation + "' is not the name of the"
                    + " database the URL connects to, '" + name + "' (" + database.displayName()
                    + "): nothing was cleaned. Check the URL; to clean '" + name + "', confirm with exactly that"
                    + " name.");
        }
    }

    private static String currentDatabase(OpenDatabase database) {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet name = statement.executeQuery("SELECT current_database()")) {
            name.next();
            return name.getString(1);
        } catch (SQLException e) {
            throw database.explain(new EnvironmentFailureException(
                    "Cannot read the name of " + database.displayName() + ": " + e.getMessage(), e));
        }
    }

    /** The schemas Flyway cleans: those configured, else the connection's current schema. */
    private static List<String> schemas(Configuration configuration, OpenDatabase database) {
        Set<String> schemas = new LinkedHashSet<>(List.of(configuration.getSchemas()));
        if (configuration.getDefaultSchema() != null) {
            schemas.add(configuration.getDefaultSchema());
        }
        if (schemas.isEmpty()) {
            schemas.add(HistoryTable.currentSchema(database.dataSource()));
        }
        return List.copyOf(schemas);
    }
}
