package dev.migrate.downgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.database.OpenDatabase;
import dev.migrate.drift.SchemaDiff;
import dev.migrate.drift.SchemaSnapshot;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.Migrator;
import dev.migrate.migration.internals.FlywayInternals;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The downgrade on real PostgreSQL and real Flyway, with the purpose-built corpus of {@code undo/corpus}: undoing
 * versions 7, 6 and 5 leaves the schema and data of a database migrated only to 4; Flyway Community then applies
 * exactly those versions again, and the database matches one migrated straight to the latest.
 */
class DowngradeTest {

    /** The columns the upgrade's equivalence compares, without the rank. */
    private static final String HISTORY = "SELECT concat_ws(' ', version, description, type, script, checksum, success)"
            + " FROM flyway_schema_history ORDER BY installed_rank";

    private static final String CUSTOMERS = "SELECT concat_ws(' ', id, name, email, mood) FROM customer ORDER BY id";

    @TempDir
    Path copy;

    private final CapturingLog log = new CapturingLog();

    @Test
    void downgradeFrom7To4LeavesTheSchemaAndDataOfADatabaseMigratedTo4() throws SQLException {
        try (OpenDatabase downgraded = migrated(corpus(), null);
                OpenDatabase atFour = migrated(corpus(), "4")) {
            DowngradeResult result = Downgrade.downgrade(downgraded, corpus().withTarget("4"), log);

            assertEquals(List.of("7", "4", 3), List.of(result.fromVersion(), result.toVersion(), result.undone()));
            assertEquals(List.of(), SchemaDiff.between(snapshot(atFour), snapshot(downgraded)));
            assertEquals(rows(atFour, CUSTOMERS), rows(downgraded, CUSTOMERS));
            List<String> undid =
                    log.lines().stream().filter(line -> line.contains("Undid")).toList();
            assertEquals(3, undid.size(), log.text());
            assertTrue(
                    undid.get(0).matches("INFO   Undid 7  orders  \\[U7__orders.sql] \\(\\d+ ms\\)"), undid::toString);
            assertTrue(undid.get(1).contains("[U6__name_index_concurrently.sql]"), undid::toString);
            assertTrue(undid.get(2).contains("[U5__happy_mood.sql]"), undid::toString);
            // the repeatable view last ran after version 7: it is built again on the schema of version 4
            assertTrue(
                    log.text().contains("INFO   Ran again R  customer summary  [R__customer_summary.sql]"), log.text());
            assertTrue(
                    log.lines().stream()
                            .anyMatch(line ->
                                    line.matches("INFO Downgraded .* from 7 to 4: 3 versions undone in \\d+ ms")),
                    log.text());
        }
    }

    @Test
    void flywayAppliesExactlyTheUndoneVersionsAgainAndTheResultMatchesAStraightMigration() throws SQLException {
        try (OpenDatabase downgraded = migrated(corpus(), null);
                OpenDatabase straight = migrated(corpus(), null)) {
            Downgrade.downgrade(downgraded, corpus().withTarget("4"), log);

            List<String> reapplied = flyway(downgraded).migrate().migrations.stream()
                    .map(migration -> migration.version)
                    .toList();

            assertEquals(List.of("5", "6", "7"), reapplied);
            assertTrue(flyway(downgraded).validateWithResult().validationSuccessful);
            assertEquals(List.of(), SchemaDiff.between(snapshot(straight), snapshot(downgraded)));
            assertEquals(rows(straight, CUSTOMERS), rows(downgraded, CUSTOMERS));
            List<String> straightHistory = rows(straight, HISTORY);
            List<String> history = rows(downgraded, HISTORY);
            // the straight history, then one DELETE row per undo naming its script, the repeatable run again on the
            // schema of version 4, then the versions applied again
            int straightRows = straightHistory.size();
            assertEquals(straightHistory, history.subList(0, straightRows));
            List<String> undoRows = history.subList(straightRows, straightRows + 3);
            assertEquals(
                    List.of(
                            "7 orders DELETE U7__orders.sql",
                            "6 name index concurrently DELETE" + " U6__name_index_concurrently.sql",
                            "5 happy mood DELETE U5__happy_mood.sql"),
                    undoRows.stream()
                            .map(row -> row.substring(0, row.lastIndexOf(".sql") + 4))
                            .toList());
            assertEquals(straightHistory.get(7), history.get(straightRows + 3));
            assertEquals(straightHistory.subList(4, 7), history.subList(straightRows + 4, history.size()));
        }
    }

    @Test
    void aDowngradeToTheCurrentVersionUndoesNothingAndSaysSo() throws SQLException {
        try (OpenDatabase database = migrated(corpus(), "4")) {
            List<String> history = rows(database, HISTORY);
            SchemaSnapshot schema = snapshot(database);

            DowngradeResult result = Downgrade.downgrade(database, corpus().withTarget("4"), log);

            assertEquals(new DowngradeResult("4", "4", 0, result.millis()), result);
            assertTrue(log.text().contains(": already at version 4, nothing to undo"), log.text());
            assertUnchanged(database, history, schema);
        }
    }

    @Test
    void missingUndoScriptsAreAllNamedAndNothingChanges() throws IOException, SQLException {
        MigrationSettings migrations = corpusCopy();
        Files.delete(copy.resolve("U6__name_index_concurrently.sql"));
        Files.delete(copy.resolve("U5__happy_mood.sql"));
        try (OpenDatabase database = migrated(migrations, null)) {
            List<String> history = rows(database, HISTORY);
            SchemaSnapshot schema = snapshot(database);

            UserMistakeException refused = refusedTo4(database, migrations);

            assertTrue(
                    refused.getMessage()
                            .contains("no undo script for version 6 (V6__name_index_concurrently.sql),"
                                    + " version 5 (V5__happy_mood.sql)"),
                    refused.getMessage());
            assertUnchanged(database, history, schema);
        }
    }

    @Test
    void aFailedRowATargetAboveTheCurrentVersionAndAnUnknownTargetAreRefusedAndNothingChanges() throws SQLException {
        try (OpenDatabase database = migrated(corpus(), "6")) {
            List<String> history = rows(database, HISTORY);
            SchemaSnapshot schema = snapshot(database);

            String above = refusal(database, "7");
            String unknown = refusal(database, "4.5");
            String unreadable = refusal(database, "v4");
            TestPostgres.execute(
                    database.dataSource(), "UPDATE flyway_schema_history SET success = false WHERE version = '6'");
            String failed = refusal(database, "4");

            assertTrue(above.contains("The target version 7 is above the current version 6"), above);
            assertTrue(unknown.contains("The target version 4.5 is no version applied"), unknown);
            assertTrue(unreadable.startsWith("The target version 'v4' is not a version"), unreadable);
            assertTrue(
                    failed.contains("holds a failed migration: version 6 (V6__name_index_concurrently.sql)"), failed);
            TestPostgres.execute(
                    database.dataSource(), "UPDATE flyway_schema_history SET success = true WHERE version = '6'");
            assertUnchanged(database, history, schema);
        }
    }

    @Test
    void aFailingUndoRollsBackItsVersionAloneAndNamesFileLineAndSqlState() throws IOException, SQLException {
        MigrationSettings migrations = corpusCopy();
        Files.writeString(
                copy.resolve("U5__happy_mood.sql"),
                "ALTER TABLE customer ALTER COLUMN mood DROP DEFAULT;\nSELECT * FROM no_such_table;\n");
        try (OpenDatabase database = migrated(migrations, null);
                OpenDatabase atFive = migrated(corpus(), "5")) {
            UserMistakeException failed = refusedTo4(database, migrations);

            assertTrue(
                    failed.getMessage()
                            .startsWith("Undo script U5__happy_mood.sql failed at line 2 (SQLSTATE 42P01):"
                                    + " ERROR: relation \"no_such_table\" does not exist"),
                    failed.getMessage());
            assertTrue(failed.getMessage().contains("stays at version 5, the last good version"), failed.getMessage());
            assertEquals("5", flyway(database).info().current().getVersion().getVersion());
            assertEquals(List.of(), SchemaDiff.between(snapshot(atFive), snapshot(database)));
        }
    }

    @Test
    void aFailingUndoOutsideATransactionSaysThatPartOfItMayHaveBeenApplied() throws IOException, SQLException {
        MigrationSettings migrations = corpusCopy();
        Files.writeString(copy.resolve("U6__name_index_concurrently.sql"), "DROP INDEX CONCURRENTLY no_such_idx;\n");
        try (OpenDatabase database = migrated(migrations, null)) {
            UserMistakeException failed = refusedTo4(database, migrations);

            assertTrue(
                    failed.getMessage()
                            .startsWith("Undo script U6__name_index_concurrently.sql failed at line 1"
                                    + " (SQLSTATE 42704)"),
                    failed.getMessage());
            assertTrue(
                    failed.getMessage()
                            .contains("It ran outside a transaction, so part of it may have been applied,"
                                    + " and the history still counts version 6 as applied"),
                    failed.getMessage());
            assertEquals("6", flyway(database).info().current().getVersion().getVersion());
        }
    }

    /** A repeatable that needs a table of an undone version cannot be built at the target: the user must decide. */
    @Test
    void aRepeatableThatNeedsWhatIsUndoneFailsSayingWhatToDo() throws IOException, SQLException {
        MigrationSettings migrations = corpusCopy();
        Files.writeString(
                copy.resolve("R__order_totals.sql"),
                "CREATE OR REPLACE VIEW order_totals AS SELECT customer_id, sum(total) FROM orders GROUP BY 1;\n");
        Files.writeString(
                copy.resolve("U7__orders.sql"),
                "UPDATE customer SET mood = 'ok' WHERE mood = 'happy';\nDROP TABLE orders CASCADE;\n");
        try (OpenDatabase database = migrated(migrations, null)) {
            UserMistakeException failed = refusedTo4(database, migrations);

            assertTrue(
                    failed.getMessage()
                            .startsWith("Repeatable migration R__order_totals.sql failed at line 1"
                                    + " (SQLSTATE 42P01): ERROR: relation \"orders\" does not exist"),
                    failed.getMessage());
            assertTrue(failed.getMessage().contains("Change it so that it works at version 4"), failed.getMessage());
            assertEquals("4", flyway(database).info().current().getVersion().getVersion());
        }
    }

    private UserMistakeException refusedTo4(OpenDatabase database, MigrationSettings migrations) {
        return assertThrows(
                UserMistakeException.class, () -> Downgrade.downgrade(database, migrations.withTarget("4"), log));
    }

    private String refusal(OpenDatabase database, String target) {
        return assertThrows(
                        UserMistakeException.class,
                        () -> Downgrade.downgrade(database, corpus().withTarget(target), log))
                .getMessage();
    }

    private static void assertUnchanged(OpenDatabase database, List<String> history, SchemaSnapshot schema)
            throws SQLException {
        assertEquals(history, rows(database, HISTORY));
        assertEquals(List.of(), SchemaDiff.between(schema, snapshot(database)));
    }

    private static MigrationSettings corpus() {
        return UndoCorpus.settings();
    }

    /** The corpus copied to a folder of the test's own, to change. */
    private MigrationSettings corpusCopy() throws IOException {
        try (Stream<Path> files = Files.list(UndoCorpus.folder())) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return TestMigrations.in(copy);
    }

    private static OpenDatabase migrated(MigrationSettings migrations, String target) {
        OpenDatabase database = TestPostgres.openNewDatabase();
        Migrator.upgrade(database, migrations.withTarget(target), TestPostgres.quietLog());
        return database;
    }

    /** Flyway Community as a user runs it, with the session lock that lets CREATE INDEX CONCURRENTLY finish. */
    private static Flyway flyway(OpenDatabase database) {
        FluentConfiguration configuration = Flyway.configure()
                .dataSource(database.dataSource())
                .locations(corpus().locations().get(0));
        FlywayInternals.postgresSettings(configuration).setTransactionalLock(false);
        return configuration.load();
    }

    private static SchemaSnapshot snapshot(OpenDatabase database) {
        return SchemaSnapshot.read(database.dataSource(), List.of("public"), "public", "flyway_schema_history");
    }

    private static List<String> rows(OpenDatabase database, String query) throws SQLException {
        return UndoCorpus.rows(database.dataSource(), query);
    }
}
