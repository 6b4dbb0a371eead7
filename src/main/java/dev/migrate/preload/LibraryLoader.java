package dev.migrate.preload;

/**
 * Makes Flyway, jOOQ, Jackson and the JDBC driver loadable. Work that may need none of them (the up-to-date check of
 * the jOOQ classes) calls it right before it touches the first of their classes.
 */
@FunctionalInterface
public interface LibraryLoader {

    /** For a class path that holds the libraries already. */
    LibraryLoader ON_CLASS_PATH = () -> {};

    /** Makes the libraries loadable; returns at once when they are. */
    void load();
}
