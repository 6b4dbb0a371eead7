package dev.migrate.offline;

/**
 * The version a database is at, as the offline script sees it: a database Flyway never migrated (no history table),
 * or a version. One value, so that the word for the empty database is decided in one place.
 */
public sealed interface SchemaVersion {

    /** How the empty database is named in file names, on the command line and in the script. */
    String EMPTY_LABEL = "empty";

    /** A database without Flyway's history table. */
    record Empty() implements SchemaVersion {
        @Override
        public String label() {
            return EMPTY_LABEL;
        }
    }

    /** A database whose history says it is at {@code version}. */
    record At(String version) implements SchemaVersion {
        @Override
        public String label() {
            return version;
        }
    }

    /** A version as a user gives it: nothing, blank or {@code empty} (any case) is the empty database. */
    static SchemaVersion parse(String text) {
        return text == null || text.isBlank() || text.strip().equalsIgnoreCase(EMPTY_LABEL)
                ? new Empty()
                : new At(text.strip());
    }

    /** {@code empty}, or the version. */
    String label();

    default boolean isEmpty() {
        return this instanceof Empty;
    }
}
