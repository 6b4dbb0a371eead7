package dev.migrate.error;

/**
 * Something the plugin does that the core recommends running. The core names the action, never the command that runs
 * it: how an action is run depends on the caller (the Maven layer renders it as a goal and its properties).
 */
public enum Action {
    /** Creates the next migration file, with the next free version. */
    NEW_MIGRATION,
    /** Rewrites the lock file from the migrations as they are. */
    UPDATE_LOCK,
    /** Applies the pending migrations to the target. */
    UPGRADE,
    /** Removes failed rows from the history and realigns it with the files. */
    REPAIR,
    /** Shows every migration's state. */
    INFO
}
