package dev.migrate.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.connection.ConnectionSettings;
import dev.migrate.database.OpenDatabase;
import dev.migrate.migration.FlywayFactory;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.MigrationStatus;
import dev.migrate.migration.Migrator;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Proves that an offline script does what Flyway does: one database migrated by Flyway ({@code Migrator.upgrade}),
 * one by the script applied with psql, compared by schema dump and history rows; then Flyway itself must find the
 * script's database valid and up to date.
 */
final class Equivalence {

    static final String HISTORY_COLUMNS = "installed_rank, version, description, type, script, checksum, success";

    private final MigrationSettings settings;
    private final CapturingLog log = new CapturingLog();

    Equivalence(MigrationSettings settings) {
        this.settings = settings;
    }

    OfflineSql.Script render(String from, String to) {
        return OfflineSql.render(
                PostgresClient.dataSource(PostgresClient.newDatabase()),
                OfflineRequest.of(settings, from, to, false, "migrate-maven-plugin test"),
                log);
    }

    /** Renders the script from {@code from} to {@code to}, proves it equivalent, and returns it. */
    OfflineSql.Script prove(String from, String to) {
        OfflineSql.Script script = render(from, to);
        String byFlyway = PostgresClient.newDatabase();
        if (from != null) {
            upgrade(byFlyway, from);
        }
        upgrade(byFlyway, to);
        String byScript = PostgresClient.newDatabase();
        if (from != null) {
            upgrade(byScript, from);
        }
        PostgresClient.Result applied = apply(byScript, script);
        assertEquals(0, applied.exitCode(), applied.output());

        assertEquals(PostgresClient.schemaDump(byFlyway), PostgresClient.schemaDump(byScript));
        assertEquals(history(byFlyway, historySchema()), history(byScript, historySchema()));
        assertEquals(PostgresClient.historyTableDump(byFlyway), PostgresClient.historyTableDump(byScript));
        ValidateResult validation = FlywayFactory.create(
                        settings.withTarget(to), PostgresClient.dataSource(byScript), log)
                .validateWithResult();
        assertTrue(validation.validationSuccessful, String.valueOf(validation.getAllErrorMessages()));
        assertEquals(0, upgrade(byScript, to), "Flyway found migrations to apply after the script");
        assertEquals(script.to(), currentVersion(byScript));
        return script;
    }

    int upgrade(String database, String target) {
        try (OpenDatabase open = OpenDatabase.server(
                new ConnectionSettings(PostgresClient.server().jdbcUrl(database), null, null))) {
            return Migrator.upgrade(open, settings.withTarget(target), log).applied();
        }
    }

    /** The current version as {@code migrate:info} reports it. */
    String currentVersion(String database) {
        try (OpenDatabase open = OpenDatabase.server(
                new ConnectionSettings(PostgresClient.server().jdbcUrl(database), null, null))) {
            return MigrationStatus.read(open, settings, log).currentVersion();
        }
    }

    static PostgresClient.Result apply(String database, OfflineSql.Script script) {
        try {
            Path file = Files.createTempFile(TestPostgres.workDirectory(), "upgrade", ".sql");
            Files.writeString(file, script.text(), StandardCharsets.UTF_8);
            PostgresClient.Result result = PostgresClient.psql(database, file);
            Files.delete(file);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String historySchema() {
        return settings.schemas().isEmpty() ? "public" : settings.schemas().get(0);
    }

    static List<String> history(String database) {
        return history(database, "public");
    }

    static List<String> history(String database, String schema) {
        return rows(
                PostgresClient.dataSource(database),
                "SELECT " + HISTORY_COLUMNS + " FROM \"" + schema + "\".flyway_schema_history ORDER BY installed_rank");
    }

    static List<String> rows(DataSource dataSource, String query) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= columns; column++) {
                    row.append(column > 1 ? " | " : "").append(result.getString(column));
                }
                rows.add(row.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }
}
