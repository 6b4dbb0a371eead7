package dev.migrate.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * What the backends of one database on a test server are doing, read from pg_stat_activity and pg_locks through an
 * administrator's connection. Waits poll until a deadline and fail the test when it passes.
 */
public final class ServerActivity {

    private static final long DEADLINE_MILLIS = 60_000;
    private static final long POLL_MILLIS = 100;

    private final DataSource admin;
    private final String database;

    public ServerActivity(DataSource admin, String database) {
        this.admin = admin;
        this.database = database;
    }

    /** Waits until a backend of the database runs a statement starting with {@code statement}; its PID. */
    public int awaitBackendRunning(String statement) throws InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Optional<Integer> backend = backendRunning(statement);
            if (backend.isPresent()) {
                return backend.get();
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new AssertionError("No backend of " + database + " ran " + statement + " within 60 s");
    }

    /** Waits until no backend of the database runs {@code statement}; fails the test when one still does. */
    public void awaitNoBackendRunning(String statement) throws InterruptedException {
        awaitUntil(() -> backendRunning(statement).isEmpty(), "A backend still runs " + statement);
    }

    /** Waits until no session holds an advisory lock in the database; fails the test when one still does. */
    public void awaitNoAdvisoryLock() throws InterruptedException {
        awaitUntil(() -> advisoryLockHolders().isEmpty(), "An advisory lock is still held");
    }

    private void awaitUntil(BooleanSupplier condition, String failure) throws InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new AssertionError(failure + " in " + database + " after 60 s");
    }

    public Optional<Integer> backendRunning(String statement) {
        List<Integer> pids = pids(
                "SELECT pid FROM pg_stat_activity WHERE datname = ? AND state = 'active'" + " AND query LIKE ? || '%'",
                database, statement);
        return pids.stream().findFirst();
    }

    /** The PIDs of the sessions holding an advisory lock in the database. */
    public List<Integer> advisoryLockHolders() {
        return pids(
                "SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                        + " WHERE l.locktype = 'advisory' AND l.granted AND d.datname = ?",
                database);
    }

    /** Cancels the statement a backend runs, as Ctrl-C in psql would. */
    public void cancel(int pid) {
        pids(
                "SELECT pid FROM (SELECT pid, pg_cancel_backend(pid) FROM pg_stat_activity WHERE pid = ?::int) c",
                String.valueOf(pid));
    }

    private List<Integer> pids(String sql, String... parameters) {
        try (Connection connection = admin.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            List<Integer> pids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getInt(1));
                }
            }
            return pids;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
