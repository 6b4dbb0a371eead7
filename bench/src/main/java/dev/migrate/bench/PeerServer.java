package dev.migrate.bench;

import dev.migrate.files.Directories;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL server the peer (flyway-maven-plugin + jooq-codegen-maven) gets for free: started before anything
 * is measured, from the same binaries and with the same durability settings (fsync off) as the plugin's throwaway
 * server, so that the only difference measured is who starts it.
 */
final class PeerServer implements AutoCloseable {

    private final Path binaries;
    private final Path dataDirectory;
    private final int port;

    private PeerServer(Path binaries, Path dataDirectory, int port) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** Creates a cluster in {@code dataDirectory} (replacing any old one) and starts it on a free port. */
    static PeerServer start(Path binaries, Path dataDirectory) throws IOException {
        Directories.deleteRecursively(dataDirectory);
        PeerServer server = new PeerServer(binaries, dataDirectory, freePort());
        server.run(
                "initdb", "-A", "trust", "-U", "postgres", "-E", "UTF-8", "--locale=C", "-D", dataDirectory.toString());
        server.run(
                "pg_ctl",
                "-D",
                dataDirectory.toString(),
                "-l",
                dataDirectory + ".log",
                "-o",
                "-p " + server.port + " -F -c full_page_writes=off",
                "-w",
                "start");
        return server;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** An empty database of that name, as a cold build of the peer needs it. */
    void recreateDatabase(String name) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot recreate the peer's database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        run("pg_ctl", "-D", dataDirectory.toString(), "-m", "fast", "-w", "stop");
    }

    private void run(String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        if (Processes.isRoot()) {
            command.addAll(List.of("unshare", "-U")); // initdb and postgres refuse to run as root
        }
        command.add(binaries.resolve("bin").resolve(program).toString());
        command.addAll(List.of(arguments));
        Path output = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-" + program + ".out");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed:\n" + Files.readString(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
