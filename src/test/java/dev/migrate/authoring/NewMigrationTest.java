package dev.migrate.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.check.StaticChecks;
import dev.migrate.error.Action;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.FlywayFactory;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NewMigrationTest {

    private static final Clock DECEMBER_6 = Clock.fixed(Instant.parse("2026-12-06T22:15:30.123Z"), ZoneOffset.UTC);

    @TempDir
    Path migrations;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'V1,V2', V3",
        "'V001,V002', V003",
        "'V098,V099', V100",
        "'V1,V999', V1000",
        "'V1.1,V1.2', V1.3",
        "'V2.1.3,V2.1.9,V1', V2.1.10",
        "'V1,V1.09', V1.10",
        "'V1,V2.1', V2.2",
        "'V1,V2_1', V2.2",
        "'V202401011200', V202612062215",
        "'V20240101120000,V20240102083000', V20261206221530",
        "'V20240101120000123', V20261206221530123",
        "'V20991231235959', V20991231235960",
        "'V20240101', V20240102",
    })
    void theNextVersionFollowsTheProjectsStyle(String existing, String expected) throws IOException {
        for (String version : existing.split(",")) {
            Files.writeString(migrations.resolve(version + "__existing.sql"), "SELECT 1;\n");
        }

        List<Path> created = create("add stock to products", false, false);

        assertEquals(List.of(migrations.resolve(expected + "__add_stock_to_products.sql")), created);
    }

    @Test
    void theFileHasAHeaderAndFlywayAppliesItUnderItsNameAndDescription() throws IOException, SQLException {
        Files.writeString(migrations.resolve("V1__products.sql"), "CREATE TABLE products (id INT);\n");

        Path created = create("Add stock to products!", false, false).get(0);
        Files.writeString(created, Files.readString(created) + "ALTER TABLE products ADD COLUMN stock INT;\n");

        assertEquals(migrations.resolve("V2__Add_stock_to_products.sql"), created);
        assertEquals(
                List.of(
                        "-- V2__Add_stock_to_products.sql: Add stock to products",
                        "-- Flyway applies this migration once. Once it is released, never edit it: change the schema in a",
                        "-- new migration. <" + new Suggestion.Run(Action.NEW_MIGRATION) + " in the caller's words>",
                        "",
                        "ALTER TABLE products ADD COLUMN stock INT;"),
                Files.readAllLines(created));
        assertEquals(List.of(), StaticChecks.run(settings()));
        DataSource database = TestPostgres.server().dataSource(TestPostgres.newDatabase());
        FlywayFactory.create(settings(), database, TestPostgres.quietLog()).migrate();
        try (Connection connection = database.getConnection();
                ResultSet row = connection
                        .createStatement()
                        .executeQuery("SELECT version, description, success"
                                + " FROM flyway_schema_history WHERE script = 'V2__Add_stock_to_products.sql'")) {
            assertTrue(row.next());
            assertEquals(
                    "2 Add stock to products true",
                    row.getString(1) + " " + row.getString(2) + " " + row.getBoolean(3));
        }
    }

    @Test
    void anEmptyProjectStartsAtOneInAFolderCreatedForIt() {
        Path folder = migrations.resolve("db/migration");

        List<Path> created = NewMigration.create(
                new NewMigration.Request(
                        TestMigrations.in(folder), "create users", false, false, NewMigrationTest::render),
                DECEMBER_6);

        assertEquals(List.of(folder.resolve("V1__create_users.sql")), created);
    }

    @Test
    void descriptionsKeepLettersAndDigitsAndDropAccents() {
        assertEquals("cafe_creme_v2", NewMigration.description("  café -- crème: v2 \n"));
        assertEquals("add_users", NewMigration.description("add__users"));
    }

    @Test
    void aRepeatableIsCreatedOnceAndASecondOfTheSameNameIsRefused() throws IOException {
        Files.writeString(migrations.resolve("V7__existing.sql"), "SELECT 1;\n");

        assertEquals(List.of(migrations.resolve("R__sales_view.sql")), create("sales view", true, false));
        assertTrue(Files.readString(migrations.resolve("R__sales_view.sql")).contains("whenever it changes"));

        UserMistakeException again = assertThrows(UserMistakeException.class, () -> create("sales view", true, false));
        assertTrue(again.getMessage().contains("R__sales_view.sql"), again::getMessage);
    }

    @Test
    void anUndoFileGoesBesideTheVersionedOneWithTheSameVersion() throws IOException {
        Files.writeString(migrations.resolve("V004__existing.sql"), "SELECT 1;\n");

        List<Path> created = create("add stock", false, true);

        assertEquals(
                List.of(migrations.resolve("V005__add_stock.sql"), migrations.resolve("U005__add_stock.sql")), created);
        assertTrue(Files.readString(created.get(1)).startsWith("-- U005__add_stock.sql: undoes V005__add_stock.sql"));
    }

    @Test
    void anExistingFileIsNeverReplacedAndNothingIsWritten() throws IOException {
        Files.writeString(migrations.resolve("V1__existing.sql"), "SELECT 1;\n");
        Files.writeString(migrations.resolve("U2__add_stock.sql"), "-- someone's undo\n");

        UserMistakeException e = assertThrows(UserMistakeException.class, () -> create("add stock", false, true));

        assertTrue(e.getMessage().contains("U2__add_stock.sql exists"), e::getMessage);
        assertEquals("-- someone's undo\n", Files.readString(migrations.resolve("U2__add_stock.sql")));
        assertEquals(List.of("U2__add_stock.sql", "V1__existing.sql"), fileNames());
    }

    @Test
    void mistakesNameTheSettingToChangeAndNoParameter() throws IOException {
        assertMistake(() -> create("  ", false, false), "a letter or digit", Setting.NEW_NAME);
        assertMistake(() -> create("!!!", false, false), "'!!!' has none", Setting.NEW_NAME);
        assertMistake(() -> create("x", true, true), "no undo migration", Setting.NEW_UNDO);
        MigrationSettings classpathOnly = new MigrationSettings(
                List.of("classpath:dev/migrate/offline/javamigration"),
                List.of(),
                Map.of(),
                Map.of(),
                null,
                getClass().getClassLoader());
        assertMistake(
                () -> NewMigration.create(
                        new NewMigration.Request(classpathOnly, "x", false, false, NewMigrationTest::render),
                        DECEMBER_6),
                "first filesystem location",
                Setting.LOCATIONS);
        Files.writeString(migrations.resolve("R__views.sql"), "SELECT 1;\n");
        assertMistake(() -> create("views", true, false), "R__views.sql", Setting.NEW_NAME);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"marquez, V75__add_stock_to_products.sql", "pagila, V3__add_stock_to_products.sql"})
    void onTheRealCorporaTheNextVersionFollowsTheirHighest(String corpus, String expected) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("corpora.dir"), corpus))) {
            for (Path file : files.toList()) {
                Files.copy(file, migrations.resolve(file.getFileName()));
            }
        }

        assertEquals(List.of(migrations.resolve(expected)), create("add stock to products", false, false));
        assertEquals(List.of(), StaticChecks.run(settings()));
    }

    private List<Path> create(String name, boolean repeatable, boolean undo) {
        return NewMigration.create(
                new NewMigration.Request(settings(), name, repeatable, undo, NewMigrationTest::render), DECEMBER_6);
    }

    /** The caller's words for a suggestion: the core names no command of its own. */
    private static String render(Suggestion suggestion) {
        return "<" + suggestion + " in the caller's words>";
    }

    private MigrationSettings settings() {
        return TestMigrations.in(migrations);
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(migrations)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertMistake(
            org.junit.jupiter.api.function.Executable call, String expected, Setting setting) {
        UserMistakeException e = assertThrows(UserMistakeException.class, call);
        assertTrue(e.getMessage().contains(expected), e::getMessage);
        assertEquals(Optional.of(new Suggestion.Change(setting)), e.suggestion());
        // the Maven layer names the parameter (HelpfulSuggestions); the core names none
        assertFalse(e.getMessage().matches("(?s).*(-Dmigrate|<\\w+>|migrate:).*"), e::getMessage);
    }
}
