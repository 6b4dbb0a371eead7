package dev.migrate.bench;

import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.embedded.EmbeddedSettings;
import dev.migrate.embedded.PostgresBinaries;
import dev.migrate.log.BuildLog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * Times how long the plugin's embedded PostgreSQL takes to be ready for connections, in a fresh JVM as in a Maven
 * build: {@code EmbeddedStartProbe <binaries jar> <version> <binaries cache> <work directory> [initdb]} prints
 * {@code ready-millis=<n>} (start until a first query answered) on its last line. With {@code initdb}, it times
 * what the plugin did before the cluster template, as the reference: zonky straight, initdb on every start.
 */
public final class EmbeddedStartProbe {

    private EmbeddedStartProbe() {}

    public static void main(String[] arguments) throws SQLException, IOException {
        if (arguments.length > 4 && arguments[4].equals("initdb")) {
            initdbEveryTime(Path.of(arguments[2]), Path.of(arguments[3]));
            return;
        }
        EmbeddedSettings settings = new EmbeddedSettings(
                new PostgresBinaries(Path.of(arguments[0]), arguments[1]),
                Path.of(arguments[2]),
                Duration.ofMinutes(5),
                0);
        long started = System.nanoTime();
        try (EmbeddedServer server = EmbeddedServer.startThrowaway(settings, Path.of(arguments[3]), new SilentLog());
                Connection connection =
                        server.dataSource(EmbeddedServer.DEFAULT_DATABASE).getConnection()) {
            connection.createStatement().execute("SELECT 1");
            System.out.println("ready-millis="
                    + Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    private static void initdbEveryTime(Path binariesCache, Path work) throws SQLException, IOException {
        System.setProperty("ot.epg.working-dir", binariesCache.toString());
        Path data = work.resolve("initdb-" + UUID.randomUUID());
        Files.createDirectories(work);
        ProcessBuilder.Redirect log =
                ProcessBuilder.Redirect.appendTo(work.resolve("initdb.log").toFile());
        long started = System.nanoTime();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(binariesCache.toFile())
                        .setDataDirectory(data)
                        .setCleanDataDirectory(true)
                        .setLocaleConfig("locale", "C")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setOutputRedirector(log)
                        .setErrorRedirector(log)
                        .start();
                Connection connection = postgres.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("SELECT 1");
            System.out.println("ready-millis="
                    + Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    /** Prints every line but DEBUG. */
    private static final class SilentLog implements BuildLog {

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public void log(Level level, String message) {
            System.out.println(message);
        }
    }
}
