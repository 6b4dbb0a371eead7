package dev.migrate.error;

/** Something outside the user's control failed: a process, the file system, the network. The cause is kept. */
public final class EnvironmentFailureException extends MigrateException {

    public EnvironmentFailureException(String message, Throwable cause) {
        super(message, null, cause);
    }

    public EnvironmentFailureException(String message, Suggestion suggestion, Throwable cause) {
        super(message, suggestion, cause);
    }
}
