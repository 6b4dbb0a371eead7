package dev.migrate.maven;

import java.util.Arrays;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.model.PluginManagement;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Whether Flyway needs Jackson anywhere in the build ({@link PluginLibraries}): Flyway reads the settings of its
 * configuration extensions ({@code postgresql.transactional.lock}) with Jackson, and decides once per realm whether
 * Jackson is there, so every module that runs the plugin is asked before the first of them starts Flyway. Those
 * settings have a dot in their name, as in {@code <flyway><postgresql.transactional.lock>} or
 * {@code -Dmigrate.flyway.postgresql.transactional.lock}; so do a few of Flyway's own ({@code placeholders.x}), for
 * which Jackson is loaded without need, which costs time only.
 */
final class JacksonNeed {

    private static final String FLYWAY_PARAMETER = "flyway";

    private JacksonNeed() {}

    /**
     * Whether a module of {@code session} gives the plugin ({@code groupId:artifactId}) such a setting, in its
     * configuration, an execution's or the plugin management's, or a property does.
     */
    static boolean forFlyway(MavenSession session, String pluginKey) {
        return session.getProjects().stream().anyMatch(project -> configuresExtension(project, pluginKey))
                || dottedProperty(session.getUserProperties())
                || dottedProperty(session.getSystemProperties());
    }

    private static boolean configuresExtension(MavenProject project, String pluginKey) {
        PluginManagement management = project.getPluginManagement();
        return Stream.of(
                        project.getPlugin(pluginKey),
                        management == null ? null : management.getPluginsAsMap().get(pluginKey))
                .filter(Objects::nonNull)
                .flatMap(JacksonNeed::configurations)
                .anyMatch(JacksonNeed::hasDottedFlywaySetting);
    }

    private static Stream<Object> configurations(Plugin plugin) {
        return Stream.concat(
                Stream.of(plugin.getConfiguration()),
                plugin.getExecutions().stream().map(PluginExecution::getConfiguration));
    }

    private static boolean hasDottedFlywaySetting(Object configuration) {
        Xpp3Dom flyway = configuration instanceof Xpp3Dom dom ? dom.getChild(FLYWAY_PARAMETER) : null;
        return flyway != null
                && Arrays.stream(flyway.getChildren())
                        .anyMatch(setting -> setting.getName().contains("."));
    }

    private static boolean dottedProperty(Properties properties) {
        return properties.stringPropertyNames().stream()
                .anyMatch(name -> name.startsWith(PropertyNames.FLYWAY_PREFIX)
                        && name.indexOf('.', PropertyNames.FLYWAY_PREFIX.length()) >= 0);
    }
}
