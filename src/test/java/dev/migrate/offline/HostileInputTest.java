package dev.migrate.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.MigrateException;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile file names, placeholder values and migration texts through the offline script, applied by the real psql
 * (issue 10, items 1 and 2): nothing they hold runs as SQL or as a psql meta-command, and the database ends as Flyway
 * leaves it on the same files, also when Flyway fails.
 */
class HostileInputTest {

    /** The file a smuggled {@code \! touch pwned #} creates in psql's working directory (sh ignores the rest). */
    private static final String PWNED = "pwned";

    private static final String SHELL = "\\! touch " + PWNED + " #";
    private static final String DROP = "DROP TABLE sentinel;";
    /**
     * The issue's reproduction, {@code -Dmigrate.placeholders.c=$'x\r\\! touch …'}, and the end of a block comment
     * (which no file name can hold).
     */
    private static final Map<String, String> PLACEHOLDERS = Map.of("c", "x\r" + SHELL, "d", "*/ " + DROP + " /*");

    /** Descriptions in file names, each a way out of a comment or a literal of the script as it was. */
    private static final List<String> HOSTILE_DESCRIPTIONS = List.of(
            "cr\r" + DROP + " --",
            "lf\n" + DROP + " --",
            "crlf\r\n" + DROP + " --",
            "shell after cr\r" + SHELL,
            "shell after lf\n" + SHELL,
            "quote '); " + DROP + " --",
            "dollars $$ $migrate$ \\gexec " + DROP + " $$",
            "backslash quote \\'); " + DROP + " --",
            "trailing backslash \\",
            "c0 \u0001\u0007\u0008\u000b\u000c\u001b[31mred\u001f del \u007f",
            "separators \u2028" + DROP + "\u2029 nel \u0085 rtl \u202e",
            "psql variables :migrate_role :'migrate_role' :\"migrate_role\"",
            "long " + "x".repeat(220),
            "long multibyte " + "é".repeat(110));

    @TempDir
    Path migrations;

    @BeforeEach
    void noFileFromAnEarlierRun() throws IOException {
        Files.deleteIfExists(pwned());
    }

    @Test
    void hostileFileNamesStayInsideTheirCommentsAndLiterals() throws IOException {
        writeHostileFileNames();

        // applied with psql on a database Flyway migrated to 1; schema and history compared with Flyway's own
        OfflineSql.Script script = new Equivalence(settings()).prove("1", null);

        assertFalse(Files.exists(pwned()), "psql ran a shell command from a file name");
        assertFalse(script.text().contains("\r"), "every line of the script is one line");
        assertFalse(script.text().contains("\u2028"), "every line of the script is one line, also in an editor");
        assertTrue(
                script.text()
                        .contains("-- version 2: cr\\rDROP TABLE sentinel; -- (V2__cr\\rDROP TABLE"
                                + " sentinel; --.sql, checksum "),
                script.text());
    }

    /** A configured schema's name lands in identifiers, literals, comments and the body of the guard's DO block. */
    @Test
    void hostileSchemaNameIsRenderedAsExactlyThatName() throws IOException {
        write("V1__sentinel.sql", "CREATE TABLE sentinel (id INT);");
        write("V2__step.sql", "CREATE TABLE step (id INT);");
        String schema = "s$migrate$ $migrate_guard$ ');\r" + SHELL;

        new Equivalence(new MigrationSettings(
                        List.of("filesystem:" + migrations),
                        List.of(schema),
                        PLACEHOLDERS,
                        Map.of(),
                        null,
                        getClass().getClassLoader()))
                .prove(null, null);

        assertFalse(Files.exists(pwned()), "psql ran a shell command from a schema's name");
    }

    /**
     * A database may set {@code standard_conforming_strings} off: psql and PostgreSQL then read a backslash in a plain
     * literal as an escape, so {@code 'a\'} would not end where it seems to.
     */
    @Test
    void backslashesInNamesAreReadAlikeWithoutStandardConformingStrings() throws IOException {
        writeHostileFileNames();
        Equivalence equivalence = new Equivalence(settings());
        String byFlyway = PostgresClient.newDatabase();
        equivalence.upgrade(byFlyway, null);
        String byScript = PostgresClient.newDatabase();
        TestPostgres.execute(
                PostgresClient.dataSource(byScript),
                "ALTER DATABASE " + byScript + " SET standard_conforming_strings = off");

        PostgresClient.Result applied = Equivalence.apply(byScript, equivalence.render(null, null));

        assertEquals(0, applied.exitCode(), applied.output());
        assertEquals(Equivalence.history(byFlyway), Equivalence.history(byScript));
        // the dumps differ in their SET standard_conforming_strings line: compare the tables, the sentinel among them
        String tables = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename";
        assertEquals(
                Equivalence.rows(PostgresClient.dataSource(byFlyway), tables),
                Equivalence.rows(PostgresClient.dataSource(byScript), tables));
    }

    /**
     * Migration texts, with the issue's placeholder, that psql would read differently from PostgreSQL if the script
     * gave them to psql's parser: a backslash after a CR ends a {@code --} comment for both, then is a meta-command for
     * psql and a syntax error for PostgreSQL (Flyway fails the migration); psql's variables outside quotes. With the
     * error psql must print and the one Flyway reports, or {@code null} where both apply the migration.
     */
    static Stream<Arguments> hostileMigrationTexts() {
        String backslash = "syntax error at or near \"\\\"";
        return Stream.of(
                Arguments.of(
                        "the issue's reproduction",
                        "-- note: ${c}\nCREATE TABLE noted (id INT);\n",
                        backslash,
                        backslash),
                Arguments.of(
                        "a meta-command on its own line",
                        "CREATE TABLE noted (id INT);\n" + SHELL + "\n",
                        backslash,
                        backslash),
                Arguments.of(
                        "after CRLF in a comment",
                        "-- note\r\n" + SHELL + "\nCREATE TABLE noted (id INT);\n",
                        backslash,
                        backslash),
                Arguments.of("in a block comment", "/* ${c} */ CREATE TABLE noted (id INT);\n", null, null),
                Arguments.of(
                        "ending a block comment, for Flyway too",
                        "/* ${d} */ CREATE TABLE noted (id INT);\n",
                        null,
                        null),
                Arguments.of("in a string", "CREATE TABLE noted (note TEXT DEFAULT '${c}');\n", null, null),
                Arguments.of(
                        "in a dollar quote with the script's own tag",
                        "CREATE FUNCTION noted() RETURNS TEXT"
                                + " LANGUAGE sql AS $migrate$ SELECT $$${c}$$ $migrate$;\n",
                        null,
                        null),
                Arguments.of(
                        "a psql variable as a table name",
                        "CREATE TABLE :migrate_role (id INT);\n",
                        "syntax error at or near \":\"",
                        "syntax error at or near \":\""),
                Arguments.of(
                        "in COPY data",
                        "CREATE TABLE noted (note TEXT);\nCOPY noted (note) FROM stdin;\n" + SHELL + "\n\\.\n",
                        null,
                        null),
                Arguments.of(
                        "in the data of a COPY that PostgreSQL rejects",
                        "COPY missing (note) FROM stdin;\n" + SHELL + "\n\\.\n",
                        "relation \"missing\" does not exist",
                        "Unable to execute COPY operation"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileMigrationTexts")
    void migrationTextNeverRunsAsAPsqlMetaCommandAndFailsWhereFlywayFails(
            String name, String text, String psqlError, String flywayError) throws IOException {
        write("V1__sentinel.sql", "CREATE TABLE sentinel (id INT);");
        write("V2__hostile.sql", text);
        Equivalence equivalence = new Equivalence(settings());
        String byFlyway = PostgresClient.newDatabase();
        String flywayFailure = flywayFailure(equivalence, byFlyway);
        String byScript = PostgresClient.newDatabase();

        PostgresClient.Result applied = Equivalence.apply(byScript, equivalence.render(null, null));

        assertFalse(Files.exists(pwned()), "psql ran a shell command from the migration: " + applied.output());
        assertEquals(flywayError != null, flywayFailure != null, "Flyway: " + flywayFailure);
        assertEquals(psqlError != null, applied.exitCode() != 0, applied.output());
        if (flywayError != null) {
            assertTrue(flywayFailure.contains(flywayError), flywayFailure);
            assertTrue(applied.output().contains("ERROR:  " + psqlError), applied.output());
        }
        assertEquals(Equivalence.history(byFlyway), Equivalence.history(byScript));
        assertEquals(PostgresClient.schemaDump(byFlyway), PostgresClient.schemaDump(byScript));
    }

    @Test
    void nulInAMigrationIsRefusedNamingFileAndLine() throws IOException {
        write("V1__nul.sql", "CREATE TABLE a (id INT);\nCREATE TABLE b (note TEXT DEFAULT 'x\0y');\n");

        UserMistakeException refused =
                assertThrows(UserMistakeException.class, () -> new Equivalence(settings()).render(null, null));

        assertTrue(
                refused.getMessage()
                        .contains("cannot write V1__nul.sql line 2 into a psql script safely: it holds"
                                + " a NUL character"),
                refused.getMessage());
    }

    /** Skipped inside {@code \if}, the data would be read by psql as script lines: {@code \endif} would act. */
    @Test
    void copyDataInARepeatableIsRefusedNamingFileAndLine() throws IOException {
        write("V1__table.sql", "CREATE TABLE noted (note TEXT);");
        write("R__reference_data.sql", "DELETE FROM noted;\nCOPY noted (note) FROM stdin;\n\\endif\n\\.\n");

        UserMistakeException refused =
                assertThrows(UserMistakeException.class, () -> new Equivalence(settings()).render(null, null));

        assertTrue(
                refused.getMessage()
                        .contains("cannot write R__reference_data.sql into a psql script safely: line"
                                + " 2 loads COPY ... FROM stdin data in a repeatable migration"),
                refused.getMessage());
    }

    private void writeHostileFileNames() throws IOException {
        write("V1__sentinel.sql", "CREATE TABLE sentinel (id INT);");
        for (int index = 0; index < HOSTILE_DESCRIPTIONS.size(); index++) {
            write(
                    "V" + (index + 2) + "__" + HOSTILE_DESCRIPTIONS.get(index) + ".sql",
                    "CREATE TABLE step_" + index + " (id INT);");
        }
    }

    private static String flywayFailure(Equivalence equivalence, String database) {
        try {
            equivalence.upgrade(database, null);
            return null;
        } catch (MigrateException e) {
            return e.getMessage();
        }
    }

    private void write(String fileName, String text) throws IOException {
        Files.writeString(migrations.resolve(fileName), text, StandardCharsets.UTF_8);
    }

    private static Path pwned() {
        return PostgresClient.psqlDirectory().resolve(PWNED);
    }

    private MigrationSettings settings() {
        return new MigrationSettings(
                List.of("filesystem:" + migrations),
                List.of(),
                PLACEHOLDERS,
                Map.of(),
                null,
                getClass().getClassLoader());
    }
}
