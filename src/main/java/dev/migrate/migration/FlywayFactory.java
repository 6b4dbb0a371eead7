package dev.migrate.migration;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.internals.FlywayInternals;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.logging.LogFactory;
import org.flywaydb.core.extensibility.ConfigurationExtension;

/** Builds a configured {@link Flyway} for the plugin's settings, with the plugin's safer PostgreSQL defaults. */
public final class FlywayFactory {

    private FlywayFactory() {}

    public static Flyway create(
            MigrationSettings settings, DataSource dataSource, BuildLog log, Callback... callbacks) {
        return configure(settings, dataSource, log, callbacks).load();
    }

    /**
     * Checks what can be checked without a database: that the locations exist and the Flyway settings are
     * Flyway's. Called before a goal starts or opens a database, so that a typo costs no server start.
     */
    public static void validate(MigrationSettings settings) {
        checkLocations(settings);
        checkFlywaySettings(settings);
    }

    /** Checks that the Flyway settings are Flyway's; loads no Flyway class when there are none. */
    public static void checkFlywaySettings(MigrationSettings settings) {
        if (!settings.flywayProperties().isEmpty()) {
            applyUserProperties(Flyway.configure(settings.classLoader()), settings.flywayProperties());
        }
    }

    /**
     * Checks that Flyway can read its extensions' settings ({@code postgresql.transactional.lock}) in this JVM: it
     * reads them with Jackson, and looks for Jackson once per class loader, when it first needs to. A long-lived
     * Maven (mvnd) whose earlier build started Flyway without Jackson keeps it that way for the plugin's later builds.
     */
    public static void checkExtensionSettingsReadable() {
        if (!ConfigurationExtension.JACKSON_DATABIND_PRESENT) {
            throw new EnvironmentFailureException(
                    "Flyway started in this JVM without Jackson, which it needs to read the settings of its"
                            + " extensions (those with a dot in their name, e.g. postgresql.transactional.lock): a"
                            + " long-lived Maven such as mvnd ran the plugin for a build without such a setting"
                            + " before. Stop it (mvnd --stop) and build again.",
                    null);
        }
    }

    /** The name of the history table, as Flyway reads it from the settings: its {@code table} setting or default. */
    public static String historyTable(MigrationSettings settings) {
        FluentConfiguration configuration = Flyway.configure(settings.classLoader());
        applyUserProperties(configuration, settings.flywayProperties());
        return configuration.getTable();
    }

    /**
     * The Flyway configuration of the settings without a database: for what Flyway decides from the files alone
     * (names, versions, checksums, placeholders), e.g. the static checks and the next migration's name.
     */
    public static Configuration withoutDatabase(MigrationSettings settings) {
        checkLocations(settings);
        return settingsOf(settings, Flyway.configure(settings.classLoader()));
    }

    /** The configuration {@link #create} loads, for callers that add to it. */
    public static FluentConfiguration configure(
            MigrationSettings settings, DataSource dataSource, BuildLog log, Callback... callbacks) {
        checkLocations(settings);
        // "maven" makes Flyway log through the fallback creator instead of whatever logging library it detects
        FlywayLogBridge.logTo(log);
        LogFactory.setFallbackLogCreator(FlywayLogBridge.INSTANCE);
        FluentConfiguration configuration = Flyway.configure(settings.classLoader())
                .loggers("maven")
                .dataSource(dataSource)
                .callbacks(callbacks);
        // Flyway's transactional advisory lock keeps a transaction open on its own connection, which makes
        // CREATE INDEX CONCURRENTLY wait for it forever; a session-level lock serializes migrations just as well.
        FlywayInternals.postgresSettings(configuration).setTransactionalLock(false);
        settingsOf(settings, configuration);
        if (configuration.isValidateMigrationNaming()
                && FlywayInternals.refusedNamesBesidesUndo(configuration).isEmpty()) {
            // Community refuses undo scripts' names, the only ones it would refuse here: let it pass them by
            configuration.validateMigrationNaming(false);
        }
        return configuration;
    }

    private static FluentConfiguration settingsOf(MigrationSettings settings, FluentConfiguration configuration) {
        configuration
                .locations(settings.locations().toArray(String[]::new))
                .placeholders(settings.placeholders())
                // a misnamed file silently ignored is a migration silently not applied
                .validateMigrationNaming(true);
        if (!settings.schemas().isEmpty()) {
            configuration.schemas(settings.schemas().toArray(String[]::new));
        }
        if (settings.target() != null && !settings.target().isBlank()) {
            configuration.target(settings.target());
        }
        applyUserProperties(configuration, settings.flywayProperties());
        return configuration;
    }

    private static void applyUserProperties(FluentConfiguration configuration, Map<String, String> properties) {
        if (properties.isEmpty()) {
            return;
        }
        Map<String, String> prefixed = new LinkedHashMap<>();
        properties.forEach((name, value) -> prefixed.put(name.startsWith("flyway.") ? name : "flyway." + name, value));
        try {
            configuration.configuration(prefixed);
        } catch (FlywayException | IllegalArgumentException e) {
            throw new UserMistakeException(
                    "A Flyway setting is not valid: " + e.getMessage()
                            + ". Use Flyway's own property names without the 'flyway.' prefix, e.g. outOfOrder.",
                    new Suggestion.Change(Setting.FLYWAY),
                    e);
        }
    }

    private static void checkLocations(MigrationSettings settings) {
        for (MigrationLocation location : settings.parsedLocations()) {
            boolean missing = switch (location.kind()) {
                case FILESYSTEM -> !Files.isDirectory(location.folder());
                case CLASSPATH -> settings.classLoader().getResource(resourceName(location)) == null;
                case OTHER -> false;
            };
            if (missing) {
                throw missingLocation(location.descriptor());
            }
        }
    }

    private static String resourceName(MigrationLocation location) {
        return location.path().startsWith("/") ? location.path().substring(1) : location.path();
    }

    private static UserMistakeException missingLocation(String location) {
        return new UserMistakeException(
                "The migration location '" + location + "' does not exist. Create it and add a migration such as"
                        + " V1__create_tables.sql, or point the locations at the folder that holds your migrations.",
                new Suggestion.Change(Setting.LOCATIONS));
    }
}
