package dev.migrate.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.error.ConnectionFailure;
import dev.migrate.error.Role;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class ConnectionFactoryTest {

    private static final String WRONG_PASSWORD = "wrong-Pa55word-xyz";

    @Test
    void logsInWithScramPassword() throws SQLException {
        DataSource dataSource = ConnectionFactory.forServer(
                new ConnectionSettings(
                        url(EmbeddedServer.DEFAULT_DATABASE), TestPostgres.PASSWORD_USER, TestPostgres.PASSWORD),
                Role.TARGET);

        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet user = statement.executeQuery("SELECT current_user")) {
            user.next();
            assertEquals(TestPostgres.PASSWORD_USER, user.getString(1));
        }
    }

    @Test
    void wrongPasswordIsAUserMistakeThatNeverShowsThePassword() {
        UserMistakeException failure = assertThrows(
                UserMistakeException.class,
                () -> ConnectionFactory.forServer(
                        new ConnectionSettings(
                                url(EmbeddedServer.DEFAULT_DATABASE), TestPostgres.PASSWORD_USER, WRONG_PASSWORD),
                        Role.CODEGEN));

        assertTrue(
                failure.getMessage().startsWith("Cannot log in to jdbc:postgresql://localhost:"), failure.getMessage());
        assertEquals(
                Optional.of(new Suggestion.Connection(Role.CODEGEN, ConnectionFailure.WRONG_CREDENTIALS)),
                failure.suggestion());
        assertFalse(failure.getMessage().contains(WRONG_PASSWORD), failure.getMessage());
    }

    /** pgjdbc reports a scram server's request for a password it was not given as SQLSTATE 08004. */
    @Test
    void noPasswordForAScramServerSaysSoRatherThanThatTheServerIsDown() {
        UserMistakeException failure = assertThrows(
                UserMistakeException.class,
                () -> ConnectionFactory.forServer(
                        new ConnectionSettings(url(EmbeddedServer.DEFAULT_DATABASE), TestPostgres.PASSWORD_USER, null),
                        Role.TARGET));

        assertTrue(
                failure.getMessage().contains("the server asks for a password, and none was given"),
                failure.getMessage());
        assertEquals(
                Optional.of(new Suggestion.Connection(Role.TARGET, ConnectionFailure.NO_PASSWORD)),
                failure.suggestion());
    }

    @Test
    void unknownDatabaseSaysToCreateIt() {
        UserMistakeException failure = assertThrows(
                UserMistakeException.class,
                () -> ConnectionFactory.forServer(
                        new ConnectionSettings(url("no_such_database"), "postgres", null), Role.CODEGEN));

        assertTrue(failure.getMessage().contains("does not exist"), failure.getMessage());
        assertTrue(failure.getMessage().contains("CREATE DATABASE"), failure.getMessage());
        assertEquals(
                Optional.of(new Suggestion.Connection(Role.CODEGEN, ConnectionFailure.UNKNOWN_DATABASE)),
                failure.suggestion());
    }

    @Test
    void unreachableServerFailsQuicklyNamingTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://localhost:" + closedPort + "/shop";

        UserMistakeException failure = assertThrows(
                UserMistakeException.class,
                () -> ConnectionFactory.forServer(new ConnectionSettings(url, "postgres", null), Role.TARGET));

        assertTrue(failure.getMessage().startsWith("Cannot connect to " + url), failure.getMessage());
        assertEquals(
                Optional.of(new Suggestion.Connection(Role.TARGET, ConnectionFailure.UNREACHABLE)),
                failure.suggestion());
    }

    @Test
    void nonPostgresUrlIsRejectedNamingTheServer() {
        UserMistakeException failure = assertThrows(
                UserMistakeException.class,
                () -> ConnectionFactory.forServer(
                        new ConnectionSettings("jdbc:mysql://db/shop", "u", "p"), Role.TARGET));

        assertTrue(
                failure.getMessage().contains("The URL of the target server must be a PostgreSQL JDBC URL"),
                failure.getMessage());
        assertEquals(
                Optional.of(new Suggestion.Connection(Role.TARGET, ConnectionFailure.NOT_A_POSTGRES_URL)),
                failure.suggestion());
    }

    @Test
    void passwordInTheUrlIsMaskedForDisplay() {
        ConnectionSettings settings =
                new ConnectionSettings("jdbc:postgresql://db/shop?user=u&password=hunter2&ssl=true", null, "hunter2");

        assertEquals("jdbc:postgresql://db/shop?user=u&password=******&ssl=true", settings.displayUrl());
        assertFalse(settings.toString().contains("hunter2"));
    }

    private static String url(String database) {
        return "jdbc:postgresql://localhost:" + TestPostgres.server().port() + "/" + database;
    }
}
