package dev.migrate.lint;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.FlywayFactory;
import dev.migrate.migration.FlywayFailures;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.Migrator;
import dev.migrate.migration.internals.FlywayInternals;
import dev.migrate.migration.internals.FlywayInternals.SqlMigration;
import dev.migrate.migration.internals.MigrationFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Lints migrations by running them on an empty throwaway database and asking PostgreSQL what each statement did.
 * Flyway migrates the throwaway up to the last version before the first migration to lint; the engine then replays
 * that migration and every later one itself ({@link Replay}), statement by statement as Flyway splits them and in
 * the transaction mode Flyway would use, and lints those {@code toLint} accepts.
 */
public final class Linter {

    private Linter() {}

    /**
     * The hazards of the migrations {@code toLint} accepts, in the order Flyway applies them.
     *
     * @param migrations the project's migrations (their target is ignored: every migration is resolved)
     * @param throwaway  an empty database, which this leaves migrated
     * @param toLint     which migrations to lint; the others are only applied
     */
    public static List<Hazard> lint(
            MigrationSettings migrations, OpenDatabase throwaway, Predicate<MigrationFile> toLint, BuildLog log) {
        MigrationSettings all = migrations.withTarget(null);
        Flyway flyway = FlywayFactory.create(all, throwaway.dataSource(), log);
        Map<String, MigrationFile> files = FlywayInternals.scan(flyway.getConfiguration()).stream()
                .collect(Collectors.toMap(MigrationFile::script, Function.identity()));
        List<MigrationInfo> pending = pending(flyway);
        Predicate<MigrationInfo> linted =
                info -> files.containsKey(info.getScript()) && toLint.test(files.get(info.getScript()));
        int first = indexOfFirst(pending, linted);
        if (first < 0) {
            log.info("No migration to lint");
            return List.of();
        }
        Set<String> appliedByFlyway = prepare(all, throwaway, pending.subList(0, first), log);
        long started = System.nanoTime();
        List<Hazard> hazards = new ArrayList<>();
        int count = 0;
        try (Connection connection = throwaway.dataSource().getConnection()) {
            prepareSession(connection, flyway.getConfiguration());
            Replay replay = new Replay(connection);
            for (MigrationInfo info : pending.subList(first, pending.size())) {
                if (linted.test(info)) {
                    hazards.addAll(replay.lint(info.getScript(), sqlMigration(info)));
                    count++;
                } else if (!appliedByFlyway.contains(info.getScript())) {
                    replay.apply(info.getScript(), sqlMigration(info));
                }
            }
        } catch (SQLException e) {
            throw throwaway.explain(new EnvironmentFailureException(
                    "Cannot lint on " + throwaway.displayName() + ": " + e.getMessage(), e));
        }
        log.info("Linted " + count + (count == 1 ? " migration" : " migrations") + " in "
                + (System.nanoTime() - started) / 1_000_000 + " ms: " + hazards.size()
                + (hazards.size() == 1 ? " hazard" : " hazards"));
        return hazards;
    }

    private static List<MigrationInfo> pending(Flyway flyway) {
        try {
            return Arrays.asList(flyway.info().pending());
        } catch (FlywayException e) {
            throw FlywayFailures.whileResolving(e);
        }
    }

    private static int indexOfFirst(List<MigrationInfo> migrations, Predicate<MigrationInfo> linted) {
        for (int i = 0; i < migrations.size(); i++) {
            if (linted.test(migrations.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Migrates the throwaway with Flyway up to the last version of {@code before}, and returns the scripts Flyway
     * applied (repeatables among them, which Flyway applies also below a target); with no version before, only
     * creates Flyway's schemas, as Flyway would before its first migration.
     */
    private static Set<String> prepare(
            MigrationSettings all, OpenDatabase throwaway, List<MigrationInfo> before, BuildLog log) {
        List<MigrationInfo> versioned =
                before.stream().filter(info -> info.getVersion() != null).toList();
        if (versioned.isEmpty()) {
            createSchemas(throwaway, FlywayFactory.withoutDatabase(all));
            return Set.of();
        }
        String target = versioned.get(versioned.size() - 1).getVersion().toString();
        Migrator.upgrade(throwaway, all.withTarget(target), log);
        Flyway flyway = FlywayFactory.create(all, throwaway.dataSource(), log);
        return Arrays.stream(flyway.info().applied())
                .map(MigrationInfo::getScript)
                .collect(Collectors.toSet());
    }

    private static void createSchemas(OpenDatabase throwaway, Configuration configuration) {
        if (!configuration.isCreateSchemas()) {
            return;
        }
        try (Connection connection = throwaway.dataSource().getConnection()) {
            for (String schema : schemas(configuration)) {
                execute(connection, "SELECT format('CREATE SCHEMA IF NOT EXISTS %I', ?::text)", schema);
            }
        } catch (SQLException e) {
            throw throwaway.explain(new EnvironmentFailureException(
                    "Cannot create the schemas on " + throwaway.displayName() + ": " + e.getMessage(), e));
        }
    }

    private static List<String> schemas(Configuration configuration) {
        Set<String> schemas = new LinkedHashSet<>();
        if (configuration.getDefaultSchema() != null) {
            schemas.add(configuration.getDefaultSchema());
        }
        schemas.addAll(List.of(configuration.getSchemas()));
        return List.copyOf(schemas);
    }

    /** Sets the connection up as Flyway sets up its own: its init SQL (e.g. a lock_timeout), its default schema. */
    private static void prepareSession(Connection connection, Configuration configuration) throws SQLException {
        if (configuration.getInitSql() != null && !configuration.getInitSql().isBlank()) {
            try (var statement = connection.createStatement()) {
                statement.execute(configuration.getInitSql());
            }
        }
        enterDefaultSchema(connection, configuration);
    }

    /**
     * Puts Flyway's default schema first on the search path, as Flyway does while it migrates
     * (PostgreSQLConnection.changeCurrentSchemaTo): unqualified names in the migrations resolve to it.
     */
    private static void enterDefaultSchema(Connection connection, Configuration configuration) throws SQLException {
        List<String> schemas = schemas(configuration);
        if (!schemas.isEmpty()) {
            execute(
                    connection,
                    "SELECT format('SELECT set_config(''search_path'', %L, false)', quote_ident(?::text) || ','"
                            + " || current_setting('search_path'))",
                    schemas.get(0));
        }
    }

    /** Runs the statement that {@code generator} writes for {@code value}: identifiers quoted by PostgreSQL. */
    private static void execute(Connection connection, String generator, String value) throws SQLException {
        String sql;
        try (PreparedStatement generate = connection.prepareStatement(generator)) {
            generate.setString(1, value);
            try (var row = generate.executeQuery()) {
                row.next();
                sql = row.getString(1);
            }
        }
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static SqlMigration sqlMigration(MigrationInfo info) {
        return FlywayInternals.sqlMigration(info)
                .orElseThrow(() -> new UserMistakeException(info.getScript() + " is a Java-based migration, which"
                        + " the linter cannot replay statement by statement. Lint only the migrations after it."));
    }
}
