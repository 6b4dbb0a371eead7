package dev.migrate.migration;

import dev.migrate.connection.ConnectionSettings;
import dev.migrate.connection.ServerLimits;
import dev.migrate.database.OpenDatabase;
import dev.migrate.embedded.EmbeddedSettings;
import dev.migrate.log.BuildLog;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Which database {@code upgrade} and {@code info} act on: the user's server when a URL is configured, otherwise the
 * embedded development database.
 *
 * @param server               the user's server, or {@code null} for the embedded development database
 * @param limits               how long the goal waits for the user's server
 * @param embedded             how to run the embedded server; only asked for when {@code server} is {@code null}
 * @param developmentDirectory where the embedded development database keeps its data
 */
public record TargetDatabase(
        ConnectionSettings server,
        ServerLimits limits,
        Supplier<EmbeddedSettings> embedded,
        Path developmentDirectory) {

    /**
     * Opens the database to work on with {@code migrations}, whose settings are checked first: a missing location or
     * a misspelt Flyway setting costs no server start.
     */
    public OpenDatabase open(MigrationSettings migrations, BuildLog log) {
        FlywayFactory.validate(migrations);
        return server != null
                ? OpenDatabase.server(server, limits)
                : OpenDatabase.embeddedDevelopment(embedded.get(), developmentDirectory, log);
    }
}
