package dev.migrate.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.error.UserMistakeException;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class ConnectionFactoryTest {

    private static final String WRONG_PASSWORD = "wrong-Pa55word-xyz";

    @Test
    void logsInWithScramPassword() throws SQLException {
        DataSource dataSource = ConnectionFactory.forServer(new ConnectionSettings(
                url(EmbeddedServer.DEFAULT_DATABASE), TestPostgres.PASSWORD_USER, TestPostgres.PASSWORD));

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
                () -> ConnectionFactory.forServer(new ConnectionSettings(
                        url(EmbeddedServer.DEFAULT_DATABASE), TestPostgres.PASSWORD_USER, WRONG_PASSWORD)));

        assertTrue(
                failure.getMessage().startsWith("Cannot log in to jdbc:postgresql://localhost:"), failure.getMessage());
        assertTrue(failure.getMessage().contains("<serverId>"), failure.getMessage());
        assertFalse(failure.getMessage().contains(WRONG_PASSWORD), failure.getMessage());
    }

    @Test
    void unknownDatabaseSaysToCreateIt() {
        UserMistakeException failure = assertThrows(
                UserMistakeException.class,
                () -> ConnectionFactory.forServer(new ConnectionSettings(url("no_such_database"), "postgres", null)));

        assertTrue(failure.getMessage().contains("does not exist"), failure.getMessage());
        assertTrue(failure.getMessage().contains("CREATE DATABASE"), failure.getMessage());
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
                () -> ConnectionFactory.forServer(new ConnectionSettings(url, "postgres", null)));

        assertTrue(failure.getMessage().startsWith("Cannot connect to " + url), failure.getMessage());
        assertTrue(failure.getMessage().contains("Check that the server is running"), failure.getMessage());
    }

    @Test
    void nonPostgresUrlIsRejectedNamingTheParameter() {
        UserMistakeException failure = assertThrows(
                UserMistakeException.class,
                () -> ConnectionFactory.forServer(new ConnectionSettings("jdbc:mysql://db/shop", "u", "p")));

        assertTrue(failure.getMessage().contains("<url> must be a PostgreSQL JDBC URL"), failure.getMessage());
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
