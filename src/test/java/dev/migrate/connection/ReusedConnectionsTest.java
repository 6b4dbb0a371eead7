package dev.migrate.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** On the test server: which backend each step gets, and in what state. */
class ReusedConnectionsTest {

    private final String database = TestPostgres.newDatabase();
    private final DataSource direct = TestPostgres.server().dataSource(database);

    @Test
    void aStepGetsTheBackendTheStepBeforeClosed() throws SQLException {
        try (ReusedConnections reused = new ReusedConnections(direct)) {
            int first;
            try (Connection connection = reused.getConnection()) {
                first = backend(connection);
            }

            try (Connection connection = reused.getConnection()) {
                assertEquals(first, backend(connection));
            }
        }
    }

    /**
     * Kept between builds, an idle connection may have been ended by the server meanwhile (a restart, an
     * administrator): it is checked and replaced, not handed to a step that would fail on it.
     */
    @Test
    void aConnectionTheServerEndedWhileItWasIdleIsReplaced() throws SQLException {
        try (ReusedConnections reused = new ReusedConnections(direct, Duration.ZERO);
                Connection administrator = direct.getConnection()) {
            int ended;
            try (Connection connection = reused.getConnection()) {
                ended = backend(connection);
            }
            assertEquals("true", single(administrator, "SELECT pg_terminate_backend(" + ended + ")::text"));
            awaitGone(administrator, ended);

            try (Connection connection = reused.getConnection()) {
                assertNotEquals(ended, backend(connection));
                assertEquals("1", single(connection, "SELECT 1"));
            }
        }
    }

    /** pg_terminate_backend signals the backend; it exits a moment later. */
    private static void awaitGone(Connection administrator, int backend) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"0".equals(single(administrator, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + backend))) {
            assertTrue(System.nanoTime() < deadline, "backend " + backend + " did not end");
            Thread.onSpinWait();
        }
    }

    @Test
    void stepsAtTheSameTimeGetBackendsOfTheirOwn() throws SQLException {
        try (ReusedConnections reused = new ReusedConnections(direct);
                Connection one = reused.getConnection();
                Connection other = reused.getConnection()) {
            assertNotEquals(backend(one), backend(other));
        }
    }

    @Test
    void whatAStepLeftOpenIsRolledBackAndTheNextStepStartsAfresh() throws SQLException {
        try (ReusedConnections reused = new ReusedConnections(direct)) {
            try (Connection connection = reused.getConnection()) {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
                execute(connection, "SET LOCAL statement_timeout = '1s'");
                assertEquals("1s", single(connection, "SHOW statement_timeout"));
            }

            try (Connection connection = reused.getConnection()) {
                assertTrue(connection.getAutoCommit());
                assertFalse(connection.isReadOnly());
                assertEquals("0", single(connection, "SHOW statement_timeout"));
                execute(connection, "CREATE TABLE written (id INT)");
            }
        }
    }

    @Test
    void closingTheIdleConnectionsLetsTheirDatabaseBeDroppedAndMadeAgain() throws SQLException {
        DataSource maintenance = TestPostgres.server().dataSource(EmbeddedServer.DEFAULT_DATABASE);
        try (ReusedConnections reused = new ReusedConnections(direct)) {
            int before;
            try (Connection connection = reused.getConnection()) {
                before = backend(connection);
            }

            reused.closeIdle();
            // without WITH (FORCE), which would end a backend still open
            TestPostgres.execute(maintenance, "DROP DATABASE " + database);
            TestPostgres.execute(maintenance, "CREATE DATABASE " + database);

            try (Connection connection = reused.getConnection()) {
                assertNotEquals(before, backend(connection));
            }
        }
    }

    @Test
    void closingEndsEveryBackend() throws SQLException {
        Connection left;
        try (ReusedConnections reused = new ReusedConnections(direct)) {
            left = reused.getConnection();
        }

        assertTrue(left.isClosed());
    }

    private static int backend(Connection connection) throws SQLException {
        return Integer.parseInt(single(connection, "SELECT pg_backend_pid()"));
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
