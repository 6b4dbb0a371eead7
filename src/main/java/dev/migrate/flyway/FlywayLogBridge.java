package dev.migrate.flyway;

import dev.migrate.log.BuildLog;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;

/**
 * Routes Flyway's log through the build's log. Flyway's INFO lines narrate what the plugin already reports in its
 * own, shorter lines, so they go to DEBUG ({@code mvn -X}); warnings and errors stay what they are.
 */
final class FlywayLogBridge implements LogCreator {

    private final BuildLog log;

    FlywayLogBridge(BuildLog log) {
        this.log = log;
    }

    @Override
    public Log createLogger(Class<?> clazz) {
        return new Log() {
            @Override
            public boolean isDebugEnabled() {
                return log.isDebugEnabled();
            }

            @Override
            public void debug(String message) {
                log.debug(message);
            }

            @Override
            public void info(String message) {
                log.debug(message);
            }

            @Override
            public void warn(String message) {
                log.warn(message);
            }

            @Override
            public void error(String message) {
                log.error(message);
            }

            @Override
            public void error(String message, Exception e) {
                log.error(message + ": " + e.getMessage());
            }

            @Override
            public void notice(String message) {
                log.info(message);
            }
        };
    }
}
