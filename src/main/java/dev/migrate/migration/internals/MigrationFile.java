package dev.migrate.migration.internals;

import java.nio.file.Path;
import java.util.List;

/**
 * One SQL file in Flyway's locations as Flyway reads it without a database: its kind and name by Flyway's naming
 * rules, and the checksum Flyway records for a versioned migration.
 *
 * @param script       the path relative to its location, as Flyway records it in the history table's script column
 * @param file         the file on disk, or {@code null} for a {@code classpath:} resource inside a jar
 * @param kind         what Flyway makes of its name
 * @param version      the version as written (zero padding kept), or {@code null} unless {@link Kind#VERSIONED} or
 *                     {@link Kind#UNDO}
 * @param description  the description, or {@code null} when the name is invalid
 * @param invalidName  Flyway's reason the name is invalid, or {@code null}
 * @param checksum     Flyway's checksum of a versioned migration or undo script (before placeholder replacement, as
 *                     Flyway records it), or 0 for any other kind
 * @param unresolved   the placeholders Flyway could not replace, each with the line of its first use
 */
public record MigrationFile(
        String script,
        Path file,
        Kind kind,
        String version,
        String description,
        String invalidName,
        int checksum,
        List<UnresolvedPlaceholder> unresolved) {

    public MigrationFile {
        unresolved = List.copyOf(unresolved);
    }

    /** What Flyway makes of a SQL file's name. */
    public enum Kind {
        VERSIONED,
        REPEATABLE,
        /** an undo script, {@code U<version>__<description>.sql}: Flyway Teams runs it, Community ignores it */
        UNDO,
        /** a callback (e.g. {@code beforeMigrate.sql}) or another kind Flyway recognises but does not migrate */
        OTHER,
        INVALID
    }

    /** A placeholder with no value, and the line where Flyway first failed to replace it. */
    public record UnresolvedPlaceholder(String name, int line) {}
}
