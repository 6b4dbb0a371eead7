package dev.migrate.connection;

import java.time.Duration;

/**
 * How long a goal waits for a user's server before it gives up, so that no build waits forever.
 *
 * @param lockWait   how long {@code upgrade}, {@code repair}, {@code baseline} and {@code clean} wait for Flyway's lock
 *                   while another session holds it
 * @param answerWait how long the server may leave the plugin's liveness checks unanswered while a statement runs
 */
public record ServerLimits(Duration lockWait, Duration answerWait) {

    /** The parameters' defaults. */
    public static final ServerLimits DEFAULTS = new ServerLimits(Duration.ofSeconds(300), Duration.ofSeconds(60));
}
