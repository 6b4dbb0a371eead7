package dev.migrate.lint;

import dev.migrate.check.Finding.Level;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The level of each rule: its default, or the one the configuration gives its code ({@code off}, {@code warning},
 * {@code error}). A code no rule has, or a level that is none of these, is refused before anything runs: a typo
 * would otherwise leave a rule at a level the user did not want, in silence.
 */
public final class RuleLevels {

    private static final String OFF = "off";

    private final Map<LintRule, Optional<Level>> configured;

    private RuleLevels(Map<LintRule, Optional<Level>> configured) {
        this.configured = configured;
    }

    /** The levels of {@code levelsByCode}, by rule code; every other rule keeps its default. */
    public static RuleLevels parse(Map<String, String> levelsByCode) {
        Map<LintRule, Optional<Level>> configured = new EnumMap<>(LintRule.class);
        levelsByCode.forEach((code, level) -> configured.put(rule(code), level(code, level)));
        return new RuleLevels(configured);
    }

    /** The level of {@code rule}'s findings, or empty when it is off. */
    public Optional<Level> levelOf(LintRule rule) {
        return configured.getOrDefault(rule, Optional.of(rule.level()));
    }

    private static LintRule rule(String code) {
        return Arrays.stream(LintRule.values())
                .filter(rule -> rule.id().equals(code))
                .findFirst()
                .orElseThrow(() -> new UserMistakeException(
                        "No lint rule has the code '" + code + "'. The codes are "
                                + String.join(
                                        ", ",
                                        Arrays.stream(LintRule.values())
                                                .map(LintRule::id)
                                                .toList())
                                + ".",
                        new Suggestion.Change(Setting.LINT_RULES, code)));
    }

    private static Optional<Level> level(String code, String level) {
        String given = level == null ? "" : level.strip().toLowerCase(Locale.ROOT);
        if (given.equals(OFF)) {
            return Optional.empty();
        }
        for (Level known : Level.values()) {
            if (known.name().toLowerCase(Locale.ROOT).equals(given)) {
                return Optional.of(known);
            }
        }
        throw new UserMistakeException(
                "The level of the lint rule " + code + " is '" + level + "'; give off, warning or error.",
                new Suggestion.Change(Setting.LINT_RULES, code));
    }
}
