package dev.migrate.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Arrays;
import java.util.Properties;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.model.PluginManagement;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

class JacksonNeedTest {

    private static final String PLUGIN = "dev.migrate:migrate-maven-plugin";
    private static final String EXTENSION_SETTING =
            "<configuration><flyway><postgresql.transactional.lock>false</postgresql.transactional.lock></flyway>"
                    + "</configuration>";
    private static final String CORE_SETTING = "<configuration><flyway><outOfOrder>true</outOfOrder></flyway>"
            + "<placeholders><a.b>c</a.b></placeholders></configuration>";

    @Test
    void flywaysOwnSettingsAndDottedPlaceholdersNeedNoJackson() throws Exception {
        assertFalse(JacksonNeed.forFlyway(session(new Properties(), project(plugin(CORE_SETTING))), PLUGIN));
    }

    @Test
    void anExtensionSettingOfAnyModuleNeedsItForTheWholeBuild() throws Exception {
        MavenSession build =
                session(new Properties(), project(plugin(CORE_SETTING)), project(plugin(EXTENSION_SETTING)));

        assertTrue(JacksonNeed.forFlyway(build, PLUGIN));
    }

    @Test
    void anExtensionSettingOfAnExecutionOrOfThePluginManagementNeedsIt() throws Exception {
        Plugin inExecution = plugin(null);
        PluginExecution execution = new PluginExecution();
        execution.setConfiguration(dom(EXTENSION_SETTING));
        inExecution.addExecution(execution);
        MavenProject managed = project();
        managed.getModel().getBuild().setPluginManagement(new PluginManagement());
        managed.getModel().getBuild().getPluginManagement().addPlugin(plugin(EXTENSION_SETTING));

        assertTrue(JacksonNeed.forFlyway(session(new Properties(), project(inExecution)), PLUGIN));
        assertTrue(JacksonNeed.forFlyway(session(new Properties(), managed), PLUGIN));
    }

    @Test
    void anExtensionSettingAsAPropertyNeedsItAndAFlywaySettingDoesNot() throws Exception {
        Properties extension = new Properties();
        extension.setProperty("migrate.flyway.postgresql.transactional.lock", "false");
        Properties core = new Properties();
        core.setProperty("migrate.flyway.outOfOrder", "true");
        core.setProperty("migrate.skip.something.else", "true");

        assertTrue(JacksonNeed.forFlyway(session(extension, project()), PLUGIN));
        assertFalse(JacksonNeed.forFlyway(session(core, project()), PLUGIN));
    }

    @Test
    void anotherPluginsFlywaySettingsAreNotTheBuildsConcern() throws Exception {
        Plugin other = plugin(EXTENSION_SETTING);
        other.setArtifactId("flyway-maven-plugin");
        other.setGroupId("org.flywaydb");

        assertFalse(JacksonNeed.forFlyway(session(new Properties(), project(other)), PLUGIN));
    }

    private static MavenSession session(Properties userProperties, MavenProject... projects) {
        MavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setUserProperties(userProperties);
        request.setSystemProperties(new Properties());
        @SuppressWarnings("deprecation")
        MavenSession session = new MavenSession(null, null, request, new DefaultMavenExecutionResult());
        session.setProjects(Arrays.asList(projects));
        return session;
    }

    private static MavenProject project(Plugin... plugins) {
        Model model = new Model();
        model.setBuild(new Build());
        for (Plugin plugin : plugins) {
            model.getBuild().addPlugin(plugin);
        }
        return new MavenProject(model);
    }

    private static Plugin plugin(String configuration) throws Exception {
        Plugin plugin = new Plugin();
        plugin.setGroupId("dev.migrate");
        plugin.setArtifactId("migrate-maven-plugin");
        plugin.setConfiguration(configuration == null ? null : dom(configuration));
        return plugin;
    }

    private static Xpp3Dom dom(String xml) throws Exception {
        return Xpp3DomBuilder.build(new StringReader(xml));
    }
}
