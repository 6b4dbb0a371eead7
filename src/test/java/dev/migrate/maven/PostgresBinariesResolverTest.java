package dev.migrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.UserMistakeException;
import org.junit.jupiter.api.Test;

class PostgresBinariesResolverTest {

    @Test
    void majorVersionsMapToPinnedReleasesAndFullVersionsPassThrough() {
        assertEquals("17.6.0", PostgresBinariesResolver.release(null));
        assertEquals("16.10.0", PostgresBinariesResolver.release("16"));
        assertEquals("18.1.0", PostgresBinariesResolver.release(" 18 "));
        assertEquals("17.2.0", PostgresBinariesResolver.release("17.2.0"));
    }

    @Test
    void unknownVersionIsAUserMistakeListingTheSupportedOnes() {
        UserMistakeException failure =
                assertThrows(UserMistakeException.class, () -> PostgresBinariesResolver.release("9"));

        assertTrue(failure.getMessage().contains("[14, 15, 16, 17, 18]"), failure.getMessage());
    }

    @Test
    void thisPlatformHasBinaries() {
        assertTrue(PostgresBinariesResolver.platform().matches("(linux|darwin|windows)-(amd64|arm64v8)(-alpine)?"));
    }
}
