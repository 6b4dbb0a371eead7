package dev.migrate.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.MigrateException;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The script refuses a schema without history table exactly when Flyway does: it runs Flyway's own non-empty check,
 * which FlywayInternalsContractTest pins against Flyway for every kind of object.
 */
class NonEmptySchemaScriptTest {

    @TempDir
    Path migrations;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SELECT 1 | false",
                "CREATE TABLE t (id INT) | true",
                "CREATE MATERIALIZED VIEW m AS SELECT 1 AS one | false"
            })
    void theScriptRefusesANonEmptySchemaLikeFlyway(String content, boolean flywayRefuses) throws IOException {
        Files.writeString(migrations.resolve("V1__x.sql"), "CREATE TABLE migrated (id INT);");
        String byFlyway = PostgresClient.newDatabase();
        String byScript = PostgresClient.newDatabase();
        TestPostgres.execute(PostgresClient.dataSource(byFlyway), content);
        TestPostgres.execute(PostgresClient.dataSource(byScript), content);
        Equivalence equivalence = new Equivalence(TestMigrations.in(migrations));

        boolean refusedByFlyway = refusesNonEmptySchema(equivalence, byFlyway);
        PostgresClient.Result applied = Equivalence.apply(byScript, equivalence.render(null, null));

        assertEquals(flywayRefuses, refusedByFlyway);
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
}
