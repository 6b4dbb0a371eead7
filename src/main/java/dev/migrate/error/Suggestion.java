package dev.migrate.error;

import java.io.Serializable;

/**
 * What the user can change after a failure, in terms of the core: which server and what failed there, which setting,
 * or which action of the plugin to run. The caller turns it into its own parameter names. Serializable, so that the codegen worker can send it back
 * with a failure.
 */
public sealed interface Suggestion extends Serializable {

    /** Reaching the server in {@code role} failed in the way {@code failure} says. */
    record Connection(Role role, ConnectionFailure failure) implements Suggestion {}

    /**
     * Changing {@code setting} helps.
     *
     * @param key the entry of a map setting the change concerns (a placeholder's name), or {@code null}
     */
    record Change(Setting setting, String key) implements Suggestion {

        public Change(Setting setting) {
            this(setting, null);
        }
    }

    /** Running {@code action} helps. */
    record Run(Action action) implements Suggestion {}
}
