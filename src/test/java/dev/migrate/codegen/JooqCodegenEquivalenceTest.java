package dev.migrate.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.database.ThrowawayDatabase;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Jdbc;
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
    /** The {@code <generator>} of a user who configures nothing but the element itself. */
    private static final String EMPTY = "<generator></generator>";

    @TempDir
    Path project;

    @Test
    void marquezGivesTheSameClassesAsFlywayPlusJooqCodegenOverJdbc() throws Exception {
        Path marquez = Path.of(System.getProperty("corpora.dir"), "marquez").toAbsolutePath();
        assertTrue(assertSameClassesAsTheUsualWay(marquez, EMPTY) > 50, "Marquez has dozens of tables");
    }

    /**
     * Types jOOQ finds by name, where {@link IndexedJavaGenerator}'s index stands in for jOOQ's scans: enums, domains,
     * composite types, tables used as types, arrays of each, names one letter or one case apart.
     */
    @Test
    void typesFoundByNameGiveTheSameClassesAsFlywayPlusJooqCodegenOverJdbc() throws Exception {
        Path types = Path.of(getClass().getResource("/codegen-types").toURI());
        assertTrue(assertSameClassesAsTheUsualWay(types, EMPTY) > 15, "tables, records, enums, UDTs, routines");
    }

    /** The same with every kind of class a strategy names (POJOs, interfaces, DAOs), and names from matchers. */
    @Test
    void everyKindOfClassWithMatcherNamesGivesTheSameClassesAsFlywayPlusJooqCodegenOverJdbc() throws Exception {
        Path types = Path.of(getClass().getResource("/codegen-types").toURI());
        String pojosDaosAndMatchers = "<generator>"
                + "<generate><pojos>true</pojos><interfaces>true</interfaces><daos>true</daos>"
                + "<fluentSetters>true</fluentSetters></generate>"
                + "<strategy><matchers><tables><table><expression>.*</expression>"
                + "<tableClass><transform>PASCAL</transform><expression>T_$0</expression></tableClass>"
                + "<pojoClass><transform>PASCAL</transform><expression>$0_Row</expression></pojoClass>"
                + "</table></tables></matchers></strategy>"
                + "</generator>";
        assertTrue(assertSameClassesAsTheUsualWay(types, pojosDaosAndMatchers) > 25, "POJOs, interfaces and DAOs");
    }

    /**
     * Generates both ways from the user's {@code <generator>} XML, read by jooq-codegen-maven's way (jOOQ's own
     * loader) and by the plugin's, asserts equal files and bytes, and returns how many files there are.
     */
    private int assertSameClassesAsTheUsualWay(Path migrations, String user) throws Exception {
        Path reference = project.resolve("reference");
        generateTheUsualWay(migrations, user, reference);

        CodegenWorkflow.generate(
                inputs(migrations, user),
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
    private static void generateTheUsualWay(Path migrations, String user, Path output) throws Exception {
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
                .withGenerator(GenerationTool.load(new ByteArrayInputStream(
                                ("<configuration>" + user + "</configuration>").getBytes(StandardCharsets.UTF_8)))
                        .getGenerator()
                        .withDatabase(new Database()
                                .withName("org.jooq.meta.postgres.PostgresDatabase")
                                .withInputSchema("public")
                                .withExcludes("flyway_schema_history"))
                        .withTarget(new Target().withPackageName(PACKAGE).withDirectory(output.toString()))));
    }

    private CodegenInputs inputs(Path migrations, String user) {
        MigrationSettings settings = TestMigrations.in(migrations);
        CodegenSettings codegen = new CodegenSettings(
                new GeneratorXml(user),
                List.of(),
                CodegenSettings.DEFAULT_HISTORY_TABLE,
                project,
                Path.of("target/generated-sources/jooq"),
                "com.example");
        return new CodegenInputs(
                settings, codegen, "test", "17.6.0", project.resolve("target/migrate/codegen.fingerprint"));
    }
}
