package dev.migrate.connection;

import dev.migrate.error.ConnectionFailure;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Role;
import dev.migrate.error.Suggestion;
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

    /** pgjdbc's SQLSTATE when it cannot go on with the login, e.g. because the server asks for a missing password. */
    private static final String CONNECTION_REJECTED = "08004";

    private ConnectionFactory() {}

    /** A data source for the user's server in {@code role}, checked by opening one connection. */
    public static DataSource forServer(ConnectionSettings settings, Role role) {
        PGSimpleDataSource dataSource = unchecked(settings, role);
        applyTimeouts(dataSource);
        check(dataSource, settings, role);
        return dataSource;
    }

    /**
     * A data source for short checks that the user's server still answers: connecting, logging in and every read
     * give up after {@code bound}.
     */
    static DataSource forLivenessChecks(ConnectionSettings settings, Duration bound) {
        // the settings were checked when the watched data source was made
        PGSimpleDataSource dataSource = unchecked(settings, Role.TARGET);
        int seconds = (int) Math.max(1, bound.toSeconds());
        dataSource.setConnectTimeout(seconds);
        dataSource.setLoginTimeout(seconds);
        dataSource.setSocketTimeout(seconds);
        dataSource.setApplicationName(APPLICATION_NAME + " liveness check");
        return dataSource;
    }

    private static PGSimpleDataSource unchecked(ConnectionSettings settings, Role role) {
        Suggestion fixTheUrl = new Suggestion.Connection(role, ConnectionFailure.NOT_A_POSTGRES_URL);
        if (!settings.url().startsWith("jdbc:postgresql:")) {
            throw new UserMistakeException(
                    "The URL of the " + role.description() + " must be a PostgreSQL JDBC URL such as"
                            + " jdbc:postgresql://host:5432/db, but is '" + settings.displayUrl() + "'.",
                    fixTheUrl);
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try {
            dataSource.setURL(settings.url());
        } catch (IllegalArgumentException e) {
            throw new UserMistakeException(
                    "The URL of the " + role.description() + ", '" + settings.displayUrl()
                            + "', is not a valid PostgreSQL JDBC URL: " + e.getMessage() + ".",
                    fixTheUrl,
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

    private static void check(DataSource dataSource, ConnectionSettings settings, Role role) {
        try (Connection ignored = dataSource.getConnection()) {
            // reaching the server and logging in is the whole check
        } catch (SQLException e) {
            throw translate(e, settings, role);
        }
    }

    /** Turns a failed connection attempt into a user or environment failure that says what failed, and where. */
    static RuntimeException translate(SQLException e, ConnectionSettings settings, Role role) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = settings.displayUrl();
        String serverMessage = e.getMessage();
        if (state.equals("28P01") || state.equals("28000")) {
            return failed(
                    "Cannot log in to " + where + ": " + serverMessage + ".",
                    role,
                    ConnectionFailure.WRONG_CREDENTIALS,
                    e);
        }
        if (state.equals(CONNECTION_REJECTED) && settings.password() == null) {
            // pgjdbc asks for the password only when the server does (SCRAM, md5 or plain password authentication)
            return failed(
                    "Cannot log in to " + where + ": the server asks for a password, and none was given ("
                            + serverMessage + ").",
                    role,
                    ConnectionFailure.NO_PASSWORD,
                    e);
        }
        if (state.equals("3D000")) {
            return failed(
                    "The database in " + where + " does not exist: " + serverMessage
                            + ". Create it first (CREATE DATABASE ...), or fix the database name.",
                    role,
                    ConnectionFailure.UNKNOWN_DATABASE,
                    e);
        }
        if (state.startsWith("08")) {
            return failed(
                    "Cannot connect to " + where + " within " + CONNECT_TIMEOUT.toSeconds() + " s: " + serverMessage
                            + ".",
                    role,
                    ConnectionFailure.UNREACHABLE,
                    e);
        }
        return new EnvironmentFailureException(
                "Connecting to " + where + " failed (SQLSTATE " + state + "): " + serverMessage, e);
    }

    private static UserMistakeException failed(
            String message, Role role, ConnectionFailure failure, SQLException cause) {
        return new UserMistakeException(message, new Suggestion.Connection(role, failure), cause);
    }
}
