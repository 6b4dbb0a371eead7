package dev.migrate.database;

import dev.migrate.connection.ConnectionFactory;
import dev.migrate.connection.ConnectionSettings;
import dev.migrate.connection.ServerLimits;
import dev.migrate.connection.ServerWatch;
import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.embedded.EmbeddedSettings;
import dev.migrate.embedded.PostgresBinaries;
import dev.migrate.embedded.StartingServer;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Role;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * A database a goal works on, open for the goal's duration: the user's server, or the embedded development database
 * that the plugin starts for the goal and stops after it.
 */
public final class OpenDatabase implements AutoCloseable {

    private static final Runnable NOTHING = () -> {};

    private final DataSource dataSource;
    private final String displayName;
    /** What closing does: stop the server the goal started, delete a throwaway, or nothing. */
    private final Runnable onClose;
    /** The next step after a migration failed outside a transaction, given the SQL that deletes its history row. */
    private final UnaryOperator<String> afterFailedMigration;

    private final ServerLimits limits;
    /** The watch on the user's server; {@code null} for the databases the plugin runs itself. */
    private final ServerWatch watch;

    private OpenDatabase(
            DataSource dataSource, String displayName, Runnable onClose, UnaryOperator<String> afterFailedMigration) {
        this(dataSource, displayName, onClose, afterFailedMigration, ServerLimits.DEFAULTS, null);
    }

    private OpenDatabase(
            DataSource dataSource,
            String displayName,
            Runnable onClose,
            UnaryOperator<String> afterFailedMigration,
            ServerLimits limits,
            ServerWatch watch) {
        this.dataSource = dataSource;
        this.displayName = displayName;
        this.onClose = onClose;
        this.afterFailedMigration = afterFailedMigration;
        this.limits = limits;
        this.watch = watch;
    }

    /** A database that exists for one goal only: closing it runs {@code discard}, which deletes it. */
    static OpenDatabase throwaway(DataSource dataSource, String displayName, Runnable discard) {
        return new OpenDatabase(dataSource, displayName, discard, OpenDatabase::rerun);
    }

    /** A database that outlives the goal: closing it leaves it, and its server, as they are. */
    public static OpenDatabase kept(DataSource dataSource, String displayName) {
        return new OpenDatabase(dataSource, displayName, NOTHING, OpenDatabase::rerun);
    }

    /** The user's server with the default limits, checked by connecting once. */
    public static OpenDatabase server(ConnectionSettings settings) {
        return server(settings, ServerLimits.DEFAULTS);
    }

    /**
     * The user's server, checked by connecting once, and watched while open: Ctrl-C cancels the goal's statements,
     * and a server that stops answering for longer than {@code limits} allows fails the goal.
     */
    public static OpenDatabase server(ConnectionSettings settings, ServerLimits limits) {
        ServerWatch watch =
                ServerWatch.start(ConnectionFactory.forServer(settings, Role.TARGET), settings, limits.answerWait());
        return new OpenDatabase(
                watch,
                settings.displayUrl(),
                watch::close,
                deleteFailedRow -> "Undo its partial changes by hand, then remove its failed row from the history"
                        + " table with the plugin's repair goal (in SQL: " + deleteFailedRow + ")."
                        + " Then fix the script and run the goal again.",
                limits,
                watch);
    }

    /** A database the plugin makes anew when needed: the next run after a fix needs nothing else. */
    private static String rerun(String deleteFailedRow) {
        return "Fix the script and run the goal again.";
    }

    /**
     * The embedded development database kept in {@code dataDirectory}, created on first use. Its server starts in the
     * background: the goal gets Flyway ready meanwhile, and its first connection waits for the server.
     */
    public static OpenDatabase embeddedDevelopment(EmbeddedSettings settings, Path dataDirectory, BuildLog log) {
        boolean created = !Files.exists(dataDirectory.resolve("PG_VERSION"));
        if (!created) {
            checkMajorVersion(settings.binaries(), dataDirectory);
        }
        StartingServer server = StartingServer.inBackground(() -> {
            EmbeddedServer started = EmbeddedServer.startPersistent(settings, dataDirectory, log);
            log.info("Using the embedded development database (PostgreSQL "
                    + settings.binaries().version() + ", "
                    + (created ? "created" : "kept") + " in " + dataDirectory + "), reachable while the goal runs"
                    + " at " + started.jdbcUrl(EmbeddedServer.DEFAULT_DATABASE) + " with the password in "
                    + started.passwordFile() + " (psql: PGPASSFILE=" + started.passwordFile()
                    + " psql -h localhost -p " + started.port() + " -U " + EmbeddedServer.SUPERUSER + ")");
            return started;
        });
        return new OpenDatabase(
                server.dataSource(EmbeddedServer.DEFAULT_DATABASE),
                "the embedded development database",
                server::close,
                deleteFailedRow -> "Fix the script, delete " + dataDirectory + " (mvn clean deletes it"
                        + " too) and run the goal again: the development database is made anew from the migrations.");
    }

    private static void checkMajorVersion(PostgresBinaries binaries, Path dataDirectory) {
        String clusterMajor;
        try {
            clusterMajor = Files.readString(dataDirectory.resolve("PG_VERSION")).strip();
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot read " + dataDirectory.resolve("PG_VERSION"), e);
        }
        String binariesMajor =
                binaries.version().substring(0, binaries.version().indexOf('.'));
        if (!clusterMajor.equals(binariesMajor)) {
            throw new UserMistakeException(
                    "The embedded development database in " + dataDirectory + " was created by PostgreSQL "
                            + clusterMajor + ", but the configured PostgreSQL version is " + binaries.version()
                            + ". Delete " + dataDirectory + " (mvn clean) to recreate it, or ask for PostgreSQL "
                            + clusterMajor + ".",
                    new Suggestion.Change(Setting.POSTGRES_VERSION));
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** How log lines name this database: the URL without secrets, or "the embedded development database". */
    public String displayName() {
        return displayName;
    }

    /**
     * What to do after a migration failed outside a transaction on this database and Flyway recorded it as failed.
     *
     * @param deleteFailedRow the SQL statement that deletes the failed row from Flyway's history table
     */
    public String afterFailedMigration(String deleteFailedRow) {
        return afterFailedMigration.apply(deleteFailedRow);
    }

    /** Whether this is a server the user runs, as opposed to a database the plugin runs and can make anew. */
    public boolean isUsersServer() {
        return watch != null;
    }

    /** How long the goal waits for this database before it gives up. */
    public ServerLimits limits() {
        return limits;
    }

    /**
     * What a failure of the goal's work on this database means: {@code failure} itself, unless the server stopped
     * answering and the goal's connections were closed for that, which is then the real cause.
     */
    public RuntimeException explain(RuntimeException failure) {
        RuntimeException cause = watch == null ? null : watch.failure();
        return cause == null ? failure : cause;
    }

    /** Says what the goal waits for now, e.g. a migration, so that a server that stops answering is named with it. */
    public void waitingFor(String what) {
        if (watch != null) {
            watch.waitingFor(what);
        }
    }

    @Override
    public void close() {
        onClose.run();
    }
}
