package dev.migrate.embedded;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run an embedded PostgreSQL server.
 *
 * @param binaries         the binaries to run
 * @param binariesCache    where the binaries are extracted once and shared between builds
 * @param lockTimeout      how long to wait for another build that uses the same data directory
 * @param port             the port to listen on, or 0 for any free port
 */
public record EmbeddedSettings(PostgresBinaries binaries, Path binariesCache, Duration lockTimeout, int port) {}
