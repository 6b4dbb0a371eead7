package dev.migrate.connection;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The connections a goal opens to a user's server, watched while the goal runs. When the JVM shuts down (Ctrl-C, or
 * a CI timeout's SIGTERM) it sends PostgreSQL's cancel request for their statements, so that no backend goes on
 * migrating, holding Flyway's lock, after the build is gone. While a statement runs, the server answers nothing on
 * the goal's own connection, however long a migration takes; so a separate check, a new connection and
 * {@code SELECT 1}, runs every few seconds, and when the server has answered none for longer than the bound, the
 * goal's connections are closed: the goal fails with {@link #failure()} instead of waiting forever.
 */
public final class ServerWatch extends DelegatingDataSource implements AutoCloseable {

    private static final Duration LONGEST_CHECK_INTERVAL = Duration.ofSeconds(15);

    private final DataSource delegate;
    private final DataSource checks;
    private final Duration bound;
    private final String displayUrl;
    private final List<Connection> connections = new ArrayList<>();
    private final Thread cancelOnShutdown = new Thread(this::cancelStatements, "migrate-cancel-on-shutdown");
    private final Thread watchdog = new Thread(this::watch, "migrate-server-watchdog");
    private volatile EnvironmentFailureException failure;
    private volatile String waitingFor = "the answer to its statement";
    /** The last check's failure, kept as the cause. */
    private SQLException unanswered;

    private volatile boolean closed;

    private ServerWatch(DataSource delegate, ConnectionSettings settings, Duration bound) {
        this.delegate = delegate;
        this.checks = ConnectionFactory.forLivenessChecks(settings, bound);
        this.bound = bound;
        this.displayUrl = settings.displayUrl();
    }

    @Override
    protected DataSource target() {
        return delegate;
    }

    /** Watches the connections that {@code delegate} opens to the server of {@code settings} until closed. */
    public static ServerWatch start(DataSource delegate, ConnectionSettings settings, Duration bound) {
        ServerWatch watch = new ServerWatch(delegate, settings, bound);
        Runtime.getRuntime().addShutdownHook(watch.cancelOnShutdown);
        watch.watchdog.setDaemon(true);
        watch.watchdog.start();
        return watch;
    }

    /** What the goal waits for now, for the message when the server stops answering. */
    public void waitingFor(String what) {
        waitingFor = what;
    }

    /** Why the goal's connections were closed, or {@code null} while the server answers. */
    public EnvironmentFailureException failure() {
        return failure;
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseAfterFailure();
        return tracked(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        refuseAfterFailure();
        return tracked(delegate.getConnection(user, password));
    }

    /** Once the server did not answer, a new connection would only wait for its own timeout. */
    private void refuseAfterFailure() throws SQLException {
        if (failure != null) {
            throw new SQLException(failure.getMessage(), "08006");
        }
    }

    private Connection tracked(Connection connection) {
        synchronized (connections) {
            connections.removeIf(ServerWatch::isClosed);
            connections.add(connection);
        }
        return connection;
    }

    private List<Connection> openConnections() {
        synchronized (connections) {
            connections.removeIf(ServerWatch::isClosed);
            return List.copyOf(connections);
        }
    }

    private void cancelStatements() {
        for (Connection connection : openConnections()) {
            try {
                connection.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException e) {
                // the JVM is going: the server ends the session when the socket closes
            }
        }
    }

    private void watch() {
        long interval = Math.max(1000, Math.min(bound.toMillis() / 4, LONGEST_CHECK_INTERVAL.toMillis()));
        long lastAnswer = System.nanoTime();
        while (!closed) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            if (answers()) {
                lastAnswer = System.nanoTime();
            } else if (!closed && System.nanoTime() - lastAnswer > bound.toNanos()) {
                giveUp();
                return;
            }
        }
    }

    /** Whether the server answered a new connection at all: an error it sends back is an answer too. */
    private boolean answers() {
        try (Connection connection = checks.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            unanswered = e;
            return e.getSQLState() != null && !e.getSQLState().startsWith("08");
        }
    }

    private void giveUp() {
        failure = new EnvironmentFailureException(
                displayUrl + " stopped answering: for more than " + bound.toSeconds()
                        + " s it answered none of the plugin's checks (a new connection and SELECT 1) while the goal waited"
                        + " for " + waitingFor + ", so the goal's connections were closed. Check the server and the"
                        + " network. If the server is only slow to accept connections, allow it longer.",
                new Suggestion.Change(Setting.SERVER_TIMEOUT),
                unanswered);
        for (Connection connection : openConnections()) {
            try {
                // closes the socket, which ends the goal's wait for an answer
                connection.abort(Runnable::run);
            } catch (SQLException e) {
                // it is closed either way
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        watchdog.interrupt();
        try {
            Runtime.getRuntime().removeShutdownHook(cancelOnShutdown);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and runs the hook itself
        }
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
