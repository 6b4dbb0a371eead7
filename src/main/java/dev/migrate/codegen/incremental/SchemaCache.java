package dev.migrate.codegen.incremental;

import dev.migrate.database.OpenDatabase;
import dev.migrate.digest.Sha256;
import dev.migrate.embedded.BuildServer;
import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.embedded.EmbeddedSettings;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.log.BuildLog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A module's migrated schema, kept between builds so that the next generation applies only new migrations: a database
 * of the {@link BuildServer} named after the module. Its comment holds the key of the settings it was migrated with
 * (placeholders, Flyway settings, versions). The comment is cleared before the database changes and written back only
 * after a successful generation, so a failed or interrupted build leaves a database the next build recreates.
 */
public final class SchemaCache implements AutoCloseable {

    private static final int MAX_NAME_PREFIX = 40;

    private final BuildServer.Lease lease;
    private final DataSource maintenance;
    private final String name;
    private final OpenDatabase database;
    private final String key;
    private final boolean earlierState;

    private SchemaCache(BuildServer.Lease lease, String name, String version, String key, boolean earlierState) {
        this.lease = lease;
        this.maintenance = lease.server().dataSource(EmbeddedServer.DEFAULT_DATABASE);
        this.name = name;
        this.database = OpenDatabase.kept(
                lease.server().dataSource(name), "the cached schema " + name + " (PostgreSQL " + version + ")");
        this.key = key;
        this.earlierState = earlierState;
    }

    /**
     * Where a module's schema is cached.
     *
     * @param embedded  how to run the embedded server
     * @param directory the top-level project's {@code target/migrate}, which holds the build server's cluster
     * @param database  the module's database, see {@link #databaseName}
     */
    public record Location(Supplier<EmbeddedSettings> embedded, Path directory, String database) {}

    /**
     * Opens the module's cached schema for this build, or empty when another build is using the cluster. A cache
     * migrated with another key is recreated empty, with one log line. Close it when done with it.
     */
    public static Optional<SchemaCache> open(Location location, String key, BuildLog log) {
        EmbeddedSettings settings = location.embedded().get();
        String version = settings.binaries().version();
        Optional<BuildServer.Lease> lease =
                BuildServer.lease(settings, location.directory().resolve("codegen-postgres-" + version), log);
        if (lease.isEmpty()) {
            log.info("Another build is using the cached schemas in " + location.directory() + ": generating on a"
                    + " throwaway server instead");
            return Optional.empty();
        }
        try {
            return Optional.of(prepare(lease.get(), location.database(), version, key, log));
        } catch (RuntimeException e) {
            lease.get().close();
            throw e;
        }
    }

    private static SchemaCache prepare(BuildServer.Lease lease, String name, String version, String key, BuildLog log) {
        // one connection for all of it: each new one costs a scram handshake and a backend, a lot in a fresh JVM
        try (Connection maintenance =
                lease.server().dataSource(EmbeddedServer.DEFAULT_DATABASE).getConnection()) {
            Optional<String> storedKey = storedKey(maintenance, name);
            boolean earlierState = storedKey.isPresent() && storedKey.get().equals(key);
            if (storedKey.isEmpty() || !earlierState) {
                if (storedKey.isPresent()) {
                    log.info("The cached schema " + name + " was migrated with other settings, versions, or by a"
                            + " build that did not finish: migrating from scratch");
                }
                execute(maintenance, "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
                execute(maintenance, "CREATE DATABASE \"" + name + "\"");
            }
            // from here until markComplete, the database does not claim to hold any completed state
            execute(maintenance, "COMMENT ON DATABASE \"" + name + "\" IS ''");
            return new SchemaCache(lease, name, version, key, earlierState);
        } catch (SQLException e) {
            throw cannotConnect(e);
        }
    }

    /**
     * The module's database name: its artifactId, made a plain identifier, and a hash of its directory, so that two
     * modules with the same artifactId never share one.
     */
    public static String databaseName(String artifactId, Path moduleDirectory) {
        String plain = artifactId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return "codegen_" + plain.substring(0, Math.min(plain.length(), MAX_NAME_PREFIX)) + "_"
                + Sha256.shortHex(moduleDirectory.toAbsolutePath().normalize().toString(), 4);
    }

    /** Whether the database holds the state of an earlier, completed generation with the same key. */
    public boolean holdsEarlierState() {
        return earlierState;
    }

    public OpenDatabase database() {
        return database;
    }

    /** Replaces the database with an empty one, saying why in one log line. */
    public void recreate(String reason, BuildLog log) {
        log.info(reason + ": migrating from scratch");
        executeAll("DROP DATABASE \"" + name + "\" WITH (FORCE)", "CREATE DATABASE \"" + name + "\"");
    }

    /** Records that the database holds the migrated state of a successful generation. */
    public void markComplete() {
        executeAll("COMMENT ON DATABASE \"" + name + "\" IS '" + key.replace("'", "''") + "'");
    }

    /** Hands the server back: the database stays for the next build. */
    @Override
    public void close() {
        lease.close();
    }

    /** The key in the database's comment; empty when there is no such database, or it is not marked complete. */
    private static Optional<String> storedKey(Connection maintenance, String name) {
        String sql = "SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database WHERE datname = ?";
        try (PreparedStatement statement = maintenance.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new EnvironmentFailureException("Cannot read the cached schema " + name + ": " + e.getMessage(), e);
        }
    }

    private void executeAll(String... statements) {
        try (Connection connection = maintenance.getConnection()) {
            for (String sql : statements) {
                execute(connection, sql);
            }
        } catch (SQLException e) {
            throw cannotConnect(e);
        }
    }

    private static void execute(Connection maintenance, String sql) {
        try (Statement statement = maintenance.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new EnvironmentFailureException(
                    "Cannot update the cached schemas (" + sql + "): " + e.getMessage(), e);
        }
    }

    private static EnvironmentFailureException cannotConnect(SQLException e) {
        return new EnvironmentFailureException("Cannot connect to the cached schemas: " + e.getMessage(), e);
    }
}
