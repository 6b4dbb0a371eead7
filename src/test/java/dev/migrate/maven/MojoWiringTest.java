package dev.migrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.codegen.CodegenJvm;
import dev.migrate.codegen.worker.CodegenWorkerClient;
import dev.migrate.connection.ConnectionSettings;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.testing.CapturingLog;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;

@MojoTest
class MojoWiringTest {

    @Test
    @InjectMojo(goal = "upgrade", pom = "src/test/resources/unit/full-config/pom.xml")
    void everyPomParameterReachesTheCore(UpgradeMojo mojo) {
        ConnectionSettings server = mojo.targetDatabase().server();
        MigrationSettings settings = mojo.migrationSettings(getClass().getClassLoader());

        assertEquals(
                new ConnectionSettings("jdbc:postgresql://db.example:5432/shop", "shop_owner", "pom-password"), server);
        assertEquals(List.of("shop", "audit"), settings.schemas());
        assertEquals(2, settings.locations().size());
        assertEquals(
                true,
                settings.locations().get(0).matches("filesystem:/.*/db/main"),
                settings.locations().get(0));
        assertEquals("classpath:db/extra", settings.locations().get(1));
        assertEquals(Map.of("tenant", "acme"), settings.placeholders());
        assertEquals(Map.of("outOfOrder", "true", "table", "schema_history"), settings.flywayProperties());
        assertEquals("7", settings.target());
    }

    @Test
    @InjectMojo(goal = "info", pom = "src/test/resources/unit/minimal/pom.xml")
    void defaultsNeedNoConfiguration(InfoMojo mojo) {
        MigrationSettings settings = mojo.migrationSettings(getClass().getClassLoader());

        assertNull(mojo.targetDatabase().server(), "no url means the embedded development database");
        assertEquals(List.of(), settings.schemas());
        assertEquals(1, settings.locations().size());
        assertEquals(true, settings.locations().get(0).endsWith("/src/main/resources/db/migration"));
        assertEquals(Map.of(), settings.placeholders());
        assertNull(settings.target());
    }

    @Test
    @InjectMojo(goal = "upgrade", pom = "src/test/resources/unit/full-config/pom.xml")
    void commandLinePropertiesAddAndOverrideMapEntriesAndThePassword(UpgradeMojo mojo) throws Exception {
        MavenSession session = (MavenSession) MojoExtension.getVariableValueFromObject(mojo, "session");
        session.getUserProperties().setProperty("migrate.placeholders.tenant", "globex");
        session.getUserProperties().setProperty("migrate.placeholders.region", "emea");
        session.getUserProperties().setProperty("migrate.flyway.outOfOrder", "false");
        session.getUserProperties().setProperty("migrate.password", "cli-password");

        MigrationSettings settings = mojo.migrationSettings(getClass().getClassLoader());

        assertEquals(Map.of("tenant", "globex", "region", "emea"), settings.placeholders());
        assertEquals("false", settings.flywayProperties().get("outOfOrder"));
        assertEquals("cli-password", mojo.targetDatabase().server().password());
    }

    @Test
    @InjectMojo(goal = "upgrade", pom = "src/test/resources/unit/minimal/pom.xml")
    void environmentVariablesSupplyUrlAndCredentials(UpgradeMojo mojo) {
        Map<String, String> environment = Map.of(
                "MIGRATE_URL",
                "jdbc:postgresql://env/db",
                "MIGRATE_USER",
                "env_user",
                "MIGRATE_PASSWORD",
                "env-password");
        mojo.environment = environment::get;

        assertEquals(
                new ConnectionSettings("jdbc:postgresql://env/db", "env_user", "env-password"),
                mojo.targetDatabase().server());
        assertTrue(mojo.knownSecrets().contains("env-password"));
    }

    @Test
    @InjectMojo(goal = "upgrade", pom = "src/test/resources/unit/minimal/pom.xml")
    void serverIdReadsTheSettingsServerAndRejectsCredentialsGivenTwice(UpgradeMojo mojo) throws Exception {
        Server server = new Server();
        server.setId("shop-db");
        server.setUsername("settings_user");
        server.setPassword("settings-password");
        Settings settings = new Settings();
        settings.addServer(server);
        MojoExtension.setVariableValueToObject(mojo, "settings", settings);
        MojoExtension.setVariableValueToObject(mojo, "url", "jdbc:postgresql://db/shop");
        MojoExtension.setVariableValueToObject(mojo, "serverId", "shop-db");

        assertEquals(
                new ConnectionSettings("jdbc:postgresql://db/shop", "settings_user", "settings-password"),
                mojo.targetDatabase().server());
        assertTrue(mojo.knownSecrets().contains("settings-password"));

        MojoExtension.setVariableValueToObject(mojo, "user", "pom_user");
        UserMistakeException twice = assertThrows(UserMistakeException.class, mojo::targetDatabase);
        assertTrue(twice.getMessage().startsWith("Credentials are given twice"), twice.getMessage());

        MojoExtension.setVariableValueToObject(mojo, "user", null);
        MojoExtension.setVariableValueToObject(mojo, "serverId", "unknown-db");
        UserMistakeException unknown = assertThrows(UserMistakeException.class, mojo::targetDatabase);
        assertTrue(unknown.getMessage().contains("settings.xml has no <server> with that <id>"), unknown.getMessage());
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/resources/unit/generate-config/pom.xml")
    void generatorAndCodegenParametersReachTheCore(GenerateMojo mojo) throws Exception {
        useProjectWithBuildDirectory(mojo);
        AbstractMigrateMojo.GoalContext context = new AbstractMigrateMojo.GoalContext(
                new CapturingLog(), getClass().getClassLoader());
        dev.migrate.codegen.CodegenInputs inputs = mojo.codegenInputs(context);
        org.jooq.meta.jaxb.Generator generator = inputs.codegen().effectiveGenerator();

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
        assertTrue(generator.getGenerate().isPojos());
        assertEquals("16.10.0", inputs.postgresVersion());
        assertEquals(true, MojoExtension.getVariableValueFromObject(mojo, "force"));
        assertTrue(mojo.knownSecrets().contains("codegen-password"));

        // the codegen worker: on for a developer, off on CI unless configured, and its idle time from the POM
        mojo.environment = Map.<String, String>of()::get;
        assertEquals(
                Duration.ofMinutes(7),
                ((CodegenWorkerClient) mojo.codegenInputs(context).codegenJvm()).idleTimeout());
        mojo.environment = Map.of("CI", "true")::get;
        assertEquals(CodegenJvm.IN_PROCESS, mojo.codegenInputs(context).codegenJvm());
        MojoExtension.setVariableValueToObject(mojo, "worker", true);
        assertTrue(mojo.codegenInputs(context).codegenJvm() instanceof CodegenWorkerClient);
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/resources/unit/generate-config/pom.xml")
    void everySkipKeepsTheGeneratedClassesACompileSourceRoot(GenerateMojo mojo) throws Exception {
        MavenProject project = useProjectWithBuildDirectory(mojo);
        MojoExtension.setVariableValueToObject(mojo, "skip", true);

        mojo.execute();

        assertEquals(
                List.of(new File(MojoExtension.getBasedir(), "target/jooq-out").getAbsolutePath()),
                project.getCompileSourceRoots());

        project = useProjectWithBuildDirectory(mojo);
        MojoExtension.setVariableValueToObject(mojo, "skip", false);
        MojoExtension.setVariableValueToObject(mojo, "skipGenerate", true);

        mojo.execute();

        assertEquals(
                List.of(new File(MojoExtension.getBasedir(), "target/jooq-out").getAbsolutePath()),
                project.getCompileSourceRoots());
    }

    /** The harness's project is a stand-in without a build section; the goals need the build directory. */
    private static MavenProject useProjectWithBuildDirectory(AbstractMigrateMojo mojo) throws Exception {
        MavenProject project = new MavenProject();
        project.setGroupId("com.example.shop-app");
        project.setFile(new File(MojoExtension.getBasedir(), "pom.xml").getAbsoluteFile());
        project.getBuild().setDirectory(new File(MojoExtension.getBasedir(), "target").getAbsolutePath());
        project.getBuild().setOutputDirectory(new File(MojoExtension.getBasedir(), "target/classes").getAbsolutePath());
        MojoExtension.setVariableValueToObject(mojo, "project", project);
        return project;
    }
}
