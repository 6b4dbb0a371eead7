package dev.migrate.log;

/** Where the core reports progress; the Maven adapter writes it to Maven's log. */
public interface BuildLog {

    boolean isDebugEnabled();

    void debug(String message);

    void info(String message);

    void warn(String message);

    void error(String message);
}
