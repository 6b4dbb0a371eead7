package dev.migrate.offline;

import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A PostgreSQL server the machine's {@code psql} and {@code pg_dump} can work with, and those two clients. pg_dump
 * refuses to dump a server of a newer major version than itself, and Debian's client is 15: the server is the
 * embedded PostgreSQL 15 (system property {@code dumpPostgresBinaries}, copied by the build), which any client from 15
 * up can dump.
 */
final class PostgresClient {

    private static final Duration CLIENT_TIMEOUT = Duration.ofMinutes(5);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private PostgresClient() {}

    static EmbeddedServer server() {
        // the clients here (psql, pg_dump, JDBC URLs) log in without the password, as on the shared test server
        return TestPostgres.version15();
    }

    static String newDatabase() {
        String name = "offline_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        TestPostgres.execute(server().dataSource(EmbeddedServer.DEFAULT_DATABASE), "CREATE DATABASE " + name);
        return name;
    }

    static DataSource dataSource(String database) {
        return server().dataSource(database);
    }

    /** Applies a script as a DBA would: {@code psql -v ON_ERROR_STOP=1 -f}, in {@link #psqlDirectory()}. */
    static Result psql(String database, Path script) {
        return run(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", script.toString()), database);
    }

    /**
     * The working directory of every psql the tests start: a shell command that a script smuggled in (e.g.
     * {@code \! touch pwned}) would leave its file here.
     */
    static Path psqlDirectory() {
        Path directory = TestPostgres.workDirectory().resolve("psql-working-directory");
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * An interactive psql session, as a DBA at a terminal has it: psql gets a terminal (util-linux {@code script}), so
     * that an error in a script read with {@code \i} returns to the prompt instead of ending the session.
     */
    static Process interactivePsql(String database) throws IOException {
        String psql = String.join(" ", withConnection(List.of("psql", "-X", "-P", "pager=off"), database));
        return new ProcessBuilder("script", "--quiet", "--return", "--command", psql, "/dev/null")
                .directory(psqlDirectory().toFile())
                .redirectErrorStream(true)
                .start();
    }

    /** The schema as {@code pg_dump --schema-only} writes it, without the history table and the random key lines. */
    static String schemaDump(String database) {
        return dump(database, "--exclude-table=*.flyway_schema_history");
    }

    /** The history table's DDL as {@code pg_dump} writes it. */
    static String historyTableDump(String database) {
        return dump(database, "--table=*.flyway_schema_history");
    }

    private static String dump(String database, String tableOption) {
        Result dump = run(List.of("pg_dump", "--schema-only", "--no-owner", tableOption), database);
        if (dump.exitCode() != 0) {
            throw new IllegalStateException("pg_dump failed: " + dump.output());
        }
        return dump.output()
                .lines()
                .filter(line -> !line.startsWith("\\restrict") && !line.startsWith("\\unrestrict"))
                .collect(Collectors.joining("\n"));
    }

    private static List<String> withConnection(List<String> command, String database) {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of(
                "-h",
                "localhost",
                "-p",
                String.valueOf(server().port()),
                "-U",
                EmbeddedServer.SUPERUSER,
                "-d",
                database));
        return full;
    }

    private static Result run(List<String> command, String database) {
        List<String> full = withConnection(command, database);
        try {
            Path output = Files.createTempFile(TestPostgres.workDirectory(), "client", ".out");
            Process process = new ProcessBuilder(full)
                    .directory(psqlDirectory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(full + " did not finish in " + CLIENT_TIMEOUT);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + full + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Result(int exitCode, String output) {}
}
