package dev.migrate.downgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.ValidateOutput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins how Flyway Community reads the history that {@link UndoHistory} writes, on a real PostgreSQL: after an undo,
 * {@code info} shows the version pending again, {@code validate} reports nothing but the pending versions, and
 * {@code migrate} applies exactly the undone versions again. When a Flyway upgrade changes any of it, this test fails;
 * re-read {@code MigrationInfoServiceImpl} (its handling of {@code DELETE} rows, {@code markAsDeleted}) and decide the
 * representation again.
 */
class UndoHistoryContractTest {

    private static final String HISTORY = "\"public\".\"flyway_schema_history\"";

    @TempDir
    Path migrations;

    private DataSource database;
    private Flyway flyway;

    @BeforeEach
    void migrateToThree() throws IOException {
        for (String table : List.of("a", "b", "c")) {
            int version = table.charAt(0) - 'a' + 1;
            Files.writeString(
                    migrations.resolve("V" + version + "__" + table + ".sql"),
                    "CREATE TABLE " + table + " (id INT);\n");
            Files.writeString(migrations.resolve("U" + version + "__" + table + ".sql"), "DROP TABLE " + table + ";\n");
        }
        database = TestPostgres.server().dataSource(TestPostgres.newDatabase());
        flyway = Flyway.configure()
                .dataSource(database)
                .locations("filesystem:" + migrations)
                .load();
        flyway.migrate();
    }

    @Test
    void communityShowsTheUndoneVersionsPendingAndTheirRowsDeleted() throws SQLException {
        undo("3", "c");
        undo("2", "b");

        assertEquals("1", flyway.info().current().getVersion().getVersion());
        assertEquals(List.of("2", "3"), versions(flyway.info().pending()));
        List<String> deleted = Arrays.stream(flyway.info().all())
                .filter(info -> info.getState() == MigrationState.DELETED)
                .map(info -> info.getVersion().getVersion() + " rank " + info.getInstalledRank())
                .toList();
        assertEquals(List.of("2 rank 2", "3 rank 3"), deleted);
    }

    @Test
    void validateReportsOnlyTheUndoneVersionsAsNotApplied() throws SQLException {
        undo("3", "c");
        undo("2", "b");

        List<ValidateOutput> invalid = flyway.validateWithResult().invalidMigrations;

        assertEquals(
                List.of("2", "3"),
                invalid.stream().map(output -> output.version).sorted().toList());
        assertTrue(invalid.stream()
                .allMatch(output ->
                        output.errorDetails.errorCode == CoreErrorCode.RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED));
    }

    @Test
    void migrateAppliesExactlyTheUndoneVersionsAgainThenValidatesAndRepairsNothing() throws SQLException {
        undo("3", "c");
        undo("2", "b");

        List<String> applied = flyway.migrate().migrations.stream()
                .map(output -> output.version)
                .toList();

        assertEquals(List.of("2", "3"), applied);
        assertTrue(flyway.validateWithResult().validationSuccessful);
        assertEquals(List.of(), flyway.repair().repairActions);
        assertEquals(
                List.of(
                        "1 SQL V1__a.sql",
                        "2 SQL V2__b.sql",
                        "3 SQL V3__c.sql",
                        "3 DELETE U3__c.sql",
                        "2 DELETE U2__b.sql",
                        "2 SQL V2__b.sql",
                        "3 SQL V3__c.sql"),
                rows("SELECT version || ' ' || type || ' ' || script FROM " + HISTORY + " ORDER BY installed_rank"));
    }

    @Test
    void aVersionUndoneAgainAfterItsRedoIsPendingAgain() throws SQLException {
        undo("3", "c");
        flyway.migrate();
        undo("3", "c");

        assertEquals(List.of("3"), versions(flyway.info().pending()));
        assertEquals(
                List.of("3"),
                flyway.migrate().migrations.stream()
                        .map(output -> output.version)
                        .toList());
        assertTrue(flyway.validateWithResult().validationSuccessful);
    }

    /** Flyway Teams' own record of an undo: Community cannot read a history that holds one. */
    @Test
    void teamsUndoRowIsUnknownToCommunity() {
        TestPostgres.execute(
                database,
                "INSERT INTO " + HISTORY + " (installed_rank, version, description, type, script,"
                        + " checksum, installed_by, execution_time, success) VALUES (4, '3', 'c', 'UNDO_SQL', 'U3__c.sql', 1,"
                        + " current_user, 0, true)");

        FlywayException refused = assertThrows(FlywayException.class, () -> flyway.info());

        assertTrue(refused.getMessage().contains("Unknown migration type 'UNDO_SQL'"), refused::getMessage);
    }

    @Test
    void namesWithQuotesAndBackslashesAreRecordedAsTheyAreWhateverTheStringSetting() throws SQLException {
        UndoScript odd = new UndoScript("3", "it's a \\ name", "sub/U3__it's_a_\\_name.sql", -7, true, List.of());
        try (Connection connection = database.getConnection();
                Statement settings = connection.createStatement()) {
            settings.execute("SET standard_conforming_strings = off");
            UndoHistory.recordUndo(connection, HISTORY, odd, "deployer", 12);
        }

        assertEquals(
                List.of("3|it's a \\ name|DELETE|sub/U3__it's_a_\\_name.sql|-7|deployer|12|t"),
                rows("SELECT concat_ws('|', version, description, type, script, checksum, installed_by, execution_time,"
                        + " success) FROM " + HISTORY + " WHERE installed_rank = 4"));
    }

    /** Undoes a version as the downgrade does: its undo and its history row in one transaction. */
    private void undo(String version, String table) throws SQLException {
        UndoScript undo = new UndoScript(version, table, "U" + version + "__" + table + ".sql", 42, true, List.of());
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE " + table);
            }
            UndoHistory.recordUndo(connection, HISTORY, undo, null, 3);
            connection.commit();
        }
    }

    private static List<String> versions(MigrationInfo[] infos) {
        return Arrays.stream(infos).map(info -> info.getVersion().getVersion()).toList();
    }

    private List<String> rows(String query) throws SQLException {
        return UndoCorpus.rows(database, query);
    }
}
