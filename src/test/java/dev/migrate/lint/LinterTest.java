package dev.migrate.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.MigrateException;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.Migrator;
import dev.migrate.migration.internals.MigrationFile;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the engine prepares the throwaway, replays migrations and fails, beyond what the corpus shows. */
class LinterTest {

    @TempDir
    Path migrations;

    private static final Predicate<MigrationFile> ALL = file -> true;

    @Test
    void enumValueInATransactionBreaksOnlyBeforePostgres12() {
        assertTrue(Rules.enumValueBreaksTransaction(110_022, true));
        assertFalse(Rules.enumValueBreaksTransaction(110_022, false));
        assertFalse(Rules.enumValueBreaksTransaction(120_000, true));
        assertFalse(Rules.enumValueBreaksTransaction(150_004, true));
    }

    /** The concurrently-in-transaction cases are real: Flyway itself runs them in a transaction, and they fail. */
    @ParameterizedTest
    @ValueSource(strings = {"concurrently-in-transaction", "reindex-concurrently"})
    void flywayFailsWhereConcurrentlyInTransactionIsReported(String name) {
        MigrationSettings settings =
                TestMigrations.in(LintCorpusTest.CORPUS.resolve(name).toAbsolutePath());
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            MigrateException failure = assertThrows(
                    MigrateException.class, () -> Migrator.upgrade(database, settings, TestPostgres.quietLog()));
            assertTrue(failure.getMessage().contains("cannot run inside a transaction block"), failure.getMessage());
        }
    }

    @Test
    void messageNamesTheRelationAndWhatPostgresDid() {
        Hazard hazard = lintCase("create-index", ALL).get(0);
        assertEquals(
                new Hazard(
                        "V2__index_orders.sql",
                        3,
                        LintRule.INDEX_NOT_CONCURRENT,
                        "CREATE INDEX public.orders_customer on existing table public.orders took a SHARE lock,"
                                + " blocking writes while the index builds; use CREATE INDEX CONCURRENTLY in a"
                                + " migration of its own",
                        "CREATE INDEX orders_customer ON orders (customer)"),
                hazard);
    }

    /**
     * Linting from the middle: Flyway migrates the versions before the first linted one (and the repeatables, as it
     * does), the engine replays the rest; linting everything replays all. Both find the same hazards in V2.
     */
    @Test
    void lintsFromFlywaysPrefixAsFromTheStart() throws IOException, SQLException {
        Files.writeString(migrations.resolve("V1__orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
        Files.writeString(
                migrations.resolve("R__order_ids.sql"), "CREATE OR REPLACE VIEW order_ids AS SELECT id FROM orders;\n");
        Files.writeString(migrations.resolve("V2__payload.sql"), "ALTER TABLE orders ADD COLUMN payload json;\n");
        List<String> expected = List.of("V2__payload.sql:1 lock-timeout-missing", "V2__payload.sql:1 prefer-jsonb");
        assertEquals(expected, codes(lint(file -> "2".equals(file.version()), "V1__orders.sql")));
        assertEquals(expected, codes(lint(ALL)));
    }

    /** As Flyway restores the search path after each migration, so does the replay (pagila's dump empties it). */
    @Test
    void aMigrationsSearchPathDoesNotLeakIntoTheNext() throws IOException, SQLException {
        Files.writeString(
                migrations.resolve("V1__dump.sql"),
                "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.orders (id bigint);\n");
        Files.writeString(migrations.resolve("V2__payload.sql"), "CREATE TABLE payloads (body json);\n");
        assertEquals(List.of("V2__payload.sql:1 prefer-jsonb"), codes(lint(ALL)));
    }

    /** Flyway runs its initSql on every connection it opens: a lock_timeout set there holds for every migration. */
    @Test
    void aLockTimeoutFromFlywaysInitSqlCounts() {
        MigrationSettings settings = TestMigrations.in(
                LintCorpusTest.CORPUS.resolve("lock-timeout-missing").toAbsolutePath(),
                Map.of(),
                Map.of("initSql", "SET lock_timeout = '2s'"));
        try (OpenDatabase throwaway = TestPostgres.openNewDatabase()) {
            assertEquals(
                    List.of(),
                    Linter.lint(settings, throwaway, file -> "2".equals(file.version()), TestPostgres.quietLog()));
        }
    }

    @Test
    void nothingToLintLeavesTheThrowawayEmpty() throws IOException, SQLException {
        Files.writeString(migrations.resolve("V1__orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
        assertEquals(List.of(), lint(file -> false));
    }

    @Test
    void aMigrationThatFailsNamesItsFileAndLine() throws IOException {
        Files.writeString(migrations.resolve("V1__orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
        Files.writeString(
                migrations.resolve("V2__typo.sql"), "SET lock_timeout = '1s';\nALTER TABLE order ADD COLUMN x int;\n");
        UserMistakeException failure = assertThrows(UserMistakeException.class, () -> lint(ALL));
        assertTrue(
                failure.getMessage().startsWith("V2__typo.sql:2 fails on the throwaway database (SQLSTATE 42601)"),
                failure.getMessage());
    }

    private List<Hazard> lintCase(String name, Predicate<MigrationFile> toLint) {
        try (OpenDatabase throwaway = TestPostgres.openNewDatabase()) {
            return Linter.lint(
                    TestMigrations.in(LintCorpusTest.CORPUS.resolve(name).toAbsolutePath()),
                    throwaway,
                    file -> !"1".equals(file.version()) && toLint.test(file),
                    TestPostgres.quietLog());
        }
    }

    /** Lints, and checks that Flyway applied exactly {@code appliedByFlyway} to the throwaway before the replay. */
    private List<Hazard> lint(Predicate<MigrationFile> toLint, String... appliedByFlyway) throws SQLException {
        try (OpenDatabase throwaway = TestPostgres.openNewDatabase()) {
            List<Hazard> hazards =
                    Linter.lint(TestMigrations.in(migrations), throwaway, toLint, TestPostgres.quietLog());
            assertEquals(List.of(appliedByFlyway), historyScripts(throwaway));
            return hazards;
        }
    }

    /** The versioned scripts in Flyway's history table, none when Flyway made no history table. */
    private static List<String> historyScripts(OpenDatabase database) throws SQLException {
        List<String> scripts = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet table = statement.executeQuery("SELECT to_regclass('flyway_schema_history') IS NULL")) {
                table.next();
                if (table.getBoolean(1)) {
                    return scripts;
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT script FROM flyway_schema_history"
                    + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
                while (rows.next()) {
                    scripts.add(rows.getString(1));
                }
            }
        }
        return scripts;
    }

    private static List<String> codes(List<Hazard> hazards) {
        return hazards.stream()
                .map(hazard -> hazard.script() + ":" + hazard.line() + " "
                        + hazard.rule().id())
                .sorted()
                .toList();
    }
}
