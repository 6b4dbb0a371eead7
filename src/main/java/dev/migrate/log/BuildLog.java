package dev.migrate.log;

/**
 * Where the core reports progress; the Maven adapter writes it to Maven's log. An implementation writes a line at a
 * level ({@link #log}); the level methods are that one method's shorthands.
 */
public interface BuildLog {

    /** The levels of Maven's log. */
    enum Level {
        DEBUG,
        INFO,
        WARN,
        ERROR
    }

    boolean isDebugEnabled();

    /** Writes {@code message} at {@code level}; DEBUG lines only reach it when {@link #isDebugEnabled()}. */
    void log(Level level, String message);

    default void debug(String message) {
        if (isDebugEnabled()) {
            log(Level.DEBUG, message);
        }
    }

    default void info(String message) {
        log(Level.INFO, message);
    }

    default void warn(String message) {
        log(Level.WARN, message);
    }

    default void error(String message) {
        log(Level.ERROR, message);
    }

    /** This log with its INFO lines at DEBUG, for work that is a means to an end, such as migrating a cached schema. */
    default BuildLog infoAsDebug() {
        return new InfoAsDebug(this);
    }

    /** {@link #infoAsDebug()}. */
    record InfoAsDebug(BuildLog log) implements BuildLog {

        @Override
        public boolean isDebugEnabled() {
            return log.isDebugEnabled();
        }

        @Override
        public void log(Level level, String message) {
            log.log(level == Level.INFO ? Level.DEBUG : level, message);
        }
    }
}
