package dev.migrate.error;

/**
 * A failure the plugin reports to its user. The two kinds are translated at one boundary: a {@link UserMistakeException}
 * is something the user can fix in the configuration or the migrations; an {@link EnvironmentFailureException} is
 * something outside the build that went wrong.
 */
public abstract sealed class MigrateException extends RuntimeException
        permits UserMistakeException, EnvironmentFailureException {

    protected MigrateException(String message, Throwable cause) {
        super(message, cause);
    }
}
