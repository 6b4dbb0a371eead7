package dev.migrate.database;

import dev.migrate.log.BuildLog;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * A database a goal works on, open for the goal's duration: the user's server, or the embedded development database
 * that the plugin starts for the goal and stops after it.
 */
public final class OpenDatabase implements AutoCloseable {

    private final DataSource dataSource;
    private final String displayName;
    private final EmbeddedServer server;
    private final Runnable discard;

    private OpenDatabase(DataSource dataSource, String displayName, EmbeddedServer server) {
        this(dataSource, displayName, server, () -> { });
    }

    private OpenDatabase(DataSource dataSource, String displayName, EmbeddedServer server, Runnable discard) {
        this.dataSource = dataSource;
        this.displayName = displayName;
        this.server = server;
        this.discard = discard;
    }

    /** A database that exists for one goal only: closing it runs {@code discard}, which deletes it. */
    static OpenDatabase throwaway(DataSource dataSource, String displayName, Runnable discard) {
        return new OpenDatabase(dataSource, displayName, null, discard);
    }

    /** The user's server, checked by connecting once. */
    public static OpenDatabase server(ConnectionSettings settings) {
        return new OpenDatabase(ConnectionFactory.forServer(settings), settings.displayUrl(), null);
    }

    /** The embedded development database kept in {@code dataDirectory}, created on first use. */
    public static OpenDatabase embeddedDevelopment(EmbeddedSettings settings, Path dataDirectory, BuildLog log) {
        boolean created = !java.nio.file.Files.exists(dataDirectory.resolve("PG_VERSION"));
        EmbeddedServer server = EmbeddedServer.startPersistent(settings, dataDirectory, log);
        String url = server.jdbcUrl(EmbeddedServer.DEFAULT_DATABASE);
        log.info("Using the embedded development database (PostgreSQL " + settings.binaries().version() + ", "
                + (created ? "created" : "kept") + " in " + dataDirectory + "), reachable while the goal runs at "
                + url);
        return new OpenDatabase(server.dataSource(EmbeddedServer.DEFAULT_DATABASE), "the embedded development database",
                server);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** How log lines name this database: the URL without secrets, or "the embedded development database". */
    public String displayName() {
        return displayName;
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            discard.run();
        }
    }
}
