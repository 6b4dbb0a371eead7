package dev.migrate.codegen.incremental;

import dev.migrate.connection.ReusedConnections;
import dev.migrate.database.OpenDatabase;
import dev.migrate.digest.Sha256;
import dev.migrate.embedded.BuildServer;
import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.embedded.EmbeddedSettings;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.MigratedPrefix;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.Migrator;
import dev.migrate.migration.UpgradeResult;
import java.io.Serializable;
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
 * after a successful migration, so a failed or interrupted build leaves a database the next build recreates.
 *
 * <p>It is opened, upgraded and read in the JVM that does the build's Flyway and jOOQ work: with the codegen worker,
 * the worker leases the build server, which then outlives the build, and the build's JVM never connects to it.
 */
public final class SchemaCache implements AutoCloseable {

    private static final int MAX_NAME_PREFIX = 40;

    private final BuildServer.Lease lease;
    /** The server's connections to the cached schema, which it keeps open from one build to the next. */
    private final ReusedConnections connections;

    private final OpenDatabase database;
    private final Entry entry;

    private SchemaCache(BuildServer.Lease lease, String version, Entry entry) {
        this.lease = lease;
        this.connections = lease.connections(entry.name());
        this.database =
                OpenDatabase.kept(connections, "the cached schema " + entry.name() + " (PostgreSQL " + version + ")");
        this.entry = entry;
    }

    /**
     * Where a module's schema is cached.
     *
     * @param embedded  how to run the embedded server
     * @param directory the top-level project's {@code target/migrate}, which holds the build server's cluster
     * @param database  the module's database, see {@link #databaseName}
     */
    public record Location(Supplier<EmbeddedSettings> embedded, Path directory, String database) {

        /** The module's cached schema, for a build with settings of {@code key}. */
        public Entry entry(String key) {
            return new Entry(database, key);
        }
    }

    /** A cached schema as {@link #upgrade} needs it: its database, and the key of this build's settings. */
    public record Entry(String name, String key) implements Serializable {}

    /**
     * What {@link #upgrade} did: the migrations it applied; the digest of the catalog jOOQ reads when it was asked
     * for (null otherwise), and how long reading it took.
     */
    public record Upgraded(UpgradeResult upgraded, String catalog, long catalogMillis) {}

    /**
     * Leases, in this JVM, the build server of {@code entry} on the cluster under {@code directory} (the top-level
     * project's {@code target/migrate}), or empty when another build is using the cluster. Close it when done with it.
     */
    public static Optional<SchemaCache> open(EmbeddedSettings settings, Path directory, Entry entry, BuildLog log) {
        String version = settings.binaries().version();
        Optional<BuildServer.Lease> lease =
                BuildServer.lease(settings, directory.resolve("codegen-postgres-" + version), log);
        if (lease.isEmpty()) {
            log.info("Another build is using the cached schemas in " + directory + ": generating on a throwaway"
                    + " server instead");
            return Optional.empty();
        }
        return Optional.of(new SchemaCache(lease.get(), version, entry));
    }

    /**
     * Brings the cached schema up to date with {@code migrations}: applies only the pending ones when it holds the
     * completed state of an earlier build with the same key and a prefix of them (Flyway's validation decides, and
     * migrating does not validate again); otherwise recreates it empty, saying why in one line, and applies them all.
     * Then marks it complete, and reads the catalog's digest when {@code readCatalog}.
     */
    public Upgraded upgrade(MigrationSettings migrations, boolean readCatalog, BuildLog log) {
        try (Connection maintenance = maintenance().getConnection()) {
            UpgradeResult upgraded = prepare(maintenance, log)
                    ? continueOrRecreate(maintenance, migrations, log)
                    : Migrator.upgrade(database, migrations, log.infoAsDebug());
            execute(
                    maintenance,
                    "COMMENT ON DATABASE \"" + entry.name() + "\" IS '"
                            + entry.key().replace("'", "''") + "'");
            long reading = System.nanoTime();
            String catalog = readCatalog ? CatalogDigest.of(connections) : null;
            return new Upgraded(upgraded, catalog, (System.nanoTime() - reading) / 1_000_000);
        } catch (SQLException e) {
            throw cannotConnect(e);
        }
    }

    private UpgradeResult continueOrRecreate(Connection maintenance, MigrationSettings migrations, BuildLog log) {
        Optional<String> whyNot = MigratedPrefix.whyNotContinuable(database, migrations, log.infoAsDebug());
        if (whyNot.isEmpty()) {
            return Migrator.upgradeValidated(database, migrations, log.infoAsDebug());
        }
        log.info(whyNot.get() + ": migrating from scratch");
        recreate(maintenance, "DROP DATABASE");
        return Migrator.upgrade(database, migrations, log.infoAsDebug());
    }

    /**
     * Makes sure the cached schema exists, empty unless it holds the completed state of an earlier build with the
     * same key, and clears its mark; returns whether it holds that state.
     */
    private boolean prepare(Connection maintenance, BuildLog log) {
        Optional<String> storedKey = storedKey(maintenance, entry.name());
        boolean earlierState = storedKey.isPresent() && storedKey.get().equals(entry.key());
        if (!earlierState) {
            if (storedKey.isPresent()) {
                log.info("The cached schema " + entry.name() + " was migrated with other settings, versions, or by a"
                        + " build that did not finish: migrating from scratch");
            }
            recreate(maintenance, "DROP DATABASE IF EXISTS");
        }
        // from here until it is marked again, the database does not claim to hold any completed state
        execute(maintenance, "COMMENT ON DATABASE \"" + entry.name() + "\" IS ''");
        return earlierState;
    }

    /**
     * Drops the cached schema with {@code drop} and creates it empty; the kept connections no step uses go first, as
     * the forced drop would end them.
     */
    private void recreate(Connection maintenance, String drop) {
        connections.closeIdle();
        execute(maintenance, drop + " \"" + entry.name() + "\" WITH (FORCE)");
        execute(maintenance, "CREATE DATABASE \"" + entry.name() + "\"");
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

    public OpenDatabase database() {
        return database;
    }

    /** The server's maintenance database, which creates, drops and marks the cached schemas. */
    private DataSource maintenance() {
        return lease.connections(EmbeddedServer.DEFAULT_DATABASE);
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
