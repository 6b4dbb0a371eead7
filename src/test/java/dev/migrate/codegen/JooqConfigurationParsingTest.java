package dev.migrate.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.UserMistakeException;
import java.util.List;
import org.jooq.meta.jaxb.Generator;
import org.junit.jupiter.api.Test;

/**
 * The user's {@code <generator>} read ahead, on a background thread while the database starts, is what reading it in
 * place gives, failures included.
 */
class JooqConfigurationParsingTest {

    private static final String GENERATOR = "<generator><database><includes>users|orders</includes></database>"
            + "<target><packageName>com.example.db</packageName></target></generator>";

    @Test
    void readAheadGivesTheGeneratorReadInPlaceGives() {
        Generator ahead = JooqConfiguration.Parsing.ahead(run(GENERATOR)).generator();
        Generator inPlace = JooqConfiguration.Parsing.onDemand(run(GENERATOR)).generator();

        assertEquals(inPlace, ahead);
        assertEquals("users|orders", ahead.getDatabase().getIncludes());
        assertNotSame(inPlace, ahead);
    }

    @Test
    void aMistakeFoundAheadFailsWhereTheGeneratorIsNeededAsItWouldInPlace() {
        String misspelled = "<generator><database><includez>users</includez></database></generator>";
        JooqConfiguration.Parsing ahead = JooqConfiguration.Parsing.ahead(run(misspelled));

        UserMistakeException aheadFailure = assertThrows(UserMistakeException.class, ahead::generator);
        UserMistakeException inPlaceFailure = assertThrows(
                UserMistakeException.class,
                () -> JooqConfiguration.Parsing.onDemand(run(misspelled)).generator());

        assertEquals(inPlaceFailure.getMessage(), aheadFailure.getMessage());
        assertTrue(aheadFailure.getMessage().contains("at database/includez"), aheadFailure.getMessage());
        assertEquals(inPlaceFailure.suggestion(), aheadFailure.suggestion());
    }

    @Test
    void withoutAGeneratorThereIsNothingToReadAhead() {
        assertEquals(new Generator(), JooqConfiguration.Parsing.ahead(run(null)).generator());
    }

    private static JooqRun run(String generatorXml) {
        return new JooqRun(generatorXml, List.of(), "flyway_schema_history", "com.example", "/work/project", "/tmp/x");
    }
}
