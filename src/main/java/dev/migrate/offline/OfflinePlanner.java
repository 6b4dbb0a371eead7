package dev.migrate.offline;

import dev.migrate.downgrade.UndoScript;
import dev.migrate.downgrade.UndoScripts;
import dev.migrate.downgrade.UndoScripts.UndoFile;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.FlywayFactory;
import dev.migrate.migration.FlywayFailures;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.internals.FlywayInternals;
import dev.migrate.migration.internals.FlywayInternals.HistoryTableSql;
import dev.migrate.migration.internals.FlywayInternals.Parsing;
import dev.migrate.migration.internals.FlywayInternals.SqlMigration;
import dev.migrate.migration.internals.ParsedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Asks Flyway, on an empty parsing database, which migrations lie between {@code from} and {@code to}, and what it
 * would execute and record for each of them; for a downgrade ({@code to} below {@code from}), the undo scripts of the
 * versions it undoes.
 */
final class OfflinePlanner {

    /** How a configured value of one of Flyway's built-in placeholders is named among the placeholders. */
    static final String BUILT_IN_PREFIX = "flyway:";

    /**
     * Flyway's built-in placeholders whose values come from the database Flyway is connected to, or from the moment
     * and place it runs: the parsing database would give wrong values, so they must be configured.
     */
    static final List<String> LIVE_PLACEHOLDERS =
            List.of("flyway:database", "flyway:user", "flyway:timestamp", "flyway:workingDirectory");

    private static final String UNSET_MARKER = "<<migrate:unset ";

    private OfflinePlanner() {}

    static OfflinePlan plan(DataSource parsingDatabase, OfflineRequest request, BuildLog log) {
        MigrationSettings settings = request.settings();
        Map<String, String> flywayPlaceholders = new LinkedHashMap<>();
        Map<String, String> userPlaceholders = new LinkedHashMap<>();
        settings.placeholders()
                .forEach((name, value) ->
                        (name.startsWith(BUILT_IN_PREFIX) ? flywayPlaceholders : userPlaceholders).put(name, value));
        MigrationSettings resolving = new MigrationSettings(
                settings.locations(),
                settings.schemas(),
                userPlaceholders,
                settings.flywayProperties(),
                null,
                settings.classLoader());
        Flyway flyway = FlywayFactory.create(resolving, parsingDatabase, log);
        List<MigrationInfo> all;
        try {
            all = Arrays.asList(flyway.info().all());
        } catch (FlywayException e) {
            throw FlywayFailures.whileResolving(e);
        }
        return new Planning(flyway, flyway.getConfiguration(), all, request, flywayPlaceholders).plan();
    }

    /** One planning run: the resolved migrations and the placeholder values the script is rendered with. */
    private record Planning(
            Flyway flyway,
            Configuration configuration,
            List<MigrationInfo> all,
            OfflineRequest request,
            Map<String, String> configuredBuiltIns) {

        OfflinePlan plan() {
            List<MigrationInfo> versioned =
                    all.stream().filter(info -> info.getVersion() != null).toList();
            MigrationInfo from =
                    request.from() instanceof SchemaVersion.At at ? find(versioned, at.version(), Setting.FROM) : null;
            MigrationInfo to = request.to() == null
                    ? versioned.isEmpty() ? null : versioned.get(versioned.size() - 1)
                    : find(versioned, request.to(), Setting.TO);
            boolean downgrade = from != null && to != null && from.getVersion().compareTo(to.getVersion()) > 0;
            // a downgrade runs the repeatables again that last ran after the oldest undone version, as online
            List<MigrationInfo> inRange = downgrade
                    ? all.stream().filter(info -> info.getVersion() == null).toList()
                    : all.stream()
                            .filter(info -> info.getVersion() == null
                                    || (from == null || info.getVersion().compareTo(from.getVersion()) > 0)
                                            && info.getVersion().compareTo(to.getVersion()) <= 0)
                            .toList();
            List<String> javaMigrations = javaMigrations(inRange);
            Parsing parsing = anySqlMigration().parsing();
            Map<String, String> liveValues = new LinkedHashMap<>();
            for (String name : LIVE_PLACEHOLDERS) {
                liveValues.put(name, configuredBuiltIns.getOrDefault(name, UNSET_MARKER + name + ">>"));
            }
            // before any statement is parsed: Flyway parses lazily, with the context's values at that moment
            parsing.overridePlaceholders(liveValues);
            List<OfflineMigration> migrations = migrations(inRange);
            List<UndoScript> undos = downgrade ? undos(versioned, from, to, liveValues) : List.of();
            String schema = parsing.placeholder("flyway:defaultSchema");
            HistoryTableSql table = parsing.historyTable(schema, configuration.getTable());
            return new OfflinePlan(
                    versionOf(from),
                    versionOf(to),
                    table.name(),
                    schema,
                    table.ddl(),
                    schemas(schema),
                    createdSchemas(),
                    table.advisoryLockKey(),
                    configuration.getInstalledBy(),
                    migrations,
                    javaMigrations,
                    undos);
        }

        /**
         * The undo scripts of the versions above {@code to} up to {@code from}, newest first; refuses the downgrade,
         * naming them all, when one of them has none.
         */
        private List<UndoScript> undos(
                List<MigrationInfo> versioned, MigrationInfo from, MigrationInfo to, Map<String, String> liveValues) {
            Map<MigrationVersion, UndoFile> scripts = UndoScripts.read(flyway, liveValues);
            List<MigrationInfo> undone = new ArrayList<>(versioned.stream()
                    .filter(info -> info.getVersion().compareTo(from.getVersion()) <= 0
                            && info.getVersion().compareTo(to.getVersion()) > 0)
                    .toList());
            Collections.reverse(undone);
            List<String> missing = undone.stream()
                    .filter(info -> !scripts.containsKey(info.getVersion()))
                    .map(MigrationInfo::getScript)
                    .toList();
            if (!missing.isEmpty()) {
                throw new UserMistakeException(
                        "The downgrade from " + from.getVersion() + " to " + to.getVersion() + " undoes versions"
                                + " without an undo script (U<version>__<description>.sql beside the migration): "
                                + String.join(", ", missing) + ". Write them, or downgrade to a higher version.",
                        new Suggestion.Change(Setting.TO));
            }
            List<UndoScript> undos = undone.stream()
                    .map(info -> scripts.get(info.getVersion()).script())
                    .toList();
            TreeSet<String> unset = new TreeSet<>();
            undos.forEach(undo -> unset.addAll(unsetPlaceholders(undo.script(), undo.statements())));
            refuseUnset(unset);
            return undos;
        }

        /** The schemas Flyway creates when they are missing: its default schema and {@code schemas}, if configured. */
        private List<String> createdSchemas() {
            return configuration.isCreateSchemas() ? configuredSchemas() : List.of();
        }

        /** Flyway's schemas, as SchemaHistoryFactory.prepareSchemas lists them: the current one if none is set. */
        private List<String> schemas(String defaultSchema) {
            List<String> configured = configuredSchemas();
            return configured.isEmpty() ? List.of(defaultSchema) : configured;
        }

        private List<String> configuredSchemas() {
            Set<String> schemas = new LinkedHashSet<>();
            if (configuration.getDefaultSchema() != null) {
                schemas.add(configuration.getDefaultSchema());
            }
            schemas.addAll(Arrays.asList(configuration.getSchemas()));
            return List.copyOf(schemas);
        }

        /** The Java-based migrations to leave out; fails unless told to skip them. */
        private List<String> javaMigrations(List<MigrationInfo> inRange) {
            List<String> javaMigrations = inRange.stream()
                    .filter(info -> FlywayInternals.sqlMigration(info).isEmpty())
                    .map(MigrationInfo::getScript)
                    .toList();
            if (!javaMigrations.isEmpty() && !request.skipJavaMigrations()) {
                throw new UserMistakeException(
                        "An offline script cannot render Java-based migrations as SQL: "
                                + String.join(", ", javaMigrations) + ". Write them as SQL migrations, or leave them"
                                + " out of the script and apply them another way.",
                        new Suggestion.Change(Setting.SKIP_JAVA_MIGRATIONS));
            }
            return javaMigrations;
        }

        /** Any SQL migration: they all share Flyway's parsing context, which holds the placeholders and database. */
        private SqlMigration anySqlMigration() {
            return all.stream()
                    .map(FlywayInternals::sqlMigration)
                    .flatMap(Optional::stream)
                    .findFirst()
                    .orElseThrow(() -> new UserMistakeException(
                            "No SQL migration found in " + Arrays.toString(configuration.getLocations()) + ".",
                            new Suggestion.Change(Setting.LOCATIONS)));
        }

        private List<OfflineMigration> migrations(List<MigrationInfo> inRange) {
            List<OfflineMigration> migrations = new ArrayList<>();
            TreeSet<String> unset = new TreeSet<>();
            for (MigrationInfo info : inRange) {
                Optional<SqlMigration> sqlMigration = FlywayInternals.sqlMigration(info);
                if (sqlMigration.isPresent()) {
                    OfflineMigration migration = migration(info, sqlMigration.get());
                    unset.addAll(unsetPlaceholders(migration.script(), migration.statements()));
                    migrations.add(migration);
                }
            }
            refuseUnset(unset);
            return migrations;
        }

        private static void refuseUnset(TreeSet<String> unset) {
            if (!unset.isEmpty()) {
                throw new UserMistakeException(
                        "The migrations use Flyway placeholders whose values only the target database knows, and no"
                                + " value is configured: " + String.join(", ", unset)
                                + ". Give them values for the offline script.",
                        new Suggestion.Change(
                                Setting.PLACEHOLDERS,
                                unset.first().substring(0, unset.first().indexOf(' '))));
            }
        }

        private static SchemaVersion versionOf(MigrationInfo migration) {
            return migration == null
                    ? new SchemaVersion.Empty()
                    : new SchemaVersion.At(migration.getVersion().toString());
        }

        private static String words(Setting setting) {
            return setting.name().toLowerCase(Locale.ROOT);
        }

        private MigrationInfo find(List<MigrationInfo> versioned, String version, Setting setting) {
            MigrationVersion wanted;
            try {
                wanted = MigrationVersion.fromVersion(version);
            } catch (FlywayException e) {
                throw new UserMistakeException(
                        "The '" + words(setting) + "' version " + version + " is not a Flyway version: "
                                + e.getMessage(),
                        new Suggestion.Change(setting),
                        e);
            }
            return versioned.stream()
                    .filter(info -> info.getVersion().equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> new UserMistakeException(
                            "The '" + words(setting) + "' version " + version
                                    + " names no migration. The versions are: "
                                    + String.join(
                                            ", ",
                                            versioned.stream()
                                                    .map(info ->
                                                            info.getVersion().toString())
                                                    .toList())
                                    + ".",
                            new Suggestion.Change(setting)));
        }

        private OfflineMigration migration(MigrationInfo info, SqlMigration sqlMigration) {
            List<ParsedStatement> statements = sqlMigration.statements();
            // repeatables are checksummed after placeholder replacement: recomputed with the values set above
            int checksum = sqlMigration.checksum(configuration);
            return new OfflineMigration(
                    info.getVersion() == null ? null : info.getVersion().toString(),
                    FlywayInternals.storedDescription(info.getDescription()),
                    info.getType().name(),
                    FlywayInternals.storedScript(info.getScript()),
                    checksum,
                    sqlMigration.executeInTransaction(),
                    statements);
        }

        private static List<String> unsetPlaceholders(String script, List<ParsedStatement> statements) {
            List<String> unset = new ArrayList<>();
            for (String name : LIVE_PLACEHOLDERS) {
                String marker = UNSET_MARKER + name + ">>";
                if (statements.stream()
                        .anyMatch(statement -> statement.sql().contains(marker)
                                || statement.copyData() != null
                                        && statement.copyData().contains(marker))) {
                    unset.add(name + " (in " + script + ")");
                }
            }
            return unset;
        }
    }
}
