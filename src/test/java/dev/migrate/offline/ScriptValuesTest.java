package dev.migrate.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one rendering of outside values, read back through the real psql: each value written as a comment, a literal
 * and a dollar quote arrives in PostgreSQL as exactly itself, and nothing around it runs.
 */
class ScriptValuesTest {

    private static final List<String> VALUES = List.of(
            "plain",
            "it's",
            "back\\slash",
            "trailing \\",
            "\\'",
            "cr\rDROP TABLE seen; --",
            "lf\nDROP TABLE seen; --",
            "crlf\r\n\\! touch pwned #",
            "tab\tend",
            "c0 \u0001\u0007\u001b[31m\u001f del \u007f nel \u0085",
            "separators \u2028\u2029 rtl \u202e bom \ufeff",
            "ends with $migrate",
            "$migrate$",
            "$migrate$ $migrate1$ $migrate2",
            "$$",
            "*/ /*",
            "emoji \uD83D\uDE00",
            ":migrate_role :'x' :\"y\"",
            "x".repeat(5000));

    @ParameterizedTest(name = "standard_conforming_strings = {0}")
    @ValueSource(strings = {"on", "off"})
    void everyValueArrivesAsItselfThroughPsql(String standardConformingStrings) throws IOException, SQLException {
        String database = PostgresClient.newDatabase();
        TestPostgres.execute(
                PostgresClient.dataSource(database),
                "ALTER DATABASE " + database + " SET standard_conforming_strings = " + standardConformingStrings);
        TestPostgres.execute(
                PostgresClient.dataSource(database),
                "CREATE TABLE seen (position INT, literal TEXT," + " quoted TEXT)");
        StringBuilder script = new StringBuilder("\\set ON_ERROR_STOP on\nSET client_encoding = 'UTF8';\n");
        for (int position = 0; position < VALUES.size(); position++) {
            String value = VALUES.get(position);
            script.append("-- ")
                    .append(ScriptValues.comment(value))
                    .append('\n')
                    .append("INSERT INTO seen VALUES (")
                    .append(position)
                    .append(", ")
                    .append(ScriptValues.literal(value))
                    .append(", ")
                    .append(ScriptValues.dollarQuoted(value))
                    .append(");\n");
        }
        Path file = Files.createTempFile(TestPostgres.workDirectory(), "values", ".sql");
        Files.writeString(file, script, StandardCharsets.UTF_8);

        PostgresClient.Result applied = PostgresClient.psql(database, file);
        Files.delete(file);

        assertEquals(0, applied.exitCode(), applied.output());
        assertEquals(expectedRows(), rows(database));
        assertTrue(Files.notExists(PostgresClient.psqlDirectory().resolve("pwned")), "a comment ran as a command");
    }

    @Test
    void whatPostgresCannotStoreIsRefused() {
        assertThrows(ScriptValues.UnrenderableException.class, () -> ScriptValues.literal("nul \0"));
        assertThrows(ScriptValues.UnrenderableException.class, () -> ScriptValues.comment("unpaired \uD800"));
        assertThrows(ScriptValues.UnrenderableException.class, () -> ScriptValues.dollarQuoted("nul \0"));
    }

    private static List<String> expectedRows() {
        List<String> rows = new ArrayList<>();
        for (int position = 0; position < VALUES.size(); position++) {
            rows.add(position + " " + VALUES.get(position) + " " + VALUES.get(position));
        }
        return rows;
    }

    private static List<String> rows(String database) throws SQLException {
        try (Connection connection = PostgresClient.dataSource(database).getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT position, literal, quoted FROM seen" + " ORDER BY position");
                ResultSet result = query.executeQuery()) {
            List<String> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(result.getInt(1) + " " + result.getString(2) + " " + result.getString(3));
            }
            return rows;
        }
    }
}
