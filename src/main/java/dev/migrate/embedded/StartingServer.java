package dev.migrate.embedded;

import dev.migrate.connection.DelegatingDataSource;
import dev.migrate.error.EnvironmentFailureException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * An embedded server that starts on a thread of its own while the goal's thread gets Flyway ready. In a build's fresh
 * JVM both take about half a second: Flyway's first configuration is CPU work (most of it Jackson, with which Flyway
 * copies its configuration extensions), a kept cluster's start is mostly waiting for PostgreSQL, so they overlap
 * ({@code migrate:upgrade} of the benchmark's 10 migrations: ~0.3 s less). Its data sources connect once the server
 * accepts connections. A start that fails throws its failure, as it was, from the first connection or
 * {@link #server()}; closing stops a server that started, after waiting for the start to end, so that none is left
 * running.
 */
public final class StartingServer implements AutoCloseable {

    private final FutureTask<EmbeddedServer> start;

    private StartingServer(Callable<EmbeddedServer> starting) {
        this.start = new FutureTask<>(starting);
        Thread thread = new Thread(start, "migrate-embedded-start");
        thread.setDaemon(true); // the server's own shutdown hook stops it when the JVM exits
        thread.start();
    }

    /** Starts {@code starting} (one of {@link EmbeddedServer}'s starts) in the background; returns at once. */
    public static StartingServer inBackground(Callable<EmbeddedServer> starting) {
        return new StartingServer(starting);
    }

    /** The server once it accepts connections. */
    public EmbeddedServer server() {
        try {
            return awaitStart();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure
                    ? failure
                    : new EnvironmentFailureException(
                            "The embedded PostgreSQL did not start: " + e.getCause(), e.getCause());
        }
    }

    /** A data source for {@code database} on the server, whose connections wait for the server to start. */
    public DataSource dataSource(String database) {
        return new AwaitingDataSource(() -> server().dataSource(database));
    }

    /** Stops the server once its start ended; a start that failed has left nothing to stop. */
    @Override
    public void close() {
        try {
            awaitStart().close();
        } catch (ExecutionException e) {
            // the start's failure is reported where the server was asked for; there is nothing to stop
        }
    }

    /** Waits for the start without giving up on an interrupt, which the start's own timeout bounds. */
    private EmbeddedServer awaitStart() throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return start.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A data source that asks for its target on first use, waiting for it. {@link #unwrap} reaches the target too, so
     * that the codegen worker can be told where the server is.
     */
    private static final class AwaitingDataSource extends DelegatingDataSource {

        private final Supplier<DataSource> target;
        private volatile DataSource resolved;

        private AwaitingDataSource(Supplier<DataSource> target) {
            this.target = target;
        }

        @Override
        protected DataSource target() {
            DataSource known = resolved;
            if (known == null) {
                known = target.get();
                resolved = known;
            }
            return known;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return target().getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return target().getConnection(user, password);
        }
    }
}
