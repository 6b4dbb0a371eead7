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
}
