package dev.migrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.testing.CapturingLog;
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
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanTest {

    /** Every object outside the system schemas and extensions, one line each: what "empty" and "unchanged" mean. */
    private static final String OBJECTS = """
            SELECT n.nspname || ' ' || c.relkind::text || ' ' || c.relname FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            UNION ALL SELECT n.nspname || ' function ' || p.proname FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
            UNION ALL SELECT 'schema ' || nspname FROM pg_namespace
            WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'public') AND nspname NOT LIKE 'pg_%'
            ORDER BY 1""";

    @TempDir
    Path migrations;

    @TempDir
    Path developmentDatabase;

    private final CapturingLog log = new CapturingLog();

    @Test
    void aServerIsCleanedOnlyWithItsExactNameAndUpgradeRebuildsIt() throws IOException {
        writeMigrations();
        String name = TestPostgres.newDatabase();
        try (OpenDatabase database = openServer(name)) {
            Migrator.upgrade(database, settings(), log);
            List<String> migrated = objects(database.dataSource());

            UserMistakeException unconfirmed =
                    assertThrows(UserMistakeException.class, () -> Clean.clean(database, settings(), null, log));
            UserMistakeException otherName = assertThrows(
                    UserMistakeException.class, () -> Clean.clean(database, settings(), "test_other", log));
            UserMistakeException otherCase = assertThrows(
                    UserMistakeException.class,
                    () -> Clean.clean(database, settings(), name.toUpperCase(java.util.Locale.ROOT), log));

            assertEquals(
                    "Clean drops every object in the migrated schemas of " + database.displayName()
                            + ", the database '" + name + "': nothing was cleaned. To clean it, confirm with its"
                            + " name, " + name + ".",
                    unconfirmed.getMessage());
            assertEquals(Optional.of(new Suggestion.Change(Setting.CLEAN_CONFIRM)), unconfirmed.suggestion());
            assertTrue(
                    otherName
                            .getMessage()
                            .startsWith("The clean confirmation 'test_other' is not the name of the database the URL"
                                    + " connects to, '" + name + "'"),
                    otherName.getMessage());
            assertTrue(otherCase.getMessage().contains("nothing was cleaned"), otherCase.getMessage());
            assertEquals(migrated, objects(database.dataSource()));

            CleanResult cleaned = Clean.clean(database, settings(), name, log);

            assertEquals(List.of("Cleaned schema public: dropped " + expectedPublicObjects()), cleaned.schemas());
            assertEquals(List.of(), objects(database.dataSource()));
            assertEquals(4, Migrator.upgrade(database, settings(), log).applied());
            assertEquals(migrated, objects(database.dataSource()));
        }
    }

    @Test
    void theDevelopmentDatabaseIsSimplyEmptied() throws IOException {
        writeMigrations();
        try (OpenDatabase database =
                OpenDatabase.embeddedDevelopment(TestPostgres.settings(), developmentDatabase.resolve("devdb"), log)) {
            Migrator.upgrade(database, settings(), log);

            CleanResult cleaned = Clean.clean(database, settings(), null, log);

            assertEquals(List.of("Cleaned schema public: dropped " + expectedPublicObjects()), cleaned.schemas());
            assertTrue(
                    log.lines()
                            .contains("INFO Cleaned schema public: dropped " + expectedPublicObjects()
                                    + " (the embedded development database)"),
                    log.text());
            assertEquals(List.of(), objects(database.dataSource()));
            assertEquals(4, Migrator.upgrade(database, settings(), log).applied());
        }
    }

    @Test
    void theUsersCleanDisabledIsHonouredAndFalseStillNeedsTheConfirmation() throws IOException {
        writeMigrations();
        String name = TestPostgres.newDatabase();
        try (OpenDatabase database = openServer(name)) {
            Migrator.upgrade(database, settings(), log);
            List<String> migrated = objects(database.dataSource());

            UserMistakeException disabled = assertThrows(
                    UserMistakeException.class,
                    () -> Clean.clean(
                            database,
                            TestMigrations.in(migrations, Map.of(), Map.of("cleanDisabled", "true")),
                            name,
                            log));
            assertTrue(
                    disabled.getMessage()
                            .startsWith("Clean is disabled by the Flyway setting cleanDisabled=true: nothing was"
                                    + " cleaned"),
                    disabled.getMessage());
            assertThrows(
                    UserMistakeException.class,
                    () -> Clean.clean(
                            database,
                            TestMigrations.in(migrations, Map.of(), Map.of("cleanDisabled", "false")),
                            null,
                            log));
            assertEquals(migrated, objects(database.dataSource()));

            Clean.clean(database, TestMigrations.in(migrations, Map.of(), Map.of("cleanDisabled", "false")), name, log);

            assertEquals(List.of(), objects(database.dataSource()));
        }
    }

    @Test
    void onAPasswordServerTheSchemasFlywayCreatedAreDroppedWithWhatTheyHeld() throws IOException {
        writeMigrations();
        String name = TestPostgres.newDatabase(TestPostgres.PASSWORD_USER);
        MigrationSettings settings = TestMigrations.inSchemas(migrations, "inventory", "audit");
        try (OpenDatabase database = OpenDatabase.server(TestPostgres.passwordSettings(name))) {
            Migrator.upgrade(database, settings, log);
            List<String> migrated = objects(database.dataSource());
            UserMistakeException refused =
                    assertThrows(UserMistakeException.class, () -> Clean.clean(database, settings, null, log));
            assertFalse(refused.getMessage().contains(TestPostgres.PASSWORD), refused.getMessage());
            assertFalse(log.text().contains(TestPostgres.PASSWORD), log.text());

            CleanResult cleaned = Clean.clean(database, settings, name, log);

            assertEquals(
                    List.of(
                            "Dropped schema inventory with " + expectedPublicObjects(),
                            "Dropped schema audit with no objects"),
                    cleaned.schemas());
            assertEquals(List.of(), objects(database.dataSource()));
            Migrator.upgrade(database, settings, log);
            assertEquals(migrated, objects(database.dataSource()));
        }
    }

    private static OpenDatabase openServer(String name) {
        return OpenDatabase.server(new dev.migrate.connection.ConnectionSettings(
                TestPostgres.server().jdbcUrl(name), null, null));
    }

    /** What the migrations make, flyway_schema_history included, as the clean summary counts it. */
    private static String expectedPublicObjects() {
        return "1 function, 1 sequence, 3 tables, 1 type, 1 view";
    }

    private static List<String> objects(DataSource dataSource) {
        List<String> objects = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(OBJECTS)) {
            while (rows.next()) {
                objects.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return objects;
    }

    private void writeMigrations() throws IOException {
        Files.writeString(
                migrations.resolve("V1__tables.sql"),
                "CREATE TABLE users (id BIGSERIAL PRIMARY KEY); CREATE TABLE orders (id INT, user_id BIGINT);");
        Files.writeString(migrations.resolve("V2__type.sql"), "CREATE TYPE mood AS ENUM ('sad', 'happy');");
        Files.writeString(
                migrations.resolve("V3__function.sql"),
                "CREATE FUNCTION answer() RETURNS INT LANGUAGE sql AS 'SELECT 42';");
        Files.writeString(migrations.resolve("V4__view.sql"), "CREATE VIEW user_ids AS SELECT id FROM users;");
    }

    private MigrationSettings settings() {
        return TestMigrations.in(migrations);
    }
}
