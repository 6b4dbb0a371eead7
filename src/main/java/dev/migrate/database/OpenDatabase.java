package dev.migrate.database;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * A database a goal works on, open for the goal's duration: the user's server, or the embedded development database
 * that the plugin starts for the goal and stops after it.
 */
public final class OpenDatabase implements AutoCloseable {

    private static final Runnable NOTHING = () -> { };

    private final DataSource dataSource;
    private final String displayName;
    /** What closing does: stop the server the goal started, delete a throwaway, or nothing. */
    private final Runnable onClose;

    private OpenDatabase(DataSource dataSource, String displayName, Runnable onClose) {
        this.dataSource = dataSource;
        this.displayName = displayName;
        this.onClose = onClose;
    }

    /** A database that exists for one goal only: closing it runs {@code discard}, which deletes it. */
    static OpenDatabase throwaway(DataSource dataSource, String displayName, Runnable discard) {
        return new OpenDatabase(dataSource, displayName, discard);
    }

    /** A database that outlives the goal: closing it leaves it, and its server, as they are. */
    public static OpenDatabase kept(DataSource dataSource, String displayName) {
        return new OpenDatabase(dataSource, displayName, NOTHING);
    }

    /** The user's server, checked by connecting once. */
    public static OpenDatabase server(ConnectionSettings settings) {
        return new OpenDatabase(ConnectionFactory.forServer(settings), settings.displayUrl(), NOTHING);
    }

    /** The embedded development database kept in {@code dataDirectory}, created on first use. */
    public static OpenDatabase embeddedDevelopment(EmbeddedSettings settings, Path dataDirectory, BuildLog log) {
        boolean created = !Files.exists(dataDirectory.resolve("PG_VERSION"));
        if (!created) {
            checkMajorVersion(settings.binaries(), dataDirectory);
        }
        EmbeddedServer server = EmbeddedServer.startPersistent(settings, dataDirectory, log);
        String url = server.jdbcUrl(EmbeddedServer.DEFAULT_DATABASE);
        log.info("Using the embedded development database (PostgreSQL " + settings.binaries().version() + ", "
                + (created ? "created" : "kept") + " in " + dataDirectory + "), reachable while the goal runs at "
                + url + " with the password in " + server.passwordFile() + " (psql: PGPASSFILE="
                + server.passwordFile() + " psql -h localhost -p " + server.port() + " -U "
                + EmbeddedServer.SUPERUSER + ")");
        return new OpenDatabase(server.dataSource(EmbeddedServer.DEFAULT_DATABASE), "the embedded development database",
                server::close);
    }

    private static void checkMajorVersion(PostgresBinaries binaries, Path dataDirectory) {
        String clusterMajor;
        try {
            clusterMajor = Files.readString(dataDirectory.resolve("PG_VERSION")).strip();
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot read " + dataDirectory.resolve("PG_VERSION"), e);
        }
        String binariesMajor = binaries.version().substring(0, binaries.version().indexOf('.'));
        if (!clusterMajor.equals(binariesMajor)) {
            throw new UserMistakeException("The embedded development database in " + dataDirectory
                    + " was created by PostgreSQL " + clusterMajor + ", but <postgres><version> asks for "
                    + binaries.version() + ". Delete " + dataDirectory + " (mvn clean) to recreate it, or set"
                    + " <postgres><version>" + clusterMajor + "</version></postgres>.");
        }
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
        onClose.run();
    }
}
