package dev.migrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.UserMistakeException;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationTest {

    @TempDir
    Path migrations;

    @TempDir
    Path developmentDatabase;

    private final CapturingLog log = new CapturingLog();

    @Test
    void listsEveryProblemEachWithItsNextStep() throws IOException {
        write("V1__one.sql", "CREATE TABLE one (id INT);");
        write("V2__two.sql", "CREATE TABLE two (id INT);");
        write("V3__index.sql", "CREATE INDEX CONCURRENTLY missing_idx ON no_such_table (id);");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            assertThrows(UserMistakeException.class, () -> Migrator.upgrade(database, settings(), log));
            write("V1__one.sql", "CREATE TABLE one (id BIGINT);");
            Files.delete(migrations.resolve("V2__two.sql"));
            write("V1_5__between.sql", "CREATE TABLE between_them (id INT);");
            write("V4__four.sql", "CREATE TABLE four (id INT);");

            ValidationResult result = Validation.validate(database, settings(), log);

            assertEquals(
                    List.of(
                                    file("V1__one.sql") + ": the file changed since it was applied (checksum "
                                            + checksums(result, "V1__one.sql"),
                                    file("V1_5__between.sql")
                                            + ": it was never applied and its version is below the database's current"
                                            + " version. Give it a version above the current one, or allow out-of-order"
                                            + " migrations with Flyway's outOfOrder setting, then apply it. Run[action=UPGRADE]",
                                    "V2__two.sql: it was applied, but its file is missing. Restore the file, or"
                                            + " check the migration locations; if it was removed on purpose, repair the"
                                            + " history to mark it deleted. Run[action=REPAIR]",
                                    file("V3__index.sql")
                                            + ": it failed and Flyway recorded the failure, which stops every"
                                            + " upgrade. Undo its partial changes by hand, then remove its failed row"
                                            + " from"
                                            + " the history table with the plugin's repair goal",
                                    file("V4__four.sql") + ": it is not applied yet. Apply it. Run[action=UPGRADE]")
                            .stream()
                            .sorted()
                            .toList(),
                    result.problems().stream()
                            .map(problem -> shortened(problem.line(String::valueOf)))
                            .sorted()
                            .toList());
            UserMistakeException failure =
                    assertThrows(UserMistakeException.class, () -> result.requireValid(String::valueOf));
            assertTrue(
                    failure.getMessage()
                            .startsWith("Validation of the migrations against " + database.displayName()
                                    + " found 5 problems:\n- "),
                    failure.getMessage());
            result.problems()
                    .forEach(
                            problem -> assertTrue(failure.getMessage().contains("- " + problem.line(String::valueOf))));
        }
    }

    @Test
    void aMigratedDatabaseIsValidOnAPasswordServerWithOtherSchemasUntilAFileChanges() throws IOException {
        write("V1__one.sql", "CREATE TABLE one (id INT);");
        write("R__view.sql", "CREATE OR REPLACE VIEW one_view AS SELECT id FROM one;");
        MigrationSettings settings = TestMigrations.inSchemas(migrations, "inventory", "audit");
        try (OpenDatabase database = TestPostgres.openNewPasswordDatabase()) {
            Migrator.upgrade(database, settings, log);

            ValidationResult valid = Validation.validate(database, settings, log);

            assertTrue(valid.valid(), valid.problems().toString());
            // the row of the schemas Flyway created counts as a migration, as in Flyway's own output
            assertEquals("Validated 3 migrations against " + database.displayName() + ": no problem", valid.summary());
            valid.requireValid(String::valueOf);

            write("R__view.sql", "CREATE OR REPLACE VIEW one_view AS SELECT id, 1 AS one FROM one;");
            assertEquals(
                    List.of(
                            file("R__view.sql")
                                    + ": the repeatable migration changed since it was last applied. Apply it again. Run[action=UPGRADE]"),
                    Validation.validate(database, settings, log).problems().stream()
                            .map(problem -> problem.line(String::valueOf))
                            .toList());
        }
    }

    @Test
    void onTheDevelopmentDatabasePendingMigrationsAreProblemsUntilUpgraded() throws IOException {
        write("V1__one.sql", "CREATE TABLE one (id INT);");
        try (OpenDatabase database =
                OpenDatabase.embeddedDevelopment(TestPostgres.settings(), developmentDatabase.resolve("devdb"), log)) {
            assertEquals(
                    List.of(file("V1__one.sql") + ": it is not applied yet. Apply it. Run[action=UPGRADE]"),
                    Validation.validate(database, settings(), log).problems().stream()
                            .map(problem -> problem.line(String::valueOf))
                            .toList());

            Migrator.upgrade(database, settings(), log);

            assertTrue(Validation.validate(database, settings(), log).valid());
        }
    }

    @Test
    void futureMigrationsAreNotProblemsAsInFlyway() throws IOException {
        write("V1__one.sql", "CREATE TABLE one (id INT);");
        write("V2__two.sql", "CREATE TABLE two (id INT);");
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            Migrator.upgrade(database, settings(), log);
            Files.delete(migrations.resolve("V2__two.sql"));

            assertTrue(Validation.validate(database, settings(), log).valid());
            MigrationSettings strict =
                    TestMigrations.in(migrations, Map.of(), Map.of("ignoreMigrationPatterns", "*:pending"));
            List<ValidationProblem> problems =
                    Validation.validate(database, strict, log).problems();
            assertEquals(1, problems.size(), problems.toString());
            assertEquals(
                    "the database has this migration, newer than every file here",
                    problems.get(0).problem());
        }
    }

    private static String checksums(ValidationResult result, String script) {
        String line = result.problems().stream()
                .filter(problem -> problem.migration().endsWith(script))
                .findFirst()
                .orElseThrow()
                .line(String::valueOf);
        assertFalse(line.contains("?"), line);
        return line.substring(line.indexOf("(checksum ") + "(checksum ".length());
    }

    /** Only the part of a failed migration's advice that this test checks: the rest is MigrationStatusTest's. */
    private static String shortened(String line) {
        int sql = line.indexOf(" (in SQL:");
        return sql < 0 ? line : line.substring(0, sql);
    }

    private String file(String name) {
        return migrations.resolve(name).toString();
    }

    private MigrationSettings settings() {
        return TestMigrations.in(migrations);
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(migrations.resolve(name), sql);
    }
}
