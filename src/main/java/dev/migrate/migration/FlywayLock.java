package dev.migrate.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** Flyway's advisory lock on a PostgreSQL database, and the session that holds it. */
final class FlywayLock {

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

    /** Who holds Flyway's lock of {@code historyTable} now; empty when nobody does, or when that cannot be read. */
    static Optional<Holder> holder(DataSource dataSource, String historyTable) {
        long key = FLYWAY_LOCK_BASE + historyTable.hashCode();
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
