package dev.migrate.migration;

import dev.migrate.log.BuildLog;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;

/**
 * Routes Flyway's log through the build's log. Flyway's INFO lines narrate what the plugin already reports in its
 * own, shorter lines, so they go to DEBUG ({@code mvn -X}); warnings and errors stay what they are.
 *
 * <p>Flyway's loggers are static and keep the logger they were first given for the JVM's life, so the bridge is one
 * for the JVM and each line goes to the log of the goal running Flyway on this thread: the next module of a build,
 * a parallel one, or the next build a codegen worker serves, gets its own lines, redacted with its own secrets.
 */
final class FlywayLogBridge implements LogCreator {

    static final FlywayLogBridge INSTANCE = new FlywayLogBridge();

    private static final ThreadLocal<BuildLog> CURRENT = new ThreadLocal<>();
    /** For a thread Flyway started itself: the log given last, on any thread. */
    private static volatile BuildLog latest;

    private FlywayLogBridge() {}

    /** Sends what Flyway logs on this thread, from now on, to {@code log}. */
    static void logTo(BuildLog log) {
        CURRENT.set(log);
        latest = log;
    }

    private static BuildLog log() {
        BuildLog log = CURRENT.get();
        return log != null ? log : latest;
    }

    @Override
    public Log createLogger(Class<?> clazz) {
        return new Log() {
            @Override
            public boolean isDebugEnabled() {
                return log().isDebugEnabled();
            }

            @Override
            public void debug(String message) {
                log().debug(message);
            }

            @Override
            public void info(String message) {
                log().debug(message);
            }

            @Override
            public void warn(String message) {
                log().warn(message);
            }

            @Override
            public void error(String message) {
                log().error(message);
            }

            @Override
            public void error(String message, Exception e) {
                log().error(message + ": " + e.getMessage());
            }

            @Override
            public void notice(String message) {
                log().info(message);
            }
        };
    }
}
