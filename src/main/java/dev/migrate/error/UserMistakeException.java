package dev.migrate.error;

/**
 * The user's configuration or migrations are wrong. The message names the parameter, file or line, says what is wrong
 * and what to do next.
 */
public final class UserMistakeException extends MigrateException {

    public UserMistakeException(String message) {
        super(message, null);
    }

    public UserMistakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
