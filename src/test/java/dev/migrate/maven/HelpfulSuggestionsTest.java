package dev.migrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.Action;
import dev.migrate.error.ConnectionFailure;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Role;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HelpfulSuggestionsTest {

    /** A parameter {@code <name>} or a property {@code -Dmigrate.name}, as a suggestion may name them. */
    private static final Pattern NAMES = Pattern.compile("<(\\w+)>|-D(migrate\\.\\w+)|MIGRATE_\\w+");

    private static final List<String> TARGET_NAMES = List.of(
            "url",
            "user",
            "password",
            "serverId",
            "migrate.url",
            "migrate.password",
            "MIGRATE_URL",
            "MIGRATE_USER",
            "MIGRATE_PASSWORD");
    private static final List<String> CODEGEN_NAMES = List.of(
            "codegenUrl",
            "codegenUser",
            "codegenPassword",
            "codegenServerId",
            "migrate.codegenUrl",
            "migrate.codegenPassword");

    @Test
    void everyConnectionFailureOnTheTargetNamesOnlyTheTargetsParameters() {
        for (ConnectionFailure failure : ConnectionFailure.values()) {
            String suggestion = HelpfulSuggestions.suggest(new Suggestion.Connection(Role.TARGET, failure));

            assertNamesOnly(TARGET_NAMES, suggestion);
        }
    }

    @Test
    void everyConnectionFailureOnTheCodegenServerNamesOnlyItsOwnParameters() {
        for (ConnectionFailure failure : ConnectionFailure.values()) {
            String suggestion = HelpfulSuggestions.suggest(new Suggestion.Connection(Role.CODEGEN, failure));

            assertNamesOnly(CODEGEN_NAMES, suggestion);
        }
    }

    @Test
    void everyRoleAndConnectionFailureHasARenderingOfItsOwn() {
        for (ConnectionFailure failure : ConnectionFailure.values()) {
            Set<String> renderings = new HashSet<>();
            for (Role role : Role.values()) {
                String suggestion = HelpfulSuggestions.suggest(new Suggestion.Connection(role, failure));

                assertTrue(suggestion.endsWith("."), suggestion);
                assertTrue(renderings.add(suggestion), role + " renders " + failure + " as another role does");
            }
        }
    }

    @Test
    void aWrongPasswordNamesEveryPlaceThePasswordOfThatServerComesFrom() {
        String target =
                HelpfulSuggestions.suggest(new Suggestion.Connection(Role.TARGET, ConnectionFailure.WRONG_CREDENTIALS));
        String codegen = HelpfulSuggestions.suggest(
                new Suggestion.Connection(Role.CODEGEN, ConnectionFailure.WRONG_CREDENTIALS));

        for (String place : List.of("<user>", "<password>", "<serverId>", "-Dmigrate.password", "MIGRATE_PASSWORD")) {
            assertTrue(target.contains(place), place + " in " + target);
        }
        for (String place : List.of("<codegenUser>", "<codegenServerId>", "-Dmigrate.codegenPassword")) {
            assertTrue(codegen.contains(place), place + " in " + codegen);
        }
    }

    @Test
    void anElementOfTheGeneratorIsNamedInsideTheGeneratorParameter() {
        assertEquals(
                "Correct or remove <generator><database><includez> in the plugin's configuration: it takes the"
                        + " elements of jOOQ's code generation configuration.",
                HelpfulSuggestions.suggest(new Suggestion.Change(Setting.GENERATOR, "database/includez")));
    }

    @Test
    void aMissingPasswordAsksForThePassword() {
        String suggestion =
                HelpfulSuggestions.suggest(new Suggestion.Connection(Role.CODEGEN, ConnectionFailure.NO_PASSWORD));

        assertTrue(suggestion.startsWith("Give the password in <codegenPassword>"), suggestion);
        assertFalse(suggestion.contains("running"), suggestion);
    }

    @Test
    void everySettingIsRenderedWithItsParameterAndAPropertyOfThePlugin() {
        for (Setting setting : Setting.values()) {
            String suggestion = HelpfulSuggestions.suggest(new Suggestion.Change(setting));

            Matcher parameter = Pattern.compile("<(\\w+)>").matcher(suggestion);
            assertTrue(parameter.find(), setting + ": " + suggestion);
            Matcher property = Pattern.compile("-D(migrate\\.[\\w.]+)").matcher(suggestion);
            // jOOQ's <generator> is an XML tree with no -D form
            if (setting != Setting.GENERATOR) {
                assertTrue(property.find(), setting + ": " + suggestion);
                assertTrue(
                        property.group(1).startsWith(PropertyNames.PLACEHOLDERS_PREFIX)
                                || property.group(1).startsWith(PropertyNames.FLYWAY_PREFIX)
                                || propertyConstants().contains(property.group(1)),
                        setting + ": " + suggestion);
            }
        }
    }

    @Test
    void everyActionIsRenderedAsAGoalOfThePluginWithItsProperties() {
        for (Action action : Action.values()) {
            String suggestion = HelpfulSuggestions.suggest(new Suggestion.Run(action));

            assertTrue(suggestion.startsWith("mvn migrate:"), action + ": " + suggestion);
            assertTrue(suggestion.endsWith("."), action + ": " + suggestion);
            Matcher property = Pattern.compile("-D(migrate\\.[\\w.]+)").matcher(suggestion);
            while (property.find()) {
                assertTrue(propertyConstants().contains(property.group(1)), action + ": " + suggestion);
            }
        }
        assertEquals(
                "mvn migrate:check -Dmigrate.check.update=true rewrites the lock file.",
                HelpfulSuggestions.suggest(new Suggestion.Run(Action.UPDATE_LOCK)));
    }

    @Test
    void aPlaceholderSuggestionNamesThePlaceholder() {
        String suggestion = HelpfulSuggestions.suggest(new Suggestion.Change(Setting.PLACEHOLDERS, "flyway:database"));

        assertEquals(
                "Set it in <placeholders><flyway:database>...</flyway:database></placeholders> or with"
                        + " -Dmigrate.placeholders.flyway:database=<value>.",
                suggestion);
    }

    @Test
    void theRenderedMessageIsTheMessageThenTheSuggestion() {
        assertEquals(
                "Waited 2 s for the lock.\nSet it in <migrationLockTimeout> or with"
                        + " -Dmigrate.migrationLockTimeout=<seconds>.",
                HelpfulSuggestions.render(new EnvironmentFailureException(
                        "Waited 2 s for the lock.", new Suggestion.Change(Setting.MIGRATION_LOCK_TIMEOUT), null)));
        assertEquals(
                "V1__x.sql is broken.", HelpfulSuggestions.render(new UserMistakeException("V1__x.sql is broken.")));
    }

    private static void assertNamesOnly(List<String> allowed, String suggestion) {
        Matcher names = NAMES.matcher(suggestion);
        boolean any = false;
        while (names.find()) {
            String name =
                    names.group(1) != null ? names.group(1) : names.group(2) != null ? names.group(2) : names.group();
            assertTrue(allowed.contains(name), name + " in " + suggestion);
            any = true;
        }
        assertTrue(any, "names no parameter: " + suggestion);
    }

    private static List<String> propertyConstants() {
        return Arrays.stream(PropertyNames.class.getDeclaredFields())
                .filter(field -> field.getType() == String.class)
                .map(field -> {
                    try {
                        field.setAccessible(true);
                        return (String) field.get(null);
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
    }
}
