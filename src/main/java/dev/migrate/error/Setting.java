package dev.migrate.error;

/**
 * A user-facing setting the core refers to when it says what to change. The core names the setting, never the
 * parameter or property that carries it: how a setting is given depends on the caller (the Maven layer renders it).
 */
public enum Setting {
    LOCATIONS,
    PLACEHOLDERS,
    FLYWAY,
    SCHEMAS,
    TARGET,
    POSTGRES_VERSION,
    LOCK_TIMEOUT,
    MIGRATION_LOCK_TIMEOUT,
    SERVER_TIMEOUT,
    GENERATOR,
    OUTPUT_DIRECTORY,
    FROM,
    TO,
    SKIP_JAVA_MIGRATIONS,
    WORKER,
    NEW_NAME,
    NEW_UNDO,
    /** The name of the database {@code clean} may empty. */
    CLEAN_CONFIRM,
    /** The version after which the migrations are linted. */
    LINT_SINCE,
    /** The level of a lint rule, by its code (the suggestion's key): off, warning or error. */
    LINT_RULES
}
