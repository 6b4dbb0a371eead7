package dev.migrate.preload;

/**
 * Makes Flyway, jOOQ, the JDBC driver and the project's dependencies loadable, and Jackson when the build needs it.
 * Work that may need none of them (the up-to-date check of the jOOQ classes) calls it before its first database work,
 * so that what cannot be resolved fails before a database starts.
 */
@FunctionalInterface
public interface LibraryLoader {

    /** For a class path that holds the libraries already. */
    LibraryLoader ON_CLASS_PATH = () -> {};

    /** Makes the libraries loadable; returns at once when they are. */
    void load();
}
