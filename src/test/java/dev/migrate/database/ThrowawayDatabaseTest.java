package dev.migrate.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.ConnectionFailure;
import dev.migrate.error.Role;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThrowawayDatabaseTest {

    @Test
    void theThrowawayDatabaseReplacesTheDatabaseOfTheUrlAndKeepsItsParameters() {
        assertEquals(
                "jdbc:postgresql://db:5432/migrate_codegen_x?ssl=true&user=ci",
                ThrowawayDatabase.withDatabase(
                        "jdbc:postgresql://db:5432/postgres?ssl=true&user=ci", "migrate_codegen_x"));
        assertEquals(
                "jdbc:postgresql://db/migrate_codegen_x",
                ThrowawayDatabase.withDatabase("jdbc:postgresql://db", "migrate_codegen_x"));
        assertEquals(
                "jdbc:postgresql://a:5432,b:5433/migrate_codegen_x?targetServerType=primary",
                ThrowawayDatabase.withDatabase(
                        "jdbc:postgresql://a:5432,b:5433/app?targetServerType=primary", "migrate_codegen_x"));
    }

    @Test
    void aUrlWithoutHostIsAUserMistakeOnTheCodegenServerHidingThePassword() {
        UserMistakeException failure = assertThrows(
                UserMistakeException.class,
                () -> ThrowawayDatabase.withDatabase("jdbc:postgresql:app?password=secret", "x"));

        assertEquals(
                Optional.of(new Suggestion.Connection(Role.CODEGEN, ConnectionFailure.NOT_A_POSTGRES_URL)),
                failure.suggestion());
        assertTrue(!failure.getMessage().contains("secret"), failure.getMessage());
    }
}
