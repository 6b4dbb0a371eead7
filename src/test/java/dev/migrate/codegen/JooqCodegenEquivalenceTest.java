package dev.migrate.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.database.ThrowawayDatabase;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.MatcherRule;
import org.jooq.meta.jaxb.MatcherTransformType;
import org.jooq.meta.jaxb.Matchers;
import org.jooq.meta.jaxb.MatchersTableType;
import org.jooq.meta.jaxb.Strategy;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classes this plugin generates from its embedded throwaway database are the classes a user gets today from
 * Flyway migrating a server and jooq-codegen-maven reading it over JDBC: same files, same bytes. The plugin runs
 * {@link IndexedJavaGenerator} where the user's run jOOQ's own generator, so this also pins that class to jOOQ's.
 */
class JooqCodegenEquivalenceTest {

    private static final String PACKAGE = "com.example.db";

    @TempDir
    Path project;

    @Test
    void marquezGivesTheSameClassesAsFlywayPlusJooqCodegenOverJdbc() throws Exception {
        Path marquez = Path.of(System.getProperty("corpora.dir"), "marquez").toAbsolutePath();
        assertTrue(assertSameClassesAsTheUsualWay(marquez, Generator::new) > 50, "Marquez has dozens of tables");
    }

    /**
     * Types jOOQ finds by name, where {@link IndexedJavaGenerator}'s index stands in for jOOQ's scans: enums, domains,
     * composite types, tables used as types, arrays of each, names one letter or one case apart.
     */
    @Test
    void typesFoundByNameGiveTheSameClassesAsFlywayPlusJooqCodegenOverJdbc() throws Exception {
        Path types = Path.of(getClass().getResource("/codegen-types").toURI());
        assertTrue(
                assertSameClassesAsTheUsualWay(types, Generator::new) > 15, "tables, records, enums, UDTs, routines");
    }

    /** The same with every kind of class a strategy names (POJOs, interfaces, DAOs), and names from matchers. */
    @Test
    void everyKindOfClassWithMatcherNamesGivesTheSameClassesAsFlywayPlusJooqCodegenOverJdbc() throws Exception {
        Path types = Path.of(getClass().getResource("/codegen-types").toURI());
        Supplier<Generator> pojosDaosAndMatchers = () -> new Generator()
                .withGenerate(new Generate()
                        .withPojos(true)
                        .withInterfaces(true)
                        .withDaos(true)
                        .withFluentSetters(true))
                .withStrategy(new Strategy()
                        .withMatchers(new Matchers()
                                .withTables(new MatchersTableType()
                                        .withExpression(".*")
                                        .withTableClass(new MatcherRule()
                                                .withTransform(MatcherTransformType.PASCAL)
                                                .withExpression("T_$0"))
                                        .withPojoClass(new MatcherRule()
                                                .withTransform(MatcherTransformType.PASCAL)
                                                .withExpression("$0_Row")))));
        assertTrue(assertSameClassesAsTheUsualWay(types, pojosDaosAndMatchers) > 25, "POJOs, interfaces and DAOs");
    }

    /**
     * Generates both ways from the user's {@code <generator>} (a new one each time: jOOQ changes what it is given),
     * asserts equal files and bytes, and returns how many files there are.
     */
    private int assertSameClassesAsTheUsualWay(Path migrations, Supplier<Generator> user) throws Exception {
        Path reference = project.resolve("reference");
        generateTheUsualWay(migrations, user.get(), reference);

        CodegenWorkflow.generate(
                inputs(migrations, user.get()),
                new ThrowawayDatabase(null, TestPostgres::settings, project.resolve("target/migrate")),
                false,
                new CapturingLog());

        var expected = CodegenWorkflowTest.contents(reference);
        var actual = CodegenWorkflowTest.contents(project.resolve("target/generated-sources/jooq"));
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach(
                (file, bytes) -> assertEquals(new String(bytes), new String(actual.get(file)), file.toString()));
        return expected.size();
    }

    /** flyway migrate on a server, then jOOQ's GenerationTool with a {@code <jdbc>} configuration. */
    private static void generateTheUsualWay(Path migrations, Generator user, Path output) throws Exception {
        String url = TestPostgres.server().jdbcUrl(TestPostgres.newDatabase());
        FluentConfiguration flyway = Flyway.configure()
                .dataSource(url, null, null)
                .locations("filesystem:" + migrations)
                .loggers("slf4j");
        // the setting Marquez's CREATE INDEX CONCURRENTLY needs with any Flyway client
        flyway.getPluginRegister()
                .getExact(PostgreSQLConfigurationExtension.class)
                .setTransactionalLock(false);
        flyway.load().migrate();
        GenerationTool.generate(new Configuration()
                .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(url))
                .withGenerator(user.withDatabase(new Database()
                                .withName("org.jooq.meta.postgres.PostgresDatabase")
                                .withInputSchema("public")
                                .withExcludes("flyway_schema_history"))
                        .withTarget(new Target().withPackageName(PACKAGE).withDirectory(output.toString()))));
    }

    private CodegenInputs inputs(Path migrations, Generator user) {
        MigrationSettings settings = TestMigrations.in(migrations);
        CodegenSettings codegen = new CodegenSettings(
                user,
                List.of(),
                CodegenSettings.DEFAULT_HISTORY_TABLE,
                project,
                Path.of("target/generated-sources/jooq"),
                "com.example");
        return new CodegenInputs(
                settings, codegen, "test", "17.6.0", project.resolve("target/migrate/codegen.fingerprint"));
    }
}
