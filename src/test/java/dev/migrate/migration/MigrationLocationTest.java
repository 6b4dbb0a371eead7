package dev.migrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MigrationLocationTest {

    private static final List<String> READ_WITHOUT_FLYWAY = List.of(
            "filesystem:src/main/resources/db/migration",
            "filesystem:/work/project/db/migration/",
            "FILESYSTEM:db",
            "FileSystem:./db/../db//nested/",
            "filesystem:",
            "filesystem:/",
            "filesystem:C:\\db\\migration",
            "filesystem:db with spaces:and:colons",
            "classpath:db/migration",
            "classpath:/db/migration/",
            "CLASSPATH:db",
            "ClassPath://db//",
            "classpath:",
            "classpath:/",
            "classpath:db.migration");

    private static final List<String> PARSED_BY_FLYWAY = List.of(
            "db/migration",
            "/db/migration",
            "C:\\db\\migration",
            "file:///work/db",
            "classpath:db/*/migration",
            "filesystem:db/**/sql",
            "filesystem:db/V?");

    /** The plain locations are read as Flyway's parser reads them, character for character. */
    @Test
    void plainFilesystemAndClasspathLocationsAreReadAsFlywayReadsThem() {
        for (String location : READ_WITHOUT_FLYWAY) {
            Optional<MigrationLocation> read = MigrationLocation.withoutFlyway(location);

            assertTrue(read.isPresent(), location);
            assertEquals(MigrationLocation.parsedByFlyway(location), read.get(), location);
        }
    }

    @Test
    void everyOtherLocationIsParsedByFlyway() {
        for (String location : PARSED_BY_FLYWAY) {
            assertEquals(Optional.empty(), MigrationLocation.withoutFlyway(location), location);
            assertEquals(MigrationLocation.parsedByFlyway(location), MigrationLocation.parse(location), location);
        }
    }

    /** Flyway trims what it is given; the plugin also strips Unicode spaces that trimming leaves. */
    @Test
    void surroundingSpacesAreRemovedWhicheverParserReads() {
        assertEquals(
                MigrationLocation.parsedByFlyway("classpath:db/migration"),
                MigrationLocation.parse(" \t\u2003classpath:db/migration\u2003\n"));
        assertEquals(MigrationLocation.parsedByFlyway("filesystem:db"), MigrationLocation.parse("  filesystem:db  "));
        assertEquals(MigrationLocation.parsedByFlyway("db/migration"), MigrationLocation.parse(" db/migration "));
    }
}
