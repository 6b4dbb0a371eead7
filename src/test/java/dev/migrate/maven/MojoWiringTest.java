package dev.migrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.codegen.CodegenInputs;
import dev.migrate.codegen.JooqConfiguration;
import dev.migrate.connection.ConnectionSettings;
import dev.migrate.database.OpenDatabase;
import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.Migrator;
import dev.migrate.preload.LibraryLoader;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.flywaydb.core.Flyway;
import org.jooq.meta.jaxb.Generator;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/**
 * The Mojos as Maven builds them from a POM: each parameter reaches the core, and {@code execute()} skips, translates
 * user mistakes and environment failures, and masks secrets. Databases are real (the tests' shared server).
 */
@MojoTest
class MojoWiringTest {

    @Test
    @InjectMojo(goal = "info", pom = "src/test/resources/unit/full-config/pom.xml")
    void everyPomParameterOfATargetGoalReachesTheCore(InfoMojo mojo) throws Exception {
        useProjectWithBuildDirectory(mojo);
        AbstractMigrateMojo.GoalContext context = context(mojo);
        MigrationSettings settings = mojo.migrationSettings(context);

        assertEquals(
                new ConnectionSettings("jdbc:postgresql://db.example:5432/shop", "shop_owner", "pom-password"),
                mojo.targetDatabase(context).server());
        assertEquals(List.of("shop", "audit"), settings.schemas());
        assertTrue(
                settings.locations().get(0).matches("filesystem:/.*/db/main"),
                settings.locations().get(0));
        assertEquals("classpath:db/extra", settings.locations().get(1));
        assertEquals(Map.of("tenant", "acme"), settings.placeholders());
        assertEquals(Map.of("outOfOrder", "true", "table", "schema_history"), settings.flywayProperties());
        assertEquals("7", settings.target());
        assertTrue(mojo.targetDatabase(context).developmentDirectory().endsWith("custom-devdb"));
    }

    @Test
    @InjectMojo(goal = "info", pom = "src/test/resources/unit/full-config/pom.xml")
    void aTargetGoalReadsTheTargetParameters(InfoMojo info) {
        assertEquals(fullConfigTarget(), info.targetParameters());
    }

    @Test
    @InjectMojo(goal = "upgrade", pom = "src/test/resources/unit/full-config/pom.xml")
    void upgradeReadsTheTargetParametersAsEveryTargetGoalDoes(UpgradeMojo upgrade) {
        assertEquals(fullConfigTarget(), upgrade.targetParameters());
    }

    private static MavenConfiguration.TargetParameters fullConfigTarget() {
        return new MavenConfiguration.TargetParameters(
                new MavenConfiguration.ServerParameters(
                        ServerRole.TARGET,
                        "jdbc:postgresql://db.example:5432/shop",
                        "shop_owner",
                        "pom-password",
                        null),
                new File(MojoExtension.getBasedir(), "target/custom-devdb").toPath(),
                300,
                60);
    }

    @Test
    @InjectMojo(goal = "info", pom = "src/test/resources/unit/minimal/pom.xml")
    void defaultsNeedNoConfiguration(InfoMojo mojo) throws Exception {
        useProjectWithBuildDirectory(mojo);
        AbstractMigrateMojo.GoalContext context = context(mojo);
        MigrationSettings settings = mojo.migrationSettings(context);

        assertNull(mojo.targetDatabase(context).server(), "no url means the embedded development database");
        assertEquals(List.of(), settings.schemas());
        assertEquals(1, settings.locations().size());
        assertTrue(settings.locations().get(0).endsWith("/src/main/resources/db/migration"));
        assertEquals(Map.of(), settings.placeholders());
        assertNull(settings.target());
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/resources/unit/generate-config/pom.xml")
    // the harness's session has no local repository, where the shared cache would be
    @MojoParameter(name = "generatedCache", value = "false")
    void generatorAndCodegenParametersReachTheCore(GenerateMojo mojo) throws Exception {
        MavenProject project = useProjectWithBuildDirectory(mojo);
        // Maven hands <generator> over as the POM has it; expressions the POM's interpolation left are evaluated
        project.getProperties().setProperty("shop.tables", "orders & users");
        Mockito.when(mojo.session().getCurrentProject()).thenReturn(project);
        AbstractMigrateMojo.GoalContext context = context(mojo);
        CodegenInputs inputs = mojo.codegenInputs(context);
        Generator generator = JooqConfiguration.effectiveGenerator(inputs.codegen());

        assertTrue(
                inputs.codegen().outputDirectory().endsWith("target/jooq-out"),
                inputs.codegen().outputDirectory().toString());
        assertEquals("com.example.shop_app.db", generator.getTarget().getPackageName());
        assertEquals(
                "org.jooq.meta.postgres.PostgresDatabase",
                generator.getDatabase().getName());
        assertEquals("shop", generator.getDatabase().getInputSchema());
        // what the user configured is kept verbatim: their excludes replace the default one of the history table
        assertEquals("audit_.*", generator.getDatabase().getExcludes());
        assertEquals("shop-app_.*|orders & users", generator.getDatabase().getIncludes());
        assertTrue(generator.getGenerate().isPojos());
        assertEquals("16.10.0", inputs.postgresVersion());
        assertTrue(mojo.secrets(context.maven()).contains("codegen-password"));
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/resources/unit/generate-config/pom.xml")
    @MojoParameter(name = "skip", value = "true")
    void skippingEveryGoalKeepsTheGeneratedClassesACompileSourceRoot(GenerateMojo mojo) throws Exception {
        assertTheOutputIsTheOneSourceRootAfterExecuting(mojo);
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/resources/unit/generate-config/pom.xml")
    @MojoParameter(name = "skipGenerate", value = "true")
    void skippingGenerationKeepsTheGeneratedClassesACompileSourceRoot(GenerateMojo mojo) throws Exception {
        assertTheOutputIsTheOneSourceRootAfterExecuting(mojo);
    }

    private static void assertTheOutputIsTheOneSourceRootAfterExecuting(GenerateMojo mojo) throws Exception {
        MavenProject project = useProjectWithBuildDirectory(mojo);

        mojo.execute();

        assertEquals(
                List.of(new File(MojoExtension.getBasedir(), "target/jooq-out").getAbsolutePath()),
                project.getCompileSourceRoots());
    }

    @Test
    @InjectMojo(goal = "info", pom = "src/test/resources/unit/minimal/pom.xml")
    @MojoParameter(name = "format", value = "xml")
    void aUserMistakeFailsTheBuildNamingTheParameter(InfoMojo mojo) throws Exception {
        useProjectWithBuildDirectory(mojo);

        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(failure.getMessage().startsWith("<format> (-Dmigrate.info.format) is 'xml'"), failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "info", pom = "src/test/resources/unit/with-migrations/pom.xml")
    void aServerThatRefusesConnectionsIsAnEnvironmentFailureWithItsCause(InfoMojo mojo) throws Exception {
        useProjectWithBuildDirectory(mojo);
        String closed = TestPostgres.newDatabase();
        TestPostgres.execute(
                TestPostgres.server().dataSource(EmbeddedServer.DEFAULT_DATABASE),
                "ALTER DATABASE " + closed + " ALLOW_CONNECTIONS false");
        mojo.environment = Map.of("MIGRATE_URL", url(closed), "MIGRATE_USER", "postgres")::get;

        MojoExecutionException failure = assertThrows(MojoExecutionException.class, mojo::execute);

        assertTrue(failure.getMessage().contains("55000"), failure.getMessage());
        assertTrue(failure.getCause().getCause() instanceof java.sql.SQLException, String.valueOf(failure.getCause()));
    }

    @Test
    @InjectMojo(goal = "info", pom = "src/test/resources/unit/with-migrations/pom.xml")
    void aPasswordInAFailureMessageIsMasked(InfoMojo mojo) throws Exception {
        useProjectWithBuildDirectory(mojo);
        // the server names the database it cannot find, here spelt like the password
        mojo.environment = Map.of(
                "MIGRATE_URL", url(TestPostgres.PASSWORD),
                "MIGRATE_USER", TestPostgres.PASSWORD_USER,
                "MIGRATE_PASSWORD", TestPostgres.PASSWORD)::get;

        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);

        assertFalse(failure.getMessage().contains(TestPostgres.PASSWORD), failure.getMessage());
        assertTrue(failure.getMessage().contains("\"******\" does not exist"), failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "downgrade", pom = "src/test/resources/unit/downgrade/pom.xml")
    @MojoParameter(name = "target", value = "4")
    void downgradeUndoesTheVersionsAboveTheTargetOnTheConfiguredServer(DowngradeMojo mojo) throws Exception {
        useProjectWithBuildDirectory(mojo);
        String database = TestPostgres.newDatabase();
        Path corpus = Path.of(MojoExtension.getBasedir(), "src/test/resources/undo/corpus");
        try (OpenDatabase migrated = OpenDatabase.server(new ConnectionSettings(url(database), "postgres", null))) {
            Migrator.upgrade(migrated, TestMigrations.in(corpus), new CapturingLog());
        }
        mojo.environment = Map.of("MIGRATE_URL", url(database), "MIGRATE_USER", "postgres")::get;

        mojo.execute();

        Flyway flyway = Flyway.configure()
                .dataSource(TestPostgres.server().dataSource(database))
                .locations("filesystem:" + corpus)
                .load();
        assertEquals("4", flyway.info().current().getVersion().getVersion());
        assertEquals(3, flyway.info().pending().length);
    }

    @Test
    @InjectMojo(goal = "downgrade", pom = "src/test/resources/unit/downgrade/pom.xml")
    void downgradeWithoutATargetFailsNamingTheParameter(DowngradeMojo mojo) throws Exception {
        useProjectWithBuildDirectory(mojo);
        mojo.environment = Map.of("MIGRATE_URL", url(TestPostgres.newDatabase()), "MIGRATE_USER", "postgres")::get;

        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(failure.getMessage().contains("-Dmigrate.target"), failure.getMessage());
    }

    private static String url(String database) {
        return "jdbc:postgresql://localhost:" + TestPostgres.server().port() + "/" + database;
    }

    private static AbstractMigrateMojo.GoalContext context(AbstractMigrateMojo mojo) {
        return new AbstractMigrateMojo.GoalContext(
                new CapturingLog(),
                MojoWiringTest.class.getClassLoader(),
                mojo.configuration(),
                LibraryLoader.ON_CLASS_PATH);
    }

    /** The harness's project is a stand-in without a build section; the goals need the build directory. */
    private static MavenProject useProjectWithBuildDirectory(AbstractMigrateMojo mojo) throws Exception {
        MavenProject project = new MavenProject();
        project.setGroupId("com.example.shop-app");
        project.setArtifactId("shop-app");
        project.setFile(new File(MojoExtension.getBasedir(), "pom.xml").getAbsoluteFile());
        project.getBuild().setDirectory(new File(MojoExtension.getBasedir(), "target").getAbsolutePath());
        project.getBuild().setOutputDirectory(new File(MojoExtension.getBasedir(), "target/classes").getAbsolutePath());
        MojoExtension.setVariableValueToObject(mojo, "project", project);
        return project;
    }
}
