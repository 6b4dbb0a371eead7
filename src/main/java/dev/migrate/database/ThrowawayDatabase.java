package dev.migrate.database;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A database that exists for one goal only, to migrate and generate from: a new embedded PostgreSQL whose files are
 * deleted afterwards, or, with {@code <codegenUrl>}, a uniquely named database on an existing server that is dropped
 * afterwards. Either is removed also when the goal fails or the build is interrupted.
 *
 * @param server        the existing server to create the database on, or {@code null} for an embedded one
 * @param embedded      how to run the embedded server; only asked for when {@code server} is {@code null}
 * @param workDirectory where the embedded server keeps its files while it runs
 */
public record ThrowawayDatabase(ConnectionSettings server, Supplier<EmbeddedSettings> embedded, Path workDirectory) {

    static final String NAME_PREFIX = "migrate_codegen_";
    private static final Pattern URL_DATABASE = Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");
    private static final int FORCE_DROP_SINCE_MAJOR = 13;

    public OpenDatabase open(BuildLog log) {
        return server != null ? onServer(log) : embedded(log);
    }

    private OpenDatabase embedded(BuildLog log) {
        EmbeddedSettings settings = embedded.get();
        EmbeddedServer started = EmbeddedServer.startThrowaway(settings, workDirectory, log);
        // zonky's own hook stops the server on Ctrl-C, but leaves the directory the plugin made around it
        Thread cleanup = new Thread(started::close, "migrate-throwaway-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        return OpenDatabase.throwaway(started.dataSource(EmbeddedServer.DEFAULT_DATABASE),
                "the throwaway embedded database (PostgreSQL " + settings.binaries().version() + ")", () -> {
                    try {
                        started.close();
                    } finally {
                        removeShutdownHook(cleanup);
                    }
                });
    }

    private OpenDatabase onServer(BuildLog log) {
        DataSource maintenance = ConnectionFactory.forServer(server);
        String name = NAME_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(maintenance, "CREATE DATABASE " + name, "create the throwaway database " + name);
        Thread cleanup = new Thread(() -> drop(maintenance, name), "migrate-throwaway-drop");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Runnable discard = () -> {
            try {
                drop(maintenance, name);
                log.debug("Dropped the throwaway database " + name);
            } finally {
                removeShutdownHook(cleanup);
            }
        };
        try {
            DataSource dataSource = ConnectionFactory.forServer(new ConnectionSettings(withDatabase(server.url(), name),
                    server.user(), server.password()));
            log.info("Created the throwaway database " + name + " on " + server.displayUrl());
            return OpenDatabase.throwaway(dataSource, "the throwaway database " + name, discard);
        } catch (RuntimeException e) {
            discard.run();
            throw e;
        }
    }

    /** The same URL naming another database: {@code jdbc:postgresql://host:port/<database>?parameters}. */
    static String withDatabase(String url, String database) {
        Matcher matcher = URL_DATABASE.matcher(url);
        if (!matcher.matches()) {
            throw new UserMistakeException("<codegenUrl> must have the form jdbc:postgresql://host:port/database,"
                    + " but is '" + new ConnectionSettings(url, null, null).displayUrl() + "'. Fix <codegenUrl> or"
                    + " -Dmigrate.codegenUrl.");
        }
        return matcher.group(1) + "/" + database + (matcher.group(3) == null ? "" : matcher.group(3));
    }

    private static void drop(DataSource maintenance, String name) {
        try (Connection connection = maintenance.getConnection(); Statement statement = connection.createStatement()) {
            boolean force = connection.getMetaData().getDatabaseMajorVersion() >= FORCE_DROP_SINCE_MAJOR;
            // FORCE ends connections a failed generation may have left open
            statement.execute("DROP DATABASE IF EXISTS " + name + (force ? " WITH (FORCE)" : ""));
        } catch (SQLException e) {
            throw new EnvironmentFailureException("Cannot drop the throwaway database " + name + ": "
                    + e.getMessage() + ". Drop it by hand: DROP DATABASE " + name + ";", e);
        }
    }

    private static void execute(DataSource dataSource, String sql, String purpose) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new UserMistakeException("Cannot " + purpose + ": " + e.getMessage() + ". The user of"
                        + " <codegenUrl> needs the CREATEDB privilege (ALTER ROLE ... CREATEDB).", e);
            }
            throw new EnvironmentFailureException("Cannot " + purpose + ": " + e.getMessage(), e);
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and runs the hook itself
        }
    }
}
