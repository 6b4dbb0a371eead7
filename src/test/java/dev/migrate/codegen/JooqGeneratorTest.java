package dev.migrate.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.codegen.JavaGenerator;
import org.jooq.meta.Database;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What jOOQ's failures become: a known list of configuration mistakes, and everything else an environment failure. */
class JooqGeneratorTest {

    private static DataSource schema;

    @TempDir
    Path output;

    @BeforeAll
    static void migratedSchema() {
        schema = TestPostgres.openNewDatabase().dataSource();
        TestPostgres.execute(schema, "CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT NOT NULL)");
    }

    @Test
    void aGeneratorClassThatDoesNotExistIsAMistakeInTheGeneratorConfiguration() {
        UserMistakeException failure = assertThrows(
                UserMistakeException.class, () -> generate(generator().withName("com.example.NoSuchGenerator")));

        assertTrue(failure.getMessage().contains("com.example.NoSuchGenerator"), failure.getMessage());
        assertEquals(Optional.of(new Suggestion.Change(Setting.GENERATOR)), failure.suggestion());
    }

    @Test
    void anInvalidIncludesExpressionIsAMistakeInTheGeneratorConfiguration() {
        Generator generator = generator();
        generator.getDatabase().setIncludes("users(");

        UserMistakeException failure = assertThrows(UserMistakeException.class, () -> generate(generator));

        assertTrue(failure.getMessage().contains("regular expression"), failure.getMessage());
        assertEquals(Optional.of(new Suggestion.Change(Setting.GENERATOR)), failure.suggestion());
    }

    @Test
    void anyOtherFailureIsAnEnvironmentFailureThatKeepsItsCause() {
        EnvironmentFailureException failure = assertThrows(
                EnvironmentFailureException.class,
                () -> generate(generator().withName(DiskFullGenerator.class.getName())));

        assertInstanceOf(UncheckedIOException.class, failure.getCause());
        assertTrue(failure.getMessage().contains("No space left on device"), failure.getMessage());
    }

    private Generator generator() {
        return new Generator()
                .withDatabase(new org.jooq.meta.jaxb.Database()
                        .withName("org.jooq.meta.postgres.PostgresDatabase")
                        .withInputSchema("public"))
                .withTarget(new Target().withPackageName("com.example.db").withDirectory(output.toString()));
    }

    private void generate(Generator generator) {
        JooqGenerator.runInProcess(
                schema, new Configuration().withGenerator(generator), getClass().getClassLoader());
    }

    /** A generator that fails the way a full disk would, which is not the user's configuration's fault. */
    public static class DiskFullGenerator extends JavaGenerator {

        @Override
        public void generate(Database db) {
            throw new UncheckedIOException(new IOException("No space left on device"));
        }
    }
}
