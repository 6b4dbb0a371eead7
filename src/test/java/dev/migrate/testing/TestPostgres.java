package dev.migrate.testing;

import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.embedded.EmbeddedSettings;
import dev.migrate.embedded.PostgresBinaries;
import dev.migrate.log.BuildLog;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real embedded PostgreSQL for the tests, started once per test JVM from the binaries on the test class path. Each
 * test takes a fresh database of its own.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedServer server;
    private static EmbeddedServer version15;

    private TestPostgres() {}

    /** The embedded settings the tests use: the binaries jar on the test class path, extracted into the local repo. */
    public static EmbeddedSettings settings() {
        URL archive = TestPostgres.class.getClassLoader().getResource("postgres-linux-x86_64.txz");
        if (archive == null) {
            throw new IllegalStateException("No embedded PostgreSQL binaries on the test class path");
        }
        String jar =
                archive.getPath().substring("file:".length(), archive.getPath().indexOf("!/"));
        String version = Path.of(jar).getParent().getFileName().toString();
        return new EmbeddedSettings(
                new PostgresBinaries(Path.of(jar), version), binariesCache(), Duration.ofSeconds(60), 0);
    }

    public static Path binariesCache() {
        String localRepository =
                System.getProperty("localRepository", System.getProperty("user.home") + "/.m2/repository");
        return Path.of(localRepository, ".cache", "migrate-maven-plugin", "postgres-v2");
    }

    /** Where tests keep their files: under the build directory, never in /tmp. */
    public static Path workDirectory() {
        return Path.of(System.getProperty("buildDirectory", "target"), "test-work")
                .toAbsolutePath();
    }

    /** A role that must log in with its password (scram-sha-256), as on a real server. */
    public static final String PASSWORD_USER = "migrate_it";

    public static final String PASSWORD = "It-s3cret-Pa55word";

    public static synchronized EmbeddedServer server() {
        if (server == null) {
            server = EmbeddedServer.startThrowaway(settings(), workDirectory(), new CapturingLog());
            requirePasswords(server);
        }
        return server;
    }

    /**
     * A second server, of PostgreSQL 15 (system property {@code dumpPostgresBinaries}, copied by the build): the
     * machine's psql and pg_dump (15) work with it, and tests compare what two major versions do.
     */
    public static synchronized EmbeddedServer version15() {
        if (version15 == null) {
            Path jar = Path.of(System.getProperty("dumpPostgresBinaries"));
            EmbeddedSettings settings = new EmbeddedSettings(
                    new PostgresBinaries(jar, "15.15.0"), binariesCache(), Duration.ofSeconds(60), 0);
            version15 = EmbeddedServer.startThrowaway(settings, workDirectory(), new CapturingLog());
            requirePasswords(version15);
        }
        return version15;
    }

    /**
     * Makes {@link #PASSWORD_USER} authenticate with scram-sha-256 over TCP, while the superuser keeps trust
     * authentication for the tests' own setup.
     */
    public static void requirePasswords(EmbeddedServer server) {
        DataSource admin = server.dataSource(EmbeddedServer.DEFAULT_DATABASE);
        execute(admin, "SET password_encryption = 'scram-sha-256'");
        execute(admin, "CREATE ROLE " + PASSWORD_USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement();
                java.sql.ResultSet hba = statement.executeQuery("SHOW hba_file")) {
            hba.next();
            java.nio.file.Files.writeString(
                    Path.of(hba.getString(1)),
                    String.join(
                            "\n",
                            "local all all trust",
                            "host all " + PASSWORD_USER + " 127.0.0.1/32 scram-sha-256",
                            "host all " + PASSWORD_USER + " ::1/128 scram-sha-256",
                            "host all all 127.0.0.1/32 trust",
                            "host all all ::1/128 trust",
                            ""));
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("Cannot require passwords on the test server", e);
        }
    }

    /** Creates an empty database on the shared server and returns its name. */
    public static String newDatabase() {
        return newDatabase(EmbeddedServer.SUPERUSER);
    }

    /** Creates an empty database owned by {@code owner} on the shared server and returns its name. */
    public static String newDatabase(String owner) {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        execute(server().dataSource(EmbeddedServer.DEFAULT_DATABASE), "CREATE DATABASE " + name + " OWNER " + owner);
        return name;
    }

    /** How {@link #PASSWORD_USER} reaches {@code database} on the shared server: over TCP, with its password. */
    public static dev.migrate.connection.ConnectionSettings passwordSettings(String database) {
        return new dev.migrate.connection.ConnectionSettings(
                "jdbc:postgresql://localhost:" + server().port() + "/" + database, PASSWORD_USER, PASSWORD);
    }

    /** A new, empty database of {@link #PASSWORD_USER}, opened with its password as a user's server would be. */
    public static dev.migrate.database.OpenDatabase openNewPasswordDatabase() {
        return dev.migrate.database.OpenDatabase.server(passwordSettings(newDatabase(PASSWORD_USER)));
    }

    /** A new, empty database on the shared server, opened as a user's server would be. */
    public static dev.migrate.database.OpenDatabase openNewDatabase() {
        return dev.migrate.database.OpenDatabase.server(
                new dev.migrate.connection.ConnectionSettings(server().jdbcUrl(newDatabase()), null, null));
    }

    public static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Convenience for log-less calls. */
    public static BuildLog quietLog() {
        return new CapturingLog();
    }
}
