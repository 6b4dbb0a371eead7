package dev.migrate.bench;

import dev.migrate.database.EmbeddedServer;
import dev.migrate.database.EmbeddedSettings;
import dev.migrate.database.PostgresBinaries;
import dev.migrate.log.BuildLog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Times how long the plugin's embedded PostgreSQL takes to be ready for connections, in a fresh JVM as in a Maven
 * build: {@code EmbeddedStartProbe <binaries jar> <version> <binaries cache> <work directory>} prints
 * {@code ready-millis=<n>} (start until a first query answered) on its last line.
 */
public final class EmbeddedStartProbe {

    private EmbeddedStartProbe() {
    }

    public static void main(String[] arguments) throws SQLException {
        EmbeddedSettings settings = new EmbeddedSettings(new PostgresBinaries(Path.of(arguments[0]), arguments[1]),
                Path.of(arguments[2]), Duration.ofMinutes(5), 0);
        long started = System.nanoTime();
        try (EmbeddedServer server = EmbeddedServer.startThrowaway(settings, Path.of(arguments[3]), new SilentLog());
                Connection connection = server.dataSource(EmbeddedServer.DEFAULT_DATABASE).getConnection()) {
            connection.createStatement().execute("SELECT 1");
            System.out.println("ready-millis=" + Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    private static final class SilentLog implements BuildLog {

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public void debug(String message) {
        }

        @Override
        public void info(String message) {
            System.out.println(message);
        }

        @Override
        public void warn(String message) {
            System.out.println(message);
        }

        @Override
        public void error(String message) {
            System.out.println(message);
        }
    }
}
