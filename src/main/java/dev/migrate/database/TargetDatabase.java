package dev.migrate.database;

import dev.migrate.log.BuildLog;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Which database {@code upgrade} and {@code info} act on: the user's server when a URL is configured, otherwise the
 * embedded development database.
 *
 * @param server               the user's server, or {@code null} for the embedded development database
 * @param embedded             how to run the embedded server; only asked for when {@code server} is {@code null}
 * @param developmentDirectory where the embedded development database keeps its data
 */
public record TargetDatabase(ConnectionSettings server, Supplier<EmbeddedSettings> embedded,
        Path developmentDirectory) {

    public OpenDatabase open(BuildLog log) {
        return server != null
                ? OpenDatabase.server(server)
                : OpenDatabase.embeddedDevelopment(embedded.get(), developmentDirectory, log);
    }
}
