package dev.migrate.error;

import java.util.Optional;

/**
 * A failure the plugin reports to its user. The two kinds are translated at one boundary: a {@link UserMistakeException}
 * is something the user can fix in the configuration or the migrations; an {@link EnvironmentFailureException} is
 * something outside the build that went wrong. The message says what happened in plain words; the
 * {@link Suggestion}, when there is one, says what to change, and the caller renders it in its own parameter names.
 */
public abstract sealed class MigrateException extends RuntimeException
        permits UserMistakeException, EnvironmentFailureException {

    private final Suggestion suggestion;

    protected MigrateException(String message, Suggestion suggestion, Throwable cause) {
        super(message, cause);
        this.suggestion = suggestion;
    }

    /** What the user can change, beyond what the message says. */
    public Optional<Suggestion> suggestion() {
        return Optional.ofNullable(suggestion);
    }
}
