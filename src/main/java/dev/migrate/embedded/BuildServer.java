package dev.migrate.embedded;

import dev.migrate.connection.ReusedConnections;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.log.BuildLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL that serves the jOOQ code generation of every module of a build: started by the first
 * module that needs it, on a cluster under the top-level project's build directory, and stopped when the JVM that
 * started it exits (the server's shutdown hook) or, in a JVM that outlives builds (the codegen worker, mvnd, an IDE's
 * Maven), after it has not been used for {@link #IDLE_TIMEOUT}. Each module keeps its migrated schema in a database of its own there
 * ({@link SchemaCache}). Modules of one build share it across threads ({@code -T}); another build that runs at the
 * same time finds the cluster locked and uses a throwaway server instead.
 */
public final class BuildServer {

    /**
     * Long enough that the modules of one build, even with long tests in between, find the server running; short
     * enough that an IDE does not keep a server and its lock for long after a build.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    /** By absolute cluster directory, whose name holds the PostgreSQL version. */
    private static final Map<Path, Running> STARTED = new HashMap<>();

    private static ScheduledExecutorService idleCheck;

    /** Whether this JVM serves build after build (the codegen worker), so that its servers wait for the next build. */
    private static volatile boolean outlivingBuilds;

    private BuildServer() {}

    /** The server as one module's generation uses it: closing the lease hands the server back. */
    public record Lease(EmbeddedServer server, Path cluster) implements AutoCloseable {

        /**
         * The connections to {@code database} that this server's users reuse, kept open while the server runs: the
         * next build's steps find backends whose catalog caches are warm, and need no new login. Close the
         * connections no step uses before the database is dropped ({@link ReusedConnections#closeIdle}).
         */
        public ReusedConnections connections(String database) {
            return BuildServer.connections(cluster, server, database);
        }

        @Override
        public void close() {
            release(cluster);
        }
    }

    private static final class Running {

        private final EmbeddedServer server;
        private final Map<String, ReusedConnections> connections = new HashMap<>();
        private int users;
        private long idleSince;

        private Running(EmbeddedServer server) {
            this.server = server;
        }

        /** Closes the kept connections, then the server. */
        void close() {
            connections.values().forEach(ReusedConnections::close);
            server.close();
        }
    }

    /**
     * Says that this JVM serves build after build, as the codegen worker does: the servers it starts wait
     * {@link #IDLE_TIMEOUT} for the next build, which then finds its cached schemas on a running server.
     */
    public static void outliveBuilds() {
        outlivingBuilds = true;
    }

    /** The server on {@code clusterDirectory}, started if needed; empty when another build is using the cluster. */
    public static synchronized Optional<Lease> lease(EmbeddedSettings settings, Path clusterDirectory, BuildLog log) {
        Path cluster = clusterDirectory.toAbsolutePath().normalize();
        Running running = STARTED.get(cluster);
        if (running != null && !running.server.runsOn(cluster)) {
            // a long-lived JVM whose earlier build's cluster was deleted since (mvn clean), or made anew by a build
            // that did not use this JVM's server
            STARTED.remove(cluster).close();
            running = null;
        }
        if (running == null) {
            long starting = System.nanoTime();
            Optional<EmbeddedServer> started = EmbeddedServer.startCache(settings, cluster, log);
            if (started.isEmpty()) {
                return Optional.empty();
            }
            running = new Running(started.get());
            STARTED.put(cluster, running);
            log.info("Started the embedded PostgreSQL " + settings.binaries().version() + " for the jOOQ classes"
                    + " of this build in "
                    + Duration.ofNanos(System.nanoTime() - starting).toMillis() + " ms ("
                    + cluster + "); " + lifetime());
        }
        running.users++;
        return Optional.of(new Lease(running.server, cluster));
    }

    private static String lifetime() {
        return outlivingBuilds
                ? "it waits " + IDLE_TIMEOUT.toMinutes() + " min for the next build, and stops with the codegen worker"
                : "it stops when the build ends";
    }

    private static synchronized ReusedConnections connections(Path cluster, EmbeddedServer server, String database) {
        Running running = STARTED.get(cluster);
        if (running == null || running.server != server) {
            throw new EnvironmentFailureException(
                    "The embedded PostgreSQL on " + cluster + " was stopped while a module used it (its cluster was"
                            + " deleted during the build?): build again",
                    null);
        }
        return running.connections.computeIfAbsent(
                database, name -> new ReusedConnections(running.server.dataSource(name)));
    }

    private static synchronized void release(Path cluster) {
        Running running = STARTED.get(cluster);
        if (running != null && --running.users == 0) {
            running.idleSince = System.nanoTime();
            if (idleCheck == null) {
                idleCheck = Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "migrate-build-server-idle-stop");
                    thread.setDaemon(true); // never keeps a finished build's JVM alive
                    return thread;
                });
            }
            idleCheck.schedule(
                    () -> stopIdleSince(System.nanoTime() - IDLE_TIMEOUT.toNanos()),
                    IDLE_TIMEOUT.toMillis() + 1,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the servers that no module uses and none has used since {@code nanos} ({@link System#nanoTime}). */
    static synchronized void stopIdleSince(long nanos) {
        for (Path cluster : List.copyOf(STARTED.keySet())) {
            Running running = STARTED.get(cluster);
            if (running.users == 0 && running.idleSince - nanos <= 0) {
                stop(cluster);
            }
        }
    }

    /** Stops the server on {@code clusterDirectory} if this JVM started one, keeping its cluster for the next build. */
    public static synchronized void stop(Path clusterDirectory) {
        Running running = STARTED.remove(clusterDirectory.toAbsolutePath().normalize());
        if (running != null) {
            running.close();
        }
    }
}
