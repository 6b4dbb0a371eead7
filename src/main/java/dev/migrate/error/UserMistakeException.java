package dev.migrate.error;

/**
 * The user's configuration or migrations are wrong. The message names the file or line and says what is wrong; the
 * {@link Suggestion} names the setting or server to fix.
 */
public final class UserMistakeException extends MigrateException {

    public UserMistakeException(String message) {
        super(message, null, null);
    }

    public UserMistakeException(String message, Throwable cause) {
        super(message, null, cause);
    }

    public UserMistakeException(String message, Suggestion suggestion) {
        super(message, suggestion, null);
    }

    public UserMistakeException(String message, Suggestion suggestion, Throwable cause) {
        super(message, suggestion, cause);
    }
}
