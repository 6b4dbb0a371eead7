package dev.migrate.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.check.Finding.Level;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleLevelsTest {

    @Test
    void aConfiguredLevelReplacesTheDefaultInAnyCaseAndOffSilencesTheRule() {
        RuleLevels levels = RuleLevels.parse(
                Map.of("index-not-concurrent", " Warning ", "lock-timeout-missing", "error", "drop-object", "OFF"));

        assertEquals(Optional.of(Level.WARNING), levels.levelOf(LintRule.INDEX_NOT_CONCURRENT));
        assertEquals(Optional.of(Level.ERROR), levels.levelOf(LintRule.LOCK_TIMEOUT_MISSING));
        assertEquals(Optional.empty(), levels.levelOf(LintRule.DROP_OBJECT));
    }

    @Test
    void anUnconfiguredRuleKeepsItsOwnLevel() {
        RuleLevels levels = RuleLevels.parse(Map.of());

        for (LintRule rule : LintRule.values()) {
            assertEquals(Optional.of(rule.level()), levels.levelOf(rule), rule.id());
        }
    }

    @Test
    void anUnknownCodeIsRefusedListingTheCodes() {
        UserMistakeException refused =
                assertThrows(UserMistakeException.class, () -> RuleLevels.parse(Map.of("index-not-concurent", "off")));

        assertTrue(
                refused.getMessage()
                        .startsWith("No lint rule has the code 'index-not-concurent'. The codes are"
                                + " index-not-concurrent, "),
                refused::getMessage);
        assertEquals(
                Optional.of(new Suggestion.Change(Setting.LINT_RULES, "index-not-concurent")), refused.suggestion());
    }

    @Test
    void anUnknownLevelIsRefusedListingTheLevels() {
        UserMistakeException refused =
                assertThrows(UserMistakeException.class, () -> RuleLevels.parse(Map.of("drop-object", "info")));

        assertEquals(
                "The level of the lint rule drop-object is 'info'; give off, warning or error.", refused.getMessage());
        assertEquals(Optional.of(new Suggestion.Change(Setting.LINT_RULES, "drop-object")), refused.suggestion());
    }
}
