package dev.migrate.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestPostgres;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartingServerTest {

    @TempDir
    Path work;

    private final CapturingLog log = new CapturingLog();

    @Test
    void aConnectionWaitsForTheServerAndTheCallerGoesOnMeanwhile() throws Exception {
        CountDownLatch callerWentOn = new CountDownLatch(1);
        try (StartingServer starting = StartingServer.inBackground(() -> {
            // the start cannot finish before the caller has its data source back
            if (!callerWentOn.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the caller waited for the start to end");
            }
            return EmbeddedServer.startThrowaway(TestPostgres.settings(), work, log);
        })) {
            DataSource dataSource = starting.dataSource(EmbeddedServer.DEFAULT_DATABASE);
            callerWentOn.countDown();

            try (Connection connection = dataSource.getConnection();
                    ResultSet row = connection.createStatement().executeQuery("SELECT current_database()")) {
                row.next();
                assertEquals(EmbeddedServer.DEFAULT_DATABASE, row.getString(1));
            }
            // the worker is told where the server is through the data source it wraps
            assertTrue(dataSource.isWrapperFor(EmbeddedDataSource.class));
            assertEquals(
                    starting.server().passwordFile(),
                    dataSource.unwrap(EmbeddedDataSource.class).passwordFile());
        }
    }

    @Test
    void closingStopsTheServerAndDeletesTheThrowaway() throws Exception {
        StartingServer starting =
                StartingServer.inBackground(() -> EmbeddedServer.startThrowaway(TestPostgres.settings(), work, log));
        int port = starting.server().port();
        assertTrue(accepts(port));

        starting.close();

        assertFalse(accepts(port));
        try (var left = Files.list(work)) {
            assertEquals(0, left.count(), "the throwaway cluster is deleted");
        }
    }

    @Test
    void closingRightAwayStillStopsTheServerOnceStarted() throws Exception {
        StartingServer starting =
                StartingServer.inBackground(() -> EmbeddedServer.startThrowaway(TestPostgres.settings(), work, log));

        starting.close(); // before the start has ended: it waits for it, then stops the server

        try (var left = Files.list(work)) {
            assertEquals(0, left.count(), "nothing of the server is left");
        }
    }

    @Test
    void aFailedStartFailsTheFirstConnectionWithItsOwnMessageAndClosingIsQuiet() {
        EnvironmentFailureException cause = new EnvironmentFailureException(
                "The embedded PostgreSQL 17.6.0 did not start in /nowhere: no space left on device",
                new java.io.IOException("No space left on device"));
        StartingServer starting = StartingServer.inBackground(() -> {
            throw cause;
        });
        DataSource dataSource = starting.dataSource(EmbeddedServer.DEFAULT_DATABASE);

        EnvironmentFailureException thrown = assertThrows(EnvironmentFailureException.class, dataSource::getConnection);
        assertSame(cause, thrown);
        assertSame(cause, assertThrows(EnvironmentFailureException.class, starting::server));
        starting.close();
    }

    @Test
    void aStartThatThrowsACheckedExceptionIsAnEnvironmentFailureThatSaysSo() {
        StartingServer starting = StartingServer.inBackground(() -> {
            throw new SQLException("checked");
        });

        EnvironmentFailureException thrown = assertThrows(EnvironmentFailureException.class, starting::server);
        assertTrue(thrown.getMessage().startsWith("The embedded PostgreSQL did not start: "), thrown.getMessage());
        assertTrue(thrown.getCause() instanceof SQLException);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1_000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
