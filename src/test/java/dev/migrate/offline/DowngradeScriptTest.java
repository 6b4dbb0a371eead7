package dev.migrate.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.connection.ConnectionSettings;
import dev.migrate.database.OpenDatabase;
import dev.migrate.downgrade.Downgrade;
import dev.migrate.drift.SchemaDiff;
import dev.migrate.drift.SchemaSnapshot;
import dev.migrate.migration.FlywayFactory;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline downgrade script of the downgrade corpus (src/test/resources/undo/corpus), applied with psql: it leaves
 * the schema of a database migrated only to the lower version, and the same schema and history as the online
 * downgrade ({@link Downgrade}), and
 * Flyway Community then re-applies exactly the undone versions and ends where a database migrated straight to the
 * latest version is.
 */
class DowngradeScriptTest {

    private static final MigrationSettings CORPUS = corpus();

    private final Equivalence equivalence = new Equivalence(CORPUS);

    @Test
    void aDatabaseAt7DowngradedTo4HasTheSchemaOf4AndFlywayReappliesExactlyTheUndoneVersions() {
        OfflineSql.Script script = equivalence.render("7", "4");
        String downgraded = migratedTo("7");

        PostgresClient.Result applied = Equivalence.apply(downgraded, script);

        assertEquals(0, applied.exitCode(), applied.output());
        assertTrue(applied.output().contains("Downgraded to 4"), applied.output());
        String onlyTo4 = migratedTo("4");
        assertEquals(List.of(), SchemaDiff.between(snapshot(onlyTo4), snapshot(downgraded)));
        assertEquals(PostgresClient.schemaDump(onlyTo4), PostgresClient.schemaDump(downgraded));
        assertEquals(
                List.of(
                        "7 | orders | DELETE | U7__orders.sql | t",
                        "6 | name index concurrently | DELETE | U6__name_index_concurrently.sql | t",
                        "5 | happy mood | DELETE | U5__happy_mood.sql | t",
                        "null | customer summary | SQL | R__customer_summary.sql | t"),
                Equivalence.rows(
                        PostgresClient.dataSource(downgraded),
                        "SELECT version, description, type, script, success FROM flyway_schema_history"
                                + " WHERE installed_rank > 8 ORDER BY installed_rank"));
        assertEquals(
                List.of("5 PENDING", "6 PENDING", "7 PENDING"),
                List.of(flyway(downgraded).info().pending()).stream()
                        .map(info -> info.getVersion() + " " + info.getState())
                        .toList());

        MigrateResult reapplied = flyway(downgraded).migrate();

        assertEquals(
                List.of("5", "6", "7"),
                reapplied.migrations.stream().map(output -> output.version).toList());
        String straight = migratedTo("7");
        assertEquals(PostgresClient.schemaDump(straight), PostgresClient.schemaDump(downgraded));
        assertEquals(effectiveHistory(straight), effectiveHistory(downgraded));
    }

    @Test
    void theScriptAndTheOnlineDowngradeLeaveTheSameSchemaAndHistory() {
        // migrated to 7 at once: the repeatable last ran after version 5, and both run it again
        List<String> history = assertScriptDowngradesAsOnline("7");

        assertTrue(history.get(history.size() - 1).contains("R__customer_summary.sql"), history.toString());
    }

    @Test
    void theScriptAndTheOnlineDowngradeLeaveARepeatableThatRanBeforeTheUndoneVersions() {
        // migrated to 4, then to 7: the repeatable last ran before version 5, and neither runs it again
        List<String> history = assertScriptDowngradesAsOnline("4", "7");

        assertTrue(history.get(history.size() - 1).contains("U5__happy_mood.sql"), history.toString());
    }

    /** Downgrades a database migrated in these steps from 7 to 4 by script and online; returns the history. */
    private List<String> assertScriptDowngradesAsOnline(String... steps) {
        String byScript = migratedTo(steps);
        assertEquals(
                0, Equivalence.apply(byScript, equivalence.render("7", "4")).exitCode());
        String online = migratedTo(steps);

        try (OpenDatabase database = OpenDatabase.server(
                new ConnectionSettings(PostgresClient.server().jdbcUrl(online), null, null))) {
            Downgrade.downgrade(database, CORPUS.withTarget("4"), new CapturingLog());
        }

        assertEquals(PostgresClient.schemaDump(online), PostgresClient.schemaDump(byScript));
        assertEquals(Equivalence.history(online), Equivalence.history(byScript));
        assertEquals(PostgresClient.historyTableDump(online), PostgresClient.historyTableDump(byScript));
        return Equivalence.history(byScript);
    }

    @Test
    void theDowngradeScriptIsDeterministicAndUndoesOutsideATransactionWhatFlywayWouldRunOutsideOne() {
        String text = equivalence.render("7", "4").text();

        assertEquals(text, equivalence.render("7", "4").text());
        assertEquals("downgrade-7-4", equivalence.render("7", "4").classifier());
        assertTrue(text.startsWith("-- Downgrade script written by migrate-maven-plugin test"), text);
        assertTrue(text.indexOf("-- undo version 7") < text.indexOf("-- undo version 6"), text);
        assertTrue(text.indexOf("-- undo version 6") < text.indexOf("-- undo version 5"), text);
        String undo6 = text.substring(text.indexOf("-- undo version 6"), text.indexOf("-- undo version 5"));
        assertTrue(undo6.contains("-- NOT IN A TRANSACTION"), undo6);
        assertTrue(!undo6.contains("BEGIN;"), undo6);
    }

    @Test
    void onADatabaseNotAtTheFromVersionTheScriptStopsAndChangesNothing() {
        OfflineSql.Script script = equivalence.render("7", "4");
        String at6 = migratedTo("6");
        String schema = PostgresClient.schemaDump(at6);
        List<String> history = Equivalence.history(at6);

        PostgresClient.Result applied = Equivalence.apply(at6, script);

        assertNotEquals(0, applied.exitCode());
        assertTrue(
                applied.output().contains("This script downgrades a database at version 7, but this database is at 6"),
                applied.output());
        assertEquals(schema, PostgresClient.schemaDump(at6));
        assertEquals(history, Equivalence.history(at6));
    }

    @Test
    void aDowngradedDatabaseIsAtTheLowerVersionForTheUpgradeScriptToo() {
        String downgraded = migratedTo("7");
        assertEquals(
                0, Equivalence.apply(downgraded, equivalence.render("7", "4")).exitCode());

        PostgresClient.Result upgraded = Equivalence.apply(downgraded, equivalence.render("4", "7"));

        assertEquals(0, upgraded.exitCode(), upgraded.output());
        assertEquals(PostgresClient.schemaDump(migratedTo("7")), PostgresClient.schemaDump(downgraded));
        assertEquals("7", equivalence.currentVersion(downgraded));
    }

    @Test
    void aFailingUndoScriptRollsBackItsVersionAloneAndLeavesTheLastGoodVersion(@TempDir Path copy) throws IOException {
        try (Stream<Path> files = Files.list(folder())) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        // U5 fails after its first statement: that statement must be rolled back with it
        Files.writeString(
                copy.resolve("U5__happy_mood.sql"),
                "ALTER TABLE customer ALTER COLUMN mood DROP DEFAULT;\nSELECT 1 / 0;\n",
                StandardCharsets.UTF_8);
        Equivalence failing = new Equivalence(TestMigrations.in(copy));
        String database = PostgresClient.newDatabase();
        failing.upgrade(database, "7");

        PostgresClient.Result applied = Equivalence.apply(database, failing.render("7", "4"));

        assertNotEquals(0, applied.exitCode());
        assertTrue(applied.output().contains("division by zero"), applied.output());
        assertEquals("5", failing.currentVersion(database));
        String at5 = PostgresClient.newDatabase();
        failing.upgrade(at5, "5");
        assertEquals(List.of(), SchemaDiff.between(snapshot(at5), snapshot(database)));
    }

    private String migratedTo(String... steps) {
        String database = PostgresClient.newDatabase();
        for (String version : steps) {
            equivalence.upgrade(database, version);
        }
        return database;
    }

    private static Flyway flyway(String database) {
        return FlywayFactory.create(CORPUS, PostgresClient.dataSource(database), new CapturingLog());
    }

    private static SchemaSnapshot snapshot(String database) {
        return SchemaSnapshot.read(
                PostgresClient.dataSource(database), List.of("public"), "public", "flyway_schema_history");
    }

    /** The latest row of each version and repeatable, on the columns the upgrade equivalence compares. */
    private static List<String> effectiveHistory(String database) {
        return Equivalence.rows(
                PostgresClient.dataSource(database),
                "SELECT version, description, type, script, checksum, success FROM (SELECT DISTINCT ON"
                        + " (coalesce(version, description)) * FROM flyway_schema_history ORDER BY"
                        + " coalesce(version, description), installed_rank DESC) latest ORDER BY version NULLS LAST");
    }

    private static MigrationSettings corpus() {
        return TestMigrations.in(folder());
    }

    private static Path folder() {
        try {
            return Path.of(DowngradeScriptTest.class.getResource("/undo/corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
