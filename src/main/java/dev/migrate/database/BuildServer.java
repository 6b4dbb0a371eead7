package dev.migrate.database;

import dev.migrate.log.BuildLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded PostgreSQL that serves the jOOQ code generation of every module of a build: started by the first
 * module that needs it, on a cluster under the top-level project's build directory, and stopped when the build's JVM
 * exits (the server's shutdown hook). Each module keeps its migrated schema in a database of its own there
 * ({@link SchemaCache}). Modules of one build share it across threads ({@code -T}); another build that runs at the
 * same time finds the cluster locked and uses a throwaway server instead.
 */
public final class BuildServer {

    /** By absolute cluster directory, whose name holds the PostgreSQL version. */
    private static final Map<Path, EmbeddedServer> STARTED = new HashMap<>();

    private BuildServer() {
    }

    /** The server on {@code clusterDirectory}, started if needed; empty when another build is using the cluster. */
    static synchronized Optional<EmbeddedServer> get(EmbeddedSettings settings, Path clusterDirectory, BuildLog log) {
        Path cluster = clusterDirectory.toAbsolutePath().normalize();
        EmbeddedServer running = STARTED.get(cluster);
        if (running != null && Files.exists(cluster.resolve("PG_VERSION"))) {
            return Optional.of(running);
        }
        if (running != null) {
            // a long-lived JVM (mvnd, an IDE) whose earlier build's cluster was deleted by mvn clean since
            stop(cluster);
        }
        long starting = System.nanoTime();
        Optional<EmbeddedServer> started = EmbeddedServer.startCache(settings, cluster, log);
        started.ifPresent(server -> {
            STARTED.put(cluster, server);
            log.info("Started the embedded PostgreSQL " + settings.binaries().version() + " for the jOOQ classes"
                    + " of this build in " + Duration.ofNanos(System.nanoTime() - starting).toMillis() + " ms ("
                    + cluster + "); it stops when the build ends");
        });
        return started;
    }

    /** Stops the server on {@code clusterDirectory} if this JVM started one, keeping its cluster for the next build. */
    public static synchronized void stop(Path clusterDirectory) {
        EmbeddedServer running = STARTED.remove(clusterDirectory.toAbsolutePath().normalize());
        if (running != null) {
            running.close();
        }
    }
}
