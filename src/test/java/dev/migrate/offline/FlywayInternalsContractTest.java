package dev.migrate.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.MigrateException;
import dev.migrate.flyway.MigrationSettings;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.internal.license.VersionPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins what {@link FlywayInternals} reads from Flyway's internals. When a Flyway upgrade changes any of it, this test
 * fails here, loudly, before a user's release ships a wrong script: re-read the internals with {@code javap -c -p},
 * adapt {@link FlywayInternals}, then update {@link FlywayInternals#PINNED_FLYWAY_VERSION}.
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

        List<OfflineMigration> migrations = plan(Map.of()).migrations();

        List<OfflineStatement> first = migrations.get(0).statements();
        assertEquals(List.of("CREATE TYPE mood AS ENUM ('sad')", "ALTER TYPE mood ADD VALUE 'happy'",
                "CREATE TABLE t (id INT, name TEXT)", "COPY t (id, name) FROM stdin"),
                first.stream().map(OfflineStatement::sql).collect(Collectors.toList()));
        // a real server of version 12 or later: ALTER TYPE ... ADD VALUE may run in a transaction
        assertTrue(first.stream().allMatch(OfflineStatement::transactional));
        assertTrue(migrations.get(0).executeInTransaction());
        assertEquals("1\tone\n", first.get(3).copyData());
        assertNull(first.get(0).copyData());
        assertFalse(migrations.get(1).statements().get(0).transactional());
        assertFalse(migrations.get(1).executeInTransaction());
    }

    @Test
    void lockKeyIsTheOneFlywayHoldsWhileItMigrates() throws IOException {
        // the migration records the advisory locks held while Flyway runs it
        Files.writeString(migrations.resolve("V1__record_locks.sql"), "CREATE TABLE held AS SELECT"
                + " ((classid::bigint << 32) | objid::bigint) AS lock_key FROM pg_locks WHERE locktype = 'advisory';");
        String database = PostgresClient.newDatabase();
        new Equivalence(settings(Map.of())).upgrade(database, null);

        List<String> held = Equivalence.rows(PostgresClient.dataSource(database), "SELECT lock_key FROM held");

        assertEquals(List.of(String.valueOf(plan(Map.of()).lockKey())), held);
    }

    @Test
    void repeatableChecksumRecomputedWithUnchangedPlaceholdersIsFlywaysOwn() throws IOException {
        Files.writeString(migrations.resolve("R__view.sql"),
                "CREATE VIEW v AS SELECT '${tenant}' AS t, '${flyway:filename}' AS f;\r\n");
        String database = PostgresClient.newDatabase();
        new Equivalence(settings(Map.of("tenant", "acme"))).upgrade(database, null);

        String flyways = Equivalence.rows(PostgresClient.dataSource(database),
                "SELECT checksum FROM flyway_schema_history").get(0);

        assertEquals(flyways, String.valueOf(plan(Map.of("tenant", "acme")).migrations().get(0).checksum()));
    }

    @Test
    void historyTableAndDescriptionAreFlywaysOwn() throws IOException {
        Files.writeString(migrations.resolve("V1__x.sql"), "SELECT 1;");

        OfflinePlan plan = plan(Map.of());

        assertEquals("\"public\".\"flyway_schema_history\"", plan.historyTable());
        assertTrue(plan.historyTableDdl().contains("CREATE TABLE \"public\".\"flyway_schema_history\" ("),
                plan.historyTableDdl());
        assertEquals("x".repeat(197) + "...", FlywayInternals.storedDescription("x".repeat(250)));
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
    void nonEmptySchemaCheckIsFlyways(String content, boolean flywayRefuses) throws IOException {
        Files.writeString(migrations.resolve("V1__x.sql"), "CREATE TABLE migrated (id INT);");
        String byFlyway = PostgresClient.newDatabase();
        String byScript = PostgresClient.newDatabase();
        TestPostgres.execute(PostgresClient.dataSource(byFlyway), content);
        TestPostgres.execute(PostgresClient.dataSource(byScript), content);
        Equivalence equivalence = new Equivalence(settings(Map.of()));

        boolean refusedByFlyway = refusesNonEmptySchema(equivalence, byFlyway);
        PostgresClient.Result applied = Equivalence.apply(byScript, equivalence.render(null, null));

        assertEquals(flywayRefuses, refusedByFlyway, "Flyway " + FlywayInternals.PINNED_FLYWAY_VERSION);
        assertEquals(refusedByFlyway, applied.output().contains("non-empty schema(s) \"public\""), applied.output());
        assertEquals(refusedByFlyway, applied.exitCode() != 0, applied.output());
    }

    private static boolean refusesNonEmptySchema(Equivalence equivalence, String database) {
        try {
            equivalence.upgrade(database, null);
            return false;
        } catch (MigrateException e) {
            assertTrue(e.getMessage().contains("Found non-empty schema(s)"), e.getMessage());
            return true;
        }
    }

    private OfflinePlan plan(Map<String, String> placeholders) {
        return OfflinePlanner.plan(PostgresClient.dataSource(PostgresClient.newDatabase()),
                new OfflineRequest(settings(placeholders), null, null, false, "test"), new CapturingLog());
    }

    private MigrationSettings settings(Map<String, String> placeholders) {
        return new MigrationSettings(List.of("filesystem:" + migrations), List.of(), placeholders, Map.of(), null,
                getClass().getClassLoader());
    }
}
