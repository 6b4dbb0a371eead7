package dev.migrate.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.MigrateException;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the goal refuses to render, and what the script refuses to do on the wrong database. */
class OfflineSqlTest {

    @TempDir
    Path migrations;

    private final Equivalence corpus = new Equivalence(PurposeBuiltEquivalenceTest.settings("acme"));

    @Test
    void onADatabaseAtAnotherVersionTheGuardStopsAndNothingChanges() {
        String database = PostgresClient.newDatabase();
        corpus.upgrade(database, "2");
        String schemaBefore = PostgresClient.schemaDump(database);
        List<String> historyBefore = Equivalence.history(database);

        PostgresClient.Result fromEmpty = Equivalence.apply(database, corpus.render(null, null));
        PostgresClient.Result fromFour = Equivalence.apply(database, corpus.render("4", null));

        assertNotEquals(0, fromEmpty.exitCode());
        assertTrue(
                fromEmpty
                        .output()
                        .contains("This script upgrades a database at version empty (no"
                                + " public.flyway_schema_history), but this database is at 2"),
                fromEmpty.output());
        assertTrue(
                fromFour.output()
                        .contains("This script upgrades a database at version 4, but this database is at" + " 2"),
                fromFour.output());
        assertTrue(fromFour.output().contains("Nothing was changed"), fromFour.output());
        assertTrue(
                fromFour.output().matches("(?s)psql:[^\n]*\\.sql:\\d+: ERROR:  This script upgrades.*"),
                "the guard's error is the first thing psql reports: " + fromFour.output());
        assertEquals(schemaBefore, PostgresClient.schemaDump(database));
        assertEquals(historyBefore, Equivalence.history(database));
    }

    @Test
    void fromEmptyOnANonEmptySchemaWithoutHistoryRefusesLikeFlywayAndChangesNothing() {
        String database = PostgresClient.newDatabase();
        TestPostgres.execute(PostgresClient.dataSource(database), "CREATE TABLE orders (id INT)");
        String schemaBefore = PostgresClient.schemaDump(database);

        MigrateException flyway = assertThrows(MigrateException.class, () -> corpus.upgrade(database, null));
        PostgresClient.Result applied = Equivalence.apply(database, corpus.render(null, null));

        assertTrue(
                flyway.getMessage().contains("Found non-empty schema(s) \"public\" but no schema history table"),
                flyway.getMessage());
        assertNotEquals(0, applied.exitCode());
        assertTrue(
                applied.output()
                        .contains("This script upgrades a database at version empty (no"
                                + " public.flyway_schema_history), but this database has non-empty schema(s) \"public\" and no schema"
                                + " history table"),
                applied.output());
        assertTrue(applied.output().contains("Nothing was changed. Flyway refuses it too"), applied.output());
        assertEquals(schemaBefore, PostgresClient.schemaDump(database));
        assertEquals(
                List.of("null"),
                Equivalence.rows(PostgresClient.dataSource(database), "SELECT to_regclass('flyway_schema_history')"));
    }

    /**
     * Flyway creates its missing schemas first, and with them its history table: then it does not look at the others'
     * objects. Only when none was missing does a non-empty one stop it, and the script.
     */
    @Test
    void aNonEmptySchemaStopsOnlyWhenFlywayCreatedNoSchema() throws IOException {
        Files.writeString(migrations.resolve("V1__create.sql"), "CREATE TABLE app.first (id INT);");
        Equivalence appAndAudit = new Equivalence(new MigrationSettings(
                List.of("filesystem:" + migrations),
                List.of("app", "audit"),
                Map.of(),
                Map.of(),
                null,
                getClass().getClassLoader()));
        String auditMissingByFlyway = databaseWith("CREATE SCHEMA app; CREATE TABLE app.orders (id INT)");
        String auditMissingByScript = databaseWith("CREATE SCHEMA app; CREATE TABLE app.orders (id INT)");
        String bothThere = databaseWith("CREATE SCHEMA app; CREATE TABLE app.orders (id INT); CREATE SCHEMA audit");

        appAndAudit.upgrade(auditMissingByFlyway, null);
        OfflineSql.Script script = appAndAudit.render(null, null);
        PostgresClient.Result created = Equivalence.apply(auditMissingByScript, script);
        MigrateException flyway = assertThrows(MigrateException.class, () -> appAndAudit.upgrade(bothThere, null));
        PostgresClient.Result refused = Equivalence.apply(bothThere, script);

        assertEquals(0, created.exitCode(), created.output());
        assertEquals(
                Equivalence.history(auditMissingByFlyway, "app"), Equivalence.history(auditMissingByScript, "app"));
        assertEquals(PostgresClient.schemaDump(auditMissingByFlyway), PostgresClient.schemaDump(auditMissingByScript));
        assertTrue(
                flyway.getMessage().contains("Found non-empty schema(s) \"app\" but no schema history table"),
                flyway.getMessage());
        assertTrue(
                refused.output()
                        .contains("this database has non-empty schema(s) \"app\" and no schema history" + " table"),
                refused.output());
    }

    /**
     * A DBA may apply the script from an interactive psql session ({@code \i}): on a refusal psql returns to the
     * prompt and the session stays. Flyway's session-level lock must not stay with it, or every later
     * {@code flyway migrate} waits for that session.
     */
    @Test
    void aScriptRefusedInAnInteractiveSessionLeavesFlywaysLockFree() throws IOException, InterruptedException {
        String database = PostgresClient.newDatabase();
        corpus.upgrade(database, "2");
        OfflineSql.Script script = corpus.render("4", null);
        Path file = Files.createTempFile(TestPostgres.workDirectory(), "refused", ".sql");
        Files.writeString(file, script.text(), StandardCharsets.UTF_8);
        Matcher lock = Pattern.compile("pg_advisory_lock\\((-?\\d+)\\)").matcher(script.text());
        assertTrue(lock.find(), script.text());

        Process psql = PostgresClient.interactivePsql(database);
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> copy(psql.getInputStream(), output), "interactive psql output");
        reader.setDaemon(true);
        reader.start();
        try (OutputStream input = psql.getOutputStream()) {
            send(input, "\\i '" + file + "'\n");
            await(output, "Nothing was changed", psql);
            List<String> takenBySecondConnection = Equivalence.rows(
                    PostgresClient.dataSource(database), "SELECT pg_try_advisory_lock(" + lock.group(1) + ")::text");
            send(input, "SELECT 'still' || 'open';\n");
            await(output, "stillopen", psql);

            assertEquals(
                    List.of("true"),
                    takenBySecondConnection,
                    "the lock is free while the refused session is" + " open: " + output);
            send(input, "\\q\n");
        } finally {
            if (!psql.waitFor(1, TimeUnit.MINUTES)) {
                psql.destroyForcibly();
            }
            reader.join();
            Files.delete(file);
        }
    }

    @Test
    void aFailedMigrationInTheHistoryStopsTheScript() {
        String database = PostgresClient.newDatabase();
        corpus.upgrade(database, "2");
        TestPostgres.execute(
                PostgresClient.dataSource(database),
                "INSERT INTO flyway_schema_history"
                        + " VALUES (99, '2.1', 'copy data', 'SQL', 'V2.1__copy_data.sql', 1, 'dba', now(), 5, false)");
        List<String> historyBefore = Equivalence.history(database);

        PostgresClient.Result applied = Equivalence.apply(database, corpus.render("2", null));

        assertNotEquals(0, applied.exitCode());
        assertTrue(
                applied.output()
                        .contains("This script upgrades a database at version 2, but this database has"
                                + " failed migrations: 2.1"),
                applied.output());
        assertEquals(historyBefore, Equivalence.history(database));
    }

    @Test
    void placeholdersOnlyTheTargetKnowsMustBeConfigured() throws IOException {
        Files.writeString(
                migrations.resolve("V1__owner.sql"),
                "CREATE TABLE owner_note (db TEXT DEFAULT '${flyway:database}', who TEXT DEFAULT '${flyway:user}');");
        Files.writeString(
                migrations.resolve("R__stamp.sql"),
                "CREATE OR REPLACE VIEW stamp AS SELECT '${flyway:database}'::text AS db;");

        UserMistakeException missing =
                assertThrows(UserMistakeException.class, () -> new Equivalence(settings(Map.of())).render(null, null));
        assertTrue(
                missing.getMessage()
                        .contains("flyway:database (in R__stamp.sql), flyway:database (in"
                                + " V1__owner.sql), flyway:user (in V1__owner.sql)"),
                missing.getMessage());
        assertEquals(Optional.of(new Suggestion.Change(Setting.PLACEHOLDERS, "flyway:database")), missing.suggestion());

        // configured: the values Flyway would take from the target, with the checksum Flyway computes there
        String target = PostgresClient.newDatabase();
        Equivalence configured =
                new Equivalence(settings(Map.of("flyway:database", target, "flyway:user", "postgres")));
        // Flyway itself reserves the flyway: prefix: the target gets its values from the connection
        new Equivalence(settings(Map.of())).upgrade(target, null);
        String script = configured.render(null, null).text();
        assertTrue(script.contains("DEFAULT '" + target + "', who TEXT DEFAULT 'postgres'"), script);
        String flywayChecksum = Equivalence.rows(
                        PostgresClient.dataSource(target),
                        "SELECT checksum FROM flyway_schema_history WHERE script = 'R__stamp.sql'")
                .get(0);
        assertTrue(script.contains("(R__stamp.sql, checksum " + flywayChecksum + ")"), script);
    }

    @Test
    void javaMigrationsFailTheGoalUnlessSkipped() throws IOException {
        Files.writeString(migrations.resolve("V1__create.sql"), "CREATE TABLE first (id INT);");
        MigrationSettings settings = new MigrationSettings(
                List.of("filesystem:" + migrations, "classpath:dev/migrate/offline/javamigration"),
                List.of(),
                Map.of(),
                Map.of(),
                null,
                getClass().getClassLoader());

        UserMistakeException failure = assertThrows(UserMistakeException.class, () -> render(settings, false));
        String skipped = render(settings, true).text();

        assertTrue(
                failure.getMessage()
                        .contains("cannot render Java-based migrations as SQL:"
                                + " dev.migrate.offline.javamigration.V2__Java_step"),
                failure.getMessage());
        assertEquals(Optional.of(new Suggestion.Change(Setting.SKIP_JAVA_MIGRATIONS)), failure.suggestion());
        assertTrue(
                skipped.contains(
                        "-- NOT INCLUDED: Java-based migration dev.migrate.offline.javamigration" + ".V2__Java_step"),
                skipped);
        assertTrue(skipped.contains("CREATE TABLE first"), skipped);
    }

    @Test
    void versionsMustNameMigrationsAndADowngradeOnlyVersionsWithUndoScripts() {
        UserMistakeException unknown = assertThrows(UserMistakeException.class, () -> corpus.render("9", null));
        UserMistakeException reversed = assertThrows(UserMistakeException.class, () -> corpus.render("4", "2"));

        assertTrue(
                unknown.getMessage()
                        .contains("The 'from' version 9 names no migration. The versions are: 1, 1.01, 2,"
                                + " 2.1, 3, 4, 5, 6."),
                unknown.getMessage());
        assertEquals(Optional.of(new Suggestion.Change(Setting.FROM)), unknown.suggestion());
        assertTrue(
                reversed.getMessage()
                        .contains("The downgrade from 4 to 2 undoes versions without an undo script"
                                + " (U<version>__<description>.sql beside the migration):"
                                + " V4__conf_outside_transaction.sql, V3__index_concurrently.sql,"
                                + " V2.1__copy_data.sql."),
                reversed.getMessage());
        assertEquals(Optional.of(new Suggestion.Change(Setting.TO)), reversed.suggestion());
    }

    @Test
    void sameMigrationsGiveTheSameBytes() {
        assertEquals(corpus.render(null, null).text(), corpus.render(null, null).text());
    }

    private static String databaseWith(String statements) {
        String database = PostgresClient.newDatabase();
        TestPostgres.execute(PostgresClient.dataSource(database), statements);
        return database;
    }

    private static void send(OutputStream input, String line) throws IOException {
        input.write(line.getBytes(StandardCharsets.UTF_8));
        input.flush();
    }

    private static void copy(InputStream from, StringBuilder to) {
        byte[] buffer = new byte[4096];
        try {
            for (int read = from.read(buffer); read >= 0; read = from.read(buffer)) {
                synchronized (to) {
                    to.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for psql to print {@code text}; a bound only against a hang, never part of what is asserted. */
    private static void await(StringBuilder output, String text, Process psql) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            synchronized (output) {
                if (output.indexOf(text) >= 0) {
                    return;
                }
                if (!psql.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("psql did not print '" + text + "': " + output);
                }
            }
            Thread.sleep(50);
        }
    }

    private static OfflineSql.Script render(MigrationSettings settings, boolean skipJava) {
        return OfflineSql.render(
                PostgresClient.dataSource(PostgresClient.newDatabase()),
                OfflineRequest.of(settings, null, null, skipJava, "test"),
                new CapturingLog());
    }

    private MigrationSettings settings(Map<String, String> placeholders) {
        return new MigrationSettings(
                List.of("filesystem:" + migrations),
                List.of(),
                placeholders,
                Map.of(),
                null,
                getClass().getClassLoader());
    }
}
