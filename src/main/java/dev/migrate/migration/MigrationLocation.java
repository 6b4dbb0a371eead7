package dev.migrate.migration;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import org.flywaydb.core.api.CoreLocationPrefix;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.locations.LocationParser;

/**
 * One of the configured migration locations, as Flyway parses it: the one place where a location's prefix is read.
 *
 * @param kind       where Flyway looks
 * @param path       the location without its prefix: a folder for {@link Kind#FILESYSTEM}, a resource path for
 *                   {@link Kind#CLASSPATH}
 * @param descriptor the whole location, prefix included, as Flyway takes it
 */
public record MigrationLocation(Kind kind, String path, String descriptor) {

    /** Where Flyway looks for a location's migrations. */
    public enum Kind {
        FILESYSTEM,
        /** Also a location without a prefix, as Flyway reads it. */
        CLASSPATH,
        /** Any other scheme Flyway supports (cloud storage): the plugin passes it on and reads nothing there. */
        OTHER
    }

    /**
     * The location as Flyway's {@code LocationParser} parses it. The plain {@code filesystem:} and {@code classpath:}
     * locations are read here as Flyway reads them, because Flyway's parser starts its whole plugin register (a
     * hundred classes, a tenth of a second) and the up-to-date check of the jOOQ classes needs no other Flyway work;
     * Flyway parses every other location (no prefix, other prefixes, wildcards). MigrationLocationTest holds both
     * to the same results.
     */
    public static MigrationLocation parse(String configured) {
        String location = trimmed(configured);
        return withoutFlyway(location).orElseGet(() -> parsedByFlyway(location));
    }

    /** Whether {@link #parse} reads the location without Flyway's parser, so without loading Flyway. */
    static boolean parsedWithoutFlyway(String configured) {
        return withoutFlyway(trimmed(configured)).isPresent();
    }

    // Flyway trims what it is given; the same on a stripped text, so that both paths see the same characters
    private static String trimmed(String configured) {
        return configured.strip().trim();
    }

    /**
     * Flyway's result for a plain {@code filesystem:} or {@code classpath:} location, as its parser and location
     * handlers make it: the prefix matched ignoring case and written in lower case; a folder as {@link File#getPath()}
     * gives it; a resource path without one leading and one trailing slash. Empty for any other location.
     */
    static Optional<MigrationLocation> withoutFlyway(String location) {
        if (location.contains("*") || location.contains("?")) {
            return Optional.empty();
        }
        if (hasPrefix(location, CoreLocationPrefix.FILESYSTEM_PREFIX)) {
            String folder = new File(location.substring(CoreLocationPrefix.FILESYSTEM_PREFIX.length())).getPath();
            return Optional.of(
                    new MigrationLocation(Kind.FILESYSTEM, folder, CoreLocationPrefix.FILESYSTEM_PREFIX + folder));
        }
        if (hasPrefix(location, CoreLocationPrefix.CLASSPATH_PREFIX)) {
            String path = location.substring(CoreLocationPrefix.CLASSPATH_PREFIX.length());
            path = path.startsWith("/") ? path.substring(1) : path;
            path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return Optional.of(new MigrationLocation(Kind.CLASSPATH, path, CoreLocationPrefix.CLASSPATH_PREFIX + path));
        }
        return Optional.empty();
    }

    private static boolean hasPrefix(String location, String prefix) {
        return location.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** The location as Flyway's own parser gives it, with whatever location handlers Flyway's plugins add. */
    static MigrationLocation parsedByFlyway(String location) {
        Location parsed = LocationParser.parseLocation(location);
        String path = parsed.getDescriptor().substring(parsed.getPrefix().length());
        Kind kind = CoreLocationPrefix.isFileSystem(parsed)
                ? Kind.FILESYSTEM
                : CoreLocationPrefix.isClassPath(parsed) ? Kind.CLASSPATH : Kind.OTHER;
        return new MigrationLocation(kind, path, parsed.getDescriptor());
    }

    /** This location with a relative folder made absolute against {@code basedir}. */
    public MigrationLocation resolvedAgainst(Path basedir) {
        if (kind != Kind.FILESYSTEM) {
            return this;
        }
        String absolute = basedir.resolve(path).normalize().toString();
        return new MigrationLocation(kind, absolute, CoreLocationPrefix.FILESYSTEM_PREFIX + absolute);
    }

    /** The folder of a {@link Kind#FILESYSTEM} location. */
    public Path folder() {
        return Path.of(path);
    }
}
