package dev.migrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnknownPropertiesTest {

    private static final List<UnknownProperties.PluginGoal> GOALS = List.of(
            new UnknownProperties.PluginGoal("upgrade", Set.of("migrate.target", "migrate.skip")),
            new UnknownProperties.PluginGoal("offline-sql", Set.of("migrate.from", "migrate.to", "migrate.skip")));

    @Test
    void aTypoNamesTheClosestPropertyOfThePlugin() {
        assertEquals(
                List.of("-Dmigrate.form is not a property of migrate-maven-plugin and is ignored; did you mean"
                        + " migrate.from?"),
                UnknownProperties.warnings(
                        "upgrade",
                        List.of("migrate.form", "migrate.target"),
                        GOALS.get(0).properties(),
                        GOALS,
                        false));
    }

    @Test
    void anotherGoalsPropertyIsNamedOnlyForAGoalTypedOnTheCommandLine() {
        List<String> given = List.of("migrate.from", "migrate.flyway.table", "migrate.placeholders.x", "user.home");

        assertEquals(
                List.of(),
                UnknownProperties.warnings("upgrade", given, GOALS.get(0).properties(), GOALS, false));
        assertEquals(
                List.of("-Dmigrate.from is ignored by migrate:upgrade; it is read by migrate:offline-sql"),
                UnknownProperties.warnings("upgrade", given, GOALS.get(0).properties(), GOALS, true));
    }
}
