package dev.migrate.migration.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.internal.license.VersionPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins what {@link FlywayInternals} reads from Flyway's internals, each against what Flyway itself does on a real
 * PostgreSQL. When a Flyway upgrade changes any of it, this test fails here, loudly, before a user's release ships a
 * wrong script: re-read the internals with {@code javap -c -p}, adapt {@link FlywayInternals}, then update
 * {@link FlywayInternals#PINNED_FLYWAY_VERSION}.
 */
class FlywayInternalsContractTest {

    @TempDir
    Path migrations;

    @Test
    void flywayIsTheVersionTheInternalsWereReadFrom() {
        assertEquals(FlywayInternals.PINNED_FLYWAY_VERSION, VersionPrinter.getVersion());
    }

    @Test
    void statementsComeSplitWithTheirTransactionRuleAndCopyData() throws IOException {
        Files.writeString(migrations.resolve("V1__mixed.sql"), """
                CREATE TYPE mood AS ENUM ('sad');
                ALTER TYPE mood ADD VALUE 'happy';
                CREATE TABLE t (id INT, name TEXT);
                COPY t (id, name) FROM stdin;
                1\tone
                \\.
                """);
        Files.writeString(migrations.resolve("V2__concurrently.sql"), "CREATE INDEX CONCURRENTLY t_idx ON t (id);\n");

        List<FlywayInternals.SqlMigration> resolved = sqlMigrations(Map.of());

        List<ParsedStatement> first = resolved.get(0).statements();
        assertEquals(
                List.of(
                        "CREATE TYPE mood AS ENUM ('sad')",
                        "ALTER TYPE mood ADD VALUE 'happy'",
                        "CREATE TABLE t (id INT, name TEXT)",
                        "COPY t (id, name) FROM stdin"),
                first.stream().map(ParsedStatement::sql).toList());
        assertEquals(
                List.of(1, 2, 3, 4), first.stream().map(ParsedStatement::line).toList());
        // a real server of version 12 or later: ALTER TYPE ... ADD VALUE may run in a transaction
        assertTrue(first.stream().allMatch(ParsedStatement::transactional));
        assertTrue(resolved.get(0).executeInTransaction());
        assertEquals("1\tone\n", first.get(3).copyData());
        assertNull(first.get(0).copyData());
        assertFalse(resolved.get(1).statements().get(0).transactional());
        assertFalse(resolved.get(1).executeInTransaction());
    }

    @Test
    void javaMigrationsHaveNoSqlMigration() {
        MigrationInfo[] all = flyway(newDatabase(), Map.of())
                .locations("classpath:dev/migrate/offline/javamigration")
                .load()
                .info()
                .all();

        assertTrue(all.length > 0);
        assertTrue(Arrays.stream(all)
                .allMatch(info -> FlywayInternals.sqlMigration(info).isEmpty()));
    }

    @Test
    void lockKeyIsTheOneFlywayHoldsWhileItMigrates() throws IOException {
        // the migration records the advisory locks held while Flyway runs it
        Files.writeString(
                migrations.resolve("V1__record_locks.sql"),
                "CREATE TABLE held AS SELECT"
                        + " ((classid::bigint << 32) | objid::bigint) AS lock_key FROM pg_locks WHERE locktype = 'advisory';");
        DataSource migrated = newDatabase();
        flyway(migrated, Map.of()).load().migrate();

        List<String> held = rows(migrated, "SELECT lock_key FROM held");

        assertEquals(List.of(String.valueOf(historyTable().advisoryLockKey())), held);
    }

    @Test
    void checksumsAreFlywaysOwnAlsoForRepeatablesRecomputed() throws IOException {
        Files.writeString(migrations.resolve("V1__table.sql"), "CREATE TABLE t (id INT);\n");
        Files.writeString(
                migrations.resolve("R__view.sql"),
                "CREATE VIEW v AS SELECT '${tenant}' AS t, '${flyway:filename}' AS f;\r\n");
        DataSource migrated = newDatabase();
        flyway(migrated, Map.of("tenant", "acme")).load().migrate();

        List<String> flyways = rows(migrated, "SELECT checksum FROM flyway_schema_history ORDER BY installed_rank");

        Flyway resolving = flyway(newDatabase(), Map.of("tenant", "acme")).load();
        assertEquals(
                flyways,
                sqlMigrations(resolving).stream()
                        .map(migration -> String.valueOf(migration.checksum(resolving.getConfiguration())))
                        .toList());
    }

    @Test
    void overriddenPlaceholdersReachTheStatementsAndTheRepeatableChecksum() throws IOException {
        Files.writeString(migrations.resolve("R__who.sql"), "SELECT '${flyway:user}';\n");
        Flyway resolving = flyway(newDatabase(), Map.of()).load();
        FlywayInternals.SqlMigration migration = sqlMigrations(resolving).get(0);
        int resolvedChecksum = migration.checksum(resolving.getConfiguration());

        migration.parsing().overridePlaceholders(Map.of("flyway:user", "deployer"));

        assertEquals("SELECT 'deployer'", migration.statements().get(0).sql());
        assertTrue(resolvedChecksum != migration.checksum(resolving.getConfiguration()));
    }

    @Test
    void postgresSettingsAreTheOnesTheConfigurationUses() {
        FluentConfiguration configuration = Flyway.configure();
        assertTrue(FlywayInternals.postgresSettings(configuration).isTransactionalLock());

        FlywayInternals.postgresSettings(configuration).setTransactionalLock(false);

        assertFalse(configuration
                .getPluginRegister()
                .getExact(org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension.class)
                .isTransactionalLock());
    }

    @Test
    void historyTableAndDescriptionAreFlywaysOwn() throws IOException {
        Files.writeString(migrations.resolve("V1__x.sql"), "SELECT 1;");

        FlywayInternals.HistoryTableSql table = historyTable();

        assertEquals("\"public\".\"flyway_schema_history\"", table.name());
        assertTrue(table.ddl().contains("CREATE TABLE \"public\".\"flyway_schema_history\" ("), table.ddl());
        assertEquals("x".repeat(197) + "...", FlywayInternals.storedDescription("x".repeat(250)));
    }

    @Test
    void aFailedScriptIsReportedWithItsLineAndTransaction() throws IOException {
        Files.writeString(migrations.resolve("V1__fails.sql"), "CREATE TABLE t (id INT);\nSELECT nope;\n");

        FlywayException e = assertThrows(
                FlywayException.class,
                () -> flyway(newDatabase(), Map.of()).load().migrate());

        FlywayInternals.FailedMigration failed =
                FlywayInternals.failedMigration(e).orElseThrow();
        assertEquals("V1__fails.sql", failed.migration().getScript());
        assertEquals(2, failed.lineNumber());
        assertTrue(failed.executableInTransaction());
        assertFalse(FlywayInternals.isSqlFailure(e));
    }

    @Test
    void aFailedSqlCallOutsideAScriptIsASqlFailure() throws IOException {
        Files.writeString(migrations.resolve("V1__x.sql"), "SELECT 1;");

        FlywayException e = assertThrows(
                FlywayException.class,
                () -> flyway(TestPostgres.server().dataSource("no_such_database"), Map.of())
                        .load()
                        .migrate());

        assertTrue(FlywayInternals.isSqlFailure(e), e.toString());
        assertTrue(FlywayInternals.failedMigration(e).isEmpty());
    }

    /** What Flyway counts as an object in a schema without history table (it skips materialized views, say). */
    static Stream<Arguments> schemaContents() {
        return Stream.of(
                Arguments.of("SELECT 1", false),
                Arguments.of("CREATE TABLE t (id INT)", true),
                Arguments.of("CREATE VIEW v AS SELECT 1 AS one", true),
                Arguments.of("CREATE SEQUENCE s", true),
                Arguments.of("CREATE TYPE e AS ENUM ('a')", true),
                Arguments.of("CREATE DOMAIN d AS INT", true),
                Arguments.of("CREATE FUNCTION f() RETURNS INT LANGUAGE sql AS 'SELECT 1'", true),
                Arguments.of("CREATE TYPE c AS (a INT)", false),
                Arguments.of("CREATE MATERIALIZED VIEW m AS SELECT 1 AS one", false),
                Arguments.of("CREATE TABLE p (id INT) PARTITION BY RANGE (id)", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaContents")
    void nonEmptySchemaQueryIsFlyways(String content, boolean flywayRefuses) throws IOException, SQLException {
        Files.writeString(migrations.resolve("V1__x.sql"), "CREATE TABLE migrated (id INT);");
        DataSource database = newDatabase();
        TestPostgres.execute(database, content);
        boolean queryFindsObjects = nonEmpty(database, "public");

        boolean refusedByFlyway = refusesNonEmptySchema(database);

        assertEquals(flywayRefuses, refusedByFlyway, "Flyway " + FlywayInternals.PINNED_FLYWAY_VERSION);
        assertEquals(refusedByFlyway, queryFindsObjects);
    }

    private boolean refusesNonEmptySchema(DataSource database) {
        try {
            flyway(database, Map.of()).load().migrate();
            return false;
        } catch (FlywayException e) {
            assertTrue(e.getMessage().contains("Found non-empty schema(s)"), e.getMessage());
            return true;
        }
    }

    private static boolean nonEmpty(DataSource database, String schema) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(FlywayInternals.NON_EMPTY_SCHEMA_QUERY)) {
            for (int parameter = 1; parameter <= 3; parameter++) {
                query.setString(parameter, schema);
            }
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    @Test
    void scannedChecksumsAreTheOnesFlywayRecordsInItsHistory() throws IOException {
        Files.writeString(migrations.resolve("V001__padded.sql"), "\uFEFFCREATE TABLE a (id INT);\r\n-- ${tenant}\r\n");
        Files.createDirectories(migrations.resolve("sub"));
        Files.writeString(migrations.resolve("sub/V1.1__nested.sql"), "CREATE TABLE b (id INT);\n\n");
        Files.writeString(migrations.resolve("V2_1__underscored.sql"), "CREATE TABLE c (id INT)");
        Files.writeString(migrations.resolve("R__view.sql"), "CREATE OR REPLACE VIEW v AS SELECT 1 AS one;\n");
        DataSource migrated = newDatabase();
        flyway(migrated, Map.of("tenant", "acme")).load().migrate();

        List<String> flyways = rows(
                migrated,
                "SELECT script || ' ' || version || ' ' || checksum FROM flyway_schema_history"
                        + " WHERE version IS NOT NULL ORDER BY script");

        assertEquals(
                flyways,
                FlywayInternals.scan(flyway(null, Map.of("tenant", "acme"))).stream()
                        .filter(file -> file.kind() == MigrationFile.Kind.VERSIONED)
                        .map(file -> file.script() + " " + MigrationVersion.fromVersion(file.version()) + " "
                                + file.checksum())
                        .toList());
    }

    @Test
    void scannedNamesAreValidExactlyWhereFlywaysNamingValidationAcceptsThem() throws IOException {
        List<String> names = List.of(
                "V1__ok.sql",
                "Vx__bad_version.sql",
                "V2_missing_separator.sql",
                "R__repeatable.sql",
                "U1__undo.sql",
                "beforeMigrate.sql",
                "V3__ok.sql");
        for (String name : names) {
            Files.writeString(migrations.resolve(name), "SELECT 1;\n");
        }

        List<MigrationFile> scanned = FlywayInternals.scan(flyway(null, Map.of()));
        FlywayException flyways = assertThrows(
                FlywayException.class,
                () -> flyway(newDatabase(), Map.of())
                        .validateMigrationNaming(true)
                        .load()
                        .migrate());

        for (MigrationFile file : scanned) {
            // Flyway's message lists each refused name with its reason; Community refuses undo scripts' names too
            assertEquals(
                    file.kind() == MigrationFile.Kind.INVALID || file.kind() == MigrationFile.Kind.UNDO,
                    flyways.getMessage().contains(file.script()),
                    file.script() + " in: " + flyways.getMessage());
        }
        assertEquals(names.size(), scanned.size());
        List<String> refused = FlywayInternals.refusedNamesBesidesUndo(flyway(null, Map.of()));
        assertEquals(2, refused.size(), refused::toString);
        assertTrue(refused.stream().allMatch(flyways.getMessage()::contains), refused::toString);
        assertTrue(refused.stream().noneMatch(reason -> reason.contains("U1__undo.sql")), refused::toString);
    }

    @Test
    void undoScriptsAreNamedAndChecksummedAsFlywayDoesAVersionedMigration() throws IOException {
        Files.writeString(migrations.resolve("V1.1__create.sql"), "CREATE TABLE t (id INT);\n-- ${tenant}\n");
        Files.writeString(migrations.resolve("U01.1__create.sql"), "CREATE TABLE t (id INT);\n-- ${tenant}\n");
        Files.writeString(migrations.resolve("U2_no_separator.sql"), "SELECT 1;\n");
        DataSource migrated = newDatabase();
        flyway(migrated, Map.of("tenant", "acme")).load().migrate();
        String flywaysChecksum =
                rows(migrated, "SELECT checksum FROM flyway_schema_history").get(0);

        List<MigrationFile> scanned = FlywayInternals.scan(flyway(null, Map.of("tenant", "acme")));

        MigrationFile undo = scanned.get(0);
        assertEquals(
                List.of("U01.1__create.sql", "UNDO", "01.1", "create", flywaysChecksum),
                List.of(
                        undo.script(),
                        undo.kind().name(),
                        undo.version(),
                        undo.description(),
                        String.valueOf(undo.checksum())));
        assertEquals(MigrationFile.Kind.INVALID, scanned.get(1).kind());
    }

    @Test
    void builtInPlaceholdersAreFlywaysAndAMissingValueIsFoundWhereFlywayStops() throws IOException {
        String builtIns = FlywayInternals.BUILT_IN_PLACEHOLDERS.stream()
                .map(name -> "-- ${" + name + "}\n")
                .reduce("", String::concat);
        Files.writeString(migrations.resolve("V1__built_ins.sql"), builtIns + "SELECT '${given}';\n");
        Files.writeString(migrations.resolve("V2__missing.sql"), "SELECT 1;\nSELECT '${Missing}';\n-- ${missing}\n");
        FluentConfiguration configuration =
                flyway(newDatabase(), Map.of("given", "g")).target("1");
        configuration.load().migrate();

        FlywayException flyways = assertThrows(
                FlywayException.class,
                () -> flyway(newDatabase(), Map.of("given", "g")).load().migrate());

        assertTrue(
                flyways.getMessage().contains(FlywayInternals.NO_PLACEHOLDER_VALUE + "${Missing}"),
                flyways::getMessage);
        List<MigrationFile> scanned = FlywayInternals.scan(flyway(null, Map.of("given", "g")));
        assertEquals(List.of(), scanned.get(0).unresolved());
        // Flyway's placeholder names ignore case: one name, at its first line
        assertEquals(
                List.of(new MigrationFile.UnresolvedPlaceholder("Missing", 2)),
                scanned.get(1).unresolved());
    }

    @Test
    void aScriptsOwnConfFileTurnsItsPlaceholderReplacementOffAsForFlyway() throws IOException {
        Files.writeString(migrations.resolve("V1__literal.sql"), "SELECT '${not_a_placeholder}';\n");
        Files.writeString(migrations.resolve("V1__literal.sql.conf"), "placeholderReplacement=false\n");
        Files.writeString(migrations.resolve("V2__replaced.sql"), "SELECT '${missing}';\n");

        List<MigrationFile> scanned = FlywayInternals.scan(flyway(null, Map.of()));

        assertEquals(List.of(), scanned.get(0).unresolved());
        assertEquals(
                List.of(new MigrationFile.UnresolvedPlaceholder("missing", 1)),
                scanned.get(1).unresolved());
        FlywayException flyways = assertThrows(
                FlywayException.class,
                () -> flyway(newDatabase(), Map.of()).load().migrate());
        assertTrue(flyways.getMessage().contains("${missing}"), flyways::getMessage);
        flyway(newDatabase(), Map.of()).target("1").load().migrate();
    }

    private FlywayInternals.HistoryTableSql historyTable() {
        return sqlMigrations(Map.of()).get(0).parsing().historyTable("public", "flyway_schema_history");
    }

    private List<FlywayInternals.SqlMigration> sqlMigrations(Map<String, String> placeholders) {
        return sqlMigrations(flyway(newDatabase(), placeholders).load());
    }

    private static List<FlywayInternals.SqlMigration> sqlMigrations(Flyway flyway) {
        return Arrays.stream(flyway.info().all())
                .map(FlywayInternals::sqlMigration)
                .flatMap(Optional::stream)
                .toList();
    }

    private FluentConfiguration flyway(DataSource database, Map<String, String> placeholders) {
        return Flyway.configure()
                .dataSource(database)
                .locations("filesystem:" + migrations)
                .placeholders(placeholders);
    }

    private static DataSource newDatabase() {
        return TestPostgres.server().dataSource(TestPostgres.newDatabase());
    }

    private static List<String> rows(DataSource database, String query) {
        try (Connection connection = database.getConnection();
                ResultSet result = connection.createStatement().executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }
}
