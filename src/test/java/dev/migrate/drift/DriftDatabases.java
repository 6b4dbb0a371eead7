package dev.migrate.drift;

import dev.migrate.connection.ConnectionSettings;
import dev.migrate.database.OpenDatabase;
import dev.migrate.database.ThrowawayDatabase;
import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.Migrator;
import dev.migrate.testing.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** The databases the drift tests compare: targets migrated by Flyway, and throwaways on a chosen server. */
final class DriftDatabases {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private DriftDatabases() {}

    /** A new database on {@code server}, migrated by Flyway with {@code migrations}, opened as a user's server. */
    static OpenDatabase migrated(EmbeddedServer server, MigrationSettings migrations) {
        String name = "drift_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        TestPostgres.execute(server.dataSource(EmbeddedServer.DEFAULT_DATABASE), "CREATE DATABASE " + name);
        OpenDatabase database = OpenDatabase.server(new ConnectionSettings(server.jdbcUrl(name), null, null));
        Migrator.upgrade(database, migrations, TestPostgres.quietLog());
        return database;
    }

    /** Throwaway databases on {@code server} whatever major version is asked for, as the plugin makes them. */
    static Function<String, OpenDatabase> throwawaysOn(EmbeddedServer server, List<String> askedFor) {
        return major -> {
            askedFor.add(major);
            ConnectionSettings maintenance =
                    new ConnectionSettings(server.jdbcUrl(EmbeddedServer.DEFAULT_DATABASE), null, null);
            return new ThrowawayDatabase(maintenance, null, null).open(TestPostgres.quietLog());
        };
    }

    static MigrationSettings corpus(String name) {
        Path folder = Path.of(System.getProperty("corpora.dir"), name)
                .toAbsolutePath()
                .normalize();
        return testResources(folder, Map.of());
    }

    static MigrationSettings resources(String folder, Map<String, String> placeholders) {
        try {
            return testResources(
                    Path.of(DriftDatabases.class.getResource("/" + folder).toURI()), placeholders);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MigrationSettings testResources(Path folder, Map<String, String> placeholders) {
        return new MigrationSettings(
                List.of("filesystem:" + folder),
                List.of(),
                placeholders,
                Map.of(),
                null,
                DriftDatabases.class.getClassLoader());
    }
}
