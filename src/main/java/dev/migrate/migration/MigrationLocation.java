package dev.migrate.migration;

import java.nio.file.Path;
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

    public static MigrationLocation parse(String configured) {
        Location location = LocationParser.parseLocation(configured.strip());
        String path = location.getDescriptor().substring(location.getPrefix().length());
        Kind kind = CoreLocationPrefix.isFileSystem(location)
                ? Kind.FILESYSTEM
                : CoreLocationPrefix.isClassPath(location) ? Kind.CLASSPATH : Kind.OTHER;
        return new MigrationLocation(kind, path, location.getDescriptor());
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
