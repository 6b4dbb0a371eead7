package dev.migrate.connection;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.UserMistakeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opens connections with bounded waits, and turns the driver's failures into messages that say what to check.
 */
public final class ConnectionFactory {

    /** How long a connection attempt may take before the goal gives up. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private static final String APPLICATION_NAME = "migrate-maven-plugin";

    private ConnectionFactory() {}

    /** A data source for the user's server, checked by opening one connection. */
    public static DataSource forServer(ConnectionSettings settings) {
        PGSimpleDataSource dataSource = unchecked(settings);
        applyTimeouts(dataSource);
        check(dataSource, settings.displayUrl());
        return dataSource;
    }

    /**
     * A data source for short checks that the user's server still answers: connecting, logging in and every read
     * give up after {@code bound}.
     */
    static DataSource forLivenessChecks(ConnectionSettings settings, Duration bound) {
        PGSimpleDataSource dataSource = unchecked(settings);
        int seconds = (int) Math.max(1, bound.toSeconds());
        dataSource.setConnectTimeout(seconds);
        dataSource.setLoginTimeout(seconds);
        dataSource.setSocketTimeout(seconds);
        dataSource.setApplicationName(APPLICATION_NAME + " liveness check");
        return dataSource;
    }

    private static PGSimpleDataSource unchecked(ConnectionSettings settings) {
        if (!settings.url().startsWith("jdbc:postgresql:")) {
            throw new UserMistakeException("<url> must be a PostgreSQL JDBC URL such as jdbc:postgresql://host:5432/db,"
                    + " but is '" + settings.displayUrl() + "'. Fix <url> or -Dmigrate.url.");
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try {
            dataSource.setURL(settings.url());
        } catch (IllegalArgumentException e) {
            throw new UserMistakeException(
                    "<url> '" + settings.displayUrl() + "' is not a valid PostgreSQL JDBC URL: " + e.getMessage()
                            + ". Fix <url> or -Dmigrate.url.",
                    e);
        }
        if (settings.user() != null) {
            dataSource.setUser(settings.user());
        }
        if (settings.password() != null) {
            dataSource.setPassword(settings.password());
        }
        return dataSource;
    }

    /** A data source for a server this plugin started itself on the loopback interface. */
    public static DataSource forLocalServer(int port, String database, String user, String password) {
        return forLocalServer(new PGSimpleDataSource(), port, database, user, password);
    }

    /** {@code dataSource}, set up for a server this plugin started itself on the loopback interface. */
    public static <T extends PGSimpleDataSource> T forLocalServer(
            T dataSource, int port, String database, String user, String password) {
        dataSource.setServerNames(new String[] {"localhost"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(database);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        applyTimeouts(dataSource);
        return dataSource;
    }

    private static void applyTimeouts(PGSimpleDataSource dataSource) {
        dataSource.setConnectTimeout((int) CONNECT_TIMEOUT.toSeconds());
        dataSource.setLoginTimeout((int) CONNECT_TIMEOUT.toSeconds());
        dataSource.setApplicationName(APPLICATION_NAME);
    }

    private static void check(DataSource dataSource, String displayUrl) {
        try (Connection ignored = dataSource.getConnection()) {
            // reaching the server and logging in is the whole check
        } catch (SQLException e) {
            throw translate(e, displayUrl);
        }
    }

    /** Turns a failed connection attempt into a user or environment failure with a next step. */
    static RuntimeException translate(SQLException e, String displayUrl) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String serverMessage = e.getMessage();
        if (state.equals("28P01") || state.equals("28000")) {
            return new UserMistakeException(
                    "Cannot log in to " + displayUrl + ": " + serverMessage
                            + ". Check the user name and password: <user>/<password>, the settings.xml server named by"
                            + " <serverId>, or the MIGRATE_USER/MIGRATE_PASSWORD environment variables.",
                    e);
        }
        if (state.equals("3D000")) {
            return new UserMistakeException(
                    "The database in " + displayUrl + " does not exist: " + serverMessage
                            + ". Create it first (CREATE DATABASE ...), or fix the database name in <url>.",
                    e);
        }
        if (state.startsWith("08")) {
            return new UserMistakeException(
                    "Cannot connect to " + displayUrl + " within "
                            + CONNECT_TIMEOUT.toSeconds() + " s: " + serverMessage
                            + ". Check that the server is running and that host and port in <url> (-Dmigrate.url) are right.",
                    e);
        }
        return new EnvironmentFailureException(
                "Connecting to " + displayUrl + " failed (SQLSTATE " + state + "): " + serverMessage, e);
    }
}
