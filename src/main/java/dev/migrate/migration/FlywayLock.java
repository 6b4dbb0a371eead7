package dev.migrate.migration;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.log.BuildLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Flyway's advisory lock on a PostgreSQL database, and the session that holds it. */
public final class FlywayLock {

    /** Flyway's own setting for its lock wait: one try a second. */
    private static final String LOCK_RETRY_COUNT = "lockRetryCount";

    /** How often a goal tries the lock again while another session holds it, as Flyway's own wait does. */
    private static final Duration RETRY = Duration.ofMillis(200);

    /** Flyway's PostgreSQLAdvisoryLockTemplate locks this number plus the hash code of the quoted table name. */
    private static final long FLYWAY_LOCK_BASE = 77431708279161L;

    private static final String HOLDER = """
            SELECT a.pid, a.usename, a.application_name, a.client_addr, a.state, a.query_start, left(a.query, 200)
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1""";

    /** The process id of the session holding the lock, and how a message describes that session. */
    record Holder(int pid, String description) {}

    private FlywayLock() {}

    /**
     * Sets how long the goal waits for Flyway's lock: as long as the database's limits allow, unless the user set
     * Flyway's {@code lockRetryCount} (one try a second). Flyway's own wait, for {@code migrate} and {@code baseline},
     * and {@link #whileHolding} alike read it from the configuration.
     */
    public static void boundFlywaysWait(
            FluentConfiguration configuration, MigrationSettings settings, OpenDatabase database) {
        if (!settings.flywayProperties().containsKey(LOCK_RETRY_COUNT)) {
            configuration.lockRetryCount((int) database.limits().lockWait().toSeconds());
        }
    }

    /**
     * Runs an {@code operation} of {@code flyway} that takes Flyway's lock itself: says whom it waits for when the
     * lock is held, and names the holder when Flyway gives up waiting. Flyway's other failures are translated.
     */
    static <T> T whileFlywayLocks(OpenDatabase database, Flyway flyway, BuildLog log, Supplier<T> operation) {
        String historyTable = HistoryTable.qualifiedName(flyway, database.dataSource());
        int wait = flyway.getConfiguration().getLockRetryCount();
        announceWait(database, historyTable, wait, log);
        try {
            return operation.get();
        } catch (FlywayException e) {
            boolean gaveUp = e.getMessage() != null && e.getMessage().startsWith("Number of retries exceeded");
            throw database.explain(
                    gaveUp
                            ? waitExceeded(database, historyTable, wait, e)
                            : FlywayFailures.translate(e, database, () -> historyTable));
        }
    }

    /**
     * Runs {@code operation} on {@code flyway} while this goal holds Flyway's lock on its own connection, so that it
     * never overlaps an upgrade: Flyway takes it for {@code migrate} and {@code baseline}, not for repair or clean.
     * Waits for the lock as long as {@link #boundFlywaysWait} set; Flyway's failures are translated.
     */
    public static <T> T whileHolding(OpenDatabase database, Flyway flyway, BuildLog log, Supplier<T> operation) {
        String historyTable = HistoryTable.qualifiedName(flyway, database.dataSource());
        long key = key(historyTable);
        Duration wait = Duration.ofSeconds(flyway.getConfiguration().getLockRetryCount());
        announceWait(database, historyTable, wait.toSeconds(), log);
        try (Connection connection = database.dataSource().getConnection()) {
            acquire(connection, key, wait, database, historyTable);
            try {
                return operation.get();
            } catch (FlywayException e) {
                throw database.explain(FlywayFailures.translate(e, database, () -> historyTable));
            }
            // closing the connection ends its session, which releases the lock
        } catch (SQLException e) {
            throw database.explain(new EnvironmentFailureException(
                    "Cannot take Flyway's lock on " + historyTable + " of " + database.displayName() + ": "
                            + e.getMessage(),
                    e));
        }
    }

    /** Says whom the goal waits for, when another session holds the lock now. */
    private static void announceWait(OpenDatabase database, String historyTable, long seconds, BuildLog log) {
        holder(database.dataSource(), historyTable)
                .ifPresent(holder -> log.info("Waiting up to " + seconds + " s for Flyway's lock on " + historyTable
                        + ", held by " + holder.description()));
    }

    /** The failure of a goal that waited {@code seconds} for the lock in vain, naming who holds it and what to do. */
    static EnvironmentFailureException waitExceeded(
            OpenDatabase database, String historyTable, long seconds, Throwable cause) {
        Optional<Holder> holder = holder(database.dataSource(), historyTable);
        return new EnvironmentFailureException(
                "Waited " + seconds + " s for Flyway's lock on " + historyTable + " of " + database.displayName()
                        + ", held by "
                        + holder.map(Holder::description).orElse("a session that has released it since")
                        + ". Another upgrade may still be running: wait for it, or, if that session is stale,"
                        + " end it with "
                        + holder.map(held -> "SELECT pg_terminate_backend(" + held.pid() + ");")
                                .orElse("pg_terminate_backend")
                        + " Or allow a longer wait for the lock.",
                new Suggestion.Change(Setting.MIGRATION_LOCK_TIMEOUT),
                cause);
    }

    private static void acquire(
            Connection connection, long key, Duration wait, OpenDatabase database, String historyTable)
            throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        try (PreparedStatement tryLock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            tryLock.setLong(1, key);
            while (true) {
                try (ResultSet locked = tryLock.executeQuery()) {
                    locked.next();
                    if (locked.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw waitExceeded(database, historyTable, wait.toSeconds(), null);
                }
                sleep(RETRY);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailureException("Interrupted while waiting for Flyway's lock", e);
        }
    }

    private static long key(String historyTable) {
        return FLYWAY_LOCK_BASE + historyTable.hashCode();
    }

    /** Who holds Flyway's lock of {@code historyTable} now; empty when nobody does, or when that cannot be read. */
    static Optional<Holder> holder(DataSource dataSource, String historyTable) {
        long key = key(historyTable);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(HOLDER)) {
            // a bigint advisory key shows in pg_locks as its high and low 32 bits
            query.setLong(1, key >>> 32);
            query.setLong(2, key & 0xFFFF_FFFFL);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new Holder(row.getInt(1), describe(row))) : Optional.empty();
            }
        } catch (SQLException e) {
            // only the message would have been better: the wait itself is Flyway's
            return Optional.empty();
        }
    }

    private static String describe(ResultSet row) throws SQLException {
        return "PID " + row.getInt(1) + " (user " + row.getString(2) + ", application '" + row.getString(3) + "'"
                + (row.getString(4) == null ? "" : ", from " + row.getString(4)) + ", " + row.getString(5)
                + " since " + row.getTimestamp(6) + ": "
                + row.getString(7).strip().replaceAll("\\s+", " ") + ")";
    }
}
