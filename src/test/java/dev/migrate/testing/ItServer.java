package dev.migrate.testing;

import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.embedded.EmbeddedSettings;
import dev.migrate.files.Directories;
import java.nio.file.Path;

/**
 * Starts the PostgreSQL server that the invoker ITs use as "the user's server": password authentication with
 * scram-sha-256 for {@link TestPostgres#PASSWORD_USER}. Run by exec:java in the build's own JVM before the ITs; it
 * stops when that JVM exits.
 */
public final class ItServer {

    private ItServer() {}

    /**
     * @param args the port to listen on, then the names of the databases to create for the ITs
     */
    public static void main(String[] args) throws ClassNotFoundException {
        // exec:java closes this class loader when main returns, before the shutdown hooks stop the server:
        // load now what stopping and deleting the server needs
        Class.forName(Directories.class.getName());
        EmbeddedSettings defaults = TestPostgres.settings();
        EmbeddedSettings settings = new EmbeddedSettings(
                defaults.binaries(), defaults.binariesCache(), defaults.lockTimeout(), Integer.parseInt(args[0]));
        EmbeddedServer server =
                EmbeddedServer.startThrowaway(settings, TestPostgres.workDirectory(), new CapturingLog());
        TestPostgres.requirePasswords(server);
        for (int i = 1; i < args.length; i++) {
            TestPostgres.execute(
                    server.dataSource(EmbeddedServer.DEFAULT_DATABASE),
                    "CREATE DATABASE " + args[i] + " OWNER " + TestPostgres.PASSWORD_USER);
        }
        System.out.println("IT server listening on port " + server.port() + " with databases "
                + String.join(", ", java.util.List.of(args).subList(1, args.length)) + " in "
                + Path.of(".").toAbsolutePath().normalize());
    }
}
