package dev.migrate.database;

import dev.migrate.connection.ConnectionFactory;
import dev.migrate.connection.ConnectionSettings;
import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.embedded.EmbeddedSettings;
import dev.migrate.error.ConnectionFailure;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Role;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A database that exists for one goal only, to migrate and generate from: a new embedded PostgreSQL whose files are
 * deleted afterwards, or, on the codegen server the user names, a uniquely named database on an existing server that is dropped
 * afterwards. Either is removed also when the goal fails or the build is interrupted.
 *
 * @param server        the existing server to create the database on, or {@code null} for an embedded one
 * @param embedded      how to run the embedded server; only asked for when {@code server} is {@code null}
 * @param workDirectory where the embedded server keeps its files while it runs
 */
public record ThrowawayDatabase(ConnectionSettings server, Supplier<EmbeddedSettings> embedded, Path workDirectory) {

    private static final Pattern URL_DATABASE = Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");
    private static final int FORCE_DROP_SINCE_MAJOR = 13;

    public OpenDatabase open(BuildLog log) {
        return server != null ? onServer(log) : embedded(log);
    }

    private OpenDatabase embedded(BuildLog log) {
        EmbeddedSettings settings = embedded.get();
        EmbeddedServer started = EmbeddedServer.startThrowaway(settings, workDirectory, log);
        // the server stops and deletes its files also on Ctrl-C: EmbeddedServer has its own shutdown hook
        return OpenDatabase.throwaway(
                started.dataSource(EmbeddedServer.DEFAULT_DATABASE),
                "the throwaway embedded database (PostgreSQL "
                        + settings.binaries().version() + ")",
                started::close);
    }

    private OpenDatabase onServer(BuildLog log) {
        String name = ThrowawayOwner.newName(Instant.now());
        ConnectionSettings throwaway =
                new ConnectionSettings(withDatabase(server.url(), name), server.user(), server.password());
        DataSource maintenance = ConnectionFactory.forServer(server, Role.CODEGEN);
        dropLeftOvers(maintenance, log);
        execute(maintenance, "CREATE DATABASE " + name, "create the throwaway database " + name);
        Runnable discard = discardedAlsoOnInterrupt(() -> drop(maintenance, name), "migrate-throwaway-drop");
        execute(
                maintenance,
                "COMMENT ON DATABASE " + name + " IS '"
                        + ThrowawayOwner.current().comment() + "'",
                "record who made the throwaway database " + name);
        try {
            DataSource dataSource = ConnectionFactory.forServer(throwaway, Role.CODEGEN);
            log.info("Created the throwaway database " + name + " on " + server.displayUrl());
            return OpenDatabase.throwaway(dataSource, "the throwaway database " + name, discard);
        } catch (RuntimeException e) {
            discard.run();
            throw e;
        }
    }

    /**
     * Drops the throwaway databases that builds killed before they could drop theirs left on the server: those whose
     * build ran on this machine and is gone, and those older than any build. One that cannot be dropped (another
     * user's) is reported and left.
     */
    private static void dropLeftOvers(DataSource maintenance, BuildLog log) {
        Map<String, String> leftOvers = new TreeMap<>();
        try (Connection connection = maintenance.getConnection();
                Statement statement = connection.createStatement();
                ResultSet databases = statement.executeQuery("SELECT datname, shobj_description(oid, 'pg_database')"
                        + " FROM pg_database WHERE datname LIKE '" + ThrowawayOwner.NAME_PREFIX.replace("_", "\\_")
                        + "%'")) {
            Instant now = Instant.now();
            while (databases.next()) {
                String name = databases.getString(1);
                ThrowawayOwner.leftOver(name, databases.getString(2), now).ifPresent(why -> leftOvers.put(name, why));
            }
        } catch (SQLException e) {
            log.warn("Cannot look for throwaway databases left by killed builds: " + e.getMessage());
            return;
        }
        leftOvers.forEach((name, why) -> {
            try {
                drop(maintenance, name);
                log.info("Dropped the throwaway database " + name + " left by a killed build: " + why);
            } catch (EnvironmentFailureException e) {
                log.warn(e.getMessage());
            }
        });
    }

    /** The same URL naming another database: {@code jdbc:postgresql://host:port/<database>?parameters}. */
    static String withDatabase(String url, String database) {
        Matcher matcher = URL_DATABASE.matcher(url);
        if (!matcher.matches()) {
            throw new UserMistakeException(
                    "The URL of the codegen server must have the form jdbc:postgresql://host:port/database, but is '"
                            + new ConnectionSettings(url, null, null).displayUrl() + "'.",
                    new Suggestion.Connection(Role.CODEGEN, ConnectionFailure.NOT_A_POSTGRES_URL));
        }
        return matcher.group(1) + "/" + database + (matcher.group(3) == null ? "" : matcher.group(3));
    }

    private static void drop(DataSource maintenance, String name) {
        try (Connection connection = maintenance.getConnection();
                Statement statement = connection.createStatement()) {
            boolean force = connection.getMetaData().getDatabaseMajorVersion() >= FORCE_DROP_SINCE_MAJOR;
            // FORCE ends connections a failed generation may have left open
            statement.execute("DROP DATABASE IF EXISTS " + name + (force ? " WITH (FORCE)" : ""));
        } catch (SQLException e) {
            throw new EnvironmentFailureException(
                    "Cannot drop the throwaway database " + name + ": " + e.getMessage()
                            + ". Drop it by hand: DROP DATABASE " + name + ";",
                    e);
        }
    }

    private static void execute(DataSource dataSource, String sql, String purpose) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new UserMistakeException(
                        "Cannot " + purpose + ": " + e.getMessage() + ". The user on the codegen server needs the"
                                + " CREATEDB privilege (ALTER ROLE ... CREATEDB).",
                        new Suggestion.Connection(Role.CODEGEN, ConnectionFailure.NO_CREATEDB_PRIVILEGE),
                        e);
            }
            throw new EnvironmentFailureException("Cannot " + purpose + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code discard} once: when the goal closes the database, or from a shutdown hook when the build is
     * interrupted (Ctrl-C) first. Whichever comes second waits for the first and does nothing, so the two never
     * delete the same files at the same time.
     */
    private static Runnable discardedAlsoOnInterrupt(Runnable discard, String hookName) {
        AtomicBoolean done = new AtomicBoolean();
        Runnable once = () -> {
            synchronized (done) {
                if (done.compareAndSet(false, true)) {
                    discard.run();
                }
            }
        };
        Thread hook = new Thread(once, hookName);
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                once.run();
            } finally {
                removeShutdownHook(hook);
            }
        };
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and runs the hook itself
        }
    }
}
