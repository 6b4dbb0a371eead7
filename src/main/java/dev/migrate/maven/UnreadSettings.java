package dev.migrate.maven;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The warnings about settings the running goal does not read: {@code -Dmigrate.*} typos and properties of other goals
 * ({@link UnknownProperties}), and POM parameters that mean something else to this goal than the user may think
 * ({@code <target>} to {@code offline-sql}, whose script ends at {@code <to>}). Each warning once per build, however
 * many modules run the goal.
 */
final class UnreadSettings {

    /** The warnings already given in a build (keyed by its request), so that each module does not repeat them. */
    private static final Map<Object, Set<String>> WARNED_PER_BUILD = Collections.synchronizedMap(new WeakHashMap<>());

    /** Per goal: a parameter it does not read that users give it, and the one that does what they meant. */
    private static final Map<String, Map<String, String>> MEANT_INSTEAD = Map.of(
            "offline-sql", Map.of("target", "to"),
            "upgrade", Map.of("to", "target"),
            "info", Map.of("to", "target"));

    private final MavenSession session;
    private final MojoExecution execution;
    private final MavenProject project;

    UnreadSettings(MavenSession session, MojoExecution execution, MavenProject project) {
        this.session = session;
        this.execution = execution;
        this.project = project;
    }

    /** The warnings not given yet in this build. */
    List<String> warnings() {
        Set<String> warned = WARNED_PER_BUILD.computeIfAbsent(session.getRequest(), b -> ConcurrentHashMap.newKeySet());
        List<String> all = new ArrayList<>(unreadProperties());
        all.addAll(misplacedParameters());
        return all.stream().filter(warned::add).toList();
    }

    private List<String> unreadProperties() {
        Set<String> given = new HashSet<>(session.getUserProperties().stringPropertyNames());
        given.addAll(session.getSystemProperties().stringPropertyNames());
        given.removeIf(name -> !name.startsWith(UnknownProperties.PREFIX));
        if (given.isEmpty()) {
            return List.of(); // the usual build: no goal's parameters to walk
        }
        MojoDescriptor running = execution.getMojoDescriptor();
        List<UnknownProperties.PluginGoal> goals = running.getPluginDescriptor().getMojos().stream()
                .map(mojo -> new UnknownProperties.PluginGoal(mojo.getGoal(), propertiesReadBy(mojo)))
                .toList();
        boolean typed = execution.getSource() == MojoExecution.Source.CLI;
        return UnknownProperties.warnings(running.getGoal(), given, propertiesReadBy(running), goals, typed);
    }

    /** The {@code -D} properties a goal reads: those of its parameters, as the plugin descriptor gives them. */
    private static Set<String> propertiesReadBy(MojoDescriptor mojo) {
        Set<String> properties = new HashSet<>(PropertyNames.READ_BY_THE_PLUGIN);
        for (org.apache.maven.plugin.descriptor.Parameter parameter : mojo.getParameters()) {
            String expression = parameter.getExpression();
            if (expression != null && expression.startsWith("${") && expression.endsWith("}")) {
                properties.add(expression.substring(2, expression.length() - 1));
            }
        }
        return properties;
    }

    private List<String> misplacedParameters() {
        String goal = execution.getMojoDescriptor().getGoal();
        Map<String, String> meant = MEANT_INSTEAD.getOrDefault(goal, Map.of());
        Set<String> configured = configuredParameterNames();
        return meant.entrySet().stream()
                .filter(entry -> configured.contains(entry.getKey()))
                .map(entry -> "<" + entry.getKey() + "> means nothing to migrate:" + goal + " and is ignored; use <"
                        + entry.getValue() + "> (-Dmigrate." + entry.getValue() + ") there.")
                .sorted()
                .toList();
    }

    /** The parameter names the POM gives this plugin, for all its goals or for this execution. */
    private Set<String> configuredParameterNames() {
        Set<String> names = new HashSet<>();
        Plugin plugin =
                project == null ? null : project.getPlugin(execution.getGroupId() + ":" + execution.getArtifactId());
        if (plugin == null) {
            return names;
        }
        addChildNames(plugin.getConfiguration(), names);
        PluginExecution pluginExecution = plugin.getExecutionsAsMap().get(execution.getExecutionId());
        if (pluginExecution != null) {
            addChildNames(pluginExecution.getConfiguration(), names);
        }
        return names;
    }

    private static void addChildNames(Object configuration, Set<String> names) {
        if (configuration instanceof Xpp3Dom dom) {
            for (Xpp3Dom child : dom.getChildren()) {
                names.add(child.getName());
            }
        }
    }
}
