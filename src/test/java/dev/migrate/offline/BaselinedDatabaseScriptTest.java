package dev.migrate.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.connection.ConnectionSettings;
import dev.migrate.database.OpenDatabase;
import dev.migrate.migration.Baseline;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.Migrator;
import dev.migrate.migration.Validation;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** migrate:offline-sql from the baseline version of a database that migrate:baseline marked. */
class BaselinedDatabaseScriptTest {

    @TempDir
    Path migrations;

    private final CapturingLog log = new CapturingLog();

    @Test
    void theScriptFromTheBaselineVersionAppliesToABaselinedDatabaseAsFlywayWould() throws IOException {
        write("V1__users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY);");
        write("V2__orders.sql", "CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT REFERENCES users);");
        write("V3__order_total.sql", "ALTER TABLE orders ADD COLUMN total NUMERIC(12, 2) NOT NULL DEFAULT 0;");
        write("V4__order_index.sql", "CREATE INDEX orders_user_idx ON orders (user_id);");
        MigrationSettings settings = TestMigrations.in(migrations);
        String baselined = PostgresClient.newDatabase();
        // the schema the database had before Flyway: what V1 and V2 make, made by hand
        TestPostgres.execute(
                PostgresClient.dataSource(baselined),
                "CREATE TABLE users (id BIGINT PRIMARY KEY);"
                        + " CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT REFERENCES users);");
        try (OpenDatabase database = open(baselined)) {
            Baseline.baseline(database, settings, "2", "existing schema", log);
        }
        OfflineSql.Script script = OfflineSql.render(
                PostgresClient.dataSource(PostgresClient.newDatabase()),
                OfflineRequest.of(settings, "2", null, false, "test"),
                log);

        PostgresClient.Result applied = Equivalence.apply(baselined, script);

        assertEquals(0, applied.exitCode(), applied.output());
        String migratedByFlyway = PostgresClient.newDatabase();
        try (OpenDatabase database = open(migratedByFlyway)) {
            Migrator.upgrade(database, settings, log);
        }
        assertEquals(PostgresClient.schemaDump(migratedByFlyway), PostgresClient.schemaDump(baselined));
        List<String> history = Equivalence.rows(
                PostgresClient.dataSource(baselined),
                "SELECT version || ' ' || type || ' ' || success FROM flyway_schema_history ORDER BY installed_rank");
        assertEquals(List.of("2 BASELINE true", "3 SQL true", "4 SQL true"), history);
        try (OpenDatabase database = open(baselined)) {
            assertTrue(Validation.validate(database, settings, log).valid());
            assertEquals(0, Migrator.upgrade(database, settings, log).applied());
        }
    }

    private static OpenDatabase open(String database) {
        return OpenDatabase.server(
                new ConnectionSettings(PostgresClient.server().jdbcUrl(database), null, null));
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(migrations.resolve(name), sql);
    }
}
